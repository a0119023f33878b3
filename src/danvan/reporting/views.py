"""Report pages. Thin: the policy decides, services write, selectors read, exports render."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from danvan.documents.render import DOCX, XLSX
from danvan.org import clock, policy
from danvan.org.audit import add_form_errors, posted_version
from danvan.org.confirm import confirmation
from danvan.org.models import Unit
from danvan.org.once import once_per_form
from danvan.org.selectors import history_of

from . import exports, selectors, services
from .models import (
    DeadlinePolicy,
    PeriodKind,
    ReportTemplate,
    SubmissionKind,
)


def _download(data: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def request_list(request: HttpRequest) -> HttpResponse:
    return render(request, "reporting/request_list.html", {
        "requests": list(selectors.request_list(request.user)[:200]),
        "can_create": policy.can(request.user, "report.request.create"),
    })


class RequestForm(forms.Form):
    template = forms.ModelChoiceField(label=gettext_lazy("Mẫu báo cáo"),
                                      queryset=ReportTemplate.objects.filter(is_active=True))
    requesting_unit = forms.ModelChoiceField(label=gettext_lazy("Đơn vị yêu cầu báo cáo"), queryset=Unit.objects.none())
    title = forms.CharField(label=gettext_lazy("Tên yêu cầu (để trống: tự đặt theo mẫu và kỳ)"), required=False)
    period_kind = forms.ChoiceField(label=gettext_lazy("Kỳ báo cáo"), choices=PeriodKind.choices)
    year = forms.IntegerField(label=gettext_lazy("Năm"), min_value=2000, max_value=2100)
    part = forms.IntegerField(label=gettext_lazy("Kỳ số (6 tháng: 1–2, quý: 1–4, tháng: 1–12)"), required=False,
                              min_value=1, max_value=12)
    period_start = forms.DateField(label=gettext_lazy("Số liệu từ ngày (để trống: theo Nghị định 09/2019)"),
                                   required=False)
    period_end = forms.DateField(label=gettext_lazy("Số liệu đến ngày"), required=False)
    deadline = forms.DateField(label=gettext_lazy("Hạn nộp"))
    deadline_policy = forms.ChoiceField(label=gettext_lazy("Khi hạn nộp rơi vào ngày nghỉ"),
                                        choices=DeadlinePolicy.choices, initial=DeadlinePolicy.NEXT_WORKDAY)
    plan_reference = forms.CharField(label=gettext_lazy("Theo kế hoạch số"), required=False,
                                     help_text=gettext_lazy("vd. 307/KH-UBND; nếu kế hoạch có trong hệ thống và không "
                                                            "chọn đơn vị, các đơn vị chủ trì theo phân công của kế "
                                                            "hoạch phải báo cáo."))
    units = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Đơn vị phải báo cáo (để trống: theo phân công của kế hoạch, nếu không có kế hoạch "
                           "thì tất cả phòng, ban và phường, xã)"), required=False,
        queryset=Unit.objects.none(), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        visible = policy.visible_units(user)
        self.fields["requesting_unit"].queryset = visible.filter(kind="committee")
        self.fields["units"].queryset = visible.exclude(kind="committee", level__in=["province", "district"])
        committee = user.unit.committee() if getattr(user, "unit_id", None) else None
        if committee is not None:
            self.fields["requesting_unit"].initial = committee.pk


@login_required
@require_http_methods(["GET", "POST"])
@once_per_form
def request_create(request: HttpRequest) -> HttpResponse:
    policy.require(request.user, "report.request.create")
    form = RequestForm(request.POST or None, user=request.user, initial={"period_kind": PeriodKind.YEARLY})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        units = list(data.pop("units")) or None
        try:
            made = services.create_request(actor=request.user, units=units, units_from_plan=units is None, **data)
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, _("Đã gửi yêu cầu báo cáo tới %(n)s đơn vị.") % {"n": made.units.count()})
            return redirect(made)
    return render(request, "org/form.html", {"form": form, "title": _("Yêu cầu báo cáo"), "back": "/bao-cao/"})


@login_required
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report_request = selectors.request_or_404(pk)
    policy.require(request.user, "report.request.view", report_request)
    manage = policy.can(request.user, "report.request.manage", report_request)
    mine = selectors.submission_of(report_request, request.user.unit_id) if request.user.unit_id else None
    asked = request.user.unit_id is not None and report_request.units.filter(pk=request.user.unit_id).exists()
    return render(request, "reporting/request_detail.html", {
        "req": report_request, "manage": manage, "mine": mine, "asked": asked,
        "statuses": selectors.unit_statuses(report_request) if manage else [],
    })


@login_required
@require_POST
@once_per_form
def submission_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Open (pre-filled) the report of the user's own unit."""
    report_request = selectors.request_or_404(pk)
    unit = request.user.unit
    if unit is None:
        raise PermissionDenied(policy.NO_UNIT)
    try:
        submission = services.open_submission(actor=request.user, request=report_request, unit=unit)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(report_request)
    return redirect(submission)


def _form_data(post) -> tuple[dict, dict, dict]:
    values = {k[2:]: v for k, v in post.items() if k.startswith("v-")}
    reasons = {k[2:]: v for k, v in post.items() if k.startswith("r-")}
    narratives = {k[2:]: v for k, v in post.items() if k.startswith("n-")}
    return values, reasons, narratives


@login_required
@require_http_methods(["GET", "POST"])
@once_per_form
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    submission = selectors.submission_or_404(pk)
    policy.require(request.user, "report.view", submission)
    can_edit = submission.is_editable and policy.can(request.user, "report.edit", submission)
    errors: list[str] = []
    posted: dict = {}
    if request.method == "POST":
        if not can_edit:
            if not submission.is_editable:
                raise PermissionDenied(_("Báo cáo này đã nộp hoặc đã được tiếp nhận nên không sửa được nữa."))
            policy.require(request.user, "report.edit", submission)
        values, reasons, narratives = _form_data(request.POST)
        posted = {"values": values, "reasons": reasons}
        try:
            submission = services.save_draft(actor=request.user, submission=submission, values=values,
                                             reasons=reasons, narratives=narratives,
                                             version=posted_version(request.POST))
            messages.success(request, _("Đã lưu bản nháp."))
            if request.POST.get("then") == "submit":
                policy.require(request.user, "report.submit", submission)
                # Submitting cannot be undone by the unit: the draft is saved, then a confirmation step.
                return redirect(f"{submission.get_absolute_url()}?xac-nhan=nop")
            return redirect(submission)
        except ValidationError as exc:
            errors = exc.messages
        except PermissionDenied:
            errors = [_("Chỉ thủ trưởng đơn vị (Chủ tịch UBND đối với phường, xã) được nộp báo cáo.")]
    values = list(submission.values.select_related("indicator").order_by("indicator__order"))
    for value in values:
        value.posted = posted.get("values", {}).get(value.indicator.code)
        value.posted_reason = posted.get("reasons", {}).get(value.indicator.code)
    consolidation = None
    if submission.kind == SubmissionKind.CONSOLIDATED:
        consolidation = selectors.consolidate(submission.request, with_units=False)
    can_submit = (submission.is_editable and submission.kind == SubmissionKind.UNIT
                  and policy.can(request.user, "report.submit", submission))
    can_review = submission.status == "submitted" and policy.can(request.user, "report.review", submission)
    days_left = (submission.request.due_date - clock.today()).days
    return render(request, "reporting/submission_detail.html", {
        "submission": submission, "req": submission.request, "values": values,
        "narratives": list(submission.narratives.select_related("section").order_by("section__order")),
        "events": list(submission.events.select_related("actor")),
        "versions": list(submission.versions.select_related("created_by")),
        "history": history_of(submission), "errors": errors, "can_edit": can_edit,
        "attachments": list(submission.attachments.select_related("uploaded_by").order_by("uploaded_at", "pk")),
        "attachment_form": AttachmentForm() if can_edit else None,
        "can_submit": can_submit, "can_review": can_review,
        "next_step": selectors.next_step(submission, can_edit=can_edit, can_submit=can_submit, can_review=can_review,
                                         own_unit=request.user.unit_id == submission.unit_id),
        "days_left": days_left, "days_over": -days_left,
        "confirm_submit": request.GET.get("xac-nhan") == "nop" and submission.is_editable
        and submission.kind == SubmissionKind.UNIT and policy.can(request.user, "report.submit", submission),
        "submitters": selectors.submitters_of(submission.unit)
        if submission.is_editable and submission.kind == SubmissionKind.UNIT else [],
        "consolidation": consolidation,
    })


class AttachmentForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Tệp minh chứng (PDF, Word, Excel, ảnh JPG/PNG)"),
                           error_messages={"required": gettext_lazy("Hãy chọn tệp cần đính kèm.")})
    description = forms.CharField(label=gettext_lazy("Mô tả"), max_length=255, required=False)


@login_required
@require_POST
@once_per_form
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Attach an evidence file to a unit's report (whoever may write it, while it can be written)."""
    submission = selectors.submission_or_404(pk)
    policy.require(request.user, "report.view", submission)
    policy.require(request.user, "report.edit", submission)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_attachment(actor=request.user, submission=submission, upload=form.cleaned_data["file"],
                                    description=form.cleaned_data["description"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Đã đính kèm tệp minh chứng."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(submission)


@login_required
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    """An evidence file, only for those who may view the report it belongs to."""
    attachment = selectors.attachment_or_404(pk)
    policy.require(request.user, "report.view", attachment.submission)
    if not attachment.file or not attachment.file.storage.exists(attachment.file.name):
        raise Http404
    response = FileResponse(attachment.file.open("rb"), as_attachment=True,
                            filename=attachment.original_name or attachment.file.name.rsplit("/", 1)[-1],
                            content_type=attachment.content_type or "application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
@once_per_form
def submission_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    submission = selectors.submission_or_404(pk)
    policy.require(request.user, "report.view", submission)
    comment = request.POST.get("comment", "")
    try:
        if action == "nop":
            services.submit(actor=request.user, submission=submission, version=request.POST.get("version") or None)
            messages.success(request, _("Đã nộp báo cáo."))
        elif action == "tra-lai":
            services.return_submission(actor=request.user, submission=submission, comment=comment)
            messages.success(request, _("Đã trả lại báo cáo cho đơn vị."))
        elif action == "tiep-nhan":
            services.accept_submission(actor=request.user, submission=submission, comment=comment)
            messages.success(request, _("Đã tiếp nhận báo cáo."))
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(submission)


@login_required
def submission_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    submission = selectors.submission_or_404(pk)
    policy.require(request.user, "report.view", submission)
    name = exports.filename("bao-cao", submission.unit, submission.request, fmt)
    if fmt == "docx":
        return _download(exports.submission_docx(submission), name, DOCX)
    return _download(exports.submission_xlsx(submission), name, XLSX)


@login_required
def consolidation(request: HttpRequest, pk: int) -> HttpResponse:
    report_request = selectors.request_or_404(pk)
    policy.require(request.user, "report.request.manage", report_request)
    result = selectors.consolidate(report_request)
    # Each cell with whether it is a number (right-aligned) or text.
    table = [(status, [(result.per_unit.get(status.unit.pk, {}).get(row.indicator.pk, ("", ""))[1],
                        row.indicator.is_numeric) for row in result.rows]) for status in result.counted]
    own = selectors.submission_of(report_request, report_request.requesting_unit_id)
    outgoing = selectors.consolidated_document(own) if own is not None else None
    return render(request, "reporting/consolidation.html", {
        "outgoing": outgoing,
        "req": report_request, "result": result, "table": table, "own": own,
        "narratives": selectors.narratives_by_unit(report_request),
        "can_write": policy.can(request.user, "report.request.create", report_request.requesting_unit),
    })


@login_required
@require_POST
@once_per_form
def consolidated_open(request: HttpRequest, pk: int) -> HttpResponse:
    report_request = selectors.request_or_404(pk)
    policy.require(request.user, "report.request.manage", report_request)
    submission = services.open_consolidated(actor=request.user, request=report_request)
    return redirect(submission)


@login_required
@require_POST
@once_per_form
def consolidated_issue(request: HttpRequest, pk: int) -> HttpResponse:
    report_request = selectors.request_or_404(pk)
    policy.require(request.user, "report.request.manage", report_request)
    ask = confirmation(
        request, title=_("Cấp số văn bản cho báo cáo tổng hợp?"), action_label=_("Cấp số"),
        message=_("Báo cáo tổng hợp sẽ nhận số tiếp theo của sổ văn bản đi năm %(year)s. Số đã cấp không thu "
                  "hồi được.") % {"year": report_request.year},
        back=reverse("reporting:consolidation", args=[pk]))
    if ask is not None:
        return ask
    submission = services.issue_consolidated(actor=request.user, request=report_request)
    messages.success(request, _("Đã cấp số %(n)02d/BC cho báo cáo tổng hợp.") % {"n": submission.doc_number})
    return redirect("reporting:consolidation", pk=pk)


@login_required
@require_POST
@once_per_form
def consolidated_outgoing(request: HttpRequest, pk: int) -> HttpResponse:
    """The numbered consolidated report as an electronic document, to be signed and issued (documents app)."""
    from danvan.documents import services as documents

    report_request = selectors.request_or_404(pk)
    policy.require(request.user, "report.request.manage", report_request)
    own = selectors.submission_of(report_request, report_request.requesting_unit_id)
    if own is None or own.doc_number is None:
        messages.error(request, _("Báo cáo tổng hợp chưa được cấp số: cấp số trước khi lập văn bản điện tử."))
        return redirect("reporting:consolidation", pk=pk)
    unit = report_request.requesting_unit
    try:
        outgoing = documents.prepare_outgoing(
            actor=request.user, source=selectors.consolidated_source(own), issuer=unit,
            document=documents.for_signature(exports.consolidated_document(report_request), unit))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("reporting:consolidation", pk=pk)
    messages.success(request, _("Đã lập văn bản điện tử của báo cáo tổng hợp; lãnh đạo ký số ở trang này."))
    return redirect(outgoing)


@login_required
@require_POST
@once_per_form
def consolidation_job(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The consolidation as a file, made by the worker with its progress on the job's page."""
    from danvan.jobs import services as jobs

    from . import jobs as report_jobs

    report_request = selectors.request_or_404(pk)
    policy.require(request.user, "report.request.manage", report_request)
    job = jobs.start(actor=request.user, kind="reporting.consolidation", title=report_jobs.title(report_request, fmt),
                     params={"request": report_request.pk, "fmt": fmt},
                     back_url=reverse("reporting:consolidation", args=[pk]))
    return redirect(job)


@login_required
def consolidation_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    report_request = selectors.request_or_404(pk)
    policy.require(request.user, "report.request.manage", report_request)
    name = exports.filename("tong-hop", report_request.requesting_unit, report_request, fmt)
    if fmt == "docx":
        return _download(exports.consolidated_docx(report_request), name, DOCX)
    return _download(exports.consolidation_xlsx(report_request), name, XLSX)
