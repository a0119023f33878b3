"""The long jobs of plans: the preview of a plan imported from a file, and its save (every unit's
assignments and tasks).

The preview is the save itself, rolled back (``services.preview_plan``): as long as the save, so
both run in the worker. The officer goes from the preview's job straight to the preview page, which
reads what the job found; after confirming, the save is one transaction (a failure writes nothing).
"""

from __future__ import annotations

from types import SimpleNamespace

from django.urls import reverse
from django.utils.translation import gettext as _

from danvan.core.planparse import ParsedPlan
from danvan.jobs.models import Job
from danvan.jobs.registry import Outcome, kind
from danvan.jobs.services import JobError, Progress
from danvan.org import policy
from danvan.org.models import Unit
from danvan.plans import services


def _checked_plan(job: Job) -> tuple[Unit, ParsedPlan, int]:
    """The uploaded plan's issuer (still there, and still the starter's to import under) and the
    parsed plan with its number of items: what both the preview and the save begin with."""
    issuer = Unit.objects.filter(pk=job.params.get("issuer")).first()
    if issuer is None:
        raise JobError(_("Cơ quan ban hành kế hoạch không còn trong danvan: hãy tải tệp lên lại."))
    policy.require(job.started_by, "plan.import", issuer)
    parsed = ParsedPlan.from_dict(job.params.get("parsed") or {})
    return issuer, parsed, sum(1 for _node in parsed.walk_items())


@kind("plans.import")
def import_plan(job: Job, progress: Progress) -> Outcome:
    params = job.params
    issuer, parsed, items = _checked_plan(job)
    progress(
        0,
        3,
        _("Đọc kế hoạch đã xem trước: %(items)s mục, %(n)s lượt giao việc.")
        % {"items": items, "n": len(parsed.assignments)},
    )
    progress(
        1,
        3,
        _("Ghi kế hoạch, đơn vị được giao và nhiệm vụ vào cơ sở dữ liệu trong một lần ghi (có lỗi thì không ghi gì)."),
    )
    result = services.save_plan(
        parsed,
        issuer=issuer,
        actor=job.started_by,
        source_text=params.get("text", ""),
        frame=params.get("frame") or {},
        update_existing=bool(params.get("update_existing")),
    )
    values = {"n": result.plan.full_number, "tasks": result.tasks, "units": result.units}
    if result.created:
        label = _("Đã lưu kế hoạch %(n)s: %(tasks)s nhiệm vụ đã giao cho %(units)s đơn vị.") % values
    else:
        label = _("Đã cập nhật kế hoạch %(n)s: %(tasks)s nhiệm vụ đang giao cho %(units)s đơn vị.") % values
    progress(2, 3, label)
    return Outcome(label=label, url=result.plan.get_absolute_url())


@kind("plans.preview")
def preview(job: Job, progress: Progress) -> Outcome:
    params = job.params
    issuer, parsed, items = _checked_plan(job)
    progress(
        0,
        2,
        _("Thử lưu kế hoạch để xem trước (%(items)s mục, %(n)s lượt giao việc); không ghi gì.")
        % {"items": items, "n": len(parsed.assignments)},
    )
    result, existing = services.preview_plan(
        parsed,
        issuer=issuer,
        actor=job.started_by,
        source_text=params.get("text", ""),
        frame=dict(params.get("frame") or {}),
    )
    if result is None:
        label = _("Đã đọc kế hoạch; còn thiếu thông tin để lưu: xem trang xem trước.")
    else:
        label = _("Đã đọc kế hoạch %(n)s: khi lưu sẽ giao %(tasks)s nhiệm vụ cho %(units)s đơn vị.") % {
            "n": parsed.full_number,
            "tasks": result.tasks,
            "units": result.units,
        }
    progress(1, 2, label)
    state = {
        "parsed": params.get("parsed"),
        "text": params.get("text", ""),
        "frame": params.get("frame") or {},
        "issuer": issuer.pk,
        "existing": existing.pk if existing is not None else None,
    }
    stored = (
        None
        if result is None
        else {
            "tasks": result.tasks,
            "units": result.units,
            "receivers": result.receivers,
            "changes": [[c.what, c.before, c.after] for c in result.changes],
        }
    )
    return Outcome(
        label=label,
        url=reverse("plans:plan_import_preview", args=[job.pk]),
        data={"state": state, "result": stored},
        open=True,
    )


def stored_result(data: dict | None) -> SimpleNamespace | None:
    """What the preview job found, shaped as the preview page reads an import result."""
    if not data:
        return None
    return SimpleNamespace(
        tasks=data["tasks"],
        units=data["units"],
        receivers=data.get("receivers") or {},
        changes=[services.Change(*c) for c in data.get("changes") or []],
    )
