"""Writes of inspections: plan, approve, start, record findings, conclude, follow recommendations.

Every function is one transaction, asks the policy when an ``actor`` is given (None = the system:
demo, command line), writes history with a reason, and refuses a stale edit (``version``) where
a page edits a record. Dates come from danvan's one clock unless the caller passes ``today``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core.vntext import clean_text, format_date, looks_like_markup
from danvan.documents import uploads
from danvan.documents.issuer import issuer_for
from danvan.documents.services import reserve_number
from danvan.inspections import permissions as perms
from danvan.inspections.figures_pull import unit_figures
from danvan.inspections.models import (
    CONCLUSION_TYPE_CODE,
    DEFAULT_DUE_WORKDAYS,
    Assessment,
    ChecklistLine,
    EvidenceFile,
    Finding,
    Inspection,
    InspectionStatus,
    Proposal,
    ProposalKind,
    Recommendation,
    RecommendationStatus,
    TeamMember,
    TeamRole,
)
from danvan.legal.selectors import current_calendar
from danvan.org import clock, policy
from danvan.org.audit import check_version
from danvan.org.audit import record_change as _history
from danvan.org.models import Staff, Unit
from danvan.plans import services as plan_services
from danvan.plans.models import Plan, PlanItem, Task, TaskStatus

MAX_WORKDAYS = 365


def _text(value: str | None, field: str, *, multiline: bool = False, required: bool = False) -> str:
    text = clean_text(value, multiline=multiline)
    if looks_like_markup(text):
        raise ValidationError({field: _("Nội dung không được chứa thẻ HTML hoặc mã lệnh. Hãy nhập văn bản thường.")})
    if required and not text:
        raise ValidationError({field: _("Hãy nhập nội dung.")})
    return text


def _lock(inspection: Inspection) -> Inspection:
    return Inspection.objects.select_for_update().select_related("issuer", "lead_unit").get(pk=inspection.pk)


def _require_status(inspection: Inspection, *allowed: str, doing: str) -> None:
    if inspection.status not in allowed:
        raise ValidationError(_("Không thể %(doing)s: cuộc kiểm tra đang ở bước “%(status)s”.") % {
            "doing": doing, "status": InspectionStatus(inspection.status).label})


def _bump(inspection: Inspection, actor: Staff | None, reason: str) -> None:
    inspection.version += 1
    _history(inspection, actor, reason)
    inspection.save()


# --- planning --------------------------------------------------------------------------------------


def _sentences(text: str) -> list[str]:
    """Criteria from a plan item's text: its sentences (or clauses after ";"), each a line to verify."""
    text = clean_text(text.replace("*", ""), multiline=True)
    parts = re.split(r"(?<=[.;])\s+(?=[A-ZÀ-ỸĐ])|;\s+|\n+", text)
    out = []
    for part in parts:
        part = part.strip(" .;-–")
        if len(part) >= 12:
            out.append(part[0].upper() + part[1:] + ".")
    return out or ([text] if text else [])


@transaction.atomic
def create_inspection(*, actor: Staff | None, title: str, lead_unit: Unit, units: Iterable[Unit],
                      start_on: date, end_on: date, period_start: date, period_end: date,
                      plan: Plan | None = None, items: Iterable[PlanItem] = (), tasks: Iterable[Task] = (),
                      issuer: Unit | None = None, prefill: bool = True) -> Inspection:
    """A drafted inspection plan: the units, the plan's contents, the dates; the checklist prefilled
    from the contents' text (one line per sentence) unless ``prefill`` is False."""
    issuer = issuer or lead_unit.committee() or lead_unit
    probe = Inspection(issuer=issuer, lead_unit=lead_unit)
    if actor is not None:
        policy.require(actor, perms.MANAGE, probe)
        if not policy.in_scope(actor, lead_unit):
            raise ValidationError({"lead_unit": _("Đơn vị chủ trì phải thuộc phạm vi của bạn.")})
    units = list(units)
    items = list(items)
    tasks = list(tasks)
    errors: dict[str, str] = {}
    if not units:
        errors["units"] = _("Hãy chọn ít nhất một đơn vị được kiểm tra.")
    if actor is not None and any(not policy.in_scope(actor, u) for u in units):
        errors["units"] = _("Chỉ chọn được đơn vị thuộc phạm vi của bạn.")
    if end_on < start_on:
        errors["end_on"] = _("Ngày kết thúc kiểm tra phải sau ngày bắt đầu.")
    if period_end < period_start:
        errors["period_end"] = _("Kỳ được kiểm tra: ngày cuối phải sau ngày đầu.")
    if plan is None and (items or tasks):
        errors["plan"] = _("Hãy chọn kế hoạch chứa các nội dung, nhiệm vụ đã chọn.")
    if plan is not None and any(i.plan_id != plan.pk for i in items):
        errors["items"] = _("Nội dung kiểm tra phải thuộc kế hoạch đã chọn.")
    if plan is not None and any(t.plan_id != plan.pk for t in tasks):
        errors["tasks"] = _("Nhiệm vụ phải thuộc kế hoạch đã chọn.")
    title = clean_text(title)
    if not title:
        errors["title"] = _("Hãy nhập tên cuộc kiểm tra.")
    elif looks_like_markup(title):
        errors["title"] = _("Nội dung không được chứa thẻ HTML hoặc mã lệnh. Hãy nhập văn bản thường.")
    if errors:
        raise ValidationError(errors)
    inspection = Inspection(issuer=issuer, lead_unit=lead_unit, title=title[:300], plan=plan, start_on=start_on,
                            end_on=end_on, period_start=period_start, period_end=period_end, created_by=actor)
    _history(inspection, actor, _("Lập kế hoạch kiểm tra"))
    inspection.save()
    inspection.units.set(units)
    inspection.items.set(items)
    inspection.tasks.set(tasks)
    if prefill:
        order = 0
        for item in sorted(items, key=lambda i: i.order):
            for sentence in _sentences(item.text):
                order += 1
                line = ChecklistLine(inspection=inspection, item=item, text=sentence, order=order)
                _history(line, actor, _("Tiêu chí lấy từ nội dung kế hoạch"))
                line.save()
    return inspection


@transaction.atomic
def add_team_member(*, actor: Staff | None, inspection: Inspection, staff: Staff, role: str) -> TeamMember:
    inspection = _lock(inspection)
    if actor is not None:
        policy.require(actor, perms.MANAGE, inspection)
    _require_status(inspection, InspectionStatus.DRAFTED, InspectionStatus.APPROVED, doing=_("sửa đoàn kiểm tra"))
    if role not in TeamRole.values:
        raise ValidationError({"role": _("Vai trò trong đoàn không hợp lệ.")})
    if TeamMember.objects.filter(inspection=inspection, staff=staff).exists():
        raise ValidationError({"staff": _("%(name)s đã có trong đoàn.") % {"name": staff.full_name}})
    if role == TeamRole.HEAD and TeamMember.objects.filter(inspection=inspection, role=TeamRole.HEAD).exists():
        raise ValidationError({"role": _("Đoàn đã có trưởng đoàn.")})
    if not staff.is_active:
        raise ValidationError({"staff": _("Tài khoản của %(name)s đã ngừng hoạt động.") % {"name": staff.full_name}})
    member = TeamMember(inspection=inspection, staff=staff, role=role)
    _history(member, actor, _("Thêm thành viên đoàn kiểm tra"))
    member.save()
    _bump(inspection, actor, _("Thêm %(name)s vào đoàn kiểm tra") % {"name": staff.full_name})
    return member


@transaction.atomic
def add_checklist_line(*, actor: Staff | None, inspection: Inspection, text: str,
                       item: PlanItem | None = None) -> ChecklistLine:
    inspection = _lock(inspection)
    if actor is not None:
        policy.require(actor, perms.MANAGE, inspection)
    _require_status(inspection, InspectionStatus.DRAFTED, InspectionStatus.APPROVED, InspectionStatus.IN_PROGRESS,
                    doing=_("thêm tiêu chí"))
    text = _text(text, "text", multiline=True, required=True)
    if item is not None and (inspection.plan_id is None or item.plan_id != inspection.plan_id):
        raise ValidationError({"item": _("Nội dung phải thuộc kế hoạch được kiểm tra.")})
    last = ChecklistLine.objects.filter(inspection=inspection).order_by("-order").first()
    line = ChecklistLine(inspection=inspection, item=item, text=text, order=(last.order + 1) if last else 1)
    _history(line, actor, _("Thêm tiêu chí kiểm tra"))
    line.save()
    _bump(inspection, actor, _("Thêm tiêu chí kiểm tra"))
    return line


@transaction.atomic
def approve(*, actor: Staff | None, inspection: Inspection, version: int | None = None,
            today: date | None = None) -> Inspection:
    inspection = _lock(inspection)
    if actor is not None:
        policy.require(actor, perms.MANAGE, inspection)
    check_version(inspection, version, _("Cuộc kiểm tra này"))
    _require_status(inspection, InspectionStatus.DRAFTED, doing=_("phê duyệt kế hoạch kiểm tra"))
    missing = []
    if not inspection.team.filter(role=TeamRole.HEAD).exists():
        missing.append(_("trưởng đoàn"))
    if not inspection.checklist.exists():
        missing.append(_("tiêu chí kiểm tra"))
    if missing:
        raise ValidationError(_("Chưa phê duyệt được: kế hoạch kiểm tra còn thiếu %(what)s.") % {
            "what": ", ".join(str(m) for m in missing)})
    inspection.status = InspectionStatus.APPROVED
    inspection.approved_by = actor
    inspection.approved_on = today or clock.today()
    _bump(inspection, actor, _("Phê duyệt kế hoạch kiểm tra"))
    return inspection


@transaction.atomic
def start(*, actor: Staff | None, inspection: Inspection, version: int | None = None,
          today: date | None = None) -> Inspection:
    inspection = _lock(inspection)
    if actor is not None:
        policy.require(actor, perms.MANAGE, inspection)
    check_version(inspection, version, _("Cuộc kiểm tra này"))
    _require_status(inspection, InspectionStatus.APPROVED, doing=_("bắt đầu kiểm tra"))
    inspection.status = InspectionStatus.IN_PROGRESS
    inspection.started_on = today or clock.today()
    _bump(inspection, actor, _("Bắt đầu kiểm tra"))
    return inspection


# --- findings --------------------------------------------------------------------------------------


def check_evidence(files: Iterable[Any]) -> list[tuple[Any, str, str]]:
    """Each upload with its real type and extension, or a refusal (size, then the file's first bytes)."""
    checked = []
    for upload in files:
        try:
            mime, extension = uploads.check_upload(upload, uploads.EVIDENCE_TYPES)
        except ValidationError as exc:
            raise ValidationError({"files": exc.messages}) from None
        checked.append((upload, mime, extension))
    return checked


def _store_files(checked: list[tuple[Any, str, str]], actor: Staff | None, **owner: Any) -> list[EvidenceFile]:
    saved: list[EvidenceFile] = []
    try:
        for upload, mime, extension in checked:
            evidence = EvidenceFile(original_name=clean_text(upload.name)[:255] or "tep", content_type=mime,
                                    size=upload.size or 0, uploaded_by=actor, **owner)
            evidence.file.save(f"minh-chung.{extension}", upload, save=False)
            saved.append(evidence)
            _history(evidence, actor, _("Đính kèm minh chứng"))
            evidence.save()
    except Exception:
        for evidence in saved:
            evidence.file.storage.delete(evidence.file.name)
        raise
    return saved


@transaction.atomic
def record_finding(*, actor: Staff | None, inspection: Inspection, line: ChecklistLine, unit: Unit,
                   assessment: str, note: str = "", files: Iterable[Any] = (), version: int | None = None,
                   today: date | None = None) -> Finding:
    """Record (or correct) what the team found at ``unit`` on ``line``; the unit's figures for the
    inspected period are taken from the apps' figures at that moment, so nobody retypes them."""
    inspection = _lock(inspection)
    if actor is not None:
        policy.require(actor, perms.RECORD, inspection)
    _require_status(inspection, InspectionStatus.IN_PROGRESS, doing=_("ghi kết quả kiểm tra"))
    if line.inspection_id != inspection.pk:
        raise ValidationError(_("Tiêu chí không thuộc cuộc kiểm tra này."))
    if unit.pk not in inspection.unit_ids:
        raise ValidationError(_("Đơn vị này không có trong danh sách được kiểm tra."))
    if assessment not in Assessment.values:
        raise ValidationError({"assessment": _("Hãy chọn đánh giá: đạt, đạt một phần hoặc chưa đạt.")})
    note = _text(note, "note", multiline=True)
    if assessment != Assessment.MET and not note:
        raise ValidationError({"note": _("Hãy ghi tồn tại, hạn chế khi tiêu chí chưa đạt hoặc chỉ đạt một phần.")})
    checked = check_evidence(files)
    finding = Finding.objects.select_for_update().filter(line=line, unit=unit).first()
    if finding is None:
        finding = Finding(inspection=inspection, line=line, unit=unit)
        reason = _("Ghi kết quả kiểm tra")
    else:
        check_version(finding, version, _("Kết quả kiểm tra này"))
        finding.version += 1
        reason = _("Sửa kết quả kiểm tra")
    finding.assessment = assessment
    finding.note = note
    paths = [line.item.path] if line.item_id else []
    finding.figures = unit_figures(unit, paths, inspection.period_start, inspection.period_end)
    finding.recorded_by = actor
    finding.recorded_on = today or clock.today()
    _history(finding, actor, reason)
    finding.save()
    _store_files(checked, actor, finding=finding)
    return finding


# --- conclusion --------------------------------------------------------------------------------------


def due_date(base: date, workdays: int) -> date:
    """The due date ``workdays`` working days after ``base`` on the calendar in force (days off, make-up days)."""
    return current_calendar().add_workdays(base, workdays)


@transaction.atomic
def add_recommendation(*, actor: Staff | None, inspection: Inspection, unit: Unit, text: str,
                       due_workdays: int = DEFAULT_DUE_WORKDAYS, owner: Staff | None = None,
                       today: date | None = None) -> Recommendation:
    """A recommendation to ``unit`` (and a person there); due ``due_workdays`` working days after the
    conclusion (counted from today until the conclusion is issued, then from its date)."""
    inspection = _lock(inspection)
    if actor is not None:
        policy.require(actor, perms.MANAGE, inspection)
    _require_status(inspection, InspectionStatus.IN_PROGRESS, InspectionStatus.CONCLUDED,
                    doing=_("ghi kiến nghị"))
    text = _text(text, "text", multiline=True, required=True)
    if unit.pk not in inspection.unit_ids and unit.pk != inspection.lead_unit_id:
        raise ValidationError({"unit": _("Kiến nghị gửi đơn vị được kiểm tra hoặc đơn vị chủ trì.")})
    if not 1 <= int(due_workdays) <= MAX_WORKDAYS:
        raise ValidationError({"due_workdays": _("Thời hạn từ 1 đến %(n)s ngày làm việc.") % {"n": MAX_WORKDAYS}})
    if owner is not None and (owner.unit_id is None or not owner.unit.is_within(unit)):
        raise ValidationError({"owner": _("Người chịu trách nhiệm phải là cán bộ của đơn vị thực hiện.")})
    base = inspection.concluded_on or today or clock.today()
    recommendation = Recommendation(inspection=inspection, unit=unit, owner=owner, text=text,
                                    due_workdays=int(due_workdays), due_on=due_date(base, int(due_workdays)))
    _history(recommendation, actor, _("Ghi kiến nghị sau kiểm tra"))
    recommendation.save()
    return recommendation


@transaction.atomic
def add_proposal(*, actor: Staff | None, inspection: Inspection, kind: str, facts: str,
                 subject_unit: Unit | None = None, subject_person: Staff | None = None,
                 today: date | None = None) -> Proposal:
    inspection = _lock(inspection)
    if actor is not None:
        policy.require(actor, perms.MANAGE, inspection)
    _require_status(inspection, InspectionStatus.IN_PROGRESS, InspectionStatus.CONCLUDED,
                    doing=_("ghi đề xuất"))
    if kind not in ProposalKind.values:
        raise ValidationError({"kind": _("Hãy chọn đề xuất khen thưởng hoặc xử lý trách nhiệm.")})
    facts = _text(facts, "facts", multiline=True, required=True)
    if subject_unit is None and subject_person is None:
        raise ValidationError({"subject_unit": _("Hãy chọn tập thể hoặc cá nhân được đề xuất.")})
    if actor is not None:
        for unit in (subject_unit, subject_person.unit if subject_person else None):
            if unit is not None and not policy.in_scope(actor, unit):
                raise ValidationError({"subject_unit": _("Chỉ đề xuất được tập thể, cá nhân thuộc phạm vi của bạn.")})
    proposal = Proposal(inspection=inspection, kind=kind, facts=facts, subject_unit=subject_unit,
                        subject_person=subject_person, proposed_on=today or clock.today(), created_by=actor)
    _history(proposal, actor, ProposalKind(kind).label)
    proposal.save()
    return proposal


@transaction.atomic
def conclude(*, actor: Staff | None, inspection: Inspection, summary: str, version: int | None = None,
             today: date | None = None) -> Inspection:
    """Issue the conclusion: a number from the issuer's register, the signer fixed, due dates counted
    from today, and the plan's tasks this inspection carries out marked done (plans' own service)."""
    inspection = _lock(inspection)
    if actor is not None:
        policy.require(actor, perms.MANAGE, inspection)
    check_version(inspection, version, _("Cuộc kiểm tra này"))
    _require_status(inspection, InspectionStatus.IN_PROGRESS, doing=_("kết luận kiểm tra"))
    summary = _text(summary, "summary", multiline=True)
    if not summary:
        raise ValidationError({"summary": _("Hãy ghi kết luận chung của cuộc kiểm tra.")})
    recorded = set(Finding.objects.filter(inspection=inspection).values_list("unit_id", flat=True))
    missing = [u.name for u in inspection.units.order_by("path") if u.pk not in recorded]
    if missing:
        raise ValidationError(_("Chưa kết luận được: chưa ghi kết quả kiểm tra tại %(units)s.") % {
            "units": ", ".join(missing)})
    issuer = issuer_for(inspection.issuer)
    leader = issuer.require_leader()
    day = today or clock.today()
    inspection.number = reserve_number(issuer=inspection.issuer, type_code=CONCLUSION_TYPE_CODE, year=day.year)
    inspection.type_code = CONCLUSION_TYPE_CODE
    inspection.issuer_code = issuer.issuer_code
    inspection.place = issuer.place
    inspection.signer_name = leader.full_name
    inspection.signer_position = leader.position
    inspection.summary = summary
    inspection.status = InspectionStatus.CONCLUDED
    inspection.concluded_on = day
    inspection.concluded_by = actor
    reason = _("Ban hành kết luận kiểm tra số %(n)s ngày %(d)s") % {"n": inspection.number_text,
                                                                     "d": format_date(day)}
    _bump(inspection, actor, reason)
    for recommendation in Recommendation.objects.select_for_update().filter(inspection=inspection):
        due = due_date(day, recommendation.due_workdays)
        if due != recommendation.due_on:
            recommendation.due_on = due
            recommendation.version += 1
            _history(recommendation, actor, _("Hạn tính từ ngày kết luận"))
            recommendation.save()
    for task in inspection.tasks.exclude(status__in=[TaskStatus.DONE, TaskStatus.CANCELLED]):
        note = _("Hoàn thành qua cuộc kiểm tra “%(t)s”, kết luận số %(n)s ngày %(d)s.") % {
            "t": inspection.title, "n": inspection.number_text, "d": format_date(day)}
        if task.note:
            note = f"{task.note}\n{note}"
        # The inspectors conclude; the task belongs to their office. When the one concluding may not
        # change the task (an inspector of another office), the system records it for the inspection.
        doer = actor if actor is not None and policy.can(actor, "task.change", task) else None
        plan_services.set_task_status(actor=doer, task=task, status=TaskStatus.DONE, note=note, today=day)
    return inspection


# --- following recommendations -------------------------------------------------------------------


def _lock_recommendation(recommendation: Recommendation) -> Recommendation:
    return Recommendation.objects.select_for_update().select_related("unit", "inspection__issuer").get(
        pk=recommendation.pk)


@transaction.atomic
def answer_recommendation(*, actor: Staff | None, recommendation: Recommendation, answer: str,
                          version: int | None = None, today: date | None = None) -> Recommendation:
    """The inspected unit's answer (acceptance, explanation, how it will carry it out)."""
    recommendation = _lock_recommendation(recommendation)
    if actor is not None:
        policy.require(actor, perms.RECOMMENDATION_ANSWER, recommendation)
    check_version(recommendation, version, _("Kiến nghị này"))
    if recommendation.inspection.status != InspectionStatus.CONCLUDED:
        raise ValidationError(_("Chỉ trả lời kiến nghị sau khi đã ban hành kết luận kiểm tra."))
    recommendation.answer = _text(answer, "answer", multiline=True, required=True)
    recommendation.answered_on = today or clock.today()
    recommendation.version += 1
    _history(recommendation, actor, _("Đơn vị trả lời kiến nghị"))
    recommendation.save()
    return recommendation


@transaction.atomic
def complete_recommendation(*, actor: Staff | None, recommendation: Recommendation, done_on: date, note: str,
                            files: Iterable[Any] = (), version: int | None = None,
                            today: date | None = None) -> Recommendation:
    """Report the recommendation carried out, with what was done and at least one evidence file."""
    recommendation = _lock_recommendation(recommendation)
    if actor is not None:
        policy.require(actor, perms.RECOMMENDATION_ANSWER, recommendation)
    check_version(recommendation, version, _("Kiến nghị này"))
    if recommendation.inspection.status != InspectionStatus.CONCLUDED:
        raise ValidationError(_("Chỉ báo cáo thực hiện kiến nghị sau khi đã ban hành kết luận kiểm tra."))
    if recommendation.status == RecommendationStatus.DONE:
        raise ValidationError(_("Kiến nghị này đã được báo cáo hoàn thành."))
    day = today or clock.today()
    errors: dict[str, str] = {}
    if done_on is None or done_on > day:
        errors["done_on"] = _("Ngày hoàn thành không được sau hôm nay.")
    elif done_on < recommendation.inspection.concluded_on:
        errors["done_on"] = _("Ngày hoàn thành không được trước ngày kết luận kiểm tra.")
    note = _text(note, "note", multiline=True)
    if not note:
        errors["note"] = _("Hãy ghi kết quả thực hiện kiến nghị.")
    files = list(files)
    if not files and not recommendation.evidence.exists():
        errors["files"] = _("Hãy đính kèm ít nhất một tệp minh chứng (văn bản, biên bản, hình ảnh).")
    if errors:
        raise ValidationError(errors)
    checked = check_evidence(files)
    recommendation.status = RecommendationStatus.DONE
    recommendation.done_on = done_on
    recommendation.done_note = note
    recommendation.version += 1
    _history(recommendation, actor, _("Báo cáo hoàn thành kiến nghị"))
    recommendation.save()
    _store_files(checked, actor, recommendation=recommendation)
    return recommendation
