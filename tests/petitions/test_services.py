from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.org import clock
from danvan.petitions import services
from danvan.petitions.models import Attachment, IdentityAccessLog, Petition, PetitionerIdentity, Status

from .helpers import denunciation, feedback, field, png_upload

pytestmark = pytest.mark.django_db


def test_submit_returns_code_and_secret_and_stores_hash(demo_org):
    sub = feedback(demo_org)
    assert sub.code.startswith("DT") and len(sub.secret) == 10
    p = Petition.objects.get(pk=sub.petition.pk)
    assert sub.secret not in p.secret_hash
    assert p.check_secret(sub.secret) and not p.check_secret("WRONG")
    assert services.find_by_code(sub.code.lower(), sub.secret).pk == p.pk
    assert p.status == Status.RECEIVED and p.triage_due and p.next_due == p.triage_due
    assert p.history.count() == 1


def test_worked_example_complaint_accept_over_tet(demo_org, users):
    sub = services.submit_petition(
        actor=users["canbo"], kind="complaint_first", field=field("dat-dai"), unit=demo_org["tx-thuong-dinh"],
        channel="in_person", received_on=date(2026, 2, 10), subject="Khiếu nại quyết định thu hồi đất",
        content="Khiếu nại quyết định thu hồi đất số 12.", is_signed=True,
        petitioners=[{"full_name": "Lê Văn Khiếu", "address": "Thượng Đình"}])
    assert sub.petition.triage_due == date(2026, 3, 3)
    assert sub.petition.triage_rule.startswith("KN-ACCEPT")


def test_full_flow_accept_close_rate_reopen(demo_org, users):
    canbo = users["canbo"]
    sub = feedback(demo_org)
    p = services.triage(actor=canbo, petition=sub.petition, decision="accept")
    assert p.status == Status.ACCEPTED and p.assigned_to == canbo and p.resolve_due and p.next_due == p.resolve_due
    with pytest.raises(ValidationError, match="minh chứng"):
        services.close(actor=canbo, petition=p, answer="Đã thay bóng đèn.", outcome="fixed")
    p = services.close(actor=canbo, petition=p, answer="Đã thay bóng đèn.", outcome="fixed", evidence=png_upload())
    assert p.status == Status.CLOSED and p.attachments.get().purpose == Attachment.Purpose.EVIDENCE
    r = services.rate(petition=p, secret=sub.secret, score=5, comment="Cảm ơn")
    assert r.score == 5
    with pytest.raises(ValidationError):
        services.rate(petition=p, secret=sub.secret, score=4)
    p = services.request_reopen(petition=p, secret=sub.secret, reason="Đèn lại hỏng")
    assert p.status == Status.VERIFYING and p.reopen_count == 1
    with pytest.raises(ValidationError):
        services.request_reopen(petition=p, secret=sub.secret, reason="Lần nữa")


def test_illegal_transition_refused(demo_org, users):
    sub = feedback(demo_org)
    with pytest.raises(ValidationError, match="Không thể chuyển"):
        services.transition(actor=users["canbo"], petition=sub.petition, to="notified")


def test_other_unit_officer_cannot_handle(demo_org, users):
    sub = feedback(demo_org)
    with pytest.raises(PermissionDenied):
        services.triage(actor=users["canbo2"], petition=sub.petition, decision="accept")


def test_denunciation_extensions_limited(demo_org, users):
    sub = denunciation(demo_org, actor=users["canbo"], is_complex=True)
    p = services.triage(actor=users["canbo"], petition=sub.petition, decision="accept")
    p = services.extend(actor=users["canbo"], petition=p, reason="QĐ gia hạn số 5")
    assert p.extensions == 1
    with pytest.raises(ValidationError):
        services.extend(actor=users["canbo"], petition=p, reason="QĐ gia hạn số 6")
    assert Petition.objects.get(pk=p.pk).extensions == 1


def test_identity_view_logged_and_restricted(demo_org, users):
    sub = denunciation(demo_org, actor=users["canbo"])
    p = sub.petition
    assert p.assigned_to == users["canbo"]
    assert services.identities_for(actor=users["canbo"], petition=p, context="test")
    assert services.identities_for(actor=users["phuong"], petition=p, context="test")
    for name in ("canbo2", "chutich", "kiemtra", "admin", "noivu"):
        assert services.identities_for(actor=users[name], petition=p, context="test") == []
    assert IdentityAccessLog.objects.filter(petition=p).count() == 2


@pytest.mark.parametrize("bad", [
    dict(kind="complaint_first", is_signed=False),
    "tomorrow",  # built in the test: the clock may be moved for the run
    dict(content="<script>alert(1)</script> đèn hỏng"),
    dict(files=[SimpleUploadedFile("virus.pdf", b"MZ\x90\x00" + b"\x00" * 200)]),
])
def test_bad_input_saves_nothing(demo_org, bad):
    if bad == "tomorrow":
        bad = dict(received_on=clock.today() + timedelta(days=1))
    with pytest.raises(ValidationError):
        feedback(demo_org, **bad)
    assert Petition.objects.count() == 0 and PetitionerIdentity.objects.count() == 0
    assert Attachment.objects.count() == 0


def test_oversize_file_refused(demo_org, settings):
    settings.DANVAN_MAX_UPLOAD_MB = 1
    big = SimpleUploadedFile("big.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * (1024 * 1024 + 10))
    with pytest.raises(ValidationError, match="vượt quá"):
        feedback(demo_org, files=[big])
    assert Petition.objects.count() == 0


def test_duplicate_suggested_and_appeal_creates_second_round(demo_org, users):
    canbo = users["canbo"]
    first = feedback(demo_org).petition
    again = feedback(demo_org).petition
    link = again.links.get()
    assert link.earlier_id == first.pk and link.relation == "duplicate" and not link.confirmed
    services.decide_link(actor=canbo, link=link, confirm=True)
    complaint = services.submit_petition(
        actor=canbo, kind="complaint_first", field=field("dat-dai"), unit=demo_org["tx-thuong-dinh"],
        channel="in_person", received_on=clock.today(), subject="Khiếu nại thu hồi đất", content="Nội dung khiếu nại.",
        is_signed=True, petitioners=[{"full_name": "Lê Văn Khiếu", "address": "Thượng Đình"}]).petition
    p = services.triage(actor=canbo, petition=complaint, decision="accept")
    with pytest.raises(ValidationError, match="chức năng riêng"):
        services.transition(actor=canbo, petition=p, to="appealed")
    with pytest.raises(ValidationError, match="Không thể chuyển"):
        services.appeal(actor=canbo, petition=p)
    p = services.resolve(actor=canbo, petition=p, answer="Giữ nguyên quyết định.", outcome="explained")
    assert p.notify_rule and p.next_due == p.notify_due
    p = services.transition(actor=canbo, petition=p, to="notified")
    second = services.appeal(actor=canbo, petition=p)
    assert second.kind == "complaint_second" and second.previous_id == p.pk
    assert second.handling_unit == demo_org["tx-thuong-dinh"].parent
    assert Petition.objects.get(pk=p.pk).status == Status.APPEALED
    assert second.identities.get().full_name == "Lê Văn Khiếu"


def test_second_round_complaint_is_resolved_and_its_decision_sent_within_seven_working_days(demo_org, users):
    """Art. 41 of the Law on Complaints: the second decision goes out within 7 working days."""
    admin = users["admin"]
    complaint = services.submit_petition(
        actor=admin, kind="complaint_second", field=field("dat-dai"), unit=demo_org["tx-ubnd"],
        channel="post", received_on=date(2026, 2, 2), subject="Khiếu nại lần hai về thu hồi đất",
        content="Không đồng ý quyết định giải quyết lần đầu.", is_signed=True,
        petitioners=[{"full_name": "Lê Văn Khiếu", "address": "Thượng Đình"}]).petition
    p = services.triage(actor=admin, petition=complaint, decision="accept", on=date(2026, 2, 3))
    assert p.resolve_rule == "KN-RESOLVE-2"
    p = services.resolve(actor=admin, petition=p, answer="Công nhận một phần nội dung khiếu nại.",
                         outcome="explained", on=date(2026, 2, 10))
    assert (p.notify_rule, p.notify_due, p.next_due) == ("KN-SEND-2", date(2026, 2, 26), date(2026, 2, 26))
