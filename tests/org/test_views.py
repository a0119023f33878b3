"""Registry pages: scope, 403, search without diacritics, fixed query counts, forms."""

from __future__ import annotations

import io

import openpyxl
import pytest

from danvan.org import services
from danvan.org.models import Level, Staff, UnitKind


def test_home_page_is_vietnamese(client_for, users):
    response = client_for(users["noivu"]).get("/")
    assert response.status_code == 200
    assert 'lang="vi"' in response.content.decode()
    assert "Tổng quan công tác dân vận chính quyền" in response.content.decode()


def test_anonymous_is_sent_to_login(client, demo_org):
    response = client.get("/don-vi/")
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_ward_officer_gets_403_on_another_wards_staff_page(client_for, users):
    response = client_for(users["canbo"]).get(f"/can-bo/{users['canbo2'].pk}/")
    assert response.status_code == 403
    assert "Hoàng Đức Anh" not in response.content.decode()
    assert "không có quyền" in response.content.decode()


def test_search_without_diacritics_finds_the_ward(client_for, users):
    html = client_for(users["noivu"]).get("/don-vi/", {"q": "khuong dinh"}).content.decode()
    assert "UBND phường Khương Đình" in html
    assert "UBND phường Hạ Đình" not in html


def test_search_with_old_tone_placement(client_for, users):
    html = client_for(users["noivu"]).get("/don-vi/", {"q": "Văn hoá"}).content.decode()
    assert "Phòng Văn hóa và Thông tin" in html


def test_unit_list_runs_a_fixed_number_of_queries(client_for, users, demo_org, django_assert_max_num_queries):
    client = client_for(users["admin"])
    with django_assert_max_num_queries(12):
        before = client.get("/don-vi/").context["page"].paginator.count
    for i in range(40):
        services.create_unit(actor=None, code=f"extra-{i}", name=f"Tổ dân phố {i}", level=Level.COMMUNE,
                             kind=UnitKind.OFFICE, parent=demo_org["tx-khuong-dinh"])
    with django_assert_max_num_queries(12):
        response = client.get("/don-vi/")
    assert response.context["page"].paginator.count == before + 40
    assert len(response.context["page"].object_list) == 50  # a full page, still the same few queries


def test_staff_list_runs_a_fixed_number_of_queries(client_for, users, demo_org, django_assert_max_num_queries):
    client = client_for(users["admin"])
    for i in range(30):
        services.create_staff(actor=None, username=f"cb{i}", full_name=f"Cán bộ {i}", unit=demo_org["tx-kim-giang"])
    with django_assert_max_num_queries(10):
        response = client.get("/can-bo/")
    assert response.context["page"].paginator.count == Staff.objects.count()
    html = client.get("/can-bo/?q=can+bo+29").content.decode()  # found without diacritics, with its unit
    assert "Cán bộ 29" in html and "Cán bộ 28" not in html and "Kim Giang" in html


def test_unit_page_shows_history_and_successors(client_for, users, demo_org):
    html = client_for(users["admin"]).get(f"/don-vi/{demo_org['tx-ubnd'].pk}/").content.decode()
    assert "Lịch sử thay đổi" in html
    assert "Đơn vị kế thừa" in html and "UBND phường Phương Liệt (từ 2025)" in html
    assert "không còn hoạt động" in html


def test_unit_edit_form_reports_bad_date_in_vietnamese(client_for, users, demo_org):
    unit = demo_org["tx-vhtt"]
    response = client_for(users["noivu"]).post(f"/don-vi/{unit.pk}/sua/", {
        "code": unit.code, "name": unit.name, "level": unit.level, "kind": unit.kind, "parent": unit.parent_id,
        "valid_from": "31/02/2026", "version": unit.version,
    })
    assert response.status_code == 200
    assert "Ngày không hợp lệ" in response.content.decode()


def test_unit_edit_strips_html_and_saves(client_for, users, demo_org):
    unit = demo_org["tx-vhtt"]
    response = client_for(users["noivu"]).post(f"/don-vi/{unit.pk}/sua/", {
        "code": unit.code, "name": "<script>alert(1)</script>Phòng VHTT", "level": unit.level, "kind": unit.kind,
        "parent": unit.parent_id, "version": unit.version,
    })
    assert response.status_code == 302
    html = client_for(users["noivu"]).get(f"/don-vi/{unit.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_officer_cannot_open_unit_edit(client_for, users, demo_org):
    assert client_for(users["canbo"]).get(f"/don-vi/{demo_org['tx-thuong-dinh'].pk}/sua/").status_code == 403


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_exports_only_what_the_user_sees(client_for, users, fmt):
    response = client_for(users["canbo"]).get(f"/danh-muc/units/xuat.{fmt}")
    assert response.status_code == 200
    if fmt == "csv":
        text = response.content.decode("utf-8-sig")
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        text = "\n".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell)
    assert "UBND phường Thượng Đình" in text and "Khương Đình" not in text


def test_coordinator_issues_a_temporary_password_shown_once(client_for, users, client):
    staff = users["canbo2"]
    response = client_for(users["noivu"]).post(f"/can-bo/{staff.pk}/mat-khau/", follow=True)
    message = next(str(m) for m in response.context["messages"])
    password = message.split(": ")[1].split(" — ")[0]
    staff.refresh_from_db()
    assert staff.check_password(password)
    assert staff.history.first().history_change_reason == "Cấp mật khẩu tạm thời"
    assert password not in client.get(f"/can-bo/{staff.pk}/").content.decode()


def test_officer_cannot_reset_someone_elses_password(client_for, users):
    assert client_for(users["canbo"]).post(f"/can-bo/{users['phuong'].pk}/mat-khau/").status_code == 403


def test_abolished_units_carry_a_text_badge_and_their_successors(client_for, users, demo_org):
    import io

    from danvan.carryover import demo as reform_demo

    reform_demo.load(io.StringIO())  # the former wards' successors, from the 2025 mapping
    html = client_for(users["admin"]).get("/don-vi/?q=Thượng Đình").content.decode()
    row = html[html.index("UBND phường Thượng Đình"):]
    row = row[:row.index("</tr>")]
    assert "cũ, đến 30/06/2025" in row and "Phường Thanh Xuân" in row
    current = client_for(users["admin"]).get("/don-vi/?q=Thanh Xuân (từ 2025)").content.decode()
    assert "cũ, đến" not in current[current.index("UBND phường Thanh Xuân (từ 2025)"):].split("</tr>")[0]
