"""Writes of the reporting workflow: one function per step, each atomic, permission-checked, in history.

The workflow of a unit's report::

    (none) --open--> draft --submit--> submitted --accept--> accepted
                       ^                   |
                       +----- returned <---+ (return with a comment; the unit edits and submits again)

Every submit freezes a :class:`SubmissionVersion`; every step leaves a :class:`SubmissionEvent` with
its comment and a history record. An illegal step is refused with a Vietnamese message saying why.
``actor=None`` is the system (demo loader, tests of the data layer) and skips the policy check.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.deadlines import DeadlineError, report_period
from danvan.core.references import normalise_full_number, number_key
from danvan.core.vntext import clean_text, format_date
from danvan.documents.services import reserve_number
from danvan.legal.selectors import current_calendar
from danvan.org import clock, policy
from danvan.org.audit import StaleEditError, check_version  # noqa: F401
from danvan.org.audit import record_change as _history
from danvan.org.models import Level, Staff, Unit, UnitKind
from danvan.plans.models import Assignment, AssignmentRole, Plan
from danvan.reporting.reminders import notify_reviewed

from . import sources
from .models import (
    DeadlinePolicy,
    NarrativeSection,
    PeriodKind,
    ReportRequest,
    ReportTemplate,
    Submission,
    SubmissionAttachment,
    SubmissionEvent,
    SubmissionKind,
    SubmissionStatus,
    SubmissionValue,
    SubmissionVersion,
    TemplateIndicator,
    ValueType,
)
from .values import format_value, parse_value, to_plain

PERIOD_NAMES = {
    PeriodKind.YEARLY: "năm {year}",
    PeriodKind.SIX_MONTH: "6 tháng {half} năm {year}",
    PeriodKind.QUARTERLY: "quý {part} năm {year}",
    PeriodKind.MONTHLY: "tháng {part} năm {year}",
    PeriodKind.AD_HOC: "từ {start} đến {end}",
}

def _check_version(obj: Any, version: int | None) -> None:
    check_version(obj, version, _("Báo cáo này"))



def _require(actor: Staff | None, name: str, obj: Any) -> None:
    if actor is not None:
        policy.require(actor, name, obj)


# --- periods and deadlines ---------------------------------------------------------------------


def period_label(kind: str, year: int, part: int | None, start: date, end: date) -> str:
    """ "năm 2026", "quý 2 năm 2026", "6 tháng đầu năm 2026" — for titles and the document's subject."""
    half = "đầu" if part == 1 else "cuối"
    return PERIOD_NAMES[PeriodKind(kind)].format(year=year, part=part, half=half, start=format_date(start),
                                                 end=format_date(end))


def period_bounds(kind: str, year: int, part: int | None = None, *, start: date | None = None,
                  end: date | None = None) -> tuple[date, date, str]:
    """The data cut-off: Decree 09/2019 by default, or explicit dates (a plan's own, or ad hoc)."""
    if start and end:
        if end < start:
            raise ValidationError({"period_end": _("Ngày chốt số liệu phải sau ngày bắt đầu.")})
        return start, end, _("Theo yêu cầu của đơn vị")
    if kind == PeriodKind.AD_HOC:
        raise ValidationError({"period_start": _("Báo cáo đột xuất cần ngày bắt đầu và ngày chốt số liệu.")})
    try:
        period = report_period(kind, year, part)
    except DeadlineError as exc:
        raise ValidationError({"part": str(exc)}) from None
    return period.start, period.end, period.source or _("Nghị định 09/2019/NĐ-CP")


def effective_deadline(deadline: date, rule: str) -> tuple[date, str]:
    """The deadline applied, and why it moved (the weekend/holiday policy is chosen on the request)."""
    calendar = current_calendar()
    if rule == DeadlinePolicy.KEEP or calendar.is_workday(deadline):
        return deadline, ""
    moved = calendar.next_workday(deadline) if rule == DeadlinePolicy.NEXT_WORKDAY \
        else calendar.previous_workday(deadline)
    return moved, _("Hạn %(raw)s là ngày nghỉ nên chuyển sang %(due)s.") % {
        "raw": format_date(deadline), "due": format_date(moved)}


def plan_lead_units(plan_reference: str, *, requesting_unit: Unit | None = None) -> tuple[int | None, list[Unit]]:
    """The plan named by ``plan_reference`` (e.g. "307/KH-UBND") and the units it assigns as leads.

    When the reference names no plan the answer is ``(None, [])`` and the caller falls back to its
    defaults. The requesting committee itself is left out (it asks, it does not answer).
    """
    reference = clean_text(plan_reference)
    if not reference:
        return None, []
    plans = Plan.objects.filter(number_key=number_key(normalise_full_number(reference)))
    if requesting_unit is not None:
        committee = requesting_unit.committee() or requesting_unit
        own = plans.filter(issuer__path__startswith=committee.path)
        if own.exists():
            plans = own
    plan = plans.order_by("-date", "-pk").first()
    if plan is None:
        return None, []
    unit_ids = (Assignment.objects.filter(item__plan=plan, role=AssignmentRole.LEAD, unit__isnull=False)
                .values_list("unit_id", flat=True).distinct())
    units = Unit.objects.filter(pk__in=unit_ids).order_by("path")
    if requesting_unit is not None:
        units = units.exclude(pk=requesting_unit.pk)
    return plan.pk, list(units)


def default_units(requesting_unit: Unit) -> list[Unit]:
    """Who reports by default: the committee's departments and office and its commune-level committees."""
    return list(Unit.objects.filter(parent=requesting_unit).filter(
        Q(kind__in=[UnitKind.DEPARTMENT, UnitKind.OFFICE]) | Q(kind=UnitKind.COMMITTEE, level=Level.COMMUNE),
    ).order_by("path"))


@transaction.atomic
def create_request(*, actor: Staff | None, template: ReportTemplate, requesting_unit: Unit, period_kind: str,
                   year: int, deadline: date, units: Iterable[Unit] | None = None, part: int | None = None,
                   deadline_policy: str = DeadlinePolicy.KEEP, title: str = "", period_start: date | None = None,
                   period_end: date | None = None, plan_reference: str = "", plan_id: int | None = None,
                   note: str = "", units_from_plan: bool = False) -> ReportRequest:
    """Ask ``units`` (default: every department and ward of the committee) for a report of one period.

    With ``units_from_plan`` and no ``units``, the units are the lead units of the plan that
    ``plan_reference`` names (its assignments), when the plans app knows that plan.
    """
    _require(actor, "report.request.create", requesting_unit)
    if period_kind not in PeriodKind.values:
        raise ValidationError({"period_kind": _("Kỳ báo cáo không hợp lệ.")})
    if deadline_policy not in DeadlinePolicy.values:
        raise ValidationError({"deadline_policy": _("Cách xử lý hạn rơi vào ngày nghỉ không hợp lệ.")})
    if period_kind == PeriodKind.YEARLY:
        part = None
    start, end, cutoff_source = period_bounds(period_kind, year, part, start=period_start, end=period_end)
    unit_list = list(units) if units is not None else []
    if plan_reference and plan_id is None:
        plan_id, plan_units = plan_lead_units(plan_reference, requesting_unit=requesting_unit)
        if units is None and units_from_plan:
            unit_list = plan_units
    if units is None and not unit_list:
        unit_list = default_units(requesting_unit)
    if not unit_list:
        raise ValidationError({"units": _("Hãy chọn ít nhất một đơn vị phải báo cáo.")})
    if actor is not None and not policy.is_administrator(actor):
        outside = [u.name for u in unit_list if not policy.in_scope(actor, u)]
        if outside:
            raise ValidationError({"units": _("Không thể yêu cầu các đơn vị ngoài phạm vi quản lý: %(names)s.")
                                   % {"names": ", ".join(outside)}})
    due, due_note = effective_deadline(deadline, deadline_policy)
    label = period_label(period_kind, year, part, start, end)
    request = ReportRequest(
        template=template, requesting_unit=requesting_unit, period_kind=period_kind, year=year, part=part,
        period_start=start, period_end=end, cutoff_source=cutoff_source, deadline=deadline,
        deadline_policy=deadline_policy, due_date=due, due_note=due_note,
        title=clean_text(title) or f"{template.name} {label}", plan_reference=clean_text(plan_reference),
        plan_id=plan_id, note=clean_text(note, multiline=True), created_by=actor,
    )
    _history(request, actor, _("Tạo yêu cầu báo cáo"))
    request.save()
    request.units.set(unit_list)
    return request


# --- opening a report: pre-filled values --------------------------------------------------------


def _child_request(request: ReportRequest, unit: Unit) -> ReportRequest | None:
    """The request ``unit`` itself sent down for the same template and period (hierarchy at any depth)."""
    return (ReportRequest.objects.filter(template=request.template, requesting_unit=unit,
                                         period_kind=request.period_kind, year=request.year, part=request.part)
            .exclude(pk=request.pk).order_by("-pk").first())


def _prefill(request: ReportRequest, unit: Unit, indicators: list[TemplateIndicator]) -> tuple[
        dict[str, sources.Figure], dict[str, str]]:
    """Values and narratives to start a unit's report with: its consolidation if it asked its own units
    for the same report, otherwise its records' figures."""
    child = _child_request(request, unit)
    if child is not None:
        from .selectors import compiled_narratives, consolidate

        result = consolidate(child, with_units=False)
        figures: dict[str, sources.Figure] = {}
        description = _("Tổng hợp từ báo cáo của %(n)s/%(total)s đơn vị (%(title)s)") % {
            "n": result.reported_count, "total": result.unit_count, "title": child.title}
        for row in result.rows:
            value = row.value
            if row.indicator.value_type == ValueType.BOOLEAN:
                value = bool(value)
            figures[row.indicator.code] = sources.Figure(value, f"request:{child.pk}", description[:500])
        return figures, compiled_narratives(child)
    return sources.figures_for_unit(unit, indicators, request.period_start, request.period_end), {}


def _set_value(value: SubmissionValue, indicator: TemplateIndicator, raw: Any) -> None:
    value.number = value.flag = None
    value.text = ""
    if raw is None:
        return
    if indicator.value_type == ValueType.BOOLEAN:
        value.flag = bool(raw)
    elif indicator.value_type == ValueType.TEXT:
        value.text = str(raw)
    else:
        number = Decimal(str(raw))
        value.number = number.quantize(Decimal(1)) if indicator.value_type == ValueType.INTEGER else number


@transaction.atomic
def open_submission(*, actor: Staff | None, request: ReportRequest, unit: Unit) -> Submission:
    """The unit's report for the request, created pre-filled on first opening (idempotent)."""
    existing = Submission.objects.filter(request=request, unit=unit).first()
    if existing is not None:
        return existing
    if not request.units.filter(pk=unit.pk).exists():
        raise ValidationError(_("%(unit)s không thuộc danh sách đơn vị phải báo cáo của yêu cầu này.")
                              % {"unit": unit.name})
    submission = Submission(request=request, unit=unit, kind=SubmissionKind.UNIT)
    if actor is not None:
        policy.require(actor, "report.edit", submission)
    _history(submission, actor, _("Lập báo cáo"))
    submission.save()
    _fill(submission, actor)
    SubmissionEvent.objects.create(submission=submission, action=SubmissionEvent.Action.OPENED, actor=actor)
    return submission


def _fill(submission: Submission, actor: Staff | None) -> None:
    request = submission.request
    template = request.template
    indicators = list(template.indicators.all())
    sections = list(template.sections.all())
    if submission.kind == SubmissionKind.CONSOLIDATED:
        from .selectors import compiled_narratives

        figures, narratives = {}, compiled_narratives(request)
    else:
        figures, narratives = _prefill(request, submission.unit, indicators)
    rows = []
    for indicator in indicators:
        value = SubmissionValue(submission=submission, indicator=indicator)
        figure = figures.get(indicator.code)
        if figure is not None:
            _set_value(value, indicator, figure.value)
            value.source_number, value.source_flag, value.source_text = value.number, value.flag, value.text
            value.source_code, value.source_description = figure.code, figure.description
        rows.append(value)
    # bulk_create skips history signals: record the creation through the history-aware helper.
    from simple_history.utils import bulk_create_with_history

    bulk_create_with_history(rows, SubmissionValue, default_user=actor,
                             default_change_reason=_("Điền sẵn số liệu khi lập báo cáo"))
    bulk_create_with_history(
        [NarrativeSection(submission=submission, section=s, text=narratives.get(s.code, "")) for s in sections],
        NarrativeSection, default_user=actor, default_change_reason=_("Lập báo cáo"))


@transaction.atomic
def open_consolidated(*, actor: Staff | None, request: ReportRequest) -> Submission:
    """The committee's own report for its request: narratives compiled from its units, to edit."""
    existing = Submission.objects.filter(request=request, unit=request.requesting_unit).first()
    if existing is not None:
        return existing
    submission = Submission(request=request, unit=request.requesting_unit, kind=SubmissionKind.CONSOLIDATED)
    _require(actor, "report.edit", submission)
    _history(submission, actor, _("Lập báo cáo tổng hợp"))
    submission.save()
    _fill(submission, actor)
    SubmissionEvent.objects.create(submission=submission, action=SubmissionEvent.Action.OPENED, actor=actor)
    return submission


# --- editing -----------------------------------------------------------------------------------


def _lock(submission: Submission) -> Submission:
    return Submission.objects.select_for_update().select_related("request__requesting_unit", "unit").get(
        pk=submission.pk)


def _refuse_unless_editable(submission: Submission) -> None:
    if not submission.is_editable:
        raise ValidationError(
            _("Báo cáo đang ở trạng thái “%(status)s”, không sửa được. Chỉ sửa được khi đang soạn hoặc bị trả lại.")
            % {"status": submission.get_status_display()})


@transaction.atomic
def save_draft(*, actor: Staff | None, submission: Submission, values: Mapping[str, Any] | None = None,
               reasons: Mapping[str, str] | None = None, narratives: Mapping[str, str] | None = None,
               version: int | None = None) -> Submission:
    """Save what the unit typed. Changing a pre-filled number needs a reason (kept in history)."""
    submission = _lock(submission)
    _require(actor, "report.edit", submission)
    _check_version(submission, version)
    _refuse_unless_editable(submission)
    values, reasons, narratives = values or {}, reasons or {}, narratives or {}
    errors: list[str] = []
    changed_values = []
    current = {v.indicator.code: v for v in submission.values.select_related("indicator")}
    for code, raw in values.items():
        row = current.get(code)
        if row is None:
            raise ValidationError(_("Chỉ tiêu “%(code)s” không có trong mẫu báo cáo.") % {"code": code})
        indicator = row.indicator
        try:
            number, flag, text = parse_value(raw if not isinstance(raw, bool) else ("có" if raw else "không"),
                                             indicator.value_type, indicator.label)
        except ValidationError as exc:
            errors.extend(exc.messages)
            continue
        if (number, flag, text) == (row.number, row.flag, row.text):
            continue
        shown = flag if indicator.value_type == ValueType.BOOLEAN else (
            text if indicator.value_type == ValueType.TEXT else number)
        if format_value(shown, indicator.value_type) == row.display:
            continue  # the form shows rounded numbers: sending one back unchanged is no edit
        reason = clean_text(reasons.get(code, ""), multiline=True)
        differs_from_source = row.has_source and (number, flag, text) != (
            row.source_number, row.source_flag, row.source_text)
        if differs_from_source and not reason:
            errors.append(_("“%(label)s”: số liệu do hệ thống tính là %(source)s; hãy ghi lý do khi sửa.")
                          % {"label": indicator.label, "source": _source_display(row) or "—"})
            continue
        row.number, row.flag, row.text = number, flag, text
        row.overridden = differs_from_source
        row.reason = reason if differs_from_source else ""
        _history(row, actor, reason or _("Nhập số liệu"))
        changed_values.append(row)
    if errors:
        raise ValidationError(errors)
    for row in changed_values:
        row.save()
    if narratives:
        sections = {n.section.code: n for n in submission.narratives.select_related("section")}
        for code, text in narratives.items():
            item = sections.get(code)
            if item is None:
                raise ValidationError(_("Mục “%(code)s” không có trong mẫu báo cáo.") % {"code": code})
            text = clean_text(text, multiline=True)
            if text != item.text:
                item.text = text
                _history(item, actor, _("Sửa nội dung báo cáo"))
                item.save()
    submission.version += 1
    _history(submission, actor, _("Lưu bản nháp"))
    submission.save()
    return submission


def _source_display(row: SubmissionValue) -> str:
    vt = row.indicator.value_type
    raw = row.source_flag if vt == ValueType.BOOLEAN else row.source_text if vt == ValueType.TEXT else row.source_number
    return format_value(raw, vt)


def snapshot(submission: Submission) -> dict[str, Any]:
    """The report as sent, in plain JSON (values with their source and reason, narratives)."""
    values = {}
    for row in submission.values.select_related("indicator").order_by("indicator__order"):
        values[row.indicator.code] = {
            "label": row.indicator.label, "value": to_plain(row.value), "source": row.source_description,
            "overridden": row.overridden, "reason": row.reason,
        }
    narratives = {n.section.code: n.text for n in submission.narratives.select_related("section")}
    return {"unit": submission.unit.name, "status": submission.status, "values": values,
            "narratives": narratives, "submitted_at": submission.submitted_at.isoformat()
            if submission.submitted_at else None}


def _local_date(moment: datetime) -> date:
    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()


@transaction.atomic
def submit(*, actor: Staff | None, submission: Submission, version: int | None = None,
           now: datetime | None = None) -> Submission:
    """The head sends the report (first time, or again after it was returned); late if after the due date."""
    submission = _lock(submission)
    _require(actor, "report.submit", submission)
    _check_version(submission, version)
    if submission.status == SubmissionStatus.SUBMITTED:
        raise ValidationError(_("Báo cáo đã được nộp, đang chờ đơn vị tổng hợp xem xét."))
    if submission.status == SubmissionStatus.ACCEPTED:
        raise ValidationError(_("Báo cáo đã được tiếp nhận, không nộp lại được."))
    missing_reasons = [v.indicator.label for v in submission.values.select_related("indicator")
                       if v.overridden and not v.reason]
    if missing_reasons:
        raise ValidationError(_("Cần ghi lý do sửa số liệu tự động: %(labels)s.")
                              % {"labels": ", ".join(missing_reasons)})
    now = now or clock.now()
    submission.status = SubmissionStatus.SUBMITTED
    submission.submitted_by = actor
    submission.submitted_at = now
    submission.first_submitted_at = submission.first_submitted_at or now
    submission.is_late = _local_date(now) > submission.request.due_date
    if submission.doc_number is None and submission.kind == SubmissionKind.UNIT:
        submission.doc_date = _local_date(now)
        submission.doc_number = reserve_number(issuer=submission.unit, type_code="BC", year=submission.doc_date.year)
    submission.version += 1
    _history(submission, actor, _("Nộp báo cáo (muộn)") if submission.is_late else _("Nộp báo cáo"))
    submission.save()
    number = submission.versions.count() + 1
    SubmissionVersion.objects.create(submission=submission, number=number, snapshot=snapshot(submission),
                                     created_by=actor)
    SubmissionEvent.objects.create(submission=submission, action=SubmissionEvent.Action.SUBMITTED, actor=actor)
    return submission



@transaction.atomic
def return_submission(*, actor: Staff | None, submission: Submission, comment: str) -> Submission:
    """The coordinator sends the report back to the unit, saying what to correct."""
    submission = _lock(submission)
    _require(actor, "report.review", submission)
    comment = clean_text(comment, multiline=True)
    if submission.status != SubmissionStatus.SUBMITTED:
        raise ValidationError(_("Chỉ trả lại được báo cáo đã nộp và đang chờ xem xét (hiện: %(status)s).")
                              % {"status": submission.get_status_display()})
    if not comment:
        raise ValidationError({"comment": _("Hãy ghi rõ nội dung cần bổ sung, chỉnh sửa khi trả lại báo cáo.")})
    submission.status = SubmissionStatus.RETURNED
    submission.reviewed_by, submission.reviewed_at, submission.review_comment = actor, clock.now(), comment
    submission.version += 1
    _history(submission, actor, _("Trả lại: %(c)s") % {"c": comment[:80]})
    submission.save()
    event = SubmissionEvent.objects.create(submission=submission, action=SubmissionEvent.Action.RETURNED,
                                           actor=actor, comment=comment)
    notify_reviewed(submission=submission, event=event)
    return submission


@transaction.atomic
def accept_submission(*, actor: Staff | None, submission: Submission, comment: str = "") -> Submission:
    submission = _lock(submission)
    _require(actor, "report.review", submission)
    if submission.status != SubmissionStatus.SUBMITTED:
        raise ValidationError(_("Chỉ tiếp nhận được báo cáo đã nộp và đang chờ xem xét (hiện: %(status)s).")
                              % {"status": submission.get_status_display()})
    comment = clean_text(comment, multiline=True)
    submission.status = SubmissionStatus.ACCEPTED
    submission.reviewed_by, submission.reviewed_at, submission.review_comment = actor, clock.now(), comment
    submission.version += 1
    _history(submission, actor, _("Tiếp nhận báo cáo"))
    submission.save()
    event = SubmissionEvent.objects.create(submission=submission, action=SubmissionEvent.Action.ACCEPTED,
                                           actor=actor, comment=comment)
    notify_reviewed(submission=submission, event=event)
    return submission


@transaction.atomic
def issue_consolidated(*, actor: Staff | None, request: ReportRequest, on: date | None = None) -> Submission:
    """Give the committee's consolidated report its number and date, once (the .docx then shows them)."""
    submission = open_consolidated(actor=actor, request=request)
    submission = _lock(submission)
    _require(actor, "report.edit", submission)
    if submission.doc_number is None:
        submission.doc_date = on or clock.today()
        submission.doc_number = reserve_number(issuer=submission.unit, type_code="BC", year=submission.doc_date.year)
        submission.version += 1
        _history(submission, actor, _("Cấp số báo cáo tổng hợp"))
        submission.save()
    return submission


# --- evidence files ----------------------------------------------------------------------------------


@transaction.atomic
def add_attachment(*, actor: Staff | None, submission: Submission, upload: Any,
                   description: str = "") -> SubmissionAttachment:
    """Attach an evidence file to a report the actor may write, while it can still be written.

    The file is checked by its content (PDF, Word, Excel, JPG/PNG/WEBP) and its size before it is stored.
    """
    from danvan.documents.uploads import EVIDENCE_TYPES, check_upload

    submission = _lock(submission)
    _require(actor, "report.edit", submission)
    if not submission.is_editable:
        raise ValidationError(_("Báo cáo %(status)s: không thể đính kèm thêm tệp.")
                              % {"status": submission.get_status_display().lower()})
    mime, extension = check_upload(upload, EVIDENCE_TYPES)
    name = clean_text(getattr(upload, "name", ""))[:255]
    attachment = SubmissionAttachment(submission=submission, description=clean_text(description)[:255] or name,
                                      original_name=name, content_type=mime, size=upload.size or 0,
                                      uploaded_by=actor)
    attachment.file.save(f"bao-cao-{submission.pk}.{extension}", upload, save=False)
    _history(attachment, actor, _("Đính kèm tệp minh chứng"))
    try:
        attachment.save()
    except Exception:
        attachment.file.storage.delete(attachment.file.name)
        raise
    return attachment
