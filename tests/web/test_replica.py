"""The read replica's router: which pages read from it, and that nobody reads their own write from it.

No replica runs here: the ``replica`` database is the test database itself (Django's test mirror), so
every page renders from the same rows; what is checked is where each read is sent. The streaming
replica itself is exercised by ``make topology`` (scripts/topology.py).
"""

from __future__ import annotations

import time

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connections
from django.test import Client, RequestFactory
from django.urls import reverse

from danvan.ops import replica
from danvan.org import clock
from danvan.org.demo import DEMO_PASSWORD
from danvan.org.models import Staff, Unit
from danvan.petitions.models import Petition

BOTH = ["default", "replica"]


@pytest.fixture(scope="module", autouse=True)
def replica_alias(django_db_setup):
    """A ``replica`` database that is the test database under another name, as a test mirror."""
    added = "replica" not in settings.DATABASES
    if added:
        settings.DATABASES["replica"] = {**connections["default"].settings_dict, "TEST": {"MIRROR": "default"}}
        connections.settings["replica"] = settings.DATABASES["replica"]
    # Same connection object: the mirror sees the rows of the test's open transaction.
    connections["replica"] = connections["default"]
    yield
    replica.forget_lag_check()
    if added:
        del connections["replica"]
        connections.settings.pop("replica", None)
        settings.DATABASES.pop("replica", None)


@pytest.fixture(autouse=True)
def _fresh_check():
    replica.forget_lag_check()
    yield
    replica.forget_lag_check()


def request(method="get", path="/bao-cao/", wrote_at=None):
    factory = RequestFactory()
    if wrote_at is not None:
        factory.cookies[replica.COOKIE] = str(wrote_at)
    return getattr(factory, method)(path)


@pytest.mark.django_db(databases=BOTH)
def test_reports_dashboard_exports_and_the_case_list_may_read_from_the_replica():
    for path in (
        "/bao-cao/",
        "/bao-cao/3/tong-hop/",
        "/bang-dieu-hanh/",
        "/don-thu/",
        "/don-thu/xuat.xlsx",
        "/thi-dua/bang-diem/4/xep-hang.xlsx",
        "/danh-muc/units/xuat.csv",
    ):
        assert replica.may_read_replica(request(path=path)), path
    for path in ("/", "/don-thu/12/", "/don-thu/tiep-nhan/", "/viec-nen/", "/dang-nhap/"):
        assert not replica.may_read_replica(request(path=path)), path
    # A form sent to a report page writes: the primary.
    assert not replica.may_read_replica(request("post"))


@pytest.mark.django_db(databases=BOTH)
def test_a_browser_that_wrote_reads_from_the_primary_for_a_short_while():
    now = time.time()
    assert not replica.may_read_replica(request(wrote_at=now - 2), now=now)
    assert replica.may_read_replica(request(wrote_at=now - settings.DANVAN_REPLICA_STICKY_SECONDS - 1), now=now)
    assert replica.may_read_replica(request(wrote_at="not a time"), now=now)


@pytest.mark.django_db(databases=BOTH)
def test_a_replica_too_far_behind_is_not_used_and_checked_again_only_after_a_while(settings):
    assert replica.measure_lag() == 0.0  # the mirror is no standby: nothing to replay
    settings.DANVAN_REPLICA_MAX_LAG = -1  # any lag is too much
    assert not replica.may_read_replica(request())
    replica.forget_lag_check()
    assert not replica.replica_healthy(now=100.0)
    settings.DANVAN_REPLICA_MAX_LAG = 10
    # The last check is reused until DANVAN_REPLICA_CHECK_SECONDS have passed…
    assert not replica.replica_healthy(now=100.0 + settings.DANVAN_REPLICA_CHECK_SECONDS - 1)
    # …then the replica is asked again.
    assert replica.replica_healthy(now=100.0 + settings.DANVAN_REPLICA_CHECK_SECONDS + 1)


def test_within_a_request_reads_after_a_write_go_to_the_primary():
    router = replica.ReplicaRouter()
    state = replica._RequestState(replica_allowed=True)
    token = replica._state.set(state)
    try:
        assert router.db_for_read(Petition) == "replica"
        assert router.db_for_read(Unit) == "replica"
        # The signed-in person and the session always come from the primary.
        assert router.db_for_read(Staff) == "default"
        assert router.db_for_read(Session) == "default"
        # Signing in (the session, the last log-in) starts no read-your-writes window…
        router.db_for_write(Session)
        router.db_for_write(Staff)
        assert router.db_for_read(Petition) == "replica"
        # …a case written does.
        assert router.db_for_write(Petition) == "default"
        assert router.db_for_read(Petition) == "default"
    finally:
        replica._state.reset(token)
    # Outside a request (commands, the worker): the primary.
    assert router.db_for_read(Petition) == "default"
    assert router.allow_migrate("replica", "petitions") is False
    assert router.allow_migrate("default", "petitions") is None


@pytest.mark.django_db(databases=BOTH)
def test_an_officer_sees_the_case_just_filed_and_reads_the_reports_from_the_replica(demo_org, users, client_for):
    from tests.petitions.helpers import field

    client = client_for(users["canbo"])
    # Signing in writes (the last log-in, the audit log) but starts no window on the primary.
    signed_in = Client().post(reverse("login"), {"username": "canbo", "password": DEMO_PASSWORD})
    assert signed_in.status_code == 302 and replica.COOKIE not in signed_in.cookies
    listing = client.get(reverse("petitions:petition_list"))
    assert listing.status_code == 200 and listing["X-Danvan-Read-From"] == "replica"
    assert replica.COOKIE not in listing.cookies
    report = client.get(reverse("reporting:request_list"))
    assert report.status_code == 200 and report["X-Danvan-Read-From"] == "replica"

    response = client.post(
        reverse("petitions:petition_create"),
        {
            "kind": "feedback",
            "field": field().pk,
            "unit": demo_org["tx-thuong-dinh"].pk,
            "channel": "in_person",
            "received_on": clock.today().isoformat(),
            "subject": "Cống thoát nước ngõ 45 bị tắc",
            "content": "Nước tràn ra đường mỗi khi mưa.",
            "nguoi-TOTAL_FORMS": "1",
            "nguoi-INITIAL_FORMS": "0",
            "nguoi-0-full_name": "Đỗ Thị Hoa",
            "nguoi-0-address": "Ngõ 45 Thượng Đình",
            "signers_count": 1,
        },
    )
    assert response.status_code == 302 and Petition.objects.filter(subject__startswith="Cống thoát").exists()
    assert replica.COOKIE in response.cookies

    # The list right after: from the primary, with the new case in it.
    listing = client.get(reverse("petitions:petition_list"))
    assert listing["X-Danvan-Read-From"] == "primary"
    assert "Cống thoát nước ngõ 45 bị tắc" in listing.content.decode()
    # Once the short while is over, the replica again.
    client.cookies[replica.COOKIE] = str(time.time() - settings.DANVAN_REPLICA_STICKY_SECONDS - 1)
    assert client.get(reverse("petitions:petition_list"))["X-Danvan-Read-From"] == "replica"


def _unreachable_replica():
    """A ``replica`` connection to a database that does not answer, as a replica that crashed."""
    from django.db.utils import load_backend

    settings_dict = {**connections["default"].settings_dict}
    if connections["default"].vendor == "postgresql":
        settings_dict.update(HOST="127.0.0.1", PORT="1")  # nothing listens there: connection refused
    else:
        settings_dict.update(NAME="/nonexistent-danvan-dir/replica.sqlite3")  # cannot be opened
    return load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, "replica")


@pytest.mark.django_db(databases=BOTH)
def test_a_replica_that_died_since_its_last_check_costs_no_error_page(users):
    """The replica was fine at the last check (a few seconds ago) and has crashed since: the coordinator's
    report list is read from the primary instead of answering 500, and the replica is left alone."""
    client = Client(raise_request_exception=False)
    client.force_login(users["noivu"])
    connections["replica"] = _unreachable_replica()
    try:
        with replica._lag_lock:
            replica._lag_checked.update(at=time.monotonic(), healthy=True)
        page = client.get(reverse("reporting:request_list"))
        assert page.status_code == 200 and page["X-Danvan-Read-From"] == "primary"
        assert "Báo cáo" in page.content.decode()
        assert not replica.replica_healthy()  # the next requests go straight to the primary
        assert client.get(reverse("reporting:request_list"))["X-Danvan-Read-From"] == "primary"
    finally:
        connections["replica"].close()
        connections["replica"] = connections["default"]
