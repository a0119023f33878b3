"""The report of a carry-over: what moved where, as an official .docx and as an .xlsx table."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from danvan.documents.issuer import issuer_for
from danvan.documents.render import OfficialDocument, Paragraph, Table, render_docx, render_table_xlsx
from danvan.org import clock
from danvan.org.models import CarryOverMove, CarryOverRun, Unit


def _header() -> list[str]:
    return [_("STT"), _("Loại hồ sơ"), _("Hồ sơ"), _("Từ đơn vị"), _("Đến đơn vị"), _("Xử lý"), _("Căn cứ")]


def rows(moves: list[CarryOverMove]) -> list[list[Any]]:
    return [[i, getattr(m, "kind_name", m.kind_label), m.label, m.from_unit.name, m.to_unit.name if m.to_unit else "—",
             m.get_action_display(), m.basis] for i, m in enumerate(moves, start=1)]


def _issuer(moves: list[CarryOverMove], run: CarryOverRun) -> Unit:
    """The body that reports: the successor that received most of the work."""
    counts: dict[int, int] = {}
    units: dict[int, Unit] = {}
    for move in moves:
        if move.to_unit is not None:
            counts[move.to_unit.pk] = counts.get(move.to_unit.pk, 0) + 1
            units[move.to_unit.pk] = move.to_unit
    if not counts:
        return run.predecessor
    return units[max(counts, key=lambda pk: (counts[pk], -pk))]


def run_docx(run: CarryOverRun, moves: list[CarryOverMove], *, today: date | None = None) -> bytes:
    today = today or clock.today()
    unit = _issuer(moves, run)
    issuer = issuer_for(unit)
    by_target: dict[str, int] = {}
    for move in moves:
        name = move.to_unit.name if move.to_unit else _("Kết thúc, không chuyển")
        by_target[name] = by_target.get(name, 0) + 1
    body = [
        Paragraph(_("Thực hiện việc sắp xếp đơn vị hành chính có hiệu lực từ ngày %(d)s, công việc đang giải quyết "
                    "của %(u)s và các đơn vị trực thuộc đã được chuyển cho các đơn vị kế thừa ngày %(a)s, "
                    "gồm %(n)s hồ sơ.") % {
            "d": run.effective_on.strftime("%d/%m/%Y"), "u": run.predecessor.name,
            "a": run.applied_at.strftime("%d/%m/%Y"), "n": len(moves)}),
        Paragraph(_("Hồ sơ chuyển đi giữ nguyên ngày nhận và các thời hạn giải quyết theo quy định; thời hạn "
                    "không tính lại từ ngày chuyển.")),
        Paragraph(_("I. SỐ HỒ SƠ THEO ĐƠN VỊ NHẬN"), level=1),
        Table(header=[[_("Đơn vị nhận"), _("Số hồ sơ")]], rows=sorted(by_target.items()), column_widths=[120, 40]),
        Paragraph(_("II. DANH SÁCH HỒ SƠ ĐÃ CHUYỂN"), level=1),
        # Wider than a portrait page: laid out on landscape A4.
        Table(header=[_header()], rows=rows(moves), column_widths=[14, 30, 50, 36, 36, 22, 64]),
    ]
    # Issued by the receiving body and signed by its leader, not by the administrator who applied it.
    doc = OfficialDocument(
        issuing_body=issuer.issuing_body, parent_body=issuer.parent_body, place=issuer.place, date=today,
        type_code="BC", issuer_code=issuer.issuer_code, issuer_name=unit.name,
        subject=_("Kết quả chuyển giao công việc đang giải quyết của %(u)s do sắp xếp đơn vị hành chính") % {
            "u": run.predecessor.name},
        body=body, signer=issuer.signer,
        recipients=sorted({_("Lãnh đạo %(u)s") % {"u": m.to_unit.name} for m in moves if m.to_unit}),
        archive="Lưu: VT.",
    )
    return render_docx(doc)


def run_xlsx(run: CarryOverRun, moves: list[CarryOverMove]) -> bytes:
    title = _("Hồ sơ của %(u)s chuyển giao ngày %(d)s") % {"u": run.predecessor.name,
                                                          "d": run.applied_at.strftime("%d/%m/%Y")}
    return render_table_xlsx(title, _header(), rows(moves), sheet_name=_("Chuyển giao"))
