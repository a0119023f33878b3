"""The long job of plans: saving a plan imported from a file (every unit's assignments and tasks).

The officer has seen the preview and confirmed; the save itself is one transaction (a failure
writes nothing), run by the worker with its steps on the job's page.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from danvan.core.planparse import ParsedPlan
from danvan.jobs.models import Job
from danvan.jobs.registry import Outcome, kind
from danvan.jobs.services import JobError, Progress
from danvan.org import policy
from danvan.org.models import Unit
from danvan.plans import services


@kind("plans.import")
def import_plan(job: Job, progress: Progress) -> Outcome:
    params = job.params
    issuer = Unit.objects.filter(pk=params.get("issuer")).first()
    if issuer is None:
        raise JobError(_("Cơ quan ban hành kế hoạch không còn trong danvan: hãy tải tệp lên lại."))
    policy.require(job.started_by, "plan.import", issuer)
    parsed = ParsedPlan.from_dict(params.get("parsed") or {})
    items = sum(1 for _node in parsed.walk_items())
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
