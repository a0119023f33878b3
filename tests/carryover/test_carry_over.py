"""The carry-over on the demo: Thanh Xuân district and its 11 wards hand their open work to the
three new wards, one transaction, nothing twice, deadlines unchanged, a report of every line."""

from __future__ import annotations

import io
import json
from datetime import date

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db.models import Q

from danvan.carryover import exports, selectors, services
from danvan.documents.issuer import issuer_for
from danvan.documents.render import check_docx
from danvan.org.models import CARRY_OVER_REASON, CarryOverMove, CarryOverRun, Unit
from danvan.petitions import daily
from danvan.petitions.models import OPEN_STATUSES, Petition, Status
from danvan.plans.models import Task, TaskStatus
from danvan.reception import daily as reception_daily
from danvan.reception.models import Commitment, ReceptionSession
from danvan.reporting.models import ReportRequest, Submission
from tests.documents.helpers import signer_lines

NEW_WARDS = {"hn-thanh-xuan", "hn-khuong-dinh", "hn-phuong-liet"}


def _command(*args) -> dict:
    out = io.StringIO()
    call_command("units", "carry-over", "tx-ubnd", "--json", *args, stdout=out, stderr=io.StringIO())
    return json.loads(out.getvalue())


def _dissolved_q(field: str) -> Q:
    return Q(**{f"{field}__valid_to__lt": date(2025, 7, 1)})


def test_demo_district_and_wards_hand_everything_to_the_three_new_wards(full_demo):
    assert CarryOverRun.objects.count() == 0  # the demo only adds: it never runs the carry-over
    before = {p.pk: (p.received_on, p.resolve_due, p.next_due, p.triage_due, p.handling_unit.code)
              for p in Petition.objects.filter(status__in=OPEN_STATUSES).select_related("handling_unit")}
    dry = _command("--dry-run")
    assert dry["dry_run"] and CarryOverRun.objects.count() == 0
    real = _command()

    # The dry run and the real run agree line by line.
    assert dry["lines"] == real["lines"]
    assert len(real["lines"]) > 50
    kinds = {line["kind"] for line in real["lines"]}
    assert {"petition", "task", "report_duty", "report_request", "submission", "session", "commitment"} <= kinds
    # Everything goes to the three new wards (the one named Thanh Xuân took the district's functions).
    assert {line["to"] for line in real["lines"]} == NEW_WARDS
    by_kind_from = {(line["kind"], line["from"]): line["to"] for line in real["lines"]}
    assert by_kind_from[("report_request", "tx-ubnd")] == "hn-thanh-xuan"
    assert by_kind_from[("session", "tx-thuong-dinh")] == "hn-thanh-xuan"

    # The daily figures followed the cases to their new wards (the dashboard and reports count them there).
    assert daily.differences(date(2025, 1, 1), date(2026, 12, 31)) == {}
    assert reception_daily.differences(date(2025, 1, 1), date(2026, 12, 31)) == {}

    # No open record is left with a dissolved unit.
    assert real["left"] == dict.fromkeys(real["left"], 0)
    assert not Petition.objects.filter(_dissolved_q("handling_unit") | _dissolved_q("unit"),
                                       status__in=OPEN_STATUSES).exists()
    assert not Task.objects.filter(_dissolved_q("lead_unit"),
                                   status__in=[TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS]).exists()
    assert not ReceptionSession.objects.filter(_dissolved_q("unit"), status="planned",
                                               date__gte=date(2025, 7, 1)).exists()
    assert not Commitment.objects.filter(_dissolved_q("owner_unit"), status="open").exists()
    assert not Submission.objects.filter(_dissolved_q("unit"), status__in=["draft", "returned"]).exists()
    request = ReportRequest.objects.get(year=2026)
    assert request.requesting_unit.code == "hn-thanh-xuan"
    submitted = set(request.submissions.values_list("unit_id", flat=True))
    assert not request.units.filter(valid_to__lt=date(2025, 7, 1)).exclude(pk__in=submitted).exists()

    # Cases went by the petitioner's address and kept their received date and every due date.
    moved = Petition.objects.filter(pk__in=before).select_related("handling_unit")
    for petition in moved:
        received, resolve_due, next_due, triage_due, _old = before[petition.pk]
        assert (petition.received_on, petition.resolve_due, petition.next_due, petition.triage_due) == (
            received, resolve_due, next_due, triage_due)
        assert petition.handling_unit.code in NEW_WARDS
        assert petition.history.first().history_change_reason == CARRY_OVER_REASON
    hadinh = [p for p in moved if before[p.pk][4] == "tx-ha-dinh"]
    assert hadinh and all(p.handling_unit.code == "hn-khuong-dinh" for p in hadinh)
    kimgiang = [p for p in moved if before[p.pk][4] == "tx-kim-giang"]
    assert kimgiang and all(p.handling_unit.code == "hn-phuong-liet" for p in kimgiang)

    # The report lists each line, in the official format and as a table.
    run = CarryOverRun.objects.get()
    moves = selectors.run_moves(run)
    assert [(m.kind, m.object_id, m.to_unit.code) for m in moves] == [
        (line["kind"], line["id"], line["to"]) for line in real["lines"]]
    docx = exports.run_docx(run, moves)
    assert check_docx(docx) == []
    # Issued by the receiving ward and signed by its chairman, not by the administrator who applied it.
    receiver = exports._issuer(moves, run)
    assert signer_lines(docx) == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", issuer_for(receiver).leader.full_name]
    text = docx_text(docx)
    for petition in moved:
        assert petition.code in text
    book = openpyxl.load_workbook(io.BytesIO(exports.run_xlsx(run, moves)))
    values = [[c.value for c in row] for row in book.active.iter_rows()]
    labels = {row[2] for row in values}
    assert all(m.label in labels for m in moves)

    # Running it twice moves nothing twice.
    again = _command()
    assert again["run"] is None and again["lines"] == []
    assert CarryOverRun.objects.count() == 1 and CarryOverMove.objects.count() == len(moves)


def docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def test_a_case_closed_after_the_proposal_stays_where_it_is(full_demo, demo_users):
    district = full_demo["tx-ubnd"]
    proposal = selectors.propose(predecessor=district)
    line = next(x for x in proposal.lines if x.kind == "petition")
    Petition.objects.filter(pk=line.object_id).update(status=Status.CLOSED)
    run, applied = services.carry_over(actor=demo_users["noivu"], predecessor=district,
                                       overrides={x.key: x.choice for x in proposal.lines})
    assert line.key not in {x.key for x in applied.lines}
    assert Petition.objects.get(pk=line.object_id).handling_unit_id == line.from_unit.pk
    assert not run.moves.filter(kind="petition", object_id=line.object_id).exists()


def test_the_coordinator_changes_a_line_and_chooses_people(full_demo, demo_users):
    district = full_demo["tx-ubnd"]
    proposal = selectors.propose(predecessor=district)
    case = next(x for x in proposal.lines if x.kind == "petition" and x.to_unit.code == "hn-thanh-xuan")
    staff = next(x for x in proposal.lines if x.kind == "staff" and x.label.startswith("Hoàng Đức Anh"))
    resp = next(x for x in proposal.lines if x.kind == "responsibility")
    assert staff.action == selectors.KEEP and resp.action == selectors.KEEP  # people move only by choice
    phuong_liet = full_demo["hn-phuong-liet"]
    khuong_dinh = full_demo["hn-khuong-dinh"]
    run, _proposal = services.carry_over(actor=demo_users["noivu"], predecessor=district, overrides={
        case.key: str(phuong_liet.pk), staff.key: str(khuong_dinh.pk), resp.key: "end"})
    assert Petition.objects.get(pk=case.object_id).handling_unit == phuong_liet
    move = run.moves.get(kind="petition", object_id=case.object_id)
    assert move.changed_by_coordinator and move.to_unit == phuong_liet
    assert demo_users["canbo2"].__class__.objects.get(pk=staff.object_id).unit == khuong_dinh
    ended = run.moves.get(kind="responsibility", object_id=resp.object_id)
    assert ended.action == CarryOverMove.Action.ENDED
    assert resp.obj.__class__.objects.get(pk=resp.object_id).valid_to == date(2025, 6, 30)


def test_a_line_cannot_be_sent_outside_the_successors(full_demo, demo_users):
    from django.core.exceptions import ValidationError

    proposal = selectors.propose(predecessor=full_demo["tx-ubnd"])
    line = proposal.lines[0]
    with pytest.raises(ValidationError):
        services.carry_over(actor=demo_users["noivu"], predecessor=full_demo["tx-ubnd"],
                            overrides={line.key: str(full_demo["hn-so-noi-vu"].pk)})
    assert CarryOverRun.objects.count() == 0


def test_a_street_address_decides_a_case_and_a_denouncers_address_is_not_shown(full_demo):
    from danvan.petitions.models import Field, Kind, PetitionerIdentity

    field = Field.objects.first()
    ward = full_demo["tx-khuong-dinh"]
    street = Petition.objects.create(code="TEST-STREET", kind=Kind.FEEDBACK, field=field, unit=ward,
                                     handling_unit=ward, channel="in_person", received_on=date(2026, 11, 2),
                                     subject="Đèn đường hỏng", content="Đèn đường hỏng nhiều ngày",
                                     location="ngõ 5 phố Vũ Trọng Phụng")
    secret = Petition.objects.create(code="TEST-SECRET", kind=Kind.DENUNCIATION, field=field, unit=ward,
                                     handling_unit=ward, channel="in_person", received_on=date(2026, 11, 2),
                                     subject="Tố cáo", content="Tố cáo cán bộ")
    PetitionerIdentity.objects.create(petition=secret, full_name="Nguyễn Văn A",
                                      address="Số 3 ngõ 2 Lê Trọng Tấn, phường Khương Mai")
    lines = {x.key: x for x in selectors.propose(predecessor=full_demo["tx-ubnd"]).lines}
    street_line, secret_line = lines[f"petition-{street.pk}"], lines[f"petition-{secret.pk}"]
    assert street_line.to_unit.code == "hn-thanh-xuan"
    assert "Vũ Trọng Phụng" in street_line.basis
    assert secret_line.to_unit.code == "hn-phuong-liet"
    assert "Lê Trọng Tấn" not in secret_line.basis and "Khương Mai" not in secret_line.basis


def test_one_ward_alone_goes_along_its_districts_successors(full_demo, demo_users):
    run, _proposal = services.carry_over(actor=demo_users["noivu"], predecessor=full_demo["tx-thuong-dinh"])
    assert {m.to_unit.code for m in run.moves.all()} == {"hn-thanh-xuan"}
    assert selectors.open_work_left([full_demo["tx-thuong-dinh"].pk], date(2025, 7, 1)) == dict.fromkeys(
        selectors.WORK_KINDS, 0)


def test_only_coordinators_in_scope_and_administrators_carry_over(full_demo, demo_users):
    for username in ("canbo", "phuong", "chutich", "kiemtra", "truongphong"):
        with pytest.raises(PermissionDenied):
            services.carry_over(actor=demo_users[username], predecessor=full_demo["tx-ubnd"])
    assert CarryOverRun.objects.count() == 0
    run, _proposal = services.carry_over(actor=demo_users["admin"], predecessor=full_demo["tx-khuong-dinh"])
    assert run is not None


def test_a_unit_still_in_force_has_nothing_to_hand_over(full_demo):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        selectors.propose(predecessor=Unit.objects.get(code="hn-thanh-xuan"))


def test_to_sends_everything_to_the_named_unit_and_the_demo_links_every_old_ward(full_demo):
    thuong_dinh = full_demo["tx-thuong-dinh"]
    assert list(thuong_dinh.successors.values_list("code", flat=True)) == ["hn-thanh-xuan"]  # added by the demo
    out = io.StringIO()
    call_command("units", "carry-over", "tx-kim-giang", "--to", "hn-khuong-dinh", "--json", stdout=out,
                 stderr=io.StringIO())
    result = json.loads(out.getvalue())
    assert result["lines"] and {line["to"] for line in result["lines"]} == {"hn-khuong-dinh"}
    assert result["left"] == dict.fromkeys(result["left"], 0)


def test_two_wards_reports_in_progress_become_one_for_their_new_ward(full_demo, demo_users):
    request = ReportRequest.objects.get(year=2026)
    first = Submission.objects.create(request=request, unit=full_demo["tx-nhan-chinh"], status="draft")
    second = Submission.objects.create(request=request, unit=full_demo["tx-thanh-xuan-bac"], status="returned")
    run, _proposal = services.carry_over(actor=demo_users["noivu"], predecessor=full_demo["tx-ubnd"])
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.unit.code == "hn-thanh-xuan"  # the first goes on as the new ward's report
    assert second.unit.code == "tx-thanh-xuan-bac"  # the second is kept for reference, no longer asked for
    assert run.moves.get(kind="submission", object_id=second.pk).action == CarryOverMove.Action.MERGED
    units = set(request.units.values_list("code", flat=True))
    assert "hn-thanh-xuan" in units and "tx-thanh-xuan-bac" not in units and "tx-nhan-chinh" not in units
    dissolved = [u.pk for u in selectors.dissolved_units(full_demo["tx-ubnd"])]
    assert selectors.open_work_left(dissolved, date(2025, 7, 1))["submission"] == 0
