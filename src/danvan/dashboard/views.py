"""The leaders' dashboard page and its charts (thin: the numbers come from selectors)."""

from __future__ import annotations

import base64
from datetime import date, datetime

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from danvan.dashboard import charts, selectors
from danvan.org import policy
from danvan.org.models import Unit


def _date(request: HttpRequest, name: str) -> date | None:
    value = request.GET.get(name, "").strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def _params(request: HttpRequest) -> tuple[Unit, date, date, list[str]]:
    """The unit and period asked for, defaulting to the viewer's scope and this year so far."""
    policy.require(request.user, "dashboard.view")
    errors = []
    default_start, default_end = selectors.default_period()
    start, end = _date(request, "start") or default_start, _date(request, "end") or default_end
    if request.GET.get("start") and _date(request, "start") is None:
        errors.append(_("Ngày bắt đầu phải có dạng ngày/tháng/năm, ví dụ 01/01/2026."))
    if request.GET.get("end") and _date(request, "end") is None:
        errors.append(_("Ngày kết thúc phải có dạng ngày/tháng/năm, ví dụ 31/12/2026."))
    if start > end:
        errors.append(_("Ngày bắt đầu phải trước ngày kết thúc; đã dùng từ đầu năm đến nay."))
        start, end = default_start, default_end
    value = request.GET.get("unit", "")
    unit = None
    if value.isdigit():
        unit = Unit.objects.filter(pk=int(value)).first()
        if unit is None:
            raise Http404
        policy.require(request.user, "dashboard.view", unit)
    else:
        unit = policy.scope_root(request.user) or Unit.objects.filter(parent__isnull=True).order_by("path").first()
        if unit is None:
            raise Http404
    if not policy.can(request.user, "dashboard.view", unit):
        raise PermissionDenied
    return unit, start, end, errors


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    unit, start, end, errors = _params(request)
    data = selectors.overview(request.user, unit, start, end)
    query = f"unit={unit.pk}&start={start:%d/%m/%Y}&end={end:%d/%m/%Y}"
    # The pictures travel inside the page (data: URIs, allowed as images by the CSP): the figures are
    # computed once per page, and no request per chart.
    pictures = {name.replace("-", "_"): "data:image/svg+xml;base64," + base64.b64encode(
        _svg(name, data).encode()).decode() for name in CHARTS}
    return render(request, "dashboard/index.html", {
        "charts": pictures,
        "o": data, "errors": errors, "units": selectors.units_for(request.user), "query": query,
        "start_text": f"{start:%d/%m/%Y}", "end_text": f"{end:%d/%m/%Y}",
    })


def _month(d: date) -> str:
    return f"{d:%m/%Y}"


CHARTS = ("don-vi", "xu-huong", "tiep-cong-dan", "ke-hoach")


def _svg(name: str, data: selectors.Overview) -> str:
    unit, start, end = data.unit, data.start, data.end
    period = _("từ %(start)s đến %(end)s") % {"start": f"{start:%d/%m/%Y}", "end": f"{end:%d/%m/%Y}"}
    labels = [r.unit.short_name or r.unit.name for r in data.rows]
    if name == "xu-huong":
        return charts.line(
            _("Đơn thư tiếp nhận và giải quyết theo tháng — %(unit)s") % {"unit": unit.name},
            _("Biểu đồ đường, %(period)s: số đơn tiếp nhận và số đơn giải quyết của từng tháng; "
              "bảng bên cạnh ghi cùng các số.") % {"period": period},
            [_month(m["month"]) for m in data.trend],
            [(_("Tiếp nhận"), [m["received"] for m in data.trend]),
             (_("Giải quyết"), [m["resolved"] for m in data.trend])])
    if name == "don-vi":
        return charts.bars(
            _("Đơn thư theo đơn vị — %(unit)s") % {"unit": unit.name},
            _("Biểu đồ cột ngang, %(period)s: số đơn tiếp nhận, đã giải quyết và đang quá hạn của từng đơn vị; "
              "bảng bên cạnh ghi cùng các số.") % {"period": period},
            labels, [(_("Tiếp nhận"), [r.values.get("petitions.received", 0) for r in data.rows]),
                     (_("Đã giải quyết"), [r.values.get("petitions.resolved", 0) for r in data.rows]),
                     (_("Quá hạn"), [r.values.get("petitions.overdue_open", 0) for r in data.rows])])
    if name == "tiep-cong-dan":
        return charts.bars(
            _("Ngày tiếp công dân định kỳ: đã tiếp và phải tiếp — %(unit)s") % {"unit": unit.name},
            _("Biểu đồ cột ngang, %(period)s: số ngày người đứng đầu đã tiếp công dân và số ngày phải tiếp "
              "theo Luật Tiếp công dân của từng đơn vị; bảng bên cạnh ghi cùng các số.") % {"period": period},
            labels, [(_("Đã tiếp"), [r.values.get("reception.days_held", 0) for r in data.rows]),
                     (_("Phải tiếp"), [r.values.get("reception.days_required", 0) for r in data.rows])])
    if name == "ke-hoach":
        return charts.bars(
            _("Tiến độ thực hiện nhiệm vụ theo đơn vị (phần trăm) — %(unit)s") % {"unit": unit.name},
            _("Biểu đồ cột ngang, %(period)s: tiến độ bình quân gia quyền các nhiệm vụ của từng đơn vị, "
              "tính theo phần trăm; bảng bên cạnh ghi cùng các số.") % {"period": period},
            labels, [(_("Tiến độ (%)"), [r.task_progress or 0 for r in data.rows])])
    raise Http404


@login_required
def chart(request: HttpRequest, name: str) -> HttpResponse:
    """One chart as an .svg file (to save or print on its own); the page embeds the same pictures."""
    if name not in CHARTS:
        raise Http404
    unit, start, end, _errors = _params(request)
    response = HttpResponse(_svg(name, selectors.overview(request.user, unit, start, end)),
                            content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response
