"""The carry-over pages: proposal, a changed line, apply, the report and the link on each record."""

from __future__ import annotations

import io

import openpyxl
from django.urls import reverse

from danvan.carryover import selectors
from danvan.documents.render import check_docx
from danvan.org.models import CarryOverRun
from danvan.petitions.models import Petition
from danvan.plans.models import Plan


def test_officers_are_refused_and_coordinators_see_the_proposal(full_demo, demo_users, client_for,
                                                                django_assert_max_num_queries):
    district = full_demo["tx-ubnd"]
    url = reverse("carryover:propose", args=[district.pk])
    assert client_for(demo_users["canbo"]).get(url).status_code == 403
    assert client_for(demo_users["canbo"]).get(reverse("carryover:index")).status_code == 403
    client = client_for(demo_users["noivu"])
    page = client.get(reverse("carryover:index"))
    assert district.name in page.content.decode()
    with django_assert_max_num_queries(40):
        page = client.get(url)
    body = page.content.decode()
    assert page.status_code == 200
    assert "UBND phường Khương Đình (từ 2025)" in body and "Nghị quyết số 1656/NQ-UBTVQH15" in body
    assert "tx-ubnd" not in body  # no stored code on the page
    unit_page = client.get(district.get_absolute_url()).content.decode()
    assert url in unit_page


def test_apply_with_a_changed_line_then_the_report_and_the_link_back(full_demo, demo_users, client_for):
    district = full_demo["tx-ubnd"]
    client = client_for(demo_users["noivu"])
    proposal = selectors.propose(predecessor=district)
    case = next(x for x in proposal.lines if x.kind == "petition" and x.to_unit.code == "hn-thanh-xuan")
    data = {f"line-{x.key}": x.choice for x in proposal.lines}
    data[f"line-{case.key}"] = str(full_demo["hn-phuong-liet"].pk)
    data["seen"] = [x.key for x in proposal.lines]
    response = client.post(reverse("carryover:propose", args=[district.pk]), data)
    run = CarryOverRun.objects.get()
    assert response.status_code == 302 and response.url == run.get_absolute_url()
    assert Petition.objects.get(pk=case.object_id).handling_unit.code == "hn-phuong-liet"
    report = client.get(run.get_absolute_url()).content.decode()
    assert case.label.split(" — ")[0] in report and "đầu mối đã sửa" in report
    docx = client.get(reverse("carryover:run_export", args=[run.pk, "docx"]))
    assert check_docx(docx.content) == []
    xlsx_url = reverse("carryover:run_export", args=[run.pk, "xlsx"])
    xlsx = openpyxl.load_workbook(io.BytesIO(client.get(xlsx_url).content))
    numbered = [row for row in xlsx.active.iter_rows(values_only=True) if isinstance(row[0], int)]
    assert len(numbered) == run.moves.count()  # one numbered row per move
    # The moved case's page says where it came from (for an officer who may see it).
    admin = client_for(demo_users["admin"])
    page = admin.get(reverse("petitions:petition_detail", args=[case.object_id])).content.decode()
    assert 'data-testid="carried-from"' in page and case.from_unit.name in page
    # Nothing is left to move: the page says so.
    again = client.get(reverse("carryover:propose", args=[district.pk])).content.decode()
    assert 'data-testid="carry-over-empty"' in again or "Giữ nguyên" in again


def test_the_proposal_page_runs_the_same_queries_whatever_the_number_of_records(full_demo, demo_users, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from danvan.petitions.models import Field, Kind
    from danvan.plans.models import Task

    client = client_for(demo_users["noivu"])
    url = reverse("carryover:propose", args=[full_demo["tx-ubnd"].pk])
    client.get(url)
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    ward = full_demo["tx-nhan-chinh"]
    field = Field.objects.first()
    task = Task.objects.filter(lead_unit__code="tx-noi-vu").first()
    for n in range(6):
        Petition.objects.create(code=f"TEST-{n}", kind=Kind.FEEDBACK, field=field, unit=ward, handling_unit=ward,
                                channel="in_person", received_on=ward.valid_to,
                                subject=f"Phản ánh {n}", content="Nội dung", location=f"Số {n} phố Giải Phóng")
        Task.objects.create(plan=task.plan, item=task.item, kind="own", title=f"Việc riêng {n}", lead_unit=ward)
    with CaptureQueriesContext(connection) as second:
        page = client.get(url)
    assert "Phản ánh 5" in page.content.decode() and "Việc riêng 5" in page.content.decode()
    assert len(second) == len(first)


def test_every_page_of_the_moved_records_still_opens_after_the_carry_over(full_demo, demo_users, client_for):
    from danvan.carryover import services
    from danvan.reception.models import Commitment

    run, _proposal = services.carry_over(actor=demo_users["admin"], predecessor=full_demo["tx-ubnd"])
    client = client_for(demo_users["admin"])
    moves = selectors.run_moves(run)
    for move in moves:
        assert client.get(move.url).status_code == 200, move.url
    request_pk = next(m.object_id for m in moves if m.kind == "report_request")
    assert client.get(reverse("reporting:consolidation", args=[request_pk])).status_code == 200
    assert client.get(reverse("reporting:request_list")).status_code == 200
    dialogue = Commitment.objects.get(pk=next(m.object_id for m in moves if m.kind == "commitment")).dialogue
    page = client.get(reverse("reception:dialogue_detail", args=[dialogue.pk])).content.decode()
    assert 'data-testid="carried-from"' in page and "UBND phường Thượng Đình" in page
    # The new ward's officer page lists: the coordinator of the new ward sees the moved cases in scope.
    assert client.get(reverse("petitions:petition_list")).status_code == 200


def test_former_units_are_marked_on_the_proposal_the_run_report_and_the_plan_pages(full_demo, demo_users, client_for):
    """A coordinator moving a former ward's work, or reading Plan 307's progress, sees at once which
    units no longer exist and where their work went — not a list of names that all look current."""
    district = full_demo["tx-ubnd"]
    former = full_demo["tx-thuong-dinh"]
    client = client_for(demo_users["noivu"])
    plan = Plan.objects.get(full_number="307/KH-UBND")  # before the move, the former ward still leads tasks
    progress = client.get(reverse("plans:plan_progress", args=[plan.pk])).content.decode()
    unit_row = progress[progress.index(f'data-testid="unit-{former.pk}"'):].split("</tr>")[0]
    assert "cũ, đến 30/06/2025" in unit_row and "Phường Thanh Xuân" in unit_row
    proposal = client.get(reverse("carryover:propose", args=[district.pk])).content.decode()
    line = next(x for x in selectors.propose(predecessor=district).lines if x.from_unit.pk == former.pk)
    row = proposal[proposal.index(line.label.split(" — ")[0]):].split("</tr>")[0]
    assert "cũ, đến 30/06/2025" in row and "Phường Thanh Xuân" in row

    data = {f"line-{x.key}": x.choice for x in selectors.propose(predecessor=district).lines}
    client.post(reverse("carryover:propose", args=[district.pk]),
                {**data, "seen": [k.removeprefix("line-") for k in data]})
    run = CarryOverRun.objects.get()
    report = client.get(run.get_absolute_url()).content.decode()
    assert report.count('data-testid="abolished"') >= run.moves.filter(from_unit__valid_to__isnull=False).count() > 0
