"""Pages of the legal time limits: the rules table, the yearly calendar, the "tính hạn" form and
the administrators' corrections. Thin: the policy decides, services write, selectors read."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from danvan.core.deadlines import DeadlineError
from danvan.core.vntext import format_date
from danvan.core.workdays import CalendarError
from danvan.legal import selectors, services
from danvan.legal.forms import ComputeForm, DeclaredDayForm, RuleRowForm
from danvan.legal.models import DeadlineRuleRow, DeclaredDay
from danvan.org import clock, policy
from danvan.org.audit import add_form_errors as _apply_errors
from danvan.org.confirm import confirmation
from danvan.org.once import once_per_form
from danvan.org.selectors import history_of

NO_DATE = "-"


def _compute(request: HttpRequest) -> dict[str, Any]:
    """The compute form (GET, no side effect) and its result or a Vietnamese error."""
    bound = "kind" in request.GET
    form = ComputeForm(request.GET if bound else None, vocabulary=selectors.vocabulary(),
                       initial={"kind": "complaint", "milestone": "resolve", "extensions": 0})
    result = None
    if bound and form.is_valid():
        data = form.cleaned_data
        try:
            result = selectors.compute_due(
                data["kind"], data["milestone"], data["from_date"], received=data["received"],
                complex=data["complex"], very_complex=data["very_complex"], remote=data["remote"],
                several_places=data["several_places"], extensions=data["extensions"] or 0,
            )
        except (DeadlineError, CalendarError) as exc:
            form.add_error(None, str(exc))
    notices = selectors.calendar_notices(result.from_date, result.due) if result is not None else []
    return {"compute_form": form, "result": result, "calendar_notices": notices}


@login_required
def rule_list(request: HttpRequest) -> HttpResponse:
    policy.require(request.user, "legal.rules.view")
    return render(request, "legal/rule_list.html", {
        "rules": selectors.rule_table(),
        "rows": selectors.rule_rows(),
        "can_change": policy.can(request.user, "legal.rules.change"),
        "this_year": clock.today().year,
        "no_date": NO_DATE,
        **_compute(request),
    })


def _parse_key(valid_from: str) -> date | None:
    if valid_from == NO_DATE:
        return None
    try:
        return date.fromisoformat(valid_from)
    except ValueError:
        raise Http404 from None


@login_required
@require_http_methods(["GET", "POST"])
@once_per_form
def rule_edit(request: HttpRequest, rule_id: str | None = None, valid_from: str | None = None) -> HttpResponse:
    """Edit a rule: a database row if one exists, otherwise a new row prefilled from the shipped one."""
    policy.require(request.user, "legal.rules.change")
    row = None
    initial: dict[str, Any] = {}
    if rule_id is not None:
        start = _parse_key(valid_from or NO_DATE)
        row = DeadlineRuleRow.objects.filter(rule_id=rule_id, valid_from=start).first()
        if row is None:
            rule = selectors.find_rule(rule_id, start)
            if rule is None:
                raise Http404
            initial = {name: getattr(rule, name) for name in (
                "kind", "milestone", "label", "days", "days_complex", "days_remote", "days_remote_complex",
                "days_several_places", "unit", "direction", "counts_from", "source", "valid_from", "valid_to",
                "max_extensions_complex", "max_extensions_very_complex", "verify", "note")}
            initial.update(rule_id=rule.id, extends=rule.extends or "", active=True)
    form = RuleRowForm(request.POST or None, instance=row, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_rule_row(actor=request.user, row=row, **form.cleaned_data)
            messages.success(request, _("Đã lưu quy tắc %(id)s.") % {"id": form.cleaned_data["rule_id"]})
            return redirect("legal:rule_list")
        except ValidationError as exc:
            _apply_errors(form, exc)
    return render(request, "legal/form.html", {
        "form": form, "title": _("Sửa quy tắc thời hạn") if rule_id else _("Thêm quy tắc thời hạn"),
        "back": reverse("legal:rule_list"), "history": history_of(row) if row else None,
        "delete_url": reverse("legal:rule_delete", args=[row.pk]) if row else None,
    })


@login_required
@require_POST
def rule_delete(request: HttpRequest, pk: int) -> HttpResponse:
    policy.require(request.user, "legal.rules.change")
    row = get_object_or_404(DeadlineRuleRow, pk=pk)
    ask = confirmation(
        request, title=_("Xóa điều chỉnh quy tắc thời hạn?"), action_label=_("Xóa điều chỉnh"),
        message=_("Điều chỉnh “%(label)s” sẽ bị xóa và thời hạn lại tính theo bảng quy tắc gốc. "
                  "Việc này không hoàn tác được; lịch sử thay đổi vẫn được lưu.") % {"label": row.label},
        back=reverse("legal:rule_edit", args=[row.rule_id, row.valid_from.isoformat() if row.valid_from
                                               else NO_DATE]))
    if ask is not None:
        return ask
    services.delete_rule_row(actor=request.user, row=row)
    messages.success(request, _("Đã xóa điều chỉnh “%(label)s”; thời hạn tính lại theo bảng quy tắc gốc.")
                     % {"label": row.label})
    return redirect("legal:rule_list")


@login_required
def calendar_redirect(request: HttpRequest) -> HttpResponse:
    return redirect("legal:calendar", year=clock.today().year)


@login_required
def calendar(request: HttpRequest, year: int) -> HttpResponse:
    policy.require(request.user, "legal.rules.view")
    if not 1900 <= year <= 2200:
        raise Http404
    cal = selectors.current_calendar()
    if request.method == "POST":
        policy.require(request.user, "legal.calendar.change")
        try:
            services.confirm_year(actor=request.user, year=year, source=request.POST.get("source", ""))
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Đã xác nhận lịch nghỉ năm %(year)s.") % {"year": year})
        return redirect("legal:calendar", year=year)
    return render(request, "legal/calendar.html", {
        "unconfirmed": year not in selectors.confirmed_years(),
        "year": year, "entries": selectors.calendar_year(year), "periods": selectors.holiday_periods(year),
        "declared": selectors.declared_days(year), "differences": cal.package_differences(year),
        "can_change": policy.can(request.user, "legal.calendar.change"),
        **_compute(request),
    })


@login_required
@require_http_methods(["GET", "POST"])
@once_per_form
def day_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    policy.require(request.user, "legal.calendar.change")
    day = get_object_or_404(DeclaredDay, pk=pk) if pk else None
    form = DeclaredDayForm(request.POST or None, instance=day)
    if request.method == "POST" and form.is_valid():
        try:
            day = services.save_declared_day(actor=request.user, day=day, **form.cleaned_data)
            messages.success(request, _("Đã lưu điều chỉnh lịch ngày %(d)s.") % {"d": day.date.strftime("%d/%m/%Y")})
            return redirect("legal:calendar", year=day.date.year)
        except ValidationError as exc:
            _apply_errors(form, exc)
    back_year = day.date.year if day else clock.today().year
    return render(request, "legal/form.html", {
        "form": form, "title": _("Sửa điều chỉnh lịch") if day else _("Thêm điều chỉnh lịch"),
        "back": reverse("legal:calendar", args=[back_year]), "history": history_of(day) if day else None,
        "delete_url": reverse("legal:day_delete", args=[day.pk]) if day else None,
    })


@login_required
@require_POST
def day_delete(request: HttpRequest, pk: int) -> HttpResponse:
    policy.require(request.user, "legal.calendar.change")
    day = get_object_or_404(DeclaredDay, pk=pk)
    year = day.date.year
    ask = confirmation(
        request, title=_("Xóa điều chỉnh lịch?"), action_label=_("Xóa điều chỉnh"),
        message=_("Điều chỉnh ngày %(date)s (%(reason)s) sẽ bị xóa; các thời hạn tính lại theo lịch chung. "
                  "Việc này không hoàn tác được.") % {"date": format_date(day.date), "reason": day.reason},
        back=reverse("legal:day_edit", args=[day.pk]))
    if ask is not None:
        return ask
    services.delete_declared_day(actor=request.user, day=day)
    messages.success(request, _("Đã xóa điều chỉnh lịch."))
    return redirect("legal:calendar", year=year)
