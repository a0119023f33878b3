"""Long jobs of emulation: the ranking of every scored unit as a file, and every unit's scoring sheet.

Scoring reads every unit's figures under the committee (hundreds of communes in a province) and
the sheets are one document per unit: both run in the worker with their steps on the job's page.
"""

from __future__ import annotations

import io
import zipfile

from django.utils.translation import gettext as _

from danvan.documents.filenames import download_name
from danvan.jobs.models import Job
from danvan.jobs.registry import Outcome, kind
from danvan.jobs.services import JobError, Progress
from danvan.org import policy

from . import exports, selectors
from . import permissions as perms
from .models import Scheme

FORMATS = ("docx", "xlsx")


def _scheme(job: Job) -> Scheme:
    scheme = Scheme.objects.select_related("unit").filter(pk=job.params.get("scheme")).first()
    if scheme is None:
        raise JobError(_("Bộ tiêu chí này không còn trong danvan."))
    return scheme


def may_export(user, scheme: Scheme) -> bool:
    return policy.can(user, perms.SCHEME_MANAGE, scheme) or policy.can(user, perms.RANKING_VIEW, scheme)


def ranking_title(scheme: Scheme, fmt: str) -> str:
    return _("Bảng xếp hạng thi đua năm %(y)s (.%(fmt)s): %(name)s") % {
        "y": scheme.year,
        "fmt": fmt,
        "name": scheme.name,
    }


def sheets_title(scheme: Scheme) -> str:
    return _("Phiếu chấm điểm của mọi đơn vị năm %(y)s (.zip): %(name)s") % {"y": scheme.year, "name": scheme.name}


@kind("emulation.ranking")
def ranking(job: Job, progress: Progress) -> Outcome:
    scheme = _scheme(job)
    fmt = job.params.get("fmt")
    if fmt not in FORMATS:
        raise JobError(_("Định dạng tệp không đúng: hãy chọn .docx hoặc .xlsx."))
    if not may_export(job.started_by, scheme):
        policy.require(job.started_by, perms.RANKING_VIEW, scheme)
    progress(0, 2, _("Chấm điểm các đơn vị theo bộ tiêu chí."))
    result = selectors.ranking(scheme)
    progress(1, 2, _("Đã chấm điểm %(n)s đơn vị; đang soạn tệp.") % {"n": len(result.rows)})
    content = exports.ranking_xlsx(result) if fmt == "xlsx" else exports.ranking_docx(result)
    name = download_name("Xep hang thi dua", scheme.unit.short_name or scheme.unit.name, str(scheme.year), ext=fmt)
    return Outcome(label=_("Đã xếp hạng %(n)s đơn vị.") % {"n": len(result.rows)}, content=content, filename=name)


@kind("emulation.sheets")
def sheets(job: Job, progress: Progress) -> Outcome:
    """Every scored unit's sheet (.docx) the person may see, in one .zip."""
    scheme = _scheme(job)
    if not may_export(job.started_by, scheme):
        policy.require(job.started_by, perms.RANKING_VIEW, scheme)
    progress(0, 1, _("Chấm điểm các đơn vị theo bộ tiêu chí."))
    result = selectors.ranking(scheme)
    rows = [
        row for row in result.rows if policy.can(job.started_by, perms.SHEET_VIEW, selectors.SheetRef(scheme, row.unit))
    ]
    if not rows:
        raise JobError(_("Không có đơn vị nào mà bạn được xem phiếu chấm điểm trong bộ tiêu chí này."))
    total = len(rows) + 1
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, row in enumerate(rows, start=1):
            progress(
                index,
                total,
                _("Soạn phiếu %(i)s/%(n)s: %(unit)s") % {"i": index, "n": len(rows), "unit": row.unit.name},
            )
            name = download_name(
                f"{row.rank:03d}", "Phieu cham diem", row.unit.short_name or row.unit.name, str(scheme.year), ext="docx"
            )
            archive.writestr(name, exports.sheet_docx(result, row))
    name = download_name(
        "Phieu cham diem thi dua", scheme.unit.short_name or scheme.unit.name, str(scheme.year), ext="zip"
    )
    return Outcome(
        label=_("Đã soạn phiếu chấm điểm của %(n)s đơn vị.") % {"n": len(rows)},
        content=buffer.getvalue(),
        filename=name,
    )
