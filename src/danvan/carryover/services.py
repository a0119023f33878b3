"""The carry-over write: move a dissolved unit's open work to its successors in one transaction.

The proposal is recomputed inside the transaction (``selectors.propose``) with the coordinator's
changes, so a record closed or moved since the page was opened is not in it and stays where it
is, and running the carry-over twice finds nothing the second time. Each moved record keeps its
received date and every due date (the law does not restart the clock), gets a history entry
with the reason "chuyển do sắp xếp đơn vị hành chính", and a move row that its page shows as
the link back to where it came from.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.carryover import selectors
from danvan.carryover.selectors import ENDED, KEEP, MERGED, MOVED, Line, Proposal
from danvan.org import policy
from danvan.org.audit import record_change
from danvan.org.models import CARRY_OVER_REASON, CarryOverMove, CarryOverRun, MobilizationResponsibility, Staff, Unit
from danvan.petitions.models import OPEN_STATUSES, Petition
from danvan.plans.models import Task, TaskStatus, UnitPlan, UnitPlanStatus
from danvan.reception.models import Commitment, CommitmentStatus, ReceptionSession, SessionStatus
from danvan.reporting.models import ReportRequest, Submission, SubmissionStatus

Progress = Callable[[int, int], None]


def _save(obj: Any, actor: Any, fields: list[str]) -> None:
    record_change(obj, actor, CARRY_OVER_REASON)
    if hasattr(obj, "version"):
        obj.version += 1
        fields = [*fields, "version"]
    obj.save(update_fields=fields)


def _move_petition(line: Line, actor: Any, dissolved: set[int]) -> bool:
    petition = Petition.objects.select_for_update().get(pk=line.object_id)
    if petition.status not in OPEN_STATUSES:
        return False
    fields = []
    if petition.handling_unit_id in dissolved:
        petition.handling_unit = line.to_unit
        fields.append("handling_unit")
    if petition.unit_id in dissolved:
        petition.unit = line.to_unit
        fields.append("unit")
    if not fields:
        return False
    # received_on and every due date are left as they are: the time limits keep running.
    _save(petition, actor, fields)
    return True


def _move_task(line: Line, actor: Any, dissolved: set[int]) -> bool:
    task = Task.objects.select_for_update(of=("self",)).select_related("unit_plan").get(pk=line.object_id)
    if task.status not in (TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS) or task.lead_unit_id != line.from_unit.pk:
        return False
    if line.action == MERGED:
        task.status = TaskStatus.CANCELLED
        task.note = "\n".join(filter(None, [task.note, _("Gộp vào nhiệm vụ cùng nội dung của %(u)s do sắp xếp đơn vị "
                                                         "hành chính.") % {"u": line.to_unit.name}]))
        _save(task, actor, ["status", "note"])
        return True
    plan = task.unit_plan
    task.lead_unit = line.to_unit
    _save(task, actor, ["lead_unit"])
    if (plan is not None and plan.unit_id == line.from_unit.pk and plan.status != UnitPlanStatus.ISSUED
            and not UnitPlan.objects.filter(parent_plan_id=plan.parent_plan_id, unit=line.to_unit).exists()):
        plan.unit = line.to_unit
        _save(plan, actor, ["unit"])
    return True


def _move_request(line: Line, actor: Any, dissolved: set[int]) -> bool:
    request = ReportRequest.objects.select_for_update().get(pk=line.object_id)
    if request.requesting_unit_id != line.from_unit.pk:
        return False
    request.requesting_unit = line.to_unit
    _save(request, actor, ["requesting_unit"])
    return True


def _move_duty(line: Line, actor: Any, dissolved: set[int]) -> bool:
    request = ReportRequest.objects.select_for_update().get(pk=line.object_id)
    if not request.units.filter(pk=line.from_unit.pk).exists() or request.submissions.filter(
            unit=line.from_unit).exists():
        return False
    request.units.remove(line.from_unit)
    if line.action == MOVED:
        request.units.add(line.to_unit)
    _save(request, actor, [])
    return True


def _move_submission(line: Line, actor: Any, dissolved: set[int]) -> bool:
    submission = Submission.objects.select_for_update(of=("self",)).select_related("request").get(pk=line.object_id)
    if submission.status not in (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED) or \
            submission.unit_id != line.from_unit.pk:
        return False
    if line.action == MERGED:
        submission.request.units.remove(line.from_unit)
        _save(submission.request, actor, [])
        return True
    if Submission.objects.filter(request_id=submission.request_id, unit=line.to_unit).exists():
        return False
    submission.unit = line.to_unit
    _save(submission, actor, ["unit"])
    submission.request.units.remove(line.from_unit)
    submission.request.units.add(line.to_unit)
    return True


def _move_session(line: Line, actor: Any, dissolved: set[int]) -> bool:
    session = ReceptionSession.objects.select_for_update().get(pk=line.object_id)
    if session.status != SessionStatus.PLANNED or session.unit_id != line.from_unit.pk:
        return False
    session.unit = line.to_unit
    _save(session, actor, ["unit"])
    return True


def _move_commitment(line: Line, actor: Any, dissolved: set[int]) -> bool:
    commitment = Commitment.objects.select_for_update().get(pk=line.object_id)
    if commitment.status != CommitmentStatus.OPEN or commitment.owner_unit_id != line.from_unit.pk:
        return False
    commitment.owner_unit = line.to_unit
    _save(commitment, actor, ["owner_unit"])
    return True


def _move_responsibility(line: Line, actor: Any, dissolved: set[int], *, last_day: Any = None) -> bool:
    resp = MobilizationResponsibility.objects.select_for_update().get(pk=line.object_id)
    if resp.unit_id != line.from_unit.pk:
        return False
    if line.action == ENDED:
        resp.valid_to = max(resp.valid_from, last_day)
        _save(resp, actor, ["valid_to"])
    else:
        resp.unit = line.to_unit
        _save(resp, actor, ["unit"])
    return True


def _move_staff(line: Line, actor: Any, dissolved: set[int]) -> bool:
    staff = Staff.objects.select_for_update().get(pk=line.object_id)
    if staff.unit_id != line.from_unit.pk:
        return False
    staff.unit = line.to_unit
    _save(staff, actor, ["unit"])
    return True


MOVERS = {
    "petition": _move_petition,
    "task": _move_task,
    "report_request": _move_request,
    "report_duty": _move_duty,
    "submission": _move_submission,
    "session": _move_session,
    "commitment": _move_commitment,
    "responsibility": _move_responsibility,
    "staff": _move_staff,
}
MODELS = {
    "petition": Petition, "task": Task, "report_request": ReportRequest, "report_duty": ReportRequest,
    "submission": Submission, "session": ReceptionSession, "commitment": Commitment,
    "responsibility": MobilizationResponsibility, "staff": Staff,
}


@transaction.atomic
def carry_over(*, actor: Any, predecessor: Unit, to: list[Unit] | None = None,
               overrides: dict[str, str] | None = None, progress: Progress | None = None) -> tuple[CarryOverRun | None,
                                                                                                 Proposal]:
    """Move every open record of ``predecessor`` (and the units under it) as proposed, with the
    coordinator's ``overrides`` (line key → unit id, ``"keep"`` or ``"end"``).

    Returns the run (``None`` when nothing was left to move) and the proposal that was applied.
    ``actor`` None is the system (the command line run by an administrator).
    """
    if actor is not None:
        policy.require(actor, "carryover.run", predecessor)
    proposal = selectors.propose(predecessor=predecessor, to=to, overrides=overrides)
    lines = proposal.moving
    if not lines:
        return None, proposal
    run = CarryOverRun.objects.create(predecessor=predecessor, effective_on=proposal.effective_on,
                                      applied_by=actor if actor is not None and actor.pk else None,
                                      reason=CARRY_OVER_REASON)
    dissolved = {u.pk for u in proposal.dissolved}
    last_day = proposal.effective_on - timedelta(days=1)
    types = {kind: ContentType.objects.get_for_model(model) for kind, model in MODELS.items()}
    moves = []
    for position, line in enumerate(lines, start=1):
        mover = MOVERS[line.kind]
        done = (mover(line, actor, dissolved, last_day=last_day) if line.kind == "responsibility"
                else mover(line, actor, dissolved))
        if done:
            basis = line.basis + (f" — {line.note}" if line.note else "")
            moves.append(CarryOverMove(
                run=run, position=position, kind=line.kind, kind_label=str(line.kind_label)[:100],
                content_type=types[line.kind], object_id=line.object_id, label=line.label[:500],
                from_unit=line.from_unit, to_unit=line.to_unit, action=line.action, basis=basis[:500],
                changed_by_coordinator=line.changed))
        if progress is not None and (position % 50 == 0 or position == len(lines)):
            progress(position, len(lines))
    CarryOverMove.objects.bulk_create(moves)
    if not moves:
        transaction.set_rollback(True)
        return None, proposal
    return run, proposal


__all__ = ["KEEP", "carry_over"]
