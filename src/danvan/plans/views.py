"""Pages of plans: the plan as a document, its progress tree, import with preview, duties, activities.

Thin: the policy decides, services write, selectors read.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.core.planparse import ParsedPlan, PlanParseError, read_plan_file
from danvan.core.vntext import UnstorableText, format_date
from danvan.documents.render import DOCX, XLSX
from danvan.org import clock, policy
from danvan.org.audit import add_form_errors, unstorable_message
from danvan.org.figure_query import FigureQuery
from danvan.org.models import Unit
from danvan.org.once import once_per_form
from danvan.org.selectors import history_of
from danvan.plans import export, selectors, services
from danvan.plans import jobs as plan_jobs
from danvan.plans.forms import OwnTaskForm, TaskStatusForm, UnitPlanForm, UploadForm, activity_form_class
from danvan.plans.models import ACTIVITY_MODELS, DeadlineRule, Health, Plan

SESSION_KEY = "plans.import"
HEALTH_LABELS = dict(Health.choices)


def _file(content: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _slug(plan: Plan) -> str:
    return (plan.full_number or str(plan.pk)).replace("/", "-")


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = selectors.plan_list(request.user)
    return render(request, "plans/plan_list.html", {
        "plans": plans, "can_import": policy.can(request.user, "plan.import"),
    })


def _plan_for(request: HttpRequest, pk: int, permission: str = "plan.view") -> Plan:
    plan = selectors.plan_or_404(pk)
    policy.require(request.user, permission, plan)
    return plan


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan_for(request, pk)
    plan = selectors.plan_document(pk)
    items = list(plan.items.all())
    sections = [{"section": s, "items": [i for i in items if i.section_id == s.pk and i.path != s.label]}
                for s in plan.sections.all()]
    return render(request, "plans/plan_detail.html", {
        "plan": plan, "sections": sections, "closing": next((i for i in items if i.path == "closing"), None),
        "citations": plan.document.citations.all() if plan.document else [],
        "can_progress": policy.can(request.user, "plan.progress", plan),
        "can_prepare_electronic": policy.can(request.user, "document.outgoing.prepare", plan.issuer),
        "history": history_of(plan),
    })


@login_required
@require_POST
@once_per_form
def plan_outgoing(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan as an electronic document for its leader to sign (documents app: drafted → signed → issued)."""
    plan = _plan_for(request, pk)
    policy.require(request.user, "document.outgoing.prepare", plan.issuer)
    try:
        outgoing = export.plan_outgoing(plan, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(plan)
    return redirect(outgoing)


@login_required
def plan_progress(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan_for(request, pk, "plan.progress")
    tree = selectors.progress_tree(plan)
    return render(request, "plans/plan_progress.html", {"plan": plan, "tree": tree, "health_labels": HEALTH_LABELS})


@login_required
def plan_docx(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan_for(request, pk)
    return _file(export.plan_docx(plan), f"ke-hoach-{_slug(plan)}.docx", DOCX)


@login_required
def progress_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    plan = _plan_for(request, pk, "plan.progress")
    stamp = clock.today().strftime("%Y%m%d")  # a progress report is of its day: one name per day
    if fmt == "xlsx":
        return _file(export.progress_xlsx(plan), f"tien-do-{_slug(plan)}-{stamp}.xlsx", XLSX)
    return _file(export.progress_docx(plan), f"tien-do-{_slug(plan)}-{stamp}.docx", DOCX)


# --- import with preview ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@once_per_form
def plan_import(request: HttpRequest) -> HttpResponse:
    """Upload → preview (what the save will do, editable item texts and units) → save."""
    policy.require(request.user, "plan.import")
    stage = request.POST.get("stage", "upload")
    if request.method == "POST" and stage == "save":
        return _import_save(request)
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()
        with tempfile.NamedTemporaryFile(suffix=suffix) as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
            handle.flush()
            try:
                text = read_plan_file(handle.name)
                parsed, issuer = services.parse_with_registry(text, unit=form.cleaned_data["unit"])
                services.check_has_items(parsed)
            except PlanParseError as exc:
                form.add_error("file", str(exc))
                return render(request, "plans/import.html", {"form": form})
            except UnstorableText as exc:
                form.add_error("file", unstorable_message(exc))
                return render(request, "plans/import.html", {"form": form})
            except services.PlanImportError as exc:
                form.add_error("file", exc.messages)
                return render(request, "plans/import.html", {"form": form})
        if issuer is not None:
            policy.require(request.user, "plan.import", issuer)
        frame = services.extract_frame(text, parsed)
        request.session[SESSION_KEY] = {"parsed": parsed.as_dict(), "text": text, "frame": frame,
                                        "issuer": issuer.pk if issuer else None}
        if issuer is None:  # nothing to try before the officer names the issuer
            return _preview(request, parsed, issuer, frame, text)
        # The preview is the save itself, rolled back: as long as the save for a big plan, so the worker
        # runs it and the job's page goes on to the preview when it is ready (plans/jobs.py).
        from danvan.jobs import services as jobs

        job = jobs.start(actor=request.user, kind="plans.preview",
                         title=_("Đọc và xem trước kế hoạch %(n)s") % {"n": parsed.full_number or _("chưa có số")},
                         params={"parsed": parsed.as_dict(), "text": text, "frame": frame, "issuer": issuer.pk},
                         back_url=reverse("plans:plan_import"))
        return redirect(job)
    return render(request, "plans/import.html", {"form": form})


@login_required
@require_GET
def plan_import_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The preview the worker prepared (job ``plans.preview``), for the person who uploaded the file."""
    from danvan.jobs.selectors import job_for

    policy.require(request.user, "plan.import")
    job = job_for(request.user, pk)
    if job.kind != "plans.preview" or job.state != "done" or not job.output.get("state"):
        raise Http404
    state = job.output["state"]
    request.session[SESSION_KEY] = state
    issuer = Unit.objects.filter(pk=state["issuer"]).first()
    return _preview(request, ParsedPlan.from_dict(state["parsed"]), issuer, dict(state["frame"]), state["text"],
                    job_output=job.output)


_RULE_LABELS = {"monthly": _lazy("Hằng tháng"), **dict(DeadlineRule.choices)}


def _iso(value: str | None) -> str:
    """An ISO date from the parser as the officer reads it (dd/mm/yyyy)."""
    return format_date(date.fromisoformat(value)) if value else ""


def _preview(request: HttpRequest, parsed: ParsedPlan, issuer: Unit | None, frame: dict, text: str,
             errors: list[str] | None = None, confirm_error: str = "", job_output: dict | None = None
             ) -> HttpResponse:
    """The preview shows what saving will do: the dry run of the save itself, rolled back (by the worker when
    ``job_output`` holds its result, else here)."""
    committee = (issuer.committee() or issuer) if issuer else None
    units = list(Unit.objects.subtree_of(committee).only("pk", "name", "path")) if committee else []
    result, existing = (None, None)
    if job_output is not None:
        result = plan_jobs.stored_result(job_output.get("result"))
        existing_pk = job_output["state"].get("existing")
        existing = Plan.objects.filter(pk=existing_pk).first() if existing_pk else None
    elif issuer is not None:
        result, existing = services.preview_plan(parsed, issuer=issuer, actor=request.user, source_text=text,
                                                 frame=dict(frame))
    if SESSION_KEY in request.session:  # the save asks for confirmation when this plan is saved already
        request.session[SESSION_KEY] = {**request.session[SESSION_KEY],
                                        "existing": existing.pk if existing is not None else None}
    sections = [
        {"section": section, "rows": [{"node": node, "depth": depth} for item in section.items
                                      for node, depth in item.walk()]}
        for section in parsed.sections
    ]
    receivers = result.receivers if result is not None else {}
    assignments = []
    for index, a in enumerate(parsed.assignments):
        ids = a.unit_id if isinstance(a.unit_id, list) else None
        generic = receivers.get(a.item, []) if a.unit_id is None and a.role == "lead" else []
        assignments.append({"index": index, "a": a, "item": services.item_label(a.item), "group": ids,
                            "group_size": len(ids or []), "receivers": generic})
    references = [{"ref": r, "date": _iso(r.date)} for r in parsed.references]
    deadlines = [
        {"item": services.item_label(d.item), "text": d.text, "rule": _RULE_LABELS.get(d.rule, ""),
         "date": _iso(d.date)}
        for d in parsed.deadlines
    ]
    return render(request, "plans/import_preview.html", {
        "parsed": parsed, "plan_date": _iso(parsed.date), "issuer": issuer, "frame": frame,
        "sections": sections, "assignments": assignments, "references": references, "deadlines": deadlines,
        "units": units, "errors": errors or [], "confirm_error": confirm_error, "result": result,
        "existing": existing, "committees": policy.visible_units(request.user).filter(kind="committee"),
    })


def _import_save(request: HttpRequest) -> HttpResponse:
    state = request.session.get(SESSION_KEY)
    if not state:
        messages.error(request, _("Phiên nhập kế hoạch đã hết hạn: hãy tải tệp lên lại."))
        return redirect("plans:plan_import")
    parsed, frame = ParsedPlan.from_dict(state["parsed"]), state["frame"]
    issuer_id = request.POST.get("issuer") or state["issuer"]
    issuer = get_object_or_404(Unit, pk=issuer_id) if issuer_id else None
    for key in ("full_number", "subject"):
        if request.POST.get(key):
            setattr(parsed, key, request.POST[key].strip())
    for key in ("preamble", "closing"):
        if key in request.POST:
            frame[key] = request.POST[key]
    for node, _depth in parsed.walk_items():
        text = request.POST.get(f"item:{node.path}")
        if text is not None and text.strip():
            node.text = text.strip()
    for index, assignment in enumerate(parsed.assignments):
        choice = request.POST.get(f"unit:{index}")
        if choice is None or choice == "keep":
            continue
        assignment.unit_id = int(choice) if choice else None
    if issuer is None:
        return _preview(request, parsed, None, frame, state["text"], [_("Hãy chọn cơ quan ban hành kế hoạch.")])
    policy.require(request.user, "plan.import", issuer)
    update = request.POST.get("confirm_update") == "1"
    if state.get("existing") and not update:
        request.session[SESSION_KEY] = {**state, "parsed": parsed.as_dict(), "frame": frame}
        return _preview(request, parsed, issuer, frame, state["text"], confirm_error=_(
            "Kế hoạch %(number)s đã có trong hệ thống: hãy xem những thay đổi và xác nhận cập nhật.") % {
            "number": parsed.full_number})
    # A big plan gives hundreds of units their tasks: the save runs in the worker, in one transaction,
    # with its progress on the job's page (plans/jobs.py).
    from danvan.jobs import services as jobs

    job = jobs.start(actor=request.user, kind="plans.import",
                     title=_("Lưu kế hoạch %(n)s nhập từ tệp") % {"n": parsed.full_number or _("chưa có số")},
                     params={"parsed": parsed.as_dict(), "frame": frame, "text": state["text"], "issuer": issuer.pk,
                             "update_existing": update},
                     back_url=reverse("plans:plan_import"))
    del request.session[SESSION_KEY]
    return redirect(job)


# --- duties and tasks -------------------------------------------------------------------------------


@login_required
def my_duties(request: HttpRequest) -> HttpResponse:
    tasks = selectors.my_duties(request.user)
    page = Paginator(tasks, 50).get_page(request.GET.get("page"))
    return render(request, "plans/my_duties.html", {"page": page, "title": _("Nhiệm vụ của đơn vị"),
                                                    "overdue_page": False})


@login_required
def figure_tasks(request: HttpRequest) -> HttpResponse:
    """The tasks behind a figure of the leaders' dashboard: as many rows as the number clicked."""
    query = FigureQuery.from_request(request)
    overdue = request.GET.get("overdue") == "1"
    tasks = selectors.figure_tasks(request.user, query, overdue=overdue)
    page = Paginator(tasks, 50).get_page(request.GET.get("page"))
    values = {"unit": query.unit.name, "start": format_date(query.start), "end": format_date(query.end)}
    if overdue:
        title = _("Nhiệm vụ quá hạn chưa hoàn thành — %(unit)s, từ %(start)s đến %(end)s") % values
    else:
        title = _("Nhiệm vụ trong kỳ — %(unit)s, từ %(start)s đến %(end)s") % values
    return render(request, "plans/my_duties.html", {"page": page, "title": title, "overdue_page": overdue})


@login_required
def overdue(request: HttpRequest) -> HttpResponse:
    tasks = selectors.overdue_tasks(request.user)
    page = Paginator(tasks, 50).get_page(request.GET.get("page"))
    return render(request, "plans/my_duties.html", {"page": page, "title": _("Nhiệm vụ quá hạn"),
                                                    "overdue_page": True})


@login_required
@require_http_methods(["GET", "POST"])
@once_per_form
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.task_or_404(pk)
    policy.require(request.user, "task.view", task)
    can_change = policy.can(request.user, "task.change", task)
    form = TaskStatusForm(request.POST or None, initial={
        "status": task.status, "progress": task.progress, "note": task.note, "version": task.version})
    if request.method == "POST":
        if not can_change:
            policy.require(request.user, "task.change", task)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.set_task_status(actor=request.user, task=task, status=data["status"],
                                         progress=data["progress"], note=data["note"], version=data["version"])
                messages.success(request, _("Đã cập nhật nhiệm vụ."))
                return redirect(task)
            except ValidationError as exc:
                for error in exc.messages:
                    form.add_error(None, error)
    return render(request, "plans/task_detail.html", {
        "task": task, "form": form, "can_change": can_change, "history": history_of(task),
    })


@login_required
@require_http_methods(["GET", "POST"])
@once_per_form
def unit_plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A unit's own plan: where it stands (to draft, drafted, issued), the parent items, its tasks."""
    unit_plan = selectors.unit_plan_or_404(pk)
    policy.require(request.user, "unitplan.view", unit_plan)
    can_change = policy.can(request.user, "unitplan.change", unit_plan)
    action = request.POST.get("action") if request.method == "POST" else None
    status_form = UnitPlanForm(request.POST if action == "status" else None, initial={
        "status": unit_plan.status, "issued_number": unit_plan.issued_number,
        "issued_on": unit_plan.issued_on.strftime("%d/%m/%Y") if unit_plan.issued_on else "",
        "version": unit_plan.version})
    task_form = OwnTaskForm(request.POST if action == "task" else None, unit_plan=unit_plan)
    if request.method == "POST":
        if not can_change:
            policy.require(request.user, "unitplan.change", unit_plan)
        form = status_form if action == "status" else task_form if action == "task" else None
        if form is None:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            try:
                if action == "status":
                    services.set_unit_plan_status(actor=request.user, unit_plan=unit_plan, status=data["status"],
                                                  issued_on=data["issued_on"], issued_number=data["issued_number"],
                                                  version=data["version"])
                    messages.success(request, _("Đã cập nhật kế hoạch của đơn vị."))
                else:
                    services.add_task(actor=request.user, unit_plan=unit_plan, item=data["item"],
                                      title=data["title"], due_date=data["due_date"])
                    messages.success(request, _("Đã thêm nhiệm vụ của đơn vị."))
                return redirect(unit_plan)
            except ValidationError as exc:
                add_form_errors(form, exc)
    tasks = selectors.unit_plan_tasks(unit_plan)
    return render(request, "plans/unit_plan_detail.html", {
        "unit_plan": unit_plan, "plan": unit_plan.parent_plan, "items": list(unit_plan.items.order_by("order")),
        "tasks": tasks, "can_change": can_change, "status_form": status_form, "task_form": task_form,
        "history": history_of(unit_plan),
    })


# --- activities -------------------------------------------------------------------------------------


@login_required
def activity_list(request: HttpRequest) -> HttpResponse:
    groups = []
    for kind, model in ACTIVITY_MODELS.items():
        rows = selectors.activities(request.user, model)
        groups.append({"kind": kind, "label": model._meta.verbose_name_plural, "rows": rows})
    return render(request, "plans/activity_list.html", {"groups": groups})


@login_required
@require_http_methods(["GET", "POST"])
@once_per_form
def activity_add(request: HttpRequest, kind: str) -> HttpResponse:
    model = ACTIVITY_MODELS.get(kind)
    if model is None:
        raise Http404
    policy.require(request.user, "activity.change")
    form_class = activity_form_class(model)
    form = form_class(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        files = data.pop("files", [])
        unit = data.pop("unit")
        m2m = {name: data.pop(name) for name in ("documents", "partners") if name in data}
        try:
            services.record_activity(actor=request.user, model=model, unit=unit, files=files, m2m=m2m, **data)
            messages.success(request, _("Đã ghi nhận hoạt động."))
            return redirect("plans:activity_list")
        except ValidationError as exc:
            for error in exc.messages:
                form.add_error(None, error)
    return render(request, "org/form.html", {"form": form, "title": model._meta.verbose_name.capitalize(),
                                             "back": "/ke-hoach/hoat-dong/", "multipart": True})


@login_required
@require_POST
@once_per_form
def cascade(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan_for(request, pk, "plan.change")
    counts = services.cascade(plan)
    messages.success(request, _("Đã giao thêm %(u)s kế hoạch đơn vị và %(t)s nhiệm vụ.") % {
        "u": counts["unit_plans"], "t": counts["tasks"]})
    return redirect("plans:plan_progress", pk=plan.pk)
