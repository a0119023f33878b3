"""``danvan generate``: what it creates, its derived columns, and a second run on top of the first."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from danvan.core.vntext import fold
from danvan.datagen import TEMPLATE_INDICATORS, generate
from danvan.org import clock
from danvan.org.models import Staff, Unit
from danvan.petitions import daily, figures
from danvan.petitions import services as petition_services
from danvan.petitions.models import Kind, Petition, PetitionerIdentity, Status
from danvan.plans.models import Task
from danvan.reception.models import ReceptionEntry, ReceptionSession
from danvan.reception.services import _derive_entry
from danvan.reporting.models import ReportRequest, Submission, SubmissionValue
from danvan.reporting.selectors import consolidate

pytestmark = pytest.mark.django_db


def _run(**options):
    out, err = io.StringIO(), io.StringIO()
    call_command("generate", stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def test_needs_the_demo(db):
    with pytest.raises(CommandError, match="danvan demo"):
        _run(units=2, petitions=5)


def test_small_run_creates_what_it_says(demo_org):
    before = Petition.objects.count()
    # Last year: a whole year of dates, whatever today's date (on 2 January this year has two days).
    year = clock.today().year - 1
    out, err = _run(units=5, petitions=50, seed=7, every=20, year=year)
    assert "Đã tạo 20/50 đơn…" in err and "Đã tạo 40/50 đơn…" in err and "Đã tạo 50/50 đơn…" in err
    assert "50 đơn thư" in out

    units = list(Unit.objects.filter(code__startswith="sinh1-").order_by("pk"))
    assert len(units) == 5
    district = demo_org["tx-ubnd"]
    for unit in units:
        assert unit.parent_id == district.pk
        assert unit.path == f"{district.path}{unit.pk}/" and unit.depth == district.depth + 1
        assert unit in Unit.objects.subtree_of(district)
        assert unit.search_key == fold(" ".join([unit.name, unit.short_name, unit.code, *unit.alias_list()]))
        assert "Tổ dân phố" not in unit.name
    wards = [u for u in units if u.kind == "committee"]
    assert wards and all(u.name.startswith("UBND phường ") for u in wards)
    assert Unit.objects.search(fold(wards[0].short_name)).filter(pk=wards[0].pk).exists()

    staff = Staff.objects.filter(unit__in=units)
    assert staff.count() >= 10
    for person in staff:
        assert len(person.full_name.split()) >= 3 and not person.has_usable_password()
        assert person.search_key == fold(" ".join([person.full_name, person.username, person.position, person.email]))

    petitions = Petition.objects.filter(handling_unit__in=units)
    assert petitions.count() == 50 == Petition.objects.count() - before
    assert petitions.values("kind").distinct().count() >= 3
    assert petitions.values("status").distinct().count() >= 3
    assert len({p.received_on for p in petitions}) > 10
    assert all(p.received_on.year == year for p in petitions)
    assert PetitionerIdentity.objects.filter(petition__in=petitions).exists()
    for p in petitions.filter(kind=Kind.DENUNCIATION, is_anonymous=True):
        assert not p.identities.exists()

    assert ReceptionSession.objects.filter(unit__in=units).exists()
    assert ReceptionEntry.objects.filter(unit__in=units).exists()
    assert Task.objects.filter(lead_unit__in=units).exists()
    request = ReportRequest.objects.get(title__contains="(đợt 1)")
    assert request.template.indicators.count() == TEMPLATE_INDICATORS
    assert Submission.objects.filter(request=request).exists()
    assert SubmissionValue.objects.filter(submission__request=request).count() == \
        Submission.objects.filter(request=request).count() * TEMPLATE_INDICATORS
    assert consolidate(request).unit_count == 5


def test_derived_columns_match_the_services(demo_org):
    # A whole year of cases, so that every state occurs whatever today is (on 2 January this year has
    # two days and no case has reached acceptance yet).
    generate(units=5, petitions=50, seed=11, year=clock.today().year - 1, progress=lambda _text: None)
    petitions = list(Petition.objects.filter(handling_unit__code__startswith="sinh").select_related("field"))
    assert all(p.received_on <= clock.today() for p in petitions)  # this year's data stops at today
    # Found by a diacritics-free search of its subject, as an officer would type it.
    sample = petitions[0]
    words = " ".join(fold(sample.subject).split()[:4])
    assert sample in Petition.objects.search(words)
    assert sample in Petition.objects.search(sample.code.lower())
    # Every stored deadline equals what the deadline engine gives for the case as stored.
    for petition in petitions:
        fresh = Petition.objects.select_related("field").get(pk=petition.pk)
        petition_services.recompute_deadlines(fresh)
        for name in ("triage_due", "resolve_due", "notify_due", "next_due", "triage_rule", "resolve_rule",
                     "notify_rule"):
            assert getattr(petition, name) == getattr(fresh, name), (petition.code, name)
        assert petition.deadlines == fresh.deadlines
        if petition.status == Status.CLOSED:
            assert petition.closed_on and petition.resolved_on and petition.answer
    accepted = [p for p in petitions if p.accepted_on]
    assert accepted and all(p.resolve_due for p in accepted)
    # The cases went in without signals: the daily figures the dashboard reads were made again from them.
    year = clock.today().year - 1
    assert figures.compute(date(year, 1, 1), date(year, 12, 31)).get("petitions.received")
    assert daily.differences(date(year, 1, 1), date(year, 12, 31)) == {}
    for entry in ReceptionEntry.objects.filter(unit__code__startswith="sinh")[:20]:
        stored = (entry.reply_due, entry.reply_rule, entry.search_key, entry.is_collective)
        _derive_entry(entry)
        assert stored == (entry.reply_due, entry.reply_rule, entry.search_key, entry.is_collective)


def test_same_seed_same_data_and_a_second_run_adds_more(demo_org):
    first = generate(units=5, petitions=50, seed=3, progress=lambda _text: None)
    subjects = list(Petition.objects.filter(handling_unit_id__in=first.unit_ids).order_by("pk")
                    .values_list("subject", "kind", "received_on"))
    second = generate(units=5, petitions=50, seed=3, progress=lambda _text: None)
    assert second.run == first.run + 1
    assert not set(first.unit_ids) & set(second.unit_ids)
    again = list(Petition.objects.filter(handling_unit_id__in=second.unit_ids).order_by("pk")
                 .values_list("subject", "kind", "received_on"))
    assert again == subjects  # the same seed draws the same cases (the codes differ: they must be new)
    assert Petition.objects.filter(handling_unit__code__startswith="sinh").count() == 100
    assert Unit.objects.filter(code__startswith="sinh2-").count() == 5
    # Petitions only, onto the units already generated.
    third = generate(units=0, petitions=20, seed=3, progress=lambda _text: None)
    assert third.petitions == 20 and third.units == 0


BULK_TABLES = ("petitions_petition", "petitions_petitioneridentity", "reception_receptionentry")


def _indexes() -> dict[str, dict]:
    from django.db import connection

    with connection.cursor() as cursor:
        return {table: connection.introspection.get_constraints(cursor, table) for table in BULK_TABLES}


def test_a_large_load_gives_back_every_index_as_it_was(demo_org):
    # 300 cases onto the demo's few: on PostgreSQL the secondary indexes are set aside and rebuilt.
    before = _indexes()
    progress: list[str] = []
    generate(units=3, petitions=300, seed=5, every=100, progress=progress.append)
    assert _indexes() == before
    from django.db import connection

    if connection.vendor == "postgresql":
        assert any(line.startswith("Dựng lại") for line in progress)
        # The rebuilt indexes serve searches: the trigram index answers a diacritics-free search.
        sample = Petition.objects.filter(handling_unit__code__startswith="sinh").first()
        assert sample in Petition.objects.search(" ".join(fold(sample.subject).split()[:3]))


def test_a_load_that_fails_midway_leaves_the_indexes_and_no_rows(demo_org):
    before, petitions = _indexes(), Petition.objects.count()

    def fail_after_the_first_batch(line: str) -> None:
        raise RuntimeError(f"stopped after: {line}")

    with pytest.raises(RuntimeError, match="stopped after"):
        generate(units=3, petitions=300, seed=5, every=100, progress=fail_after_the_first_batch)
    assert _indexes() == before
    assert Petition.objects.count() == petitions
    assert not Unit.objects.filter(code__startswith="sinh").exists()


def test_the_units_and_officers_made_have_fresh_statistics_on_postgresql(demo_org):
    """The planner sizes the unit and staff tables from their statistics; stale ones (the demo's few
    units) made it drive a ward officer's list from every unit at 1,000,000 cases."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("statistics are PostgreSQL's")
    _run(units=40, petitions=20, seed=3)
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname, reltuples FROM pg_class WHERE relname IN ('org_unit', 'org_staff')")
        estimated = dict(cursor.fetchall())
    assert estimated["org_unit"] == Unit.objects.count()
    assert estimated["org_staff"] == Staff.objects.count()
