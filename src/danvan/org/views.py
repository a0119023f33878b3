"""Pages of the organisation registry. Thin: the policy decides, services write, selectors read."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.core.media_types import XLSX
from danvan.org import policy, selectors, services, transfer
from danvan.org.audit import add_form_errors as _apply_errors
from danvan.org.forms import ImportForm, ResponsibilityForm, StaffForm, UnitForm
from danvan.org.models import Level, Role, Staff, Unit, UnitKind
from danvan.org.once import once_per_form

PAGE_SIZE = 50


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")
    units = selectors.unit_list(request.user, query=query, level=request.GET.get("level", ""),
                                kind=request.GET.get("kind", ""),
                                include_expired=request.GET.get("current") != "1")
    page = Paginator(units, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "org/unit_list.html", {
        "page": page, "query": query, "levels": Level.choices, "kinds": UnitKind.choices,
        "can_add": policy.can(request.user, "unit.change"),
        "can_import": policy.can(request.user, "registry.import"),
    })


@login_required
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(Unit, pk=pk)
    policy.require(request.user, "unit.view", unit)
    unit = selectors.unit_detail(pk)
    return render(request, "org/unit_detail.html", {
        "unit": unit,
        "ancestors": selectors.ancestors_of(unit),
        "history": selectors.history_of(unit),
        "can_change": policy.can(request.user, "unit.change", unit),
        "can_assign": policy.can(request.user, "responsibility.change", unit),
        "responsibility_form": ResponsibilityForm(unit=unit),
        "carry_over_url": _carry_over_url(request.user, unit),
    })


def _carry_over_url(user: Any, unit: Unit) -> str:
    """The hand-over page of a dissolved unit, for those who may use it (when that app is installed)."""
    if unit.valid_to is None or unit.is_current or "carryover.run" not in policy.permission_names():
        return ""
    if not policy.can(user, "carryover.run", unit):
        return ""
    try:
        return reverse("carryover:propose", args=[unit.pk])
    except NoReverseMatch:
        return ""


@login_required
@require_http_methods(["GET", "POST"])
@once_per_form
def unit_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    unit = get_object_or_404(Unit, pk=pk) if pk else None
    policy.require(request.user, "unit.change", unit)
    form = UnitForm(request.POST or None, instance=unit, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            if unit is None:
                unit = services.create_unit(actor=request.user, **data)
                messages.success(request, _("Đã thêm đơn vị “%(n)s”.") % {"n": unit.name})
            else:
                unit = services.update_unit(actor=request.user, unit=unit, version=form.cleaned_data.get("version"),
                                            **data)
                messages.success(request, _("Đã lưu thay đổi của đơn vị “%(n)s”.") % {"n": unit.name})
            return redirect(unit)
        except ValidationError as exc:
            _apply_errors(form, exc)
    return render(request, "org/form.html", {
        "form": form, "title": _("Sửa đơn vị") if unit else _("Thêm đơn vị"), "back": unit.get_absolute_url()
        if unit else "/don-vi/"})


@login_required
@require_http_methods(["POST"])
@once_per_form
def responsibility_add(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(Unit, pk=pk)
    policy.require(request.user, "responsibility.change", unit)
    form = ResponsibilityForm(request.POST, unit=unit)
    if form.is_valid():
        try:
            services.assign_responsibility(actor=request.user, unit=unit, **form.cleaned_data)
            messages.success(request, _("Đã phân công người phụ trách công tác dân vận."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, " ".join(f"{form.fields[f].label}: {e}" if f in form.fields else str(e)
                                         for f, errs in form.errors.items() for e in errs))
    return redirect(unit)


@login_required
def staff_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")
    staff = selectors.staff_list(request.user, query=query, role=request.GET.get("role", ""))
    page = Paginator(staff, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "org/staff_list.html", {
        "page": page, "query": query, "roles": Role.choices,
        "can_add": policy.can(request.user, "staff.change"),
        "can_import": policy.can(request.user, "registry.import"),
    })


@login_required
def staff_detail(request: HttpRequest, pk: int) -> HttpResponse:
    staff = selectors.staff_or_404(pk)
    policy.require(request.user, "staff.view", staff)
    return render(request, "org/staff_detail.html", {
        "person": staff, "history": selectors.history_of(staff),
        "responsibilities": staff.responsibilities.select_related("unit"),
        "can_change": policy.can(request.user, "staff.change", staff),
    })


@login_required
@require_http_methods(["GET", "POST"])
@once_per_form
def staff_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    staff = get_object_or_404(Staff, pk=pk) if pk else None
    policy.require(request.user, "staff.change", staff)
    form = StaffForm(request.POST or None, instance=staff, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in {"version", "username", "is_active"}}
        try:
            if staff is None:
                staff = services.create_staff(actor=request.user, username=form.cleaned_data["username"], **data)
                messages.success(request, _("Đã thêm cán bộ “%(n)s”. Bấm “Cấp mật khẩu tạm thời” để cán bộ "
                                           "đăng nhập lần đầu.") % {"n": staff.full_name})
            else:
                staff = services.update_staff(actor=request.user, staff=staff,
                                              version=form.cleaned_data.get("version"),
                                              is_active=form.cleaned_data["is_active"], **data)
                messages.success(request, _("Đã lưu thay đổi."))
            return redirect(staff)
        except ValidationError as exc:
            _apply_errors(form, exc)
    return render(request, "org/form.html", {
        "form": form, "title": _("Sửa thông tin cán bộ") if staff else _("Thêm cán bộ"),
        "back": staff.get_absolute_url() if staff else "/can-bo/"})


@login_required
@require_http_methods(["POST"])
@once_per_form
def staff_password(request: HttpRequest, pk: int) -> HttpResponse:
    staff = get_object_or_404(Staff, pk=pk)
    password = services.issue_temporary_password(actor=request.user, staff=staff)
    messages.warning(request, _("Mật khẩu tạm thời của %(name)s: %(password)s — hãy trao trực tiếp cho cán bộ và "
                                "đề nghị đổi mật khẩu ngay sau khi đăng nhập. Mật khẩu này chỉ hiện một lần.")
                     % {"name": staff.full_name, "password": password})
    return redirect(staff)


@login_required
def registry_export(request: HttpRequest, what: str, fmt: str) -> HttpResponse:
    if what == "units":
        rows = transfer.unit_rows(policy.visible_units(request.user).select_related("parent").order_by("path"))
        columns, title = transfer.UNIT_COLUMNS, "Don vi"
    else:
        staff = policy.visible_staff(request.user).select_related("unit").order_by("unit__path", "full_name")
        rows, columns, title = transfer.staff_rows(staff), transfer.STAFF_COLUMNS, "Can bo"
    data = transfer.export_table(columns, rows, fmt, title)
    content_type = ("text/csv; charset=utf-8" if fmt == "csv"
                    else XLSX)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="danvan-{what}.{fmt}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
@once_per_form
def registry_import(request: HttpRequest, what: str) -> HttpResponse:
    policy.require(request.user, "registry.import")
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        importer = transfer.import_units if what == "units" else transfer.import_staff
        try:
            result = importer(upload.read(), upload.name, actor=request.user, mode=form.cleaned_data["mode"])
        except transfer.ImportFileError as exc:
            form.add_error("file", str(exc))
    return render(request, "org/import.html", {
        "form": form, "result": result, "what": what,
        "columns": transfer.UNIT_COLUMNS if what == "units" else transfer.STAFF_COLUMNS,
    })
