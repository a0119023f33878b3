"""Documents of the petitions app: notices to citizens and the petition register.

All go through the one renderer (danvan.documents.render) so that the Decree 30/2020 layout is
decided in one place, and all are issued by the handling unit (``documents.issuer``): its name in
the header, the place name of its own locality, its leader in the signature block — never the
officer who drafts or prints. A notice is printed from its :class:`IssuedNotice` (number, date,
place and signer fixed when it was issued), so printing it again gives the same document.
The register carries the case text only: no petitioner column.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from types import SimpleNamespace
from typing import Any

from django.utils.translation import gettext as _

from danvan.core.vntext import format_date
from danvan.documents.filenames import download_name
from danvan.documents.issuer import issuer_for, signer_block
from danvan.documents.render import OfficialDocument, Paragraph, Table, render_docx, render_table_xlsx
from danvan.org import clock
from danvan.org.models import Unit
from danvan.petitions.models import IssuedNotice, Kind, NoticeKind, Petition, Status, TriageReason

NOTICE_KINDS = tuple(NoticeKind.values)
# Download names: Vietnamese without diacritics ("thong-bao-thu-ly-DT26-….docx").
_FILE_WORDS = {NoticeKind.ACCEPTANCE: "Thông báo thụ lý", NoticeKind.REJECTION: "Thông báo không thụ lý",
               NoticeKind.FORWARDING: "Phiếu chuyển đơn"}


def notice_filename(notice: IssuedNotice) -> str:
    return download_name(_FILE_WORDS[NoticeKind(notice.kind)], notice.petition.code, ext="docx")


def addressee(people: list[Any]) -> str:
    """The citizen by name (the representative first); "Ông/Bà" only when no name is known."""
    named = [p for p in people if (p.full_name or "").strip()]
    if not named:
        return _("Ông/Bà")
    first = next((p for p in named if getattr(p, "is_representative", False)), named[0])
    text = first.full_name
    if first.address:
        text = _("%(name)s (địa chỉ: %(address)s)") % {"name": text, "address": first.address}
    if len(named) > 1:
        text = _("%(name)s và những người cùng ký đơn") % {"name": text}
    return text


def _recipient_name(people: list[Any]) -> str:
    named = [p for p in people if (p.full_name or "").strip()]
    if not named:
        return _("Người gửi đơn")
    first = next((p for p in named if getattr(p, "is_representative", False)), named[0])
    return first.full_name


def notice_document(notice: IssuedNotice, *, people: list[Any] | None = None) -> OfficialDocument:
    """The notice as issued: acceptance (thông báo thụ lý), non-acceptance with its legal reason, or
    the forwarding slip addressed to the competent body."""
    petition: Petition = notice.petition
    unit = notice.issuer
    issuer = issuer_for(unit)
    people = people or []
    kind_label = Kind(petition.kind).label.lower()
    received = format_date(petition.received_on)
    which = notice.kind
    if which == NoticeKind.ACCEPTANCE:
        to = addressee(people)
        subject = _("Về việc thụ lý giải quyết %(kind)s") % {"kind": kind_label}
        body = [
            Paragraph(_("Kính gửi: %(to)s.") % {"to": to}, align="center"),
            Paragraph(_("Ngày %(d)s, %(u)s nhận được đơn %(kind)s (mã hồ sơ %(code)s) với nội dung: %(s)s.") % {
                "d": received, "u": unit.name, "kind": kind_label, "code": petition.code, "s": petition.subject}),
            Paragraph(_("Xét thấy đơn đủ điều kiện, %(u)s thụ lý giải quyết từ ngày %(a)s.") % {
                "u": unit.name, "a": format_date(petition.accepted_on)}),
        ]
        if petition.resolve_due:
            body.append(Paragraph(_("Thời hạn giải quyết dự kiến: đến ngày %(d)s.") % {
                "d": format_date(petition.resolve_due)}))
        body.append(Paragraph(_("Công dân có thể tra cứu tiến độ bằng mã hồ sơ và mã bí mật đã được cấp.")))
        recipients = [_recipient_name(people)]
    elif which == NoticeKind.REJECTION:
        to = addressee(people)
        subject = _("Về việc không thụ lý giải quyết đơn %(kind)s") % {"kind": kind_label}
        body = [
            Paragraph(_("Kính gửi: %(to)s.") % {"to": to}, align="center"),
            Paragraph(_("Ngày %(d)s, %(u)s nhận được đơn %(kind)s (mã hồ sơ %(code)s) với nội dung: %(s)s.") % {
                "d": received, "u": unit.name, "kind": kind_label, "code": petition.code, "s": petition.subject}),
            Paragraph(_("Đơn không đủ điều kiện thụ lý giải quyết với lý do: %(r)s.") % {
                "r": TriageReason(petition.triage_reason).label}),
        ]
        if petition.triage_note:
            body.append(Paragraph(petition.triage_note))
        recipients = [_recipient_name(people)]
    else:
        subject = _("Về việc chuyển đơn %(kind)s") % {"kind": kind_label}
        body = [
            Paragraph(_("Kính gửi: %(to)s.") % {"to": petition.forwarded_to}, align="center"),
            Paragraph(_("%(u)s nhận được đơn %(kind)s (mã hồ sơ %(code)s) đề ngày %(d)s, nội dung: %(s)s.") % {
                "u": unit.name, "kind": kind_label, "code": petition.code, "d": received, "s": petition.subject}),
            Paragraph(_("Căn cứ quy định của pháp luật, đơn không thuộc thẩm quyền giải quyết của %(u)s. "
                        "Chuyển đơn đến %(to)s để xem xét, giải quyết theo thẩm quyền.") % {
                "u": unit.name, "to": petition.forwarded_to}),
        ]
        if petition.kind == Kind.DENUNCIATION:
            body.append(Paragraph(_("Thông tin về người tố cáo được giữ bí mật theo Điều 47 Luật Tố cáo 2018 "
                                    "và được chuyển riêng theo chế độ mật.")))
        recipients = [petition.forwarded_to, _("Người gửi đơn (để biết)")]
    signer = signer_block(unit, SimpleNamespace(full_name=notice.signer_name, position=notice.signer_position))
    return OfficialDocument(
        issuing_body=issuer.issuing_body, parent_body=issuer.parent_body, place=notice.place,
        date=notice.issued_on, number=notice.number, type_code=notice.type_code, issuer_code=notice.issuer_code,
        subject=subject, body=body, signer=signer, recipients=recipients, archive="Lưu: VT, hồ sơ.",
        issuer_name=unit.name,
    )


def notice_docx(notice: IssuedNotice, *, people: list[Any] | None = None) -> bytes:
    return render_docx(notice_document(notice, people=people))


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


def register_docx(petitions: Iterable[Petition], *, unit: Unit, today: date | None = None,
                  period: str = "") -> bytes:
    """The register as the unit's report (landscape: the table is wider than a portrait page)."""
    today = today or clock.today()
    rows = register_rows(petitions)
    issuer = issuer_for(unit)
    keep = (0, 1, 2, 3, 4, 5, 8, 9)
    header = [register_header()[i] for i in keep]
    subject = _("Sổ theo dõi tiếp nhận, xử lý đơn thư")
    if period:
        subject = f"{subject} {period}"
    doc = OfficialDocument(
        issuing_body=issuer.issuing_body, parent_body=issuer.parent_body, place=issuer.place, date=today,
        type_code="BC", issuer_code=issuer.issuer_code, subject=subject,
        body=[Paragraph(_("Danh sách gồm %(n)s hồ sơ đơn thư, như sau:") % {"n": len(rows)}),
              Table(header=[header], rows=[[r[i] for i in keep] for r in rows],
                    column_widths=[14, 46, 27, 30, 30, 48, 30, 27])],
        signer=issuer.signer, recipients=[_("Lãnh đạo %(u)s") % {"u": unit.name}], archive="Lưu: VT.",
        issuer_name=unit.name,
    )
    return render_docx(doc)
