"""Reads of the carry-over: the proposal (where each open record of a dissolved unit goes), what
is still left with dissolved units, and past runs.

The proposal is computed the same way for the dry run, the page and the real run, so that what
the coordinator saw is what moves: ``propose`` gathers every open record of the dissolved unit
and the units under it in a fixed number of queries, proposes a destination for each (cases by
the petitioner's or the matter's address, the rest by the successor that takes the unit's
function, people by the coordinator's choice), applies the coordinator's changes and marks the
duties that a successor already holds as merged into its own.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F, Prefetch, Q, QuerySet, prefetch_related_objects
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from danvan.carryover.mapping import ReformMap, map_for_names
from danvan.core.vntext import fold
from danvan.org import clock, policy
from danvan.org.models import (
    CarryOverMove,
    CarryOverRun,
    Level,
    MobilizationResponsibility,
    Staff,
    Unit,
    UnitKind,
    UnitSuccession,
)
from danvan.petitions.models import OPEN_STATUSES, Kind, Petition, PetitionerIdentity
from danvan.plans.models import Task, TaskKind, TaskStatus, UnitPlan, UnitPlanStatus
from danvan.reception.models import Commitment, CommitmentStatus, ReceptionSession, SessionStatus
from danvan.reporting.models import COUNTED_STATUSES, ReportRequest, Submission, SubmissionStatus

KEEP = "keep"
END = "end"
MOVED = CarryOverMove.Action.MOVED
MERGED = CarryOverMove.Action.MERGED
ENDED = CarryOverMove.Action.ENDED

# The order lines are listed in (and moved in).
KINDS = ["petition", "task", "report_request", "report_duty", "submission", "session", "commitment",
         "responsibility", "staff"]


def kind_labels() -> dict[str, str]:
    return {
        "petition": _("Đơn thư đang giải quyết"),
        "task": _("Nhiệm vụ kế hoạch"),
        "report_request": _("Yêu cầu báo cáo đang mở"),
        "report_duty": _("Nghĩa vụ báo cáo"),
        "submission": _("Báo cáo đang soạn, bị trả lại"),
        "session": _("Lịch tiếp công dân"),
        "commitment": _("Cam kết tại đối thoại"),
        "responsibility": _("Phân công phụ trách dân vận"),
        "staff": _("Cán bộ"),
    }


# Kinds that are open work (the rest — people — move only when the coordinator says so).
WORK_KINDS = KINDS[:7]


@dataclass
class Line:
    key: str
    kind: str
    object_id: int
    label: str
    url: str
    from_unit: Unit
    proposed: Unit | None
    to_unit: Unit | None
    action: str
    basis: str
    received: date | None = None
    due: date | None = None
    changed: bool = False
    can_end: bool = False
    note: str = ""
    obj: Any = field(default=None, repr=False)

    @property
    def kind_label(self) -> str:
        return kind_labels()[self.kind]

    @property
    def action_label(self) -> str:
        if self.action == KEEP:
            return _("Giữ nguyên")
        return str(CarryOverMove.Action(self.action).label)

    @property
    def choice(self) -> str:
        if self.action == ENDED:
            return END
        if self.to_unit is None:
            return KEEP
        return str(self.to_unit.pk)

    def signature(self) -> tuple:
        """What a line means, for comparing a dry run with the real run."""
        return (self.kind, self.object_id, self.from_unit.pk, self.to_unit.pk if self.to_unit else None, self.action)


@dataclass
class Proposal:
    predecessor: Unit
    effective_on: date
    reform: ReformMap | None
    dissolved: list[Unit]
    destinations: list[Unit]
    lines: list[Line]

    @property
    def moving(self) -> list[Line]:
        return [line for line in self.lines if line.action != KEEP]

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for line in self.lines:
            counts[line.action] += 1
        return dict(counts)


# --- units ---------------------------------------------------------------------------------------


def effective_on(predecessor: Unit) -> date:
    if predecessor.valid_to is None:
        raise ValidationError(_("“%(u)s” vẫn còn hiệu lực (chưa có ngày hết hiệu lực): không có gì để chuyển giao.")
                              % {"u": predecessor.name})
    return predecessor.valid_to + timedelta(days=1)


def dissolved_units(predecessor: Unit) -> list[Unit]:
    """The unit and every unit under it whose validity ended by the unit's own last day."""
    return list(Unit.objects.filter(path__startswith=predecessor.path, valid_to__isnull=False,
                                    valid_to__lte=predecessor.valid_to).order_by("path"))


def carry_over_candidates(user: Any) -> QuerySet[Unit]:
    """Dissolved units the user may hand over (ended, in the user's scope), the top ones first."""
    return (policy.visible_units(user).filter(valid_to__isnull=False, valid_to__lt=clock.today())
            .order_by("depth", "path"))


def _ward_key(name: str) -> str:
    return fold(f"phường {name}")


def is_ward_named(unit: Unit, name: str) -> bool:
    key = _ward_key(name)
    if fold(unit.short_name) == key:
        return True
    return re.fullmatch(r"(ubnd |uy ban nhan dan )?" + re.escape(key) + r"( \(.*\))?", fold(unit.name)) is not None


class _Router:
    """Where a dissolved unit's work goes: the data mapping, then the successor links."""

    def __init__(self, predecessor: Unit, dissolved: list[Unit], destinations: list[Unit],
                 reform: ReformMap | None, restricted: bool) -> None:
        self.predecessor = predecessor
        self.by_id = {u.pk: u for u in dissolved}
        self.destinations = destinations
        self.dest_ids = {u.pk for u in destinations}
        self.reform = reform
        self.restricted = restricted
        self.successors: dict[int, list[Unit]] = defaultdict(list)

    def ward_unit(self, new_ward: str) -> Unit | None:
        for unit in self.destinations:
            if unit.kind == UnitKind.COMMITTEE and unit.level == Level.COMMUNE and is_ward_named(unit, new_ward):
                return unit
        return None

    def old_ward_name(self, unit: Unit) -> str | None:
        if self.reform is None or unit.kind != UnitKind.COMMITTEE or unit.level != Level.COMMUNE:
            return None
        for old in self.reform.wards:
            if is_ward_named(unit, old):
                return old
        return None

    def _allowed(self, unit: Unit | None) -> Unit | None:
        return unit if unit is not None and unit.pk in self.dest_ids else None

    def by_function(self, unit: Unit) -> tuple[Unit | None, str]:
        """The successor that takes ``unit``'s function, walking up to the dissolved unit's top."""
        chain = [self.by_id[pk] for pk in reversed(unit.ancestor_ids()) if pk in self.by_id] or [unit]
        # Records of a unit inside the dissolved tree route from that unit upwards.
        for current in chain:
            old = self.old_ward_name(current)
            if old:
                new = self.reform.wards[old]
                target = self._allowed(self.ward_unit(new))
                if target:
                    return target, _("Theo %(src)s: phường %(old)s thuộc phường %(new)s") % {
                        "src": self._source_short(), "old": old, "new": new}
            own = [s for s in self.successors.get(current.pk, []) if s.pk in self.dest_ids]
            if len(own) == 1:
                return own[0], _("Đơn vị kế thừa của %(u)s") % {"u": current.name}
            if current.parent_id not in self.by_id:
                if self.reform is not None:
                    target = self._allowed(self.ward_unit(self.reform.function_successor))
                    if target:
                        return target, _("Đơn vị nhận chức năng của %(u)s (theo phương án sắp xếp)") % {
                            "u": current.name}
                if own:
                    return own[0], _("Đơn vị kế thừa đầu tiên của %(u)s: đầu mối xem lại") % {"u": current.name}
        if self.destinations:
            basis = (_("Đơn vị được chỉ định") if self.restricted
                     else _("Không xác định được đơn vị nhận: đầu mối chọn"))
            return (self.destinations[0] if self.restricted else None), basis
        return None, _("Không có đơn vị kế thừa")

    def by_address(self, text: str, *, confidential: bool) -> tuple[Unit | None, str] | None:
        if self.reform is None or not text:
            return None
        match = self.reform.match_address(text)
        if match is None:
            return None
        target = self._allowed(self.ward_unit(match.new_ward))
        if target is None:
            return None
        if confidential:
            return target, _("Theo địa chỉ người gửi (được bảo mật)")
        if match.by == "street":
            return target, _("Theo địa chỉ: phố %(s)s thuộc phường %(w)s") % {"s": match.name, "w": match.new_ward}
        return target, _("Theo địa chỉ: phường %(old)s thuộc phường %(w)s") % {"old": match.name, "w": match.new_ward}

    def _source_short(self) -> str:
        found = re.search(r"\d+/NQ-UBTVQH\d+", self.reform.source) if self.reform else None
        return _("Nghị quyết %(n)s") % {"n": found.group(0)} if found else _("phương án sắp xếp")


# --- the proposal --------------------------------------------------------------------------------


def propose(*, predecessor: Unit, to: list[Unit] | None = None, overrides: dict[str, str] | None = None) -> Proposal:
    """Every open record of ``predecessor`` and the units under it, with where it goes.

    ``to`` limits the destinations (default: the successors named in the registry and the units
    under them); ``overrides`` maps a line's key to a unit id, ``"keep"`` or ``"end"``.
    """
    start = effective_on(predecessor)
    dissolved = dissolved_units(predecessor)
    ids = [u.pk for u in dissolved]
    ancestors = list(Unit.objects.filter(pk__in=predecessor.ancestor_ids()[:-1]))
    # A ward with no successor of its own hands over along its dissolved district's links.
    routing = dissolved + [u for u in ancestors if u.valid_to is not None and u.valid_to <= predecessor.valid_to]
    links = list(UnitSuccession.objects.filter(predecessor_id__in=[u.pk for u in routing])
                 .select_related("successor"))
    if to:
        destinations = list(to)
    else:
        tops = {link.successor.pk: link.successor for link in links}
        if tops:
            q = Q()
            for unit in tops.values():
                q |= Q(path__startswith=unit.path)
            destinations = list(Unit.objects.filter(q).active_on(start).order_by("path"))
        else:
            destinations = []
    reform = map_for_names([u.name for u in [*ancestors, *dissolved]])
    router = _Router(predecessor, routing, destinations, reform, restricted=bool(to))
    for link in links:
        router.successors[link.predecessor_id].append(link.successor)

    lines: list[Line] = []
    lines += _petition_lines(router, ids)
    lines += _task_lines(router, ids)
    lines += _request_lines(router, ids, start)
    lines += _submission_lines(router, ids)
    lines += _session_lines(router, ids, start)
    lines += _commitment_lines(router, ids)
    lines += _responsibility_lines(router, ids, start)
    lines += _staff_lines(router, ids)
    order = {k: i for i, k in enumerate(KINDS)}
    lines.sort(key=lambda line: (order[line.kind], line.from_unit.path, line.label, line.object_id))
    _apply_overrides(lines, overrides or {}, {u.pk: u for u in destinations})
    _settle_duplicates(lines)
    # The page marks each former unit with its successors: one query for all the rows' units.
    prefetch_related_objects(list({id(line.from_unit): line.from_unit for line in lines}.values()), "successors")
    return Proposal(predecessor=predecessor, effective_on=start, reform=reform, dissolved=dissolved,
                    destinations=destinations, lines=lines)


def _line(router: _Router, *, kind: str, obj: Any, label: str, from_unit: Unit, target: tuple[Unit | None, str],
          **extra: Any) -> Line:
    unit, basis = target
    return Line(key=f"{kind}-{obj.pk}", kind=kind, object_id=obj.pk, label=label[:500],
                url=obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else "",
                from_unit=from_unit, proposed=unit, to_unit=unit, action=MOVED if unit else KEEP, basis=basis,
                obj=obj, **extra)


def _petition_lines(router: _Router, ids: list[int]) -> list[Line]:
    qs = (Petition.objects.filter(Q(handling_unit_id__in=ids) | Q(unit_id__in=ids), status__in=OPEN_STATUSES)
          .select_related("handling_unit", "unit")
          .prefetch_related(Prefetch("identities", queryset=PetitionerIdentity.objects.only(
              "petition_id", "address", "is_representative"))))
    lines = []
    for petition in qs:
        from_unit = petition.handling_unit if petition.handling_unit_id in router.by_id else petition.unit
        target = router.by_address(petition.location, confidential=False)
        if target is None:
            addresses = [i.address for i in petition.identities.all() if i.address]
            if addresses:
                target = router.by_address(addresses[0], confidential=petition.kind == Kind.DENUNCIATION)
        if target is None:
            target = router.by_function(from_unit)
        lines.append(_line(router, kind="petition", obj=petition, label=f"{petition.code} — {petition.subject}",
                           from_unit=from_unit, target=target, received=petition.received_on,
                           due=petition.next_due or petition.resolve_due))
    return lines


def _task_lines(router: _Router, ids: list[int]) -> list[Line]:
    qs = (Task.objects.filter(lead_unit_id__in=ids, status__in=[TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS])
          .select_related("lead_unit", "unit_plan", "plan"))
    return [_line(router, kind="task", obj=task, label=task.title, from_unit=task.lead_unit,
                  target=router.by_function(task.lead_unit), due=task.due_date) for task in qs]


def _open_requests(ids: list[int], start: date) -> QuerySet[ReportRequest]:
    return ReportRequest.objects.filter(due_date__gte=start).filter(
        Q(requesting_unit_id__in=ids) | Q(units__in=ids)).distinct()


def _request_lines(router: _Router, ids: list[int], start: date) -> list[Line]:
    lines = []
    requests = list(_open_requests(ids, start).select_related("requesting_unit").prefetch_related(
        "units", Prefetch("submissions", queryset=Submission.objects.only("request_id", "unit_id", "status"))))
    for request in requests:
        if request.requesting_unit_id in router.by_id:
            lines.append(_line(router, kind="report_request", obj=request, label=request.title,
                               from_unit=request.requesting_unit, target=router.by_function(request.requesting_unit),
                               due=request.due_date))
        submitted = {s.unit_id for s in request.submissions.all()}
        for unit in request.units.all():
            if unit.pk in router.by_id and unit.pk not in submitted:
                line = _line(router, kind="report_duty", obj=request, label=f"{request.title} — {unit.name}",
                             from_unit=unit, target=router.by_function(unit), due=request.due_date)
                line.key = f"report_duty-{request.pk}-{unit.pk}"
                lines.append(line)
    return lines


def _submission_lines(router: _Router, ids: list[int]) -> list[Line]:
    qs = (Submission.objects.filter(unit_id__in=ids, status__in=[SubmissionStatus.DRAFT, SubmissionStatus.RETURNED])
          .select_related("unit", "request"))
    return [_line(router, kind="submission", obj=s, label=f"{s.request.title} — {s.unit.name}", from_unit=s.unit,
                  target=router.by_function(s.unit), due=s.request.due_date) for s in qs]


def _session_lines(router: _Router, ids: list[int], start: date) -> list[Line]:
    qs = (ReceptionSession.objects.filter(unit_id__in=ids, status=SessionStatus.PLANNED, date__gte=start)
          .select_related("unit", "leader"))
    lines = []
    for session in qs:
        who = session.leader.get_full_name() if session.leader_id else _("Ban tiếp công dân")
        lines.append(_line(router, kind="session", obj=session,
                           label=_("Buổi tiếp ngày %(d)s — %(w)s") % {"d": session.date.strftime("%d/%m/%Y"), "w": who},
                           from_unit=session.unit, target=router.by_function(session.unit), due=session.date))
    return lines


def _commitment_lines(router: _Router, ids: list[int]) -> list[Line]:
    qs = (Commitment.objects.filter(owner_unit_id__in=ids, status=CommitmentStatus.OPEN)
          .select_related("owner_unit", "dialogue"))
    lines = []
    for commitment in qs:
        line = _line(router, kind="commitment", obj=commitment, label=commitment.text[:200],
                     from_unit=commitment.owner_unit, target=router.by_function(commitment.owner_unit),
                     due=commitment.due_on)
        line.url = commitment.dialogue.get_absolute_url()
        lines.append(line)
    return lines


def _by_choice(router: _Router, unit: Unit) -> tuple[Unit | None, str]:
    suggested, _basis = router.by_function(unit)
    if suggested is None:
        return None, _("Đầu mối chọn đơn vị mới")
    return None, _("Đầu mối chọn đơn vị mới (gợi ý: %(u)s)") % {"u": suggested.name}


def _responsibility_lines(router: _Router, ids: list[int], start: date) -> list[Line]:
    qs = (MobilizationResponsibility.objects.filter(unit_id__in=ids)
          .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=start)).select_related("unit", "staff"))
    lines = []
    for resp in qs:
        line = _line(router, kind="responsibility", obj=resp, label=f"{resp.staff} — {resp.title}",
                     from_unit=resp.unit, target=_by_choice(router, resp.unit), can_end=True)
        line.url = resp.unit.get_absolute_url()
        lines.append(line)
    return lines


def _staff_lines(router: _Router, ids: list[int]) -> list[Line]:
    qs = Staff.objects.filter(unit_id__in=ids, is_active=True).select_related("unit")
    return [_line(router, kind="staff", obj=s, label=f"{s.get_full_name()} — {s.position}".rstrip(" —"),
                  from_unit=s.unit, target=_by_choice(router, s.unit)) for s in qs]


def _apply_overrides(lines: list[Line], overrides: dict[str, str], destinations: dict[int, Unit]) -> None:
    for line in lines:
        if line.key not in overrides:
            continue
        value = str(overrides[line.key]).strip()
        if value == line.choice:
            continue
        if value == KEEP:
            line.to_unit, line.action = None, KEEP
        elif value == END and line.can_end:
            line.to_unit, line.action = None, ENDED
        elif value.isdigit() and int(value) in destinations:
            line.to_unit, line.action = destinations[int(value)], MOVED
        else:
            raise ValidationError(_("Dòng “%(l)s”: đơn vị nhận không nằm trong các đơn vị kế thừa; hãy chọn lại.")
                                  % {"l": line.label})
        line.changed = True
        line.basis = _("Đầu mối đã chọn")


def _settle_duplicates(lines: list[Line]) -> None:
    """A successor holds one duty per plan item and one report per request: the second copy that
    would reach it is closed as merged into the first (or, for a report already written, kept
    for the coordinator to send elsewhere)."""
    tasks = [line for line in lines if line.kind == "task" and line.action == MOVED]
    dest_ids = {line.to_unit.pk for line in tasks}
    held = set(Task.objects.filter(lead_unit_id__in=dest_ids, item_id__in={line.obj.item_id for line in tasks})
               .exclude(kind=TaskKind.OWN).values_list("item_id", "lead_unit_id", "kind"))
    plans_held = set(UnitPlan.objects.filter(unit_id__in=dest_ids).values_list("parent_plan_id", "unit_id"))
    for line in tasks:
        task = line.obj
        key = (task.item_id, line.to_unit.pk, task.kind)
        if task.kind != TaskKind.OWN and key in held:
            line.action = MERGED
            line.note = _("Đơn vị nhận đã có nhiệm vụ này: đóng nhiệm vụ cũ, gộp vào nhiệm vụ của đơn vị nhận")
            continue
        held.add(key)
        plan = task.unit_plan
        if (plan is not None and plan.unit_id == task.lead_unit_id and plan.status != UnitPlanStatus.ISSUED
                and (plan.parent_plan_id, line.to_unit.pk) not in plans_held):
            plans_held.add((plan.parent_plan_id, line.to_unit.pk))
            line.note = _("Kèm kế hoạch đang xây dựng của đơn vị")

    submissions = [line for line in lines if line.kind == "submission" and line.action == MOVED]
    taken = set(Submission.objects.filter(unit_id__in={line.to_unit.pk for line in submissions},
                                          request_id__in={line.obj.request_id for line in submissions})
                .values_list("request_id", "unit_id"))
    for line in submissions:
        key = (line.obj.request_id, line.to_unit.pk)
        if key in taken:
            # The successor writes one report for the merged area, filled from the records that moved to it:
            # the old unit's draft stays with it for reference and the old unit no longer has to report.
            line.action = MERGED
            line.note = _("Đơn vị nhận đã có báo cáo của kỳ này: bản đang soạn được giữ để tra cứu, "
                          "đơn vị cũ không còn phải nộp")
            continue
        taken.add(key)

    duties = [line for line in lines if line.kind == "report_duty" and line.action == MOVED]
    listed = {(line.obj.pk, u.pk) for line in duties for u in line.obj.units.all()}
    listed |= taken
    for line in duties:
        key = (line.obj.pk, line.to_unit.pk)
        if key in listed:
            line.action = MERGED
            line.note = _("Đơn vị nhận đã phải báo cáo yêu cầu này")
            continue
        listed.add(key)


# --- what is left, past runs ---------------------------------------------------------------------


def open_work_left(unit_ids: list[int], start: date) -> dict[str, int]:
    """Open records still with the given (dissolved) units, by kind; all zero after a full run."""
    duties = 0
    for request in _open_requests(unit_ids, start).prefetch_related("units", "submissions"):
        submitted = {s.unit_id for s in request.submissions.all()}
        duties += sum(1 for u in request.units.all() if u.pk in unit_ids and u.pk not in submitted)
    return {
        "petition": Petition.objects.filter(Q(handling_unit_id__in=unit_ids) | Q(unit_id__in=unit_ids),
                                            status__in=OPEN_STATUSES).count(),
        "task": Task.objects.filter(lead_unit_id__in=unit_ids,
                                    status__in=[TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS]).count(),
        "report_request": ReportRequest.objects.filter(requesting_unit_id__in=unit_ids, due_date__gte=start).count(),
        "report_duty": duties,
        # A draft of a unit no longer asked to report (merged into its successor's) is not a duty.
        "submission": Submission.objects.filter(unit_id__in=unit_ids, request__units__id=F("unit_id"))
        .exclude(status__in=COUNTED_STATUSES).count(),
        "session": ReceptionSession.objects.filter(unit_id__in=unit_ids, status=SessionStatus.PLANNED,
                                                   date__gte=start).count(),
        "commitment": Commitment.objects.filter(owner_unit_id__in=unit_ids, status=CommitmentStatus.OPEN).count(),
    }


def run_list(user: Any) -> QuerySet[CarryOverRun]:
    return (CarryOverRun.objects.filter(policy.unit_q(user, "predecessor"))
            .select_related("predecessor", "applied_by").order_by("-applied_at", "-pk"))


def run_detail(pk: int) -> CarryOverRun:
    return CarryOverRun.objects.select_related("predecessor", "applied_by").get(pk=pk)


_URLS = {
    "petition": "petitions:petition_detail", "task": "plans:task_detail", "report_request": "reporting:request_detail",
    "report_duty": "reporting:request_detail", "submission": "reporting:submission_detail",
    "session": "reception:session_detail", "staff": "org:staff_detail",
}


def run_moves(run: CarryOverRun) -> list[CarryOverMove]:
    """The run's moves in order, each with ``url`` (the moved record's page), in four queries."""
    moves = list(run.moves.select_related("from_unit", "to_unit").prefetch_related("from_unit__successors")
                 .order_by("position", "pk"))
    dialogues = dict(Commitment.objects.filter(pk__in=[m.object_id for m in moves if m.kind == "commitment"])
                     .values_list("pk", "dialogue_id"))
    labels = kind_labels()
    for move in moves:
        move.kind_name = labels.get(move.kind, move.kind_label)  # in the reader's language
        if move.kind in _URLS:
            move.url = reverse(_URLS[move.kind], args=[move.object_id])
        elif move.kind == "commitment" and move.object_id in dialogues:
            move.url = reverse("reception:dialogue_detail", args=[dialogues[move.object_id]])
        else:
            move.url = (move.to_unit or move.from_unit).get_absolute_url()
    return moves


def run_or_404(pk: int) -> CarryOverRun:
    """A carry-over run with the unit it carries over from and who applied it."""
    return get_object_or_404(CarryOverRun.objects.select_related("predecessor", "applied_by"), pk=pk)
