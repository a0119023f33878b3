"""The unit plan page: status (to draft, drafted, issued with number and date), parent items, tasks, own tasks."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from danvan.documents.models import Document
from danvan.org import policy
from danvan.plans import services
from danvan.plans.models import Plan, PlanItem, Task, TaskKind, TaskStatus, UnitPlan, UnitPlanStatus


@pytest.fixture
def ward_plan(plan307, demo_org):
    return UnitPlan.objects.get(parent_plan=plan307, unit=demo_org["tx-thuong-dinh"])


MATRIX = [
    ("admin", True, True),
    ("noivu", True, False),        # coordinator: follows the plan, does not write the ward's plan
    ("chutich", True, True),       # leader of the district (the ward is in the district's unit)
    ("kiemtra", True, False),      # inspector: reads only
    ("truongphong", False, False),  # head of a department
    ("canbo", True, True),         # officer of the ward
    ("phuong", True, True),        # chairman of the ward
    ("canbo2", False, False),      # officer of another ward
]


@pytest.mark.parametrize(("username", "view", "change"), MATRIX)
def test_permission_matrix(username, view, change, users, ward_plan):
    assert policy.can(users[username], "unitplan.view", ward_plan) is view
    assert policy.can(users[username], "unitplan.change", ward_plan) is change


def test_page_shows_status_items_tasks_and_is_fixed_queries(ward_plan, users, client_for,
                                                            django_assert_max_num_queries):
    client = client_for(users["canbo"])
    with django_assert_max_num_queries(25):
        response = client.get(ward_plan.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200 and "Chưa xây dựng" in html
    assert ward_plan.parent_plan.full_number in html
    for item in ward_plan.items.all():
        assert f"#item-{item.path}" in html
    for task in Task.objects.filter(lead_unit=ward_plan.unit, plan=ward_plan.parent_plan):
        assert task.get_absolute_url() in html
    assert 'data-testid="add-task"' in html
    # The drafting task links to the unit plan page.
    drafting = Task.objects.get(unit_plan=ward_plan, kind=TaskKind.DRAFT_PLAN)
    assert ward_plan.get_absolute_url() in client.get(drafting.get_absolute_url()).content.decode()


def test_others_are_refused(ward_plan, users, client_for):
    url = ward_plan.get_absolute_url()
    assert client_for(users["canbo2"]).get(url).status_code == 403
    assert client_for(users["truongphong"]).get(url).status_code == 403
    inspector = client_for(users["kiemtra"])
    assert inspector.get(url).status_code == 200
    assert 'data-testid="add-task"' not in inspector.get(url).content.decode()
    assert inspector.post(url, {"action": "status", "status": "drafted"}).status_code == 403
    assert client_for(users["noivu"]).post(url, {"action": "task", "title": "x"}).status_code == 403
    ward_plan.refresh_from_db()
    assert ward_plan.status == UnitPlanStatus.TO_DRAFT and ward_plan.version == 1


def test_ward_issues_its_plan_with_number_and_date(ward_plan, users, client_for):
    client = client_for(users["canbo"])
    url = ward_plan.get_absolute_url()
    response = client.post(url, {"action": "status", "status": "drafted", "version": ward_plan.version})
    assert response.status_code == 302
    ward_plan.refresh_from_db()
    assert ward_plan.status == UnitPlanStatus.DRAFTED
    assert Task.objects.get(unit_plan=ward_plan, kind=TaskKind.DRAFT_PLAN).status == TaskStatus.IN_PROGRESS
    response = client.post(url, {"action": "status", "status": "issued", "issued_number": "05/KH-UBND",
                                 "issued_on": "14/01/2022", "version": ward_plan.version})
    assert response.status_code == 302
    ward_plan.refresh_from_db()
    assert ward_plan.status == UnitPlanStatus.ISSUED and ward_plan.issued_on == date(2022, 1, 14)
    assert ward_plan.issued_number == "05/KH-UBND"
    assert ward_plan.document == Document.objects.get(number_key="5/kh-ubnd", year=2022,
                                                      issuer_unit=ward_plan.unit)
    assert Task.objects.get(unit_plan=ward_plan, kind=TaskKind.DRAFT_PLAN).status == TaskStatus.DONE
    html = client.get(url).content.decode()
    assert "05/KH-UBND" in html and "14/01/2022" in html and "Cập nhật kế hoạch của đơn vị" in html
    assert ward_plan.history.count() == 3


def test_bad_status_input_in_vietnamese(ward_plan, users, client_for):
    client = client_for(users["phuong"])
    url = ward_plan.get_absolute_url()
    base = {"action": "status", "status": "issued", "version": ward_plan.version}
    assert "Ngày không hợp lệ" in client.post(url, {**base, "issued_on": "32/01/2022"}).content.decode()
    assert "sau ngày hôm nay" in client.post(url, {**base, "issued_on": "01/01/2099"}).content.decode()
    html = client.post(url, {**base, "issued_on": "01/01/2000"}).content.decode()
    assert "trước ngày của kế hoạch cấp trên" in html
    html = client.post(url, {**base, "issued_on": "14/01/2022", "issued_number": "KH so 5"}).content.decode()
    assert "phải bắt đầu bằng số" in html
    html = client.post(url, {**base, "issued_on": "14/01/2022", "version": 99}).content.decode()
    assert "vừa được người khác sửa" in html
    ward_plan.refresh_from_db()
    assert ward_plan.status == UnitPlanStatus.TO_DRAFT


def test_ward_adds_tasks_of_its_own(ward_plan, users, client_for, plan307):
    client = client_for(users["canbo"])
    url = ward_plan.get_absolute_url()
    item = ward_plan.items.order_by("order").first()
    for title in ("Tổ chức hội nghị đối thoại với Nhân dân", "Tập huấn kỹ năng dân vận cho cán bộ phường"):
        response = client.post(url, {"action": "task", "item": item.pk, "title": title, "due_date": "30/11/2026"})
        assert response.status_code == 302, response.content.decode()
    own = Task.objects.filter(unit_plan=ward_plan, kind=TaskKind.OWN)
    assert own.count() == 2 and {t.lead_unit for t in own} == {ward_plan.unit}
    assert all(t.due_date == date(2026, 11, 30) and t.history.count() == 1 for t in own)
    html = client.get(url).content.decode()
    assert "Tập huấn kỹ năng dân vận cho cán bộ phường" in html and "Nhiệm vụ đơn vị tự đặt" in html
    # Bad input: no title, a bad date, the same task twice, an item of another plan.
    assert "Hãy nhập tên nhiệm vụ" in client.post(url, {"action": "task", "item": item.pk}).content.decode()
    html = client.post(url, {"action": "task", "item": item.pk, "title": "X", "due_date": "2026-13-01"})
    assert "Ngày không hợp lệ" in html.content.decode()
    html = client.post(url, {"action": "task", "item": item.pk, "title": "Tổ chức hội nghị đối thoại với Nhân dân"})
    assert "Đơn vị đã có nhiệm vụ này" in html.content.decode()
    other_plan = Plan.objects.create(issuer=ward_plan.unit, title="Kế hoạch khác", full_number="9/KH-UBND")
    other = PlanItem.objects.create(plan=other_plan, path="I", text="Nội dung khác")
    html = client.post(url, {"action": "task", "item": other.pk, "title": "Y"}).content.decode()
    assert "Nội dung đã chọn không thuộc kế hoạch của đơn vị" in html
    with pytest.raises(ValidationError, match="không thuộc kế hoạch cấp trên"):
        services.add_task(actor=users["canbo"], unit_plan=ward_plan, item=other, title="Z")
    assert Task.objects.filter(unit_plan=ward_plan, kind=TaskKind.OWN).count() == 2
