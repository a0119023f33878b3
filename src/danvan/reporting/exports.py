"""Reports as official documents (.docx, Decree 30/2020) and indicator tables (.xlsx).

A unit's report and the committee's consolidated report are the same kind of document (BC), built
as an :class:`OfficialDocument` and handed to the one renderer in ``danvan.documents.render``; the
layout rules live there, and ``check_docx`` proves each output follows them.
"""

from __future__ import annotations

import re

from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.vntext import clean_text, format_date
from danvan.documents.filenames import download_name
from danvan.documents.issuer import formal_name, issuer_code, issuer_for, place_of
from danvan.documents.issuer import parent_body as _parent_body
from danvan.documents.render import OfficialDocument, Paragraph, Signer, Table, render_docx, render_table_xlsx
from danvan.org import clock
from danvan.org.models import Unit, UnitKind

from .models import ReportRequest, Submission, SubmissionKind, ValueType
from .selectors import consolidate
from .services import period_label
from .values import format_value, to_plain

# Sections printed as their own top-level headings after the indicator table (difficulties, next year).
CLOSING_SECTIONS = {"IV", "V", "VI"}


def signer_for(unit: Unit) -> Signer:
    """The unit's signing leader: TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH for a committee (KT. for a vice chairman)."""
    return issuer_for(unit).signer


def _coordinator_unit(committee: Unit) -> Unit | None:
    return Unit.objects.filter(parent=committee, name__contains="Nội vụ").first()


def _lines(text: str) -> list[str]:
    return [line for line in (clean_text(x) for x in (text or "").splitlines()) if line]


def _body_text(text: str) -> list[Paragraph]:
    return [Paragraph(line) for line in _lines(text)]


def _subject(request: ReportRequest) -> str:
    label = period_label(request.period_kind, request.year, request.part, request.period_start, request.period_end)
    return request.template.subject.replace("{period}", label)


def _intro(request: ReportRequest, unit: Unit) -> Paragraph:
    basis = request.template.basis or request.plan_reference
    text = _("%(basis)s%(unit)s báo cáo %(subject)s (số liệu từ ngày %(start)s đến ngày %(end)s) như sau:") % {
        "basis": _("Thực hiện %(b)s; ") % {"b": basis} if basis else "", "unit": unit.name,
        "subject": _subject(request)[0].lower() + _subject(request)[1:], "start": format_date(request.period_start),
        "end": format_date(request.period_end)}
    return Paragraph(text)


def _sections_body(request: ReportRequest, narratives: dict[str, str], table: Table) -> list:
    """I. results by section, II. the indicator table, then the closing sections (difficulties, next year).

    A section with nothing written is left out (the numbering closes up); when no result section
    has anything, the report says so once under I.
    """
    sections = list(request.template.sections.all())
    main = [s for s in sections if s.code not in CLOSING_SECTIONS]
    rest = [s for s in sections if s not in main]
    filled = [s for s in main if _lines(narratives.get(s.code, ""))]
    body: list = [Paragraph(_("I. KẾT QUẢ THỰC HIỆN"), level=1)]
    for number, section in enumerate(filled, start=1):
        body.append(Paragraph(f"{number}. {section.title}", level=2))
        body.extend(_body_text(narratives.get(section.code, "")))
    if not filled:
        body.append(Paragraph(_("Chưa có nội dung báo cáo về kết quả thực hiện."), italic=True))
    body.append(Paragraph(_("II. CÁC CHỈ TIÊU CHỦ YẾU"), level=1))
    body.append(table)
    numerals = ["III", "IV", "V", "VI", "VII", "VIII"]
    closing = [s for s in rest if _lines(narratives.get(s.code, ""))]
    for numeral, section in zip(numerals, closing, strict=False):
        body.append(Paragraph(f"{numeral}. {section.title.upper()}", level=1))
        body.extend(_body_text(narratives.get(section.code, "")))
    return body


def _document(unit: Unit, request: ReportRequest, submission: Submission | None, body: list,
              recipients: list[str], archive: str, appendix: list | None = None) -> OfficialDocument:
    on = (submission.doc_date if submission and submission.doc_date else None) or clock.today()
    return OfficialDocument(
        parent_body=_parent_body(unit), issuing_body=formal_name(unit), number=submission.doc_number if submission
        else None, type_code="BC", issuer_code=issuer_code(unit), place=place_of(unit), date=on,
        subject=_subject(request), body=body, appendix=appendix or [], signer=signer_for(unit),
        recipients=recipients, archive=archive, issuer_name=unit.name,
    )


def _values_table(submission: Submission) -> Table:
    rows = []
    for index, value in enumerate(submission.values.select_related("indicator").order_by("indicator__order"), 1):
        indicator = value.indicator
        if indicator.value_type == ValueType.TEXT:
            continue
        rows.append([index, indicator.label, indicator.measure, value.display or "—"])
    return Table(title=_("Bảng 1. Kết quả các chỉ tiêu chủ yếu"),
                 header=[[_("STT"), _("Chỉ tiêu"), _("Đơn vị tính"), _("Kết quả")]], rows=rows,
                 column_widths=[14, 98, 25, 28])


def submission_document(submission: Submission) -> OfficialDocument:
    """A unit's report as the official document it sends to the requesting committee."""
    request, unit = submission.request, submission.unit
    if submission.kind == SubmissionKind.CONSOLIDATED:
        return consolidated_document(request)
    narratives = {n.section.code: n.text for n in submission.narratives.select_related("section")}
    text_values = [v for v in submission.values.select_related("indicator") if v.indicator.value_type == ValueType.TEXT
                   and v.text]
    for value in text_values:  # text indicators ("Đề xuất, kiến nghị") join the section of their plan item
        code = value.indicator.plan_item
        narratives[code] = "\n".join(x for x in (narratives.get(code, ""), value.text) if x)
    body = [_intro(request, unit), *_sections_body(request, narratives, _values_table(submission)),
            Paragraph(_("Trên đây là báo cáo %(subject)s của %(unit)s./.") % {
                "subject": _subject(request)[0].lower() + _subject(request)[1:], "unit": unit.name})]
    coordinator = _coordinator_unit(request.requesting_unit)
    recipient = request.requesting_unit.name
    if coordinator is not None:
        recipient = _("%(committee)s (qua %(coordinator)s)") % {"committee": recipient, "coordinator": coordinator.name}
    return _document(unit, request, submission, body, [recipient], "Lưu: VT.")


def consolidated_document(request: ReportRequest, result=None) -> OfficialDocument:
    """The committee's consolidated report: sums of its units, compiled narrative, status appendix."""
    from .services import open_consolidated

    unit = request.requesting_unit
    result = result or consolidate(request, with_units=False)
    submission = Submission.objects.filter(request=request, unit=unit).first() or open_consolidated(
        actor=None, request=request)
    narratives = {n.section.code: n.text for n in submission.narratives.select_related("section")}
    header = [_("STT"), _("Chỉ tiêu"), _("Đơn vị tính"), _("Kết quả")]
    widths = [14, 88, 25, 38]
    if result.previous_request is not None:
        header += [_("Kỳ trước"), _("Tăng, giảm")]
        widths = [14, 66, 20, 25, 20, 20]
    rows = []
    for index, row in enumerate(r for r in result.rows if r.indicator.value_type != ValueType.TEXT):
        line = [index + 1, row.indicator.label, row.indicator.measure, row.display or "—"]
        if result.previous_request is not None:
            line += [row.previous_display or "—", row.delta_display or "—"]
        rows.append(line)
    table = Table(title=_("Bảng 1. Tổng hợp các chỉ tiêu chủ yếu (%(n)s/%(total)s đơn vị đã báo cáo)") % {
        "n": result.reported_count, "total": result.unit_count}, header=[header], rows=rows, column_widths=widths)
    intro = _intro(request, unit)
    summary = Paragraph(_("Đã có %(n)s/%(total)s đơn vị gửi báo cáo; %(missing)s đơn vị chưa gửi: %(names)s.") % {
        "n": result.reported_count, "total": result.unit_count, "missing": len(result.missing),
        "names": ", ".join(u.unit.name for u in result.missing) or "—"})
    body = [intro, summary, *_sections_body(request, narratives, table),
            Paragraph(_("Trên đây là báo cáo %(subject)s của %(unit)s./.") % {
                "subject": _subject(request)[0].lower() + _subject(request)[1:], "unit": unit.name})]
    status_rows = [[i, u.unit.name, u.status_label, format_date(timezone.localtime(u.submitted_at).date())
                    if u.submitted_at else "", _("Muộn") if u.is_late or u.overdue else ""]
                   for i, u in enumerate(result.units, start=1)]
    appendix = [Table(title=_("Tình hình gửi báo cáo của các đơn vị"),
                      header=[[_("STT"), _("Đơn vị"), _("Tình trạng"), _("Ngày gửi"), _("Ghi chú")]],
                      rows=status_rows, column_widths=[14, 73, 30, 28, 20])]
    return _document(unit, request, submission, body, _consolidated_recipients(unit), "Lưu: VT, NV.", appendix)


def _consolidated_recipients(unit: Unit) -> list[str]:
    recipients = []
    if unit.parent is not None:
        recipients.append(unit.parent.short_name or unit.parent.name)
        coordinator = _coordinator_unit(unit.parent)
        if coordinator is not None:
            recipients.append(coordinator.short_name or coordinator.name)
    recipients += [u.name for u in Unit.objects.filter(parent=unit, kind=UnitKind.PARTY_COMMITTEE_BOARD)]
    recipients.append(_("Lãnh đạo %(unit)s") % {"unit": unit.short_name or unit.name})
    return recipients


def submission_docx(submission: Submission) -> bytes:
    return render_docx(submission_document(submission))


def consolidated_docx(request: ReportRequest, result=None) -> bytes:
    return render_docx(consolidated_document(request, result))


def submission_xlsx(submission: Submission) -> bytes:
    rows = [[i, v.indicator.label, v.indicator.measure, _xlsx_value(v.value, v.indicator.value_type),
             v.source_description, v.reason]
            for i, v in enumerate(submission.values.select_related("indicator").order_by("indicator__order"), 1)]
    return render_table_xlsx(f"{submission.unit.name} — {_subject(submission.request)}",
                             [_("STT"), _("Chỉ tiêu"), _("Đơn vị tính"), _("Kết quả"), _("Nguồn số liệu"),
                              _("Lý do sửa")], rows, sheet_name=_("Chỉ tiêu"))


def _xlsx_value(value, value_type: str):
    if value_type == ValueType.BOOLEAN:
        return format_value(value, value_type) if value is not None else None
    return to_plain(value)


def consolidation_xlsx(request: ReportRequest, result=None) -> bytes:
    """One row per unit, one column per indicator, and the consolidated row last — ready to sum again."""
    result = result or consolidate(request, with_units=True)  # a given result must carry ``per_unit``
    indicators = [r.indicator for r in result.rows]
    header = [_("STT"), _("Đơn vị"), _("Tình trạng")] + [
        f"{i.label} ({i.measure})" if i.measure else i.label for i in indicators]
    rows = []
    for index, status in enumerate(result.units, start=1):
        values = result.per_unit.get(status.unit.pk, {})
        rows.append([index, status.unit.name, status.status_label]
                    + [_xlsx_value(values[i.pk][0], i.value_type) if i.pk in values else None for i in indicators])
    rows.append(["", _("Tổng hợp"), _("%(n)s/%(total)s đơn vị") % {"n": result.reported_count,
                                                                   "total": result.unit_count}]
                + [_xlsx_total(r) for r in result.rows])
    return render_table_xlsx(_subject(request), header, rows, sheet_name=_("Tổng hợp"))


def _xlsx_total(row):
    if row.indicator.value_type in (ValueType.BOOLEAN, ValueType.TEXT):
        return row.display
    return to_plain(row.value)


def filename(prefix: str, unit: Unit, request: ReportRequest, ext: str) -> str:
    """ "bao-cao-ubnd-phuong-thuong-dinh-quy-2-nam-2026.docx": Vietnamese without marks, one name per period."""
    label = period_label(request.period_kind, request.year, request.part, request.period_start, request.period_end)
    return download_name(prefix, re.sub(r"\s*\(.*?\)\s*$", "", unit.name), label, ext=ext)


