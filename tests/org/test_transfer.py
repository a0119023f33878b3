"""Import of units and staff from .xlsx/.csv with row-by-row errors, in both modes."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.org import transfer
from danvan.org.models import Staff, Unit


def _xlsx(rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


UNIT_ROWS = [
    ["Mã đơn vị", "Tên đơn vị", "Cấp", "Loại đơn vị", "Mã đơn vị cấp trên", "Hiệu lực từ"],
    ["kd-tdp1", "Tổ dân phố số 1", "commune", "office", "tx-khuong-dinh", "01/01/2022"],
    ["kd-tdp2", "Tổ dân phố số 2", "Phường/Xã", "office", "khong-co", ""],
    ["kd-tdp3", "Tổ dân phố số 3", "commune", "office", "tx-khuong-dinh", "32/01/2022"],
    ["kd-tdp4", "Tổ dân phố số 4", "commune", "office", "tx-khuong-dinh", ""],
]


def test_rows_mode_imports_good_rows_and_reports_bad_ones(demo_org, users):
    result = transfer.import_units(_xlsx(UNIT_ROWS), "don-vi.xlsx", actor=users["noivu"], mode="rows")
    assert result.created == 2 and result.applied
    assert [line for line, _ in result.errors] == [3, 4]
    assert "khong-co" in result.errors[0][1] and "dd/mm/yyyy" in result.errors[1][1]
    assert set(Unit.objects.filter(code__startswith="kd-").values_list("code", flat=True)) == {"kd-tdp1", "kd-tdp4"}


def test_all_mode_imports_nothing_when_a_row_is_bad(demo_org, users):
    result = transfer.import_units(_xlsx(UNIT_ROWS), "don-vi.xlsx", actor=users["noivu"], mode="all")
    assert not result.applied and result.created == 0 and len(result.errors) == 2
    assert not Unit.objects.filter(code__startswith="kd-").exists()


def test_csv_round_trip_updates_instead_of_duplicating(demo_org, users):
    data = transfer.export_table(transfer.UNIT_COLUMNS, transfer.unit_rows(Unit.objects.order_by("path")), "csv", "x")
    before = Unit.objects.count()
    result = transfer.import_units(data, "don-vi.csv", actor=users["admin"], mode="all")
    assert result.ok and result.created == 0 and result.updated == before
    assert Unit.objects.count() == before


def test_staff_import_with_unknown_role_is_explained(demo_org, users):
    data = ("Tên đăng nhập,Họ và tên,Mã đơn vị,Vai trò\n"
            "nva,Nguyễn Văn A,tx-kim-giang,Cán bộ\n"
            "ttb,Trần Thị B,tx-kim-giang,officer\n").encode()
    result = transfer.import_staff(data, "can-bo.csv", actor=users["noivu"], mode="rows")
    assert result.created == 1 and result.errors[0][0] == 2 and "Vai trò" in result.errors[0][1]
    assert Staff.objects.filter(username="ttb", unit__code="tx-kim-giang").exists()


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"MZ\x90\x00 this is an exe", "don-vi.xlsx", "không phải bảng tính .xlsx"),
        (b"code,name\n", "don-vi.exe", "Chỉ nhận tệp .xlsx hoặc .csv"),
        ("Tên,Cấp\nA,commune\n".encode(), "don-vi.csv", "Dòng tiêu đề phải có cột"),
        (b"x" * (6 * 1024 * 1024), "don-vi.csv", "Tệp quá lớn"),
    ],
)
def test_bad_files_are_refused_whole_with_a_reason(demo_org, users, data, name, message):
    with pytest.raises(transfer.ImportFileError) as exc:
        transfer.import_units(data, name, actor=users["noivu"])
    assert message in str(exc.value)


def test_import_page_shows_row_errors(client_for, users):
    upload = SimpleUploadedFile("don-vi.xlsx", _xlsx(UNIT_ROWS))
    html = client_for(users["noivu"]).post("/danh-muc/units/nhap/", {"file": upload, "mode": "rows"}).content.decode()
    assert "Dòng 3:" in html and "KHÔNG được nhập" in html


def test_officer_cannot_import(client_for, users):
    assert client_for(users["canbo"]).get("/danh-muc/units/nhap/").status_code == 403
