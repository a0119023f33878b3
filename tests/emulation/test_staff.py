"""Staff: the yearly rating in four levels and training records — counts for everyone who sees the unit, each
person's rating for its heads, Internal Affairs and administrators only, and the same figures in the scoring."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.emulation import selectors, services
from danvan.emulation.models import RatingLevel, Scheme, StaffRating, Training
from danvan.org.models import Role, Staff, Unit
from danvan.plans.models import PlanItem

from ..once_helpers import post_twice

URL = "/thi-dua/can-bo/"


@pytest.mark.django_db
def test_counts_for_the_ward_names_for_its_head_and_the_same_figures_on_the_sheet(full_demo, client_for):
    ward = Unit.objects.get(code="tx-thuong-dinh")
    head, officer = Staff.objects.get(username="phuong"), Staff.objects.get(username="canbo")
    page = client_for(head).get(f"{URL}?don-vi={ward.pk}&nam=2026").content.decode()
    assert 'data-testid="ratings"' in page and "Lê Thị Ngọc Ánh" in page
    assert "Tham mưu mô hình “Ngõ phố xanh - sạch - đẹp”" in page  # a rating's comment
    assert "80 %" in page  # 4 of the 5 rated "Hoàn thành tốt nhiệm vụ" or better

    # An officer of the ward sees the counts, never who was rated what.
    client = client_for(officer)
    page = client.get(f"{URL}?don-vi={ward.pk}&nam=2026").content.decode()
    assert 'data-testid="ratings-private"' in page and 'data-testid="ratings"' not in page
    assert "Tham mưu mô hình" not in page and "80 %" in page
    person = Staff.objects.get(username="cc-td-3")
    record = client.get(f"/thi-dua/can-bo/{person.pk}/").content.decode()
    assert "Hoàn thành xuất sắc nhiệm vụ" not in record and "Tập huấn nghiệp vụ tiếp công dân" in record
    assert client.get(f"{URL}?don-vi={Unit.objects.get(code='tx-khuong-dinh').pk}").status_code == 403

    # The scheme's criteria read the same figures; the records behind them name nobody's rating.
    scheme = Scheme.objects.get(unit__code="tx-ubnd", year=2026)
    _result, row = selectors.sheet(scheme, ward)
    rated = next(line for line in row.lines if line.criterion.formula == "staff_rated_good")
    assert (rated.value, rated.due) == (4, 5) and rated.points == rated.criterion.max_points * 4 / 5
    assert all(person.full_name not in r.label + r.note for r in rated.records)
    trained = next(line for line in row.lines if line.criterion.formula == "staff_trained")
    assert trained.value == 3 and trained.due == Staff.objects.filter(unit=ward, is_active=True).count()
    assert sorted(r.label for r in trained.records if r.counted) == sorted(
        Staff.objects.filter(username__in=["canbo", "cc-td-1", "cc-td-3"]).values_list("full_name", flat=True))


@pytest.mark.django_db
def test_the_head_enters_a_rating_once_with_history_and_nobody_rates_themself(full_demo, client_for):
    head = Staff.objects.get(username="phuong")
    person = Staff.objects.get(username="cc-td-2")
    rating = StaffRating.objects.get(staff=person, year=2026)
    client = client_for(head)
    data = {"staff": person.pk, "year": 2026, "level": RatingLevel.GOOD, "comment": "Đã khắc phục hạn chế.",
            "version": rating.version, "back_unit": person.unit_id}
    assert client.post("/thi-dua/can-bo/xep-loai/", data).status_code == 302
    rating.refresh_from_db()
    assert rating.level == RatingLevel.GOOD and rating.version == 2
    assert [h.history_change_reason for h in rating.history.order_by("history_date")][-1] == \
        "Sửa xếp loại năm 2026: Hoàn thành tốt nhiệm vụ"
    assert "Sửa xếp loại năm 2026" in client.get(f"/thi-dua/can-bo/{person.pk}/").content.decode()
    # Not completed needs a comment; one's own rating is entered above.
    response = client.post("/thi-dua/can-bo/xep-loai/", {**data, "level": RatingLevel.NOT_COMPLETED, "comment": "",
                                                         "version": 2}, follow=True)
    assert "hãy ghi nhận xét" in response.content.decode()
    assert client.post("/thi-dua/can-bo/xep-loai/", {**data, "staff": head.pk}).status_code == 403
    officer = client_for(Staff.objects.get(username="canbo"))
    assert officer.post("/thi-dua/can-bo/xep-loai/", data).status_code == 403


@pytest.mark.django_db
def test_a_course_is_recorded_from_its_page_and_counts_when_it_serves_the_plan(full_demo, client_for):
    head = Staff.objects.get(username="phuong")
    person = Staff.objects.get(username="cc-td-2")
    client = client_for(head)
    assert client.get("/thi-dua/can-bo/boi-duong/them/").status_code == 200
    form = {"staff": person.pk, "course": "Bồi dưỡng kỹ năng vận động Nhân dân", "organiser": "Phòng Nội vụ quận",
            "start_on": "09/06/2026", "end_on": "10/06/2026", "hours": "", "sessions": ""}
    refused = client.post("/thi-dua/can-bo/boi-duong/them/", form)
    assert refused.status_code == 200 and "Hãy ghi số giờ hoặc số buổi" in refused.content.decode()
    item = PlanItem.objects.get(plan__number_key="307/kh-ubnd", path="II.1")
    response = client.post("/thi-dua/can-bo/boi-duong/them/", {**form, "hours": "2.500", "plan_item": item.pk})
    assert "Hãy nhập số giờ từ 0,5 đến 2.000." in response.content.decode()  # 2.500 hours, not two and a half
    post_twice(client, "/thi-dua/can-bo/boi-duong/them/", {**form, "hours": "12,5", "plan_item": item.pk}, Training)
    training = Training.objects.get(staff=person, course=form["course"])
    assert training.hours == 12.5 and training.unit == person.unit
    ward = person.unit
    scheme = Scheme.objects.get(unit__code="tx-ubnd", year=2026)
    _result, row = selectors.sheet(scheme, ward)
    assert next(line for line in row.lines if line.criterion.formula == "staff_trained").value == 4


@pytest.mark.django_db
def test_the_unit_page_runs_the_same_queries_for_a_few_people_or_many(demo_org, users, client_for, freeze_clock):
    freeze_clock(date(2026, 11, 27))
    ward = demo_org["tx-thuong-dinh"]

    def add(n):
        for i in range(n):
            person = Staff.objects.create(username=f"cc-them-{Staff.objects.count()}", full_name=f"Công chức {i}",
                                          unit=ward, role=Role.OFFICER)
            services.rate_staff(actor=users["phuong"], staff=person, year=2026, level=RatingLevel.GOOD)
            services.add_training(actor=users["phuong"], staff=person, course="Bồi dưỡng", organiser="Quận",
                                  start_on=date(2026, 3, 1), end_on=date(2026, 3, 1), sessions=1)

    client = client_for(users["phuong"])

    def count():
        client.get(f"{URL}?don-vi={ward.pk}&nam=2026")
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"{URL}?don-vi={ward.pk}&nam=2026").status_code == 200
        return len(ctx.captured_queries)

    add(2)
    few = count()
    add(12)
    assert count() == few
