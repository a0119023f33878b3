"""Pages: scope (a ward officer sees only the ward's duties), task update, fixed query counts, exports."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from danvan.documents.render import check_docx
from danvan.plans import demo, figures, services
from danvan.plans.models import Plan, Task, TaskKind, TaskStatus, UnitPlan, UnitPlanStatus
from tests.jobs.helpers import post, run_queued


def test_ward_officer_sees_only_ward_duties(plan307, users, demo_org, client_for):
    client = client_for(users["canbo"])
    response = client.get(reverse("plans:my_duties"))
    assert response.status_code == 200
    tasks = list(response.context["page"])
    assert tasks and {t.lead_unit_id for t in tasks} == {demo_org["tx-thuong-dinh"].pk}
    other = Task.objects.filter(lead_unit=demo_org["tx-khuong-dinh"]).first()
    assert client.get(reverse("plans:task_detail", args=[other.pk])).status_code == 403
    assert client.post(reverse("plans:task_detail", args=[other.pk]), {"status": "done"}).status_code == 403
    # The district's progress tree is for the district's coordinators and leaders.
    assert client.get(reverse("plans:plan_progress", args=[plan307.pk])).status_code == 403
    assert client.get(reverse("plans:plan_detail", args=[plan307.pk])).status_code == 200


def test_officer_finishes_task_and_tree_rolls_up(plan307, users, demo_org, client_for):
    task = Task.objects.get(lead_unit=demo_org["tx-thuong-dinh"], kind=TaskKind.DRAFT_PLAN)
    before = services_tree_progress(plan307)
    client = client_for(users["canbo"])
    response = client.post(reverse("plans:task_detail", args=[task.pk]),
                           {"status": "done", "progress": "", "note": "Đã ban hành", "version": task.version})
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.status, task.progress) == (TaskStatus.DONE, 100)
    assert UnitPlan.objects.get(pk=task.unit_plan_id).status == UnitPlanStatus.ISSUED
    assert services_tree_progress(plan307) > before
    # A stale form is refused, not silently applied.
    response = client.post(reverse("plans:task_detail", args=[task.pk]),
                           {"status": "in_progress", "progress": "20", "version": 1})
    assert response.status_code == 200 and "vừa được người khác" in response.content.decode()
    # Inspectors never change tasks.
    assert client_for(users["kiemtra"]).post(reverse("plans:task_detail", args=[task.pk]),
                                             {"status": "done"}).status_code == 403


def services_tree_progress(plan: Plan) -> float:
    from danvan.plans.selectors import progress_tree

    return progress_tree(plan).progress or 0


def test_progress_tree_and_my_duties_query_counts_are_fixed(plan307, users, client_for,
                                                            django_assert_max_num_queries):
    client = client_for(users["noivu"])
    with django_assert_max_num_queries(14):
        response = client.get(reverse("plans:plan_progress", args=[plan307.pk]))
    assert response.status_code == 200 and len(response.context["tree"].units) >= 22
    with django_assert_max_num_queries(14):
        assert client.get(reverse("plans:my_duties")).status_code == 200
    with django_assert_max_num_queries(14):
        overdue = client.get(reverse("plans:overdue"))
    # What the page says: every open task of the committee past its due date, none other.
    from danvan.org import clock
    from danvan.plans.models import Task

    late = Task.objects.filter(due_date__lt=clock.today()).exclude(status__in=["done", "cancelled"])
    assert late.exists() and overdue.context["page"].paginator.count == late.count()
    shown = {t.pk for t in overdue.context["page"].object_list}
    assert shown <= set(late.values_list("pk", flat=True))
    with django_assert_max_num_queries(20):
        assert client.get(reverse("plans:plan_detail", args=[plan307.pk])).status_code == 200
    admin = client_for(users["admin"])
    with django_assert_max_num_queries(14):
        assert admin.get(reverse("plans:my_duties")).status_code == 200


def test_plan_export_passes_check_docx(plan307, tmp_path):
    target = tmp_path / "ke-hoach.docx"
    call_command("plan", "export", "307/KH-UBND", "--year", "2021", "--docx", str(target), stdout=io.StringIO())
    assert check_docx(target.read_bytes()) == []


def test_progress_exports(plan307, users, client_for):
    client = client_for(users["noivu"])
    response = client.get(reverse("plans:progress_export", args=[plan307.pk, "xlsx"]))
    assert response.status_code == 200 and response.content[:2] == b"PK"
    response = client.get(reverse("plans:progress_export", args=[plan307.pk, "docx"]))
    assert response.status_code == 200 and check_docx(response.content) == []


def test_upload_preview_correct_and_save(demo_org, users, client_for):
    client = client_for(users["noivu"])
    upload = SimpleUploadedFile("kh307.txt", demo.seed_text().encode("utf-8"), content_type="text/plain")
    started = post(client, reverse("plans:plan_import"), {"stage": "upload", "file": upload})
    run_queued()
    response = client.get(started["Location"], follow=True)
    assert response.status_code == 200 and "III.3" in response.content.decode()
    assignments = response.context["assignments"]
    closing = next(a for a in assignments if a["a"].item == "closing")
    response = post(client, reverse("plans:plan_import"), {
        "stage": "save", "item:I.1": "Nội dung đã sửa.", f"unit:{closing['index']}": demo_org["tx-noi-vu"].pk})
    assert response.status_code == 302
    run_queued()
    plan = Plan.objects.get()
    assert plan.items.get(path="I.1").text == "Nội dung đã sửa."
    assert plan.items.get(path="closing").assignments.filter(unit=demo_org["tx-noi-vu"]).exists()
    # A ward officer may not import.
    assert client_for(users["canbo"]).get(reverse("plans:plan_import")).status_code == 403


def test_demo_is_idempotent_and_feeds_figures(demo_org):
    demo.load(io.StringIO())
    counts = (Task.objects.count(), UnitPlan.objects.count())
    demo.load(io.StringIO())
    assert counts == (Task.objects.count(), UnitPlan.objects.count())
    values = figures.compute(date(2022, 1, 1), date(2022, 12, 31), today=date(2023, 1, 5))
    ward = demo_org["tx-thuong-dinh"].pk
    assert values["plans.dissemination_sessions"][ward] == 2
    assert values["plans.dissemination_attendees"][ward] == 162
    assert values["plans.coordination_programs"][demo_org["tx-ubnd"].pk] == 1
    assert values["plans.staff_conferences"][demo_org["tx-noi-vu"].pk] == 1
    assert values["plans.unit_plan_issued"][demo_org["tx-vhtt"].pk] is True
    assert ward not in values["plans.unit_plan_issued"]
    assert values["plans.tasks_overdue"][ward] == 1
    assert {s.code for s in figures.INDICATORS} >= set(values)


def test_figures_use_fixed_queries(demo_org, django_assert_num_queries):
    demo.load(io.StringIO())
    with django_assert_num_queries(6):
        figures.compute(date(2022, 1, 1), date(2022, 12, 31), unit_ids=[demo_org["tx-thuong-dinh"].pk])


@pytest.mark.parametrize(("rule", "after", "month", "day", "expected"), [
    ("yearly", date(2021, 12, 16), 11, 30, date(2022, 11, 30)),
    ("yearly", date(2021, 3, 1), 11, 30, date(2021, 11, 30)),
    ("quarterly", date(2021, 12, 16), None, None, date(2021, 12, 31)),
    ("quarterly", date(2022, 2, 3), None, None, date(2022, 3, 31)),
    ("ongoing", date(2022, 2, 3), None, None, None),
])
def test_next_due(rule, after, month, day, expected):
    assert services.next_due(rule, after=after, month=month, day=day) == expected


def test_ward_officer_records_a_dissemination_session(plan307, users, demo_org, client_for):
    from danvan.plans.models import DisseminationEvent

    client = client_for(users["canbo"])
    url = reverse("plans:activity_add", args=["tuyen-truyen"])
    assert client.get(url).status_code == 200
    item = plan307.items.get(path="II.1")
    evidence = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 minutes", content_type="application/pdf")
    response = client.post(url, {"date": "2022-03-18", "title": "Quán triệt Chỉ thị 07", "topic": "Dân vận",
                                 "audience": "staff", "attendees": "40", "unit": demo_org["tx-thuong-dinh"].pk,
                                 "item": item.pk, "files": [evidence]})
    assert response.status_code == 302, response.content.decode()[:2000]
    event = DisseminationEvent.objects.get()
    assert event.item == item and event.evidence.count() == 1 and event.created_by == users["canbo"]
    # Another ward's unit is not in the officer's choices.
    response = client.post(url, {"date": "2022-03-18", "title": "x", "audience": "staff", "attendees": "1",
                                 "unit": demo_org["tx-khuong-dinh"].pk})
    assert response.status_code == 200 and DisseminationEvent.objects.count() == 1
    assert client.get(reverse("plans:activity_list")).status_code == 200


def test_done_yearly_task_opens_its_next_period_and_a_missed_one_stays_late(demo_org):
    from danvan.plans.models import Recurrence

    _import_seed_for_roll()
    reports = Task.objects.filter(kind=TaskKind.REPORT, recurrence=Recurrence.YEARLY)
    done, missed = reports[0], reports[1]
    services.set_task_status(actor=None, task=done, status=TaskStatus.DONE, today=date(2022, 11, 25))
    assert services.roll_recurring_tasks(today=date(2022, 11, 29)) == 0      # the period is not over yet
    assert services.roll_recurring_tasks(today=date(2024, 3, 1)) == 1
    done.refresh_from_db()
    missed.refresh_from_db()
    assert (done.status, done.due_date, done.progress) == (TaskStatus.NOT_STARTED, date(2024, 11, 30), 0)
    assert done.history.first().history_change_reason.startswith("Sang kỳ mới, hạn 30/11/2024")
    assert (missed.status, missed.due_date) == (TaskStatus.NOT_STARTED, date(2022, 11, 30))
    assert services.roll_recurring_tasks(today=date(2024, 3, 1)) == 0      # idempotent


def _import_seed_for_roll():
    from importlib import resources

    path = resources.files("danvan.plans").joinpath("data", demo.SEED_NAME)
    call_command("plan", "import", str(path), "--unit", "tx-ubnd", stdout=io.StringIO())


def test_an_inspector_and_an_account_without_a_unit_record_no_activity(demo_org, users, client_for):
    """Activities are the units' own record of their work: an inspector checks them and writes none; an
    account without a unit has no unit to record them for and is told to ask for one."""
    from danvan.org.models import Role, Staff
    from danvan.plans.models import DisseminationEvent

    url = reverse("plans:activity_add", args=["tuyen-truyen"])
    inspector = client_for(users["kiemtra"])
    assert inspector.get(url).status_code == 403
    response = inspector.post(url, {"date": "2022-03-18", "title": "Quán triệt Chỉ thị 07", "audience": "staff",
                                    "attendees": "40", "unit": demo_org["tx-thuong-dinh"].pk})
    assert response.status_code == 403
    nobody = Staff.objects.create(username="chua-co-don-vi", full_name="Cán bộ mới", role=Role.OFFICER)
    response = client_for(nobody).get(url)
    assert response.status_code == 403
    assert "chưa gắn với đơn vị" in response.content.decode()
    assert DisseminationEvent.objects.count() == 0
    assert client_for(users["canbo"]).get(url).status_code == 200
