"""Import and export of units and staff as .xlsx and .csv.

Internal Affairs sets up a district in minutes from a spreadsheet. Every row is checked and a
bad row is reported with its line number and what to fix, in Vietnamese. Two modes: ``rows``
imports every good row and skips the bad ones (each row in its own savepoint, so a bad row
leaves nothing of itself); ``all`` imports nothing unless the whole file is clean.
Rows are matched on their code (units) or user name (staff), so importing twice updates.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import openpyxl
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core.vntext import clean_text, fold, format_size
from danvan.org import services
from danvan.org.models import Level, Role, Staff, Unit, UnitKind

UNIT_COLUMNS = [
    ("code", "Mã đơn vị"), ("name", "Tên đơn vị"), ("short_name", "Tên viết tắt"),
    ("aliases", "Tên gọi khác (cách nhau bởi ;)"), ("level", "Cấp"), ("kind", "Loại đơn vị"),
    ("parent_code", "Mã đơn vị cấp trên"), ("valid_from", "Hiệu lực từ"), ("valid_to", "Hiệu lực đến"),
    ("address", "Địa chỉ"), ("phone", "Điện thoại"), ("email", "Thư điện tử"),
]
STAFF_COLUMNS = [
    ("username", "Tên đăng nhập"), ("full_name", "Họ và tên"), ("unit_code", "Mã đơn vị"),
    ("position", "Chức vụ"), ("role", "Vai trò"), ("phone", "Điện thoại"), ("email", "Thư điện tử"),
]
MAX_IMPORT_BYTES = 5 * 1024 * 1024


class ImportFileError(Exception):
    """The file as a whole cannot be read (wrong type, too big, no header)."""


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    applied: bool = True

    @property
    def ok(self) -> bool:
        return not self.errors


def _choice(value: str, choices: Any, column: str) -> str:
    key = fold(value)
    for code, label in choices.choices:
        if key in {fold(code), fold(str(label))}:
            return code
    raise ValidationError(_("cột “%(col)s”: giá trị “%(v)s” không hợp lệ; dùng một trong: %(c)s") % {
        "col": column, "v": value, "c": ", ".join(str(label) for label in choices.labels)})


def _date(value: Any, column: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValidationError(_("cột “%(col)s”: ngày “%(v)s” không hợp lệ, hãy ghi theo dạng dd/mm/yyyy") % {
        "col": column, "v": text})


def read_rows(data: bytes, filename: str, columns: list[tuple[str, str]]) -> list[tuple[int, dict[str, Any]]]:
    """Read a spreadsheet into (line number, row) pairs keyed by our column codes.

    The header may use our codes or the Vietnamese titles, in any order and any case.
    """
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFileError(_("Tệp quá lớn (%(size)s); giới hạn là 5 MB.") % {"size": format_size(len(data))})
    name = filename.lower()
    if name.endswith(".xlsx"):
        if not data.startswith(b"PK"):
            raise ImportFileError(_("Tệp không phải bảng tính .xlsx hợp lệ (có thể đã bị đổi đuôi)."))
        try:
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            raise ImportFileError(_("Không đọc được tệp .xlsx: tệp bị hỏng hoặc không đúng định dạng.")) from exc
        raw = [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    elif name.endswith(".csv"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ImportFileError(_("Tệp .csv phải được lưu với bảng mã UTF-8.")) from exc
        dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t") if text.strip() else csv.excel
        raw = [list(row) for row in csv.reader(io.StringIO(text), dialect)]
    else:
        raise ImportFileError(_("Chỉ nhận tệp .xlsx hoặc .csv."))
    raw = [row for row in raw if any(cell not in (None, "") for cell in row)]
    if not raw:
        raise ImportFileError(_("Tệp không có dữ liệu."))
    lookup = {}
    for code, title in columns:
        lookup[fold(code)] = code
        lookup[fold(title)] = code
    header = [lookup.get(fold(str(cell or ""))) for cell in raw[0]]
    required = columns[0][0]
    if required not in header:
        raise ImportFileError(_("Dòng tiêu đề phải có cột “%(title)s” (hoặc “%(code)s”).") % {
            "title": columns[0][1], "code": required})
    rows = []
    for index, values in enumerate(raw[1:], start=2):
        row = {key: values[i] if i < len(values) else None for i, key in enumerate(header) if key}
        rows.append((index, {k: (clean_text(str(v)) if isinstance(v, str | int | float) and not isinstance(v, bool)
                                 else v) for k, v in row.items()}))
    return rows


def _message(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "; ".join(f"{m}" for msgs in exc.message_dict.values() for m in msgs)
    return "; ".join(exc.messages)


def _run(rows: list[tuple[int, dict[str, Any]]], apply_row: Any, mode: str) -> ImportResult:
    result = ImportResult()
    with transaction.atomic():
        for line, row in rows:
            try:
                with transaction.atomic():
                    created = apply_row(row)
            except ValidationError as exc:
                result.errors.append((line, _message(exc)))
                continue
            if created:
                result.created += 1
            else:
                result.updated += 1
        if mode == "all" and result.errors:
            result.applied = False
            result.created = result.updated = 0
            transaction.set_rollback(True)
    return result


def import_units(data: bytes, filename: str, *, actor: Staff | None, mode: str = "rows") -> ImportResult:
    rows = read_rows(data, filename, UNIT_COLUMNS)
    known = {u.code: u for u in Unit.objects.all()}

    def apply_row(row: dict[str, Any]) -> bool:
        code = str(row.get("code") or "").lower()
        if not code:
            raise ValidationError(_("thiếu mã đơn vị"))
        if not row.get("name"):
            raise ValidationError(_("thiếu tên đơn vị"))
        parent = None
        if row.get("parent_code"):
            parent_code = str(row["parent_code"]).lower()
            parent = known.get(parent_code) or Unit.objects.filter(code=parent_code).first()
            if parent is None:
                raise ValidationError(_("mã đơn vị cấp trên “%(c)s” không có trong danh mục (hãy đặt dòng của "
                                        "đơn vị cấp trên lên trước)") % {"c": row["parent_code"]})
        values = {
            "name": row["name"], "short_name": row.get("short_name") or "",
            "aliases": "\n".join(a.strip() for a in str(row.get("aliases") or "").split(";") if a.strip()),
            "level": _choice(str(row.get("level") or ""), Level, "Cấp"),
            "kind": _choice(str(row.get("kind") or ""), UnitKind, "Loại đơn vị"),
            "parent": parent, "valid_from": _date(row.get("valid_from"), "Hiệu lực từ"),
            "valid_to": _date(row.get("valid_to"), "Hiệu lực đến"),
            "address": row.get("address") or "", "phone": str(row.get("phone") or ""),
            "email": row.get("email") or "",
        }
        existing = known.get(code)
        if existing:
            known[code] = services.update_unit(actor=actor, unit=existing, reason=_("Nhập từ tệp"), **values)
            return False
        known[code] = services.create_unit(actor=actor, code=code, **values)
        return True

    return _run(rows, apply_row, mode)


def import_staff(data: bytes, filename: str, *, actor: Staff | None, mode: str = "rows") -> ImportResult:
    rows = read_rows(data, filename, STAFF_COLUMNS)

    def apply_row(row: dict[str, Any]) -> bool:
        username = str(row.get("username") or "").lower()
        if not username:
            raise ValidationError(_("thiếu tên đăng nhập"))
        unit = Unit.objects.filter(code=str(row.get("unit_code") or "").lower()).first()
        if unit is None:
            raise ValidationError(_("mã đơn vị “%(c)s” không có trong danh mục") % {"c": row.get("unit_code") or ""})
        values = {
            "full_name": row.get("full_name") or "", "unit": unit, "position": row.get("position") or "",
            "role": _choice(str(row.get("role") or Role.OFFICER), Role, "Vai trò"),
            "phone": str(row.get("phone") or ""), "email": row.get("email") or "",
        }
        existing = Staff.objects.filter(username=username).first()
        if existing:
            services.update_staff(actor=actor, staff=existing, reason=_("Nhập từ tệp"), **values)
            return False
        services.create_staff(actor=actor, username=username, **values)
        return True

    return _run(rows, apply_row, mode)


def _cell(value: Any) -> Any:
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return value if value is not None else ""


def unit_rows(units: Any) -> list[list[Any]]:
    return [[u.code, u.name, u.short_name, "; ".join(u.alias_list()), u.get_level_display(), u.get_kind_display(),
             u.parent.code if u.parent_id else "", _cell(u.valid_from), _cell(u.valid_to), u.address, u.phone,
             u.email] for u in units]


def staff_rows(staff: Any) -> list[list[Any]]:
    return [[s.username, s.full_name, s.unit.code if s.unit_id else "", s.position, s.get_role_display(), s.phone,
             s.email]
            for s in staff]


def export_table(columns: list[tuple[str, str]], rows: list[list[Any]], fmt: str, title: str) -> bytes:
    """The same table as .xlsx (with Vietnamese titles and codes) or .csv (UTF-8 with BOM for Excel)."""
    header = [title_ for _code, title_ in columns]
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows(rows)
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = openpyxl.styles.Font(bold=True, name="Times New Roman")
    for index, (_code, title_) in enumerate(columns, start=1):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(index)].width = max(12, len(title_) + 4)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
