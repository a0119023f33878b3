"""The reception book as .xlsx and .docx, and the minutes of a dialogue as .docx.

The columns are those of the reception book (legal-rules.md §5), in the order officers keep on
paper, so the export can be printed and signed instead of copied by hand. Identities the viewer
may not see (denouncers of another unit) are replaced here too: exports go through the policy
like pages do.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from danvan.core.vntext import format_date
from danvan.documents.issuer import issuer_for
from danvan.documents.render import OfficialDocument, Paragraph, Signer, Table, render_docx, render_table_xlsx
from danvan.org import clock, policy
from danvan.org.models import Unit
from danvan.reception.models import Dialogue, ReceptionEntry


def book_header() -> list[str]:
    return [_("STT"), _("Ngày tiếp"), _("Họ tên, địa chỉ"), _("Số CCCD"), _("Nội dung vụ việc"), _("Phân loại"),
            _("Số người"), _("Cơ quan đã giải quyết"), _("Thuộc thẩm quyền"), _("Hướng dẫn (số văn bản)"),
            _("Cơ quan tiếp nhận, văn bản chuyển"), _("Hạn trả lời"), _("Ngày trả lời"), _("Theo dõi kết quả"),
            _("Ghi chú")]


def identity_hidden_text() -> str:
    return _("(Thông tin người tố cáo được giữ bí mật)")


def book_rows(entries: Iterable[ReceptionEntry], user: Any) -> list[list[Any]]:
    rows = []
    for number, e in enumerate(entries, start=1):
        visible = policy.can(user, "reception.identity", e)
        who = ", ".join(x for x in (e.citizen_name, e.citizen_address) if x) if visible else identity_hidden_text()
        if e.is_collective:
            who += " " + _("(đoàn %(n)s người)") % {"n": e.people_count}
        guided = " ".join(x for x in (e.guided_to, f"({e.guide_document})" if e.guide_document else "") if x)
        forwarded = " ".join(x for x in (e.forwarded_to, f"({e.forward_document})" if e.forward_document else "") if x)
        rows.append([
            number, e.received_on, who, e.id_number if visible else "", e.summary, e.get_kind_display(),
            e.people_count, e.handled_before, _("Có") if e.within_competence else _("Không"), guided, forwarded,
            e.reply_due, e.replied_on, e.result, e.notes,
        ])
    return rows


def _period_text(start: date | None, end: date | None) -> str:
    if start and end:
        return _("từ ngày %(a)s đến ngày %(b)s") % {"a": format_date(start), "b": format_date(end)}
    if start:
        return _("từ ngày %(a)s") % {"a": format_date(start)}
    if end:
        return _("đến ngày %(b)s") % {"b": format_date(end)}
    return ""


def book_xlsx(entries: Iterable[ReceptionEntry], user: Any, *, unit: Unit | None, start: date | None,
              end: date | None) -> bytes:
    title = " ".join(x for x in (_("SỔ TIẾP CÔNG DÂN"), unit.name if unit else "", _period_text(start, end)) if x)
    return render_table_xlsx(title, book_header(), book_rows(entries, user), sheet_name=_("Sổ tiếp công dân"))


def book_docx(entries: Iterable[ReceptionEntry], user: Any, *, unit: Unit, start: date | None, end: date | None,
              today: date | None = None) -> bytes:
    """The book as an official extract (a report of the reception unit, Decree 30/2020 layout)."""
    today = today or clock.today()
    rows = book_rows(entries, user)
    issuer = issuer_for(unit)
    header = [book_header()[i] for i in (0, 1, 2, 4, 5, 6, 10, 11, 12)]
    table_rows = [[r[i] for i in (0, 1, 2, 4, 5, 6, 10, 11, 12)] for r in rows]
    body = [
        Paragraph(_("Sổ tiếp công dân của %(u)s %(p)s gồm %(n)s lượt tiếp, như sau:") % {
            "u": unit.name, "p": _period_text(start, end), "n": len(rows)}),
        # Wider than a portrait page: the renderer lays the extract out on landscape A4.
        Table(header=[header], rows=table_rows, column_widths=[14, 26, 38, 52, 27, 17, 26, 26, 26]),
    ]
    doc = OfficialDocument(
        issuing_body=issuer.issuing_body, parent_body=issuer.parent_body, place=issuer.place, date=today,
        type_code="BC", issuer_code=issuer.issuer_code,
        subject=_("Trích sổ tiếp công dân %(p)s") % {"p": _period_text(start, end)} if (start or end)
        else _("Trích sổ tiếp công dân"),
        body=body, signer=issuer.signer, issuer_name=unit.name,
        recipients=[_("Lãnh đạo %(u)s") % {"u": unit.name}], archive="Lưu: VT.",
    )
    return render_docx(doc)


def minutes_docx(dialogue: Dialogue) -> bytes:
    """The minutes (biên bản) of a dialogue: participants, issues with answers, commitments."""
    unit = dialogue.unit
    issuer = issuer_for(unit)
    body: list[Any] = [
        Paragraph(_("Hôm nay, ngày %(d)s, tại %(p)s, %(u)s tổ chức %(k)s.") % {
            "d": format_date(dialogue.held_on), "p": dialogue.place or unit.name, "u": unit.name,
            "k": dialogue.get_kind_display().lower()}),
        Paragraph(_("I. THÀNH PHẦN"), level=1),
        Paragraph(_("Chủ trì: %(c)s.") % {"c": dialogue.chaired_by.get_full_name() if dialogue.chaired_by else "—"}),
        Paragraph(_("Số người tham dự: %(n)s. %(p)s") % {"n": dialogue.participants_count,
                                                        "p": dialogue.participants}),
        Paragraph(_("II. NỘI DUNG"), level=1),
    ]
    for line in (dialogue.minutes or "").splitlines():
        if line.strip():
            body.append(Paragraph(line))
    issues = list(dialogue.issues.all())
    if issues:
        body.append(Paragraph(_("III. Ý KIẾN CỦA NHÂN DÂN VÀ TRẢ LỜI"), level=1))
        for number, issue in enumerate(issues, start=1):
            who = f" ({issue.raised_by})" if issue.raised_by else ""
            body.append(Paragraph(f"{number}. {issue.raised}{who}"))
            if issue.answer:
                body.append(Paragraph(_("Trả lời: %(a)s") % {"a": issue.answer}))
    commitments = list(dialogue.commitments.all())
    if commitments:
        body.append(Paragraph(_("IV. CAM KẾT, KẾT LUẬN"), level=1))
        body.append(Table(header=[[_("STT"), _("Nội dung cam kết"), _("Đơn vị thực hiện"), _("Hạn")]],
                          rows=[[i, c.text, c.owner_unit.name, c.due_on] for i, c in enumerate(commitments, start=1)],
                          column_widths=[14, 80, 45, 26]))
    # The minutes are signed by the one who chaired the dialogue (else the unit's leader), never by
    # the officer who types or prints them.
    chair = dialogue.chaired_by or issuer.leader
    chair_name = chair.get_full_name() if chair is not None else issuer.signer.name
    doc = OfficialDocument(
        issuing_body=issuer.issuing_body, parent_body=issuer.parent_body, place=issuer.place, date=dialogue.held_on,
        type_code="BB", issuer_code=issuer.issuer_code,
        subject=_("%(k)s: %(t)s") % {"k": dialogue.get_kind_display(), "t": dialogue.topic},
        body=body, signer=Signer(None, None, _("Chủ trì"), chair_name), archive="Lưu: VT.", issuer_name=unit.name,
        recipients=[_("Các đơn vị thực hiện cam kết")] if commitments else [],
    )
    return render_docx(doc)
