"""Long jobs of reporting: the consolidation of a request's units as a .docx report or an .xlsx table.

At a province's size a request goes to hundreds of units; summing them, listing each unit's
status and rendering the document runs in the worker with its steps shown on the job's page.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from danvan.jobs.models import Job
from danvan.jobs.registry import Outcome, kind
from danvan.jobs.services import JobError, Progress
from danvan.org import policy

from . import exports
from .models import ReportRequest
from .selectors import consolidate

FORMATS = ("docx", "xlsx")


def title(request: ReportRequest, fmt: str) -> str:
    if fmt == "docx":
        return _("Báo cáo tổng hợp (.docx): %(title)s") % {"title": request.title}
    return _("Bảng tổng hợp các đơn vị (.xlsx): %(title)s") % {"title": request.title}


@kind("reporting.consolidation")
def consolidation(job: Job, progress: Progress) -> Outcome:
    request = (
        ReportRequest.objects.select_related("template", "requesting_unit").filter(pk=job.params.get("request")).first()
    )
    if request is None:
        raise JobError(_("Yêu cầu báo cáo này không còn trong danvan."))
    fmt = job.params.get("fmt")
    if fmt not in FORMATS:
        raise JobError(_("Định dạng tệp không đúng: hãy chọn .docx hoặc .xlsx."))
    policy.require(job.started_by, "report.request.manage", request)
    progress(0, 3, _("Tổng hợp số liệu và tình hình gửi báo cáo của các đơn vị."))
    result = consolidate(request, with_units=(fmt == "xlsx"))
    progress(
        1,
        3,
        _("Đã tổng hợp %(n)s/%(total)s đơn vị đã báo cáo; đang soạn tệp.")
        % {"n": result.reported_count, "total": result.unit_count},
    )
    content = (
        exports.consolidated_docx(request, result) if fmt == "docx" else exports.consolidation_xlsx(request, result)
    )
    progress(2, 3, _("Đang lưu tệp kết quả."))
    return Outcome(
        label=_("Đã tổng hợp %(n)s/%(total)s đơn vị đã báo cáo.")
        % {"n": result.reported_count, "total": result.unit_count},
        content=content,
        filename=exports.filename("tong-hop", request.requesting_unit, request, fmt),
    )
