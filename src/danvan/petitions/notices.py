"""Documents of the petitions app: notices to citizens and the petition register.

All go through the one renderer (danvan.documents.render) so that the Decree 30/2020 layout is
decided in one place. The register and every notice carry the case text only: a denouncer's
name never enters a document that leaves the handling officer (the acceptance notice to a
denouncer is addressed "Người tố cáo" — the officer writes the address on the envelope).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.vntext import clean_text, format_date
from danvan.documents.render import OfficialDocument, Paragraph, Signer, Table, render_docx, render_table_xlsx
from danvan.org.models import Unit
from danvan.petitions.models import Kind, Petition, Status, TriageReason

NOTICE_KINDS = ("acceptance", "rejection", "forwarding")


def _place(unit: Unit) -> str:
    ids = unit.ancestor_ids()
    root = Unit.objects.filter(pk=ids[0]).first() if ids else unit
    name = re.sub(r"^(UBND|Ủy ban nhân dân)\s+(thành phố|tỉnh|TP\.?)\s+", "", (root or unit).name,
                  flags=re.IGNORECASE)
    return clean_text(name) or "Hà Nội"


def _bodies(unit: Unit) -> tuple[str, str | None]:
    issuing = unit.name.replace("UBND", "Ủy ban nhân dân").upper()
    parent = unit.parent.name.replace("UBND", "Ủy ban nhân dân").upper() if unit.parent_id else None
    return issuing, parent


def _addressee(petition: Petition, people: list[Any]) -> str:
    if petition.kind == Kind.DENUNCIATION or not people:
        return _("Người tố cáo") if petition.kind == Kind.DENUNCIATION else _("Công dân")
    first = people[0]
    return _("Ông/Bà %(name)s, địa chỉ: %(address)s") % {"name": first.full_name, "address": first.address or "—"}


def notice_docx(petition: Petition, which: str, *, signer_name: str, people: list[Any] | None = None,
                today: date | None = None) -> bytes:
    """Acceptance (thông báo thụ lý), non-acceptance with the legal reason, or the forwarding slip."""
    if which not in NOTICE_KINDS:
        raise ValueError(which)
    today = today or timezone.localdate()
    unit = petition.handling_unit
    issuing, parent = _bodies(unit)
    to = _addressee(petition, people or [])
    received = format_date(petition.received_on)
    kind_label = Kind(petition.kind).label.lower()
    body: list[Any] = [Paragraph(_("Kính gửi: %(to)s.") % {"to": to}, align="center")]
    if which == "acceptance":
        subject = _("Thông báo thụ lý giải quyết %(kind)s") % {"kind": kind_label}
        body += [
            Paragraph(_("Ngày %(d)s, %(u)s nhận được đơn %(kind)s (mã hồ sơ %(code)s) với nội dung: %(s)s.") % {
                "d": received, "u": unit.name, "kind": kind_label, "code": petition.code, "s": petition.subject}),
            Paragraph(_("Xét thấy đơn đủ điều kiện, %(u)s thụ lý giải quyết từ ngày %(a)s.") % {
                "u": unit.name, "a": format_date(petition.accepted_on)}),
        ]
        if petition.resolve_due:
            body.append(Paragraph(_("Thời hạn giải quyết dự kiến: đến ngày %(d)s.") % {
                "d": format_date(petition.resolve_due)}))
        body.append(Paragraph(_("Công dân có thể tra cứu tiến độ bằng mã hồ sơ và mã bí mật đã được cấp.")))
        type_code = "TB"
    elif which == "rejection":
        subject = _("Thông báo không thụ lý đơn %(kind)s") % {"kind": kind_label}
        reason = TriageReason(petition.triage_reason).label if petition.triage_reason else _("(chưa ghi lý do)")
        body += [
            Paragraph(_("Ngày %(d)s, %(u)s nhận được đơn (mã hồ sơ %(code)s) với nội dung: %(s)s.") % {
                "d": received, "u": unit.name, "code": petition.code, "s": petition.subject}),
            Paragraph(_("Đơn không đủ điều kiện thụ lý giải quyết với lý do: %(r)s.") % {"r": reason}),
        ]
        if petition.triage_note:
            body.append(Paragraph(petition.triage_note))
        type_code = "TB"
    else:
        subject = _("Phiếu chuyển đơn")
        body += [
            Paragraph(_("%(u)s nhận được đơn %(kind)s (mã hồ sơ %(code)s) đề ngày %(d)s, nội dung: %(s)s.") % {
                "u": unit.name, "kind": kind_label, "code": petition.code, "d": received, "s": petition.subject}),
            Paragraph(_("Căn cứ quy định của pháp luật, đơn không thuộc thẩm quyền giải quyết của %(u)s. "
                        "Chuyển đơn đến %(to)s để xem xét, giải quyết theo thẩm quyền.") % {
                "u": unit.name, "to": petition.forwarded_to or "—"}),
        ]
        if petition.kind == Kind.DENUNCIATION:
            body.append(Paragraph(_("Thông tin về người tố cáo được giữ bí mật theo Điều 47 Luật Tố cáo 2018 "
                                    "và được chuyển riêng theo chế độ mật.")))
        type_code = "PC"
    doc = OfficialDocument(
        issuing_body=issuing, parent_body=parent, place=_place(unit), date=today, type_code=type_code,
        subject=subject, body=body, signer=Signer(None, None, _("Cán bộ xử lý"), signer_name or _("Cán bộ xử lý")),
        recipients=[petition.forwarded_to] if which == "forwarding" and petition.forwarded_to else [to],
        archive="Lưu: VT.",
    )
    return render_docx(doc)


# --- the register -------------------------------------------------------------------------------


def register_header() -> list[str]:
    return [str(x) for x in _header()]


def _header() -> list[Any]:
    return [_("STT"), _("Mã hồ sơ"), _("Ngày nhận"), _("Loại đơn"), _("Lĩnh vực"), _("Nội dung tóm tắt"),
            _("Đơn vị xử lý"), _("Nguồn đơn"), _("Trạng thái"), _("Hạn đang chạy"), _("Quá hạn"),
            _("Ngày giải quyết")]


def register_rows(petitions: Iterable[Petition]) -> list[list[Any]]:
    """One row per case — no petitioner column: the register circulates beyond the handling officer."""
    rows = []
    for number, p in enumerate(petitions, start=1):
        rows.append([number, p.code, p.received_on, str(p.get_kind_display()), p.field.name, p.subject,
                     p.handling_unit.name, str(p.get_channel_display()), str(Status(p.status).label), p.next_due,
                     _("Quá hạn") if p.is_overdue else "", p.resolved_on])
    return rows


def register_xlsx(petitions: Iterable[Petition]) -> bytes:
    return render_table_xlsx(_("SỔ THEO DÕI ĐƠN THƯ"), register_header(), register_rows(petitions),
                             sheet_name=_("Sổ đơn thư"))


def register_docx(petitions: Iterable[Petition], *, unit: Unit, signer_name: str, today: date | None = None) -> bytes:
    today = today or timezone.localdate()
    rows = register_rows(petitions)
    issuing, parent = _bodies(unit)
    keep = (0, 1, 2, 3, 4, 5, 8, 9)
    header = [register_header()[i] for i in keep]
    doc = OfficialDocument(
        issuing_body=issuing, parent_body=parent, place=_place(unit), date=today, type_code="BC",
        subject=_("Sổ theo dõi tiếp nhận, xử lý đơn thư"),
        body=[Paragraph(_("Danh sách gồm %(n)s hồ sơ đơn thư, như sau:") % {"n": len(rows)}),
              Table(header=[header], rows=[[r[i] for i in keep] for r in rows],
                    column_widths=[9, 20, 18, 20, 20, 40, 20, 18])],
        signer=Signer(None, None, _("Người lập"), signer_name or _("Người lập")),
        recipients=[_("Lãnh đạo %(u)s") % {"u": unit.name}], archive="Lưu: VT.",
    )
    return render_docx(doc)
