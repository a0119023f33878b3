"""Writes of the plans app: import a plan, cascade it to units, update tasks, record activities.

Every function is one transaction, checks the policy when an ``actor`` is given (None = the
system: command line, demo), and is idempotent where an officer may repeat it: importing the
same plan twice updates the one plan instead of creating a second.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from danvan.core.planparse import ItemNode, ParsedPlan, parse_plan
from danvan.core.references import normalise_full_number, number_key
from danvan.core.vntext import check_storable, clean_text, fold, format_date
from danvan.documents import services as documents
from danvan.org import clock, policy
from danvan.org.audit import check_version
from danvan.org.audit import record_change as _history
from danvan.org.models import Staff, Unit, UnitKind
from danvan.org.selectors import resolve_unit_text
from danvan.plans.models import (
    Assignment,
    AssignmentRole,
    DeadlineRule,
    Evidence,
    Plan,
    PlanDeadline,
    PlanItem,
    PlanSection,
    Recurrence,
    Task,
    TaskKind,
    TaskStatus,
    UnitPlan,
    UnitPlanStatus,
)
from danvan.plans.progress import progress_for


def _check_version(obj: Any, version: int | None) -> None:
    check_version(obj, version, _("Nhiệm vụ này"))



class PlanImportError(ValidationError):
    """The plan cannot be saved as parsed (no issuing committee, no number); shown to the officer."""


# --- parsing with the registry --------------------------------------------------------------------


def find_issuer(parsed: ParsedPlan, *, unit: Unit | None = None) -> Unit | None:
    """The committee that issued a parsed plan: ``unit`` if given, else its issuer, else its place.

    The parser never guesses an issuer; saving needs one, so we look up the issuer text, then a
    committee whose name ends with the place ("Thanh Xuân" → UBND quận Thanh Xuân) and that
    existed on the plan's date. Ambiguity gives None: the officer then chooses.
    """
    if unit is not None:
        return unit
    if parsed.issuer:
        found = resolve_unit_text(parsed.issuer)
        if isinstance(found, Unit):
            return found.committee() or found
    place = fold(parsed.place or "")
    if not place:
        return None
    committees = Unit.objects.filter(kind=UnitKind.COMMITTEE, search_key__contains=place)
    day = _date(parsed.date)
    if day is not None:
        committees = committees.active_on(day)
    matches = [c for c in committees if fold(c.name).endswith(place)]
    return matches[0] if len(matches) == 1 else None


# "các tổ chức chính trị - xã hội (phường)", "các đoàn thể": the committee's mass organisations
# other than the Front (the Women's Union, the Youth Union, the Veterans' Association, …).
_SOCIO_POLITICAL = re.compile(
    r"^(?:cac )?(?:to chuc chinh tri ?- ?xa hoi|doan the(?: chinh tri ?- ?xa hoi)?)"
    r"(?: (?:phuong|xa|quan|huyen|thi tran|thi xa))?$"
)


def resolver_for(committee: Unit | None):
    """A ``resolve_unit`` callback for the parser: names → unit ids within ``committee``'s tree."""

    def resolve(text: str) -> int | list[int] | None:
        if committee is not None and _SOCIO_POLITICAL.match(fold(text).strip()):
            organisations = (Unit.objects.filter(parent=committee, kind=UnitKind.MASS_ORGANIZATION)
                             .exclude(search_key__contains="mttq").exclude(search_key__contains="mat tran")
                             .order_by("name").values_list("pk", flat=True))
            return list(organisations) or None
        found = resolve_unit_text(text, committee=committee)
        if isinstance(found, list):
            return [u.pk for u in found] or None
        return found.pk if found is not None else None

    return resolve


def parse_with_registry(text: str, *, unit: Unit | None = None) -> tuple[ParsedPlan, Unit | None]:
    """Parse a plan and resolve its unit names in the issuing committee's tree (or ``unit``'s).

    Text holding characters that cannot be stored (a NUL byte of a damaged file) raises
    ``UnstorableText`` before anything is read from it."""
    check_storable(text)
    parsed = parse_plan(text)
    issuer = find_issuer(parsed, unit=unit)
    committee = (issuer.committee() or issuer) if issuer is not None else None
    return parse_plan(text, resolve_unit=resolver_for(committee)), issuer


NO_ITEMS = _lazy("Không đọc được nội dung nào của kế hoạch (các mục I, II, 1, 2, a, b…): tệp có thể không phải là "
                 "kế hoạch hoặc bị hỏng. Hãy kiểm tra tệp (bản .docx hoặc .txt của kế hoạch đã ban hành) rồi tải lên "
                 "lại.")


def check_has_items(parsed: ParsedPlan) -> None:
    """A plan is its numbered items: a text from which none was read is not imported as an empty plan."""
    if next(iter(parsed.walk_items()), None) is None:
        raise PlanImportError(str(NO_ITEMS))


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


_AUTHORITY_LINE = re.compile(r"^\s*(?:TM|KT|TL|TUQ|Q)\.\s*(?P<body>[^\n]+?)\s*$", re.M)
_ROMAN_HEADING = re.compile(r"^(?:[IVX]+)\s*[.\-–]\s+\S")


def extract_frame(text: str, parsed: ParsedPlan) -> dict[str, str]:
    """Opening paragraph, closing paragraph and the signing body line, which the parser's JSON omits.

    Heuristic on the plain text: the opening is what lies between the subject and the first
    Roman-numbered heading; the closing is what follows the last item and precedes "Nơi nhận" or
    the signature. The officer can correct both on the preview page.
    """
    lines = [clean_text(line.replace("*", "")) for line in text.replace("\r", "").split("\n")]
    subject = clean_text(parsed.subject or "")
    start = 0
    if subject:
        for index, line in enumerate(lines):
            if line and subject.startswith(line[:40]):
                start = index + 1
                break
    first_heading = next((i for i in range(start, len(lines)) if _ROMAN_HEADING.match(lines[i])), len(lines))
    preamble = " ".join(line for line in lines[start:first_heading] if line).strip()
    closing = ""
    last_text = ""
    if parsed.sections:
        items = parsed.sections[-1].items
        node = items[-1] if items else None
        while node is not None and node.items:
            node = node.items[-1]
        last_text = clean_text(node.text) if node else ""
    if last_text:
        def squash(value: str) -> str:
            return re.sub(r"\W+", "", fold(value))

        tail = squash(last_text)[-25:]
        end_index = next((i for i, line in enumerate(lines) if tail and tail in squash(line)), None)
        if end_index is not None:
            collected = []
            for line in lines[end_index + 1:]:
                if fold(line).startswith("noi nhan") or _AUTHORITY_LINE.match(line):
                    break
                if line:
                    collected.append(line)
            closing = " ".join(collected).strip()
    body = ""
    match = _AUTHORITY_LINE.search("\n".join(lines))
    if match:
        body = match.group("body").strip()
    return {"preamble": preamble, "closing": closing, "signer_body": body}


# --- import ------------------------------------------------------------------------------------


def _units_of(unit_id: Any) -> list[int]:
    if unit_id is None:
        return []
    if isinstance(unit_id, list):
        return [int(x) for x in unit_id]
    return [int(unit_id)]


@dataclass(frozen=True)
class Change:
    """One thing an import changes in a plan that is already saved, in the officer's words."""

    what: str
    before: str
    after: str


@dataclass
class ImportResult:
    """What saving a plan did (or, for a preview, would do).

    ``tasks`` and ``units``: the plan's tasks and the distinct units leading them after the save;
    ``receivers``: for an item whose units the text names generically ("các phòng, ban, đơn vị
    … báo cáo … hằng năm"), the names of the units that get its reporting task; ``changes``:
    what an update changes in the saved plan (empty for a new plan).
    """

    plan: Plan
    created: bool
    tasks: int = 0
    units: int = 0
    receivers: dict[str, list[str]] = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)


class PlanExistsError(PlanImportError):
    """A plan with this number is already saved and the officer has not confirmed the update."""


def import_plan(parsed: ParsedPlan | dict[str, Any], *, issuer: Unit, actor: Staff | None = None, source_text: str = "",
                frame: dict[str, str] | None = None, cascade_units: bool = True) -> tuple[Plan, bool]:
    """Save a parsed plan, updating the saved plan of the same number; returns (plan, created)."""
    result = save_plan(parsed, issuer=issuer, actor=actor, source_text=source_text, frame=frame,
                       cascade_units=cascade_units, update_existing=True)
    return result.plan, result.created


class _DryRun(Exception):
    pass


def preview_plan(parsed: ParsedPlan, *, issuer: Unit, actor: Staff | None = None, source_text: str = "",
                 frame: dict[str, str] | None = None) -> tuple[ImportResult | None, Plan | None]:
    """What saving would do, computed by the save itself and rolled back: (result, existing plan).

    The preview and the save cannot disagree because they are the same code. Returns (None, None)
    when the plan cannot be saved as it stands (no number or subject: the save says why).
    """
    result: ImportResult | None = None
    try:
        with transaction.atomic():
            result = save_plan(parsed, issuer=issuer, actor=actor, source_text=source_text, frame=frame,
                               update_existing=True)
            raise _DryRun
    except _DryRun:
        pass
    except PlanImportError:
        return None, None
    existing = None if result is None or result.created else Plan.objects.filter(pk=result.plan.pk).first()
    return result, existing


def _display(value: Any) -> str:
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value or "")


def item_label(path: str) -> str:
    """How an officer names an item: "II.3", or "Đoạn kết" for the closing paragraph."""
    return _("Đoạn kết") if path == "closing" else path


_FIELD_LABELS = (
    ("title", _lazy("Trích yếu")), ("date", _lazy("Ngày ban hành")), ("place", _lazy("Địa danh")),
    ("signer_authority", _lazy("Thẩm quyền ký")), ("signer_title", _lazy("Chức vụ người ký")),
    ("signer_name", _lazy("Người ký")), ("recipients", _lazy("Nơi nhận")), ("preamble", _lazy("Phần mở đầu")),
    ("closing", _lazy("Đoạn kết")),
)


def _snapshot(plan: Plan) -> dict[str, Any]:
    role_labels = dict(AssignmentRole.choices)
    return {
        "fields": {name: getattr(plan, name) for name, _label in _FIELD_LABELS},
        "items": dict(plan.items.values_list("path", "text")),
        "assignments": {
            (path, f"{text} ({role_labels.get(role, role)})")
            for path, text, role in Assignment.objects.filter(item__plan=plan).values_list(
                "item__path", "unit_text", "role")
        },
        "deadlines": set(PlanDeadline.objects.filter(item__plan=plan).values_list("item__path", "text")),
        "tasks": Task.objects.filter(plan=plan).count(),
    }


def _changes(before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    changes = []
    for name, label in _FIELD_LABELS:
        old, new = before["fields"][name], after["fields"][name]
        if old != new:
            changes.append(Change(str(label), _display(old), _display(new)))
    for path, text in after["items"].items():
        old = before["items"].get(path)
        if old != text:
            changes.append(Change(_("Nội dung %(item)s") % {"item": item_label(path)}, old or "", text))
    for path, text in sorted(after["assignments"] - before["assignments"]):
        changes.append(Change(_("Đơn vị được giao, %(item)s") % {"item": item_label(path)}, "", text))
    for path, text in sorted(after["deadlines"] - before["deadlines"]):
        changes.append(Change(_("Thời hạn, %(item)s") % {"item": item_label(path)}, "", text))
    if after["tasks"] != before["tasks"]:
        changes.append(Change(_("Số nhiệm vụ"), str(before["tasks"]), str(after["tasks"])))
    return changes


@transaction.atomic
def save_plan(parsed: ParsedPlan | dict[str, Any], *, issuer: Unit, actor: Staff | None = None,
              source_text: str = "", frame: dict[str, str] | None = None, cascade_units: bool = True,
              update_existing: bool = False) -> ImportResult:
    """Save a parsed plan (possibly corrected by the officer) under ``issuer``.

    Creates or updates: the plan's registry document and the documents it cites (one row each,
    with citations), sections, items, assignments (one row per resolved unit; a group such as
    "các phường" gives one row per ward), deadlines, then the cascade. A plan of the same number
    that is already saved is updated only with ``update_existing`` (the officer confirmed it
    after seeing the changes); otherwise ``PlanExistsError``.
    """
    if isinstance(parsed, dict):
        parsed = ParsedPlan.from_dict(parsed)
    if actor is not None:
        policy.require(actor, "plan.import", issuer)
    if not parsed.full_number:
        raise PlanImportError(_("Kế hoạch chưa có số, ký hiệu: hãy nhập số trước khi lưu."))
    if not parsed.subject:
        raise PlanImportError(_("Kế hoạch chưa có trích yếu: hãy nhập trích yếu trước khi lưu."))
    check_has_items(parsed)
    frame = frame if frame is not None else extract_frame(source_text, parsed)
    plan_date = _date(parsed.date)
    full_number = normalise_full_number(parsed.full_number)
    document, _created = documents.register_document(
        full_number=full_number, type_name="Kế hoạch" if parsed.type_code == "KH" else "",
        date=plan_date, issuer=parsed.issuer or issuer.name, issuer_unit=issuer, subject=parsed.subject,
    )
    signer = parsed.signer
    values = dict(
        issuer=issuer, full_number=full_number, number_key=number_key(full_number), date=plan_date,
        place=parsed.place or "", title=clean_text(parsed.subject),
        preamble=clean_text(frame.get("preamble", "")), closing=clean_text(frame.get("closing", "")),
        signer_authority=signer.authority or "", signer_body=frame.get("signer_body", ""),
        signer_title=signer.title or "", signer_name=signer.name or "",
        recipients=list(parsed.recipients), archive=parsed.archive or "Lưu: VT.",
    )
    plan = Plan.objects.select_for_update().filter(document=document).first()
    created = plan is None
    if not created and not update_existing:
        raise PlanExistsError(_("Kế hoạch %(number)s đã có trong hệ thống: hãy xem những thay đổi và xác nhận "
                                "cập nhật.") % {"number": plan.full_number})
    before = None if created else _snapshot(plan)
    if created:
        plan = Plan(document=document, source_text=source_text, **values)
        _history(plan, actor, _("Nhập kế hoạch từ văn bản"))
        plan.save()
    else:
        for key, value in values.items():
            setattr(plan, key, value)
        if source_text:
            plan.source_text = source_text
        plan.version += 1
        _history(plan, actor, _("Nhập lại kế hoạch từ văn bản"))
        plan.save()

    for order, ref in enumerate(parsed.references):
        cited, _c = documents.register_document(full_number=ref.full_number, type_name=ref.type_name or "",
                                                date=_date(ref.date), issuer=ref.issuer or "",
                                                subject=ref.title or "")
        text = " ".join(x for x in (ref.title or ref.type_name, "số", ref.full_number) if x)
        documents.cite(citing=document, cited=cited, text=text, order=order)

    items: dict[str, PlanItem] = {}
    counter = 0

    def save_item(node: ItemNode, section: PlanSection, parent: PlanItem | None) -> None:
        nonlocal counter
        counter += 1
        item, _c = PlanItem.objects.update_or_create(
            plan=plan, path=node.path,
            defaults={"section": section, "parent": parent, "label": node.label or "",
                      "text": clean_text(node.text or ""), "order": counter},
        )
        items[item.path] = item
        for child in node.items:
            save_item(child, section, item)

    sections: dict[str, PlanSection] = {}
    for order, data in enumerate(parsed.sections):
        section, _c = PlanSection.objects.update_or_create(
            plan=plan, label=data.label or str(order + 1),
            defaults={"title": clean_text(data.title or ""), "order": order})
        sections[section.label] = section
        for node in data.items:
            save_item(node, section, None)

    def item_for(path: str) -> PlanItem:
        if path in items:
            return items[path]
        nonlocal counter
        counter += 1
        if path == "closing":
            text = plan.closing or _("Đoạn kết của kế hoạch")
            section = None
        else:  # a section written as prose carries its assignments itself
            section = sections.get(path)
            text = section.title if section else path
        item, _c = PlanItem.objects.update_or_create(
            plan=plan, path=path, defaults={"section": section, "text": text, "order": counter})
        items[path] = item
        return item

    if plan.closing:
        item_for("closing")
    for assignment in parsed.assignments:
        item = item_for(assignment.item)
        unit_ids = _units_of(assignment.unit_id)
        role = assignment.role if assignment.role in AssignmentRole.values else AssignmentRole.LEAD
        for unit_id in unit_ids or [None]:
            Assignment.objects.get_or_create(item=item, unit_id=unit_id,
                                             unit_text=clean_text(assignment.unit_text), role=role)
    for deadline in parsed.deadlines:
        PlanDeadline.objects.update_or_create(
            item=item_for(deadline.item), text=clean_text(deadline.text)[:255], rule=deadline.rule,
            defaults={"month": deadline.month, "day": deadline.day, "date": _date(deadline.date)},
        )
    if cascade_units:
        cascade(plan)
    summary = Task.objects.filter(plan=plan).aggregate(tasks=Count("pk"), units=Count("lead_unit", distinct=True))
    receivers: dict[str, list[str]] = {}
    for path, name in (Task.objects.filter(plan=plan, kind=TaskKind.REPORT).order_by("lead_unit__name")
                       .values_list("item__path", "lead_unit__name")):
        receivers.setdefault(path, []).append(name)
    return ImportResult(plan=plan, created=created, tasks=summary["tasks"], units=summary["units"],
                        receivers=receivers, changes=_changes(before, _snapshot(plan)) if before else [])


# --- cascade -------------------------------------------------------------------------------------

_UNIT_PLAN_WORDS = ("xay dung ke hoach", "ban hanh ke hoach", "xay dung chuong trinh")


def is_unit_plan_item(item: PlanItem) -> bool:
    """III.1-style: the item tells units to write their own plan."""
    text = fold(item.text)
    return any(words in text for words in _UNIT_PLAN_WORDS)


def next_due(rule: str, *, after: date, month: int | None = None, day: int | None = None,
             on: date | None = None) -> date | None:
    """The first due date of a deadline rule on or after ``after`` (the plan's date)."""
    if rule == DeadlineRule.ONCE:
        return on
    if rule == DeadlineRule.YEARLY and month and day:
        candidate = date(after.year, month, day)
        return candidate if candidate >= after else date(after.year + 1, month, day)
    if rule == DeadlineRule.QUARTERLY:
        quarter_end_month = ((after.month - 1) // 3 + 1) * 3
        first = date(after.year, quarter_end_month, 1)
        return (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    return None


def _schedule(deadlines: list[PlanDeadline], after: date) -> dict[str, Any]:
    for deadline in deadlines:
        if deadline.rule in (DeadlineRule.YEARLY, DeadlineRule.QUARTERLY, DeadlineRule.ONCE):
            return {
                "due_date": next_due(deadline.rule, after=after, month=deadline.month, day=deadline.day,
                                     on=deadline.date),
                "recurrence": deadline.rule if deadline.rule != DeadlineRule.ONCE else Recurrence.NONE,
                "recurrence_month": deadline.month, "recurrence_day": deadline.day,
            }
    return {}


def _short(text: str, limit: int = 300) -> str:
    text = clean_text(text)
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


@transaction.atomic
def cascade(plan: Plan) -> dict[str, int]:
    """Turn a saved plan's assignments into unit plans and tasks; safe to run again (get_or_create).

    - An item telling units to write their own plan (III.1) gives each of its lead units a unit
      plan (linked to the plan's content items) and a task "write the unit plan".
    - Any other item gives each of its resolved lead units a task; its coordinating units are the
      item's "phối hợp" units; the item's (or an ancestor's) deadline gives the due date and
      recurrence.
    - A recurring deadline on an item whose units are written generically ("các phòng, ban, đơn vị
      thuộc quận báo cáo … trước ngày 30/11 hàng năm") gives a reporting task to every unit that
      received the plan (every unit with a unit plan).
    """
    after = plan.date or clock.today()
    items = list(plan.items.prefetch_related("assignments", "deadlines").order_by("order"))
    by_path = {item.path: item for item in items}
    content = [i for i in items if i.parent_id is None and i.section_id and i.section.label == "II"]
    if not content:
        content = [i for i in items if i.parent_id is None and i.path != "closing"]
    counts = {"unit_plans": 0, "tasks": 0}

    def deadlines_of(item: PlanItem) -> list[PlanDeadline]:
        path = item.path
        while True:
            node = by_path.get(path)
            if node is not None and list(node.deadlines.all()):
                return list(node.deadlines.all())
            if "." not in path:
                return []
            path = path.rsplit(".", 1)[0]

    def make_task(item: PlanItem, unit_id: int, kind: str, title: str, unit_plan: UnitPlan | None = None,
                  coordinating: list[int] | None = None, schedule: dict[str, Any] | None = None) -> None:
        task, created = Task.objects.get_or_create(
            item=item, lead_unit_id=unit_id, kind=kind,
            defaults={"plan": plan, "title": _short(title), "unit_plan": unit_plan, **(schedule or {})},
        )
        if created:
            counts["tasks"] += 1
        if coordinating:
            task.coordinating_units.add(*[u for u in coordinating if u != unit_id])

    unit_plan_units: list[int] = []
    for item in items:
        leads = [a.unit_id for a in item.assignments.all() if a.role == AssignmentRole.LEAD and a.unit_id]
        if not leads:
            continue
        if is_unit_plan_item(item):
            for unit_id in leads:
                unit_plan, created = UnitPlan.objects.get_or_create(
                    parent_plan=plan, unit_id=unit_id, defaults={"source_item": item})
                if created:
                    counts["unit_plans"] += 1
                    unit_plan.items.add(*content)
                unit_plan_units.append(unit_id)
                make_task(item, unit_id, TaskKind.DRAFT_PLAN,
                          _("Xây dựng kế hoạch cụ thể triển khai Kế hoạch %(number)s")
                          % {"number": plan.full_number}, unit_plan=unit_plan,
                          schedule=_schedule(list(item.deadlines.all()), after))
    for item in items:
        if is_unit_plan_item(item):
            continue
        leads = [a.unit_id for a in item.assignments.all() if a.role == AssignmentRole.LEAD and a.unit_id]
        coordinating = [a.unit_id for a in item.assignments.all()
                        if a.role == AssignmentRole.COORDINATE and a.unit_id]
        schedule = _schedule(deadlines_of(item), after)
        for unit_id in leads:
            make_task(item, unit_id, TaskKind.DUTY, item.text, coordinating=coordinating, schedule=schedule)
        generic = [a for a in item.assignments.all() if a.unit_id is None and a.role == AssignmentRole.LEAD]
        recurring = [d for d in item.deadlines.all() if d.rule in (DeadlineRule.YEARLY, DeadlineRule.QUARTERLY)]
        if recurring and (generic or not item.assignments.all()) and not leads:
            title = _("Báo cáo kết quả thực hiện Kế hoạch %(number)s (%(deadline)s)") % {
                "number": plan.full_number, "deadline": recurring[0].text}
            for unit_id in dict.fromkeys(unit_plan_units):
                make_task(item, unit_id, TaskKind.REPORT, title, schedule=_schedule(recurring, after))
    return counts


# --- tasks and unit plans --------------------------------------------------------------------------


@transaction.atomic
def set_task_status(*, actor: Staff | None, task: Task, status: str, progress: int | None = None,
                    note: str | None = None, version: int | None = None, today: date | None = None) -> Task:
    """Change a task's status; the status sets its progress (done = 100) unless entered in progress."""
    task = Task.objects.select_for_update().get(pk=task.pk)
    if actor is not None:
        policy.require(actor, "task.change", task)
    _check_version(task, version)
    if status not in TaskStatus.values:
        raise ValidationError({"status": _("Trạng thái không hợp lệ.")})
    if progress is not None and not 0 <= int(progress) <= 100:
        raise ValidationError({"progress": _("Tiến độ phải từ 0 đến 100%%.")})
    task.status = status
    task.progress = progress_for(status, progress, task.progress)
    task.completed_on = (today or clock.today()) if status == TaskStatus.DONE else None
    if note is not None:
        task.note = clean_text(note, multiline=True)
    task.version += 1
    _history(task, actor, _("Cập nhật tiến độ nhiệm vụ"))
    task.save()
    if task.kind == TaskKind.DRAFT_PLAN and task.unit_plan_id and status == TaskStatus.DONE:
        unit_plan = task.unit_plan
        if unit_plan.status != UnitPlanStatus.ISSUED:
            unit_plan.status = UnitPlanStatus.ISSUED
            unit_plan.issued_on = unit_plan.issued_on or task.completed_on
            _history(unit_plan, actor, _("Đơn vị đã ban hành kế hoạch"))
            unit_plan.save()
    return task


def following_due(task: Task, today: date) -> date | None:
    """The occurrence of a recurring task that comes after its current one and is not yet past."""
    if task.recurrence not in (Recurrence.YEARLY, Recurrence.QUARTERLY) or task.due_date is None:
        return None
    after = max(task.due_date + timedelta(days=1), today)
    return next_due(task.recurrence, after=after, month=task.recurrence_month, day=task.recurrence_day)


@transaction.atomic
def roll_recurring_tasks(*, today: date | None = None) -> int:
    """Open the next occurrence of every recurring task that was done for a period now past.

    A yearly report done for 30/11/2022 must come back as "not started, due 30/11/2023" once that
    period is over; an occurrence that was never done stays open and late, so nobody's missed
    report disappears. Idempotent: run it daily from cron (``danvan plan roll``) or at any time.
    """
    today = today or clock.today()
    rolled = 0
    for task in Task.objects.select_for_update().filter(
        recurrence__in=[Recurrence.YEARLY, Recurrence.QUARTERLY], status=TaskStatus.DONE, due_date__lt=today,
    ):
        new_due = following_due(task, today)
        if new_due is None:
            continue
        previous_due, completed = task.due_date, task.completed_on
        task.due_date, task.status, task.progress, task.completed_on = new_due, TaskStatus.NOT_STARTED, 0, None
        task.version += 1
        _history(task, None, _("Sang kỳ mới, hạn %(new)s (kỳ hạn %(old)s đã hoàn thành ngày %(done)s)") % {
            "new": format_date(new_due), "old": format_date(previous_due), "done": format_date(completed)})
        task.save()
        rolled += 1
    return rolled


@transaction.atomic
def set_unit_plan_status(*, actor: Staff | None, unit_plan: UnitPlan, status: str, issued_on: date | None = None,
                         document: Any = None, issued_number: str | None = None,
                         version: int | str | None = None, today: date | None = None) -> UnitPlan:
    """Record where a unit is with its own plan (to draft, drafted, issued as number/date); its drafting task follows.

    An issued number is entered in the document registry (one row per number, year and issuer) and
    linked, so the unit's plan can be cited like any other document.
    """
    if actor is not None:
        policy.require(actor, "unitplan.change", unit_plan)
    unit_plan = UnitPlan.objects.select_for_update().select_related("unit", "parent_plan").get(pk=unit_plan.pk)
    check_version(unit_plan, version, _("Kế hoạch của đơn vị này"))
    if status not in UnitPlanStatus.values:
        raise ValidationError({"status": _("Tình trạng không hợp lệ.")})
    number = clean_text(issued_number) if issued_number is not None else unit_plan.issued_number
    today = today or clock.today()
    if status == UnitPlanStatus.ISSUED:
        issued_on = issued_on or unit_plan.issued_on or today
        errors = {}
        if issued_on > today:
            errors["issued_on"] = _("Ngày ban hành %(date)s ở sau ngày hôm nay.") % {"date": format_date(issued_on)}
        elif unit_plan.parent_plan.date and issued_on < unit_plan.parent_plan.date:
            errors["issued_on"] = _("Ngày ban hành %(date)s trước ngày của kế hoạch cấp trên (%(parent)s).") % {
                "date": format_date(issued_on), "parent": format_date(unit_plan.parent_plan.date)}
        if number and not number[:1].isdigit():
            errors["issued_number"] = _("Số, ký hiệu “%(value)s” không hợp lệ: phải bắt đầu bằng số, "
                                        "vd. 05/KH-UBND.") % {"value": number}
        if errors:
            raise ValidationError(errors)
    else:
        issued_on, number = None, ""
    unit_plan.status = status
    unit_plan.issued_on = issued_on
    unit_plan.issued_number = number
    if document is not None:
        unit_plan.document = document
    elif number and status == UnitPlanStatus.ISSUED:
        unit_plan.document, _created = documents.register_document(
            full_number=number, type_name="Kế hoạch", date=issued_on, issuer=unit_plan.unit.name,
            issuer_unit=unit_plan.unit, subject=_("Triển khai Kế hoạch %(number)s") % {
                "number": unit_plan.parent_plan.full_number})
    elif status != UnitPlanStatus.ISSUED:
        unit_plan.document = None
    unit_plan.version += 1
    _history(unit_plan, actor, _("Cập nhật kế hoạch của đơn vị"))
    unit_plan.save()
    task_status = {UnitPlanStatus.TO_DRAFT: TaskStatus.NOT_STARTED, UnitPlanStatus.DRAFTED: TaskStatus.IN_PROGRESS,
                   UnitPlanStatus.ISSUED: TaskStatus.DONE}[status]
    for task in unit_plan.tasks.filter(kind=TaskKind.DRAFT_PLAN).exclude(status=task_status):
        task.status = task_status
        task.progress = progress_for(task_status, None, task.progress)
        task.completed_on = unit_plan.issued_on if task_status == TaskStatus.DONE else None
        task.version += 1
        _history(task, actor, _("Theo tình trạng kế hoạch của đơn vị"))
        task.save()
    return unit_plan


@transaction.atomic
def add_task(*, actor: Staff | None, unit_plan: UnitPlan, item: PlanItem, title: str, due_date: date | None = None,
             weight: int = 1) -> Task:
    """A unit adds a task of its own under its unit plan, against one of the parent plan's items."""
    if actor is not None:
        policy.require(actor, "unitplan.change", unit_plan)
    errors = {}
    if item.plan_id != unit_plan.parent_plan_id:
        errors["item"] = _("Nội dung không thuộc kế hoạch cấp trên của đơn vị.")
    title = _short(title, 500)
    if not title:
        errors["title"] = _("Hãy nhập tên nhiệm vụ.")
    if due_date is not None and unit_plan.parent_plan.date and due_date < unit_plan.parent_plan.date:
        errors["due_date"] = _("Hạn %(date)s trước ngày của kế hoạch cấp trên (%(parent)s).") % {
            "date": format_date(due_date), "parent": format_date(unit_plan.parent_plan.date)}
    if errors:
        raise ValidationError(errors)
    if Task.objects.filter(item=item, lead_unit_id=unit_plan.unit_id, kind=TaskKind.OWN, title=title).exists():
        raise ValidationError({"title": _("Đơn vị đã có nhiệm vụ này cho nội dung đã chọn.")})
    task = Task(plan_id=unit_plan.parent_plan_id, item=item, unit_plan=unit_plan, lead_unit_id=unit_plan.unit_id,
                kind=TaskKind.OWN, title=title, due_date=due_date, weight=max(1, weight))
    _history(task, actor, _("Đơn vị thêm nhiệm vụ"))
    task.save()
    return task


# --- activities --------------------------------------------------------------------------------------


@transaction.atomic
def record_activity(*, actor: Staff | None, model: type, unit: Unit, files: list[Any] | None = None,
                    m2m: dict[str, list[Any]] | None = None, **values: Any) -> Any:
    """Record an activity (session, programme, conference, training) of ``unit`` with evidence files."""
    if actor is not None:
        policy.require(actor, "activity.change", unit)
    for key in ("title", "notes", "topic", "partner_text"):
        if key in values and isinstance(values[key], str):
            values[key] = clean_text(values[key], multiline=key == "notes")
    activity = model(unit=unit, created_by=actor, **values)
    activity.full_clean(exclude=["created_by"])
    _history(activity, actor, _("Ghi nhận hoạt động"))
    activity.save()
    for name, objects in (m2m or {}).items():
        getattr(activity, name).set(objects)
    for upload in files or []:
        Evidence.objects.create(activity=activity, file=upload, description=getattr(upload, "name", "")[:255],
                                uploaded_by=actor)
    return activity

