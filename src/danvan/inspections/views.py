"""Pages of inspections. Thin: the policy decides, services write, selectors read."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from danvan.core.vntext import format_date
from danvan.documents.filenames import download_name
from danvan.documents.render import DOCX
from danvan.inspections import exports, forms, selectors, services
from danvan.inspections import permissions as perms
from danvan.inspections.models import (
    Inspection,
    InspectionStatus,
    Recommendation,
    RecommendationStatus,
)
from danvan.org import clock, policy
from danvan.org.audit import add_form_errors, posted_version
from danvan.org.confirm import confirmation
from danvan.org.models import Unit
from danvan.org.once import once_per_form
from danvan.org.paging import CappedPaginator
from danvan.org.selectors import history_of

PAGE_SIZE = 50


def _inspection(pk: int) -> Inspection:
    return selectors.inspection_or_404(pk)


def _errors(request: HttpRequest, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


def _form_errors(request: HttpRequest, form: Any) -> None:
    messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))


def _submit(request: HttpRequest, form: Any, write: Callable[[dict[str, Any]], Any],
            done: str | Callable[[Any], str]) -> bool:
    """The one path of every posted form here (evidence files included): check the form, let the service
    write (it checks the files by their content), then say what happened; True when it was written."""
    if not form.is_valid():
        _form_errors(request, form)
        return False
    try:
        result = write(form.cleaned_data)
    except ValidationError as exc:
        _errors(request, exc)
        return False
    messages.success(request, done(result) if callable(done) else done)
    return True


@login_required
def inspection_list(request: HttpRequest) -> HttpResponse:
    policy.require(request.user, perms.VIEW)
    status = request.GET.get("status", "")
    page = CappedPaginator(selectors.inspection_list(request.user, status=status), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "inspections/inspection_list.html", {
        "page": page, "statuses": InspectionStatus.choices, "status": status,
        "can_add": policy.can(request.user, perms.MANAGE)})


@login_required
@require_http_methods(["GET", "POST"])
@once_per_form
def inspection_add(request: HttpRequest) -> HttpResponse:
    policy.require(request.user, perms.MANAGE)
    initial = {"lead_unit": request.user.unit_id}
    form = forms.InspectionForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            inspection = services.create_inspection(actor=request.user, **form.cleaned_data)
            messages.success(request, _("Đã lập kế hoạch kiểm tra; danh mục tiêu chí được lập sẵn từ nội dung "
                                        "kế hoạch. Hãy thêm đoàn kiểm tra rồi trình phê duyệt."))
            return redirect(inspection)
        except ValidationError as exc:
            add_form_errors(form, exc)
    return render(request, "org/form.html", {"form": form, "title": _("Lập kế hoạch kiểm tra"),
                                             "back": "/kiem-tra/"})


@login_required
def inspection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _inspection(pk)
    policy.require(request.user, perms.VIEW, inspection)
    page = selectors.inspection_page(request.user, pk)
    inspection = page.inspection
    can_manage = policy.can(request.user, perms.MANAGE, inspection)
    status = inspection.status
    return render(request, "inspections/inspection_detail.html", {
        "p": page, "inspection": inspection, "can_manage": can_manage,
        "can_record": policy.can(request.user, perms.RECORD, inspection) and status == InspectionStatus.IN_PROGRESS,
        "can_plan": can_manage and status in (InspectionStatus.DRAFTED, InspectionStatus.APPROVED),
        "can_follow": can_manage and status in (InspectionStatus.IN_PROGRESS, InspectionStatus.CONCLUDED),
        "team_form": forms.TeamForm(user=request.user, prefix="team") if can_manage else None,
        "line_form": forms.LineForm(inspection=inspection, prefix="line") if can_manage else None,
        "rec_form": forms.RecommendationForm(inspection=inspection, prefix="rec") if can_manage else None,
        "proposal_form": forms.ProposalForm(inspection=inspection, prefix="prop") if can_manage else None,
        "today": clock.today(), "history": history_of(inspection) if page.sees_all else [],
        "statuses": InspectionStatus,
    })


@login_required
@require_POST
@once_per_form
def team_add(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _inspection(pk)
    policy.require(request.user, perms.MANAGE, inspection)
    _submit(request, forms.TeamForm(request.POST, user=request.user, prefix="team"),
            lambda data: services.add_team_member(actor=request.user, inspection=inspection, **data),
            _("Đã thêm thành viên đoàn kiểm tra."))
    return redirect(inspection)


@login_required
@require_POST
@once_per_form
def line_add(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _inspection(pk)
    policy.require(request.user, perms.MANAGE, inspection)
    _submit(request, forms.LineForm(request.POST, inspection=inspection, prefix="line"),
            lambda data: services.add_checklist_line(actor=request.user, inspection=inspection, **data),
            _("Đã thêm tiêu chí kiểm tra."))
    return redirect(inspection)


STEPS = {"phe-duyet": (services.approve, _("Đã phê duyệt kế hoạch kiểm tra.")),
         "bat-dau": (services.start, _("Đã bắt đầu kiểm tra: đoàn ghi kết quả tại từng đơn vị."))}


@login_required
@require_POST
def inspection_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    inspection = _inspection(pk)
    policy.require(request.user, perms.MANAGE, inspection)
    if step not in STEPS:
        raise Http404
    service, done = STEPS[step]
    try:
        service(actor=request.user, inspection=inspection, version=posted_version(request.POST))
        messages.success(request, done)
    except ValidationError as exc:
        _errors(request, exc)
    return redirect(inspection)


@login_required
@require_http_methods(["GET", "POST"])
def conclude(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _inspection(pk)
    policy.require(request.user, perms.MANAGE, inspection)
    form = forms.ConcludeForm(request.POST or None, initial={"version": inspection.version,
                                                             "summary": inspection.summary})
    if request.method == "POST" and form.is_valid():
        answer = confirmation(
            request, title=_("Ban hành kết luận kiểm tra"),
            message=_("Kết luận được lấy số trong sổ văn bản đi của %(u)s và không sửa được sau khi ban hành; các "
                      "nhiệm vụ của kế hoạch do cuộc kiểm tra thực hiện được đánh dấu hoàn thành.") % {
                "u": inspection.issuer.name},
            action_label=_("Ban hành kết luận"), back=inspection.get_absolute_url(),
            fields={"summary": form.cleaned_data["summary"], "version": form.cleaned_data["version"]})
        if answer is not None:
            return answer
        try:
            inspection = services.conclude(actor=request.user, inspection=inspection,
                                           summary=form.cleaned_data["summary"],
                                           version=form.cleaned_data["version"])
            messages.success(request, _("Đã ban hành kết luận kiểm tra số %(n)s.") % {"n": inspection.number_text})
            return redirect(inspection)
        except ValidationError as exc:
            add_form_errors(form, exc)
    return render(request, "inspections/conclude.html", {"form": form, "inspection": inspection})


@login_required
def conclusion_docx(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _inspection(pk)
    policy.require(request.user, perms.VIEW, inspection)
    if inspection.status != InspectionStatus.CONCLUDED:
        raise Http404
    response = HttpResponse(exports.conclusion_docx(inspection), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{exports.conclusion_filename(inspection)}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
@once_per_form
def unit_sheet(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    """The checklist at one unit: the unit's figures beside each line, findings recorded line by line."""
    inspection = _inspection(pk)
    unit = get_object_or_404(Unit, pk=unit_pk)
    if unit.pk not in inspection.unit_ids:
        raise Http404
    policy.require(request.user, perms.VIEW, inspection)
    if unit.pk not in selectors.visible_unit_ids(request.user, inspection):
        policy.require(request.user, perms.FINDING_VIEW, _FindingProbe(inspection, unit))
    can_record = (policy.can(request.user, perms.RECORD, inspection)
                  and inspection.status == InspectionStatus.IN_PROGRESS)
    if request.method == "POST":
        policy.require(request.user, perms.RECORD, inspection)
        line = get_object_or_404(inspection.checklist, pk=request.POST.get("line", "0") or 0)
        _submit(request, forms.FindingForm(request.POST, request.FILES, prefix=f"f{line.pk}"),
                lambda data: services.record_finding(actor=request.user, inspection=inspection, line=line, unit=unit,
                                                     **data),
                _("Đã ghi kết quả kiểm tra tiêu chí."))
        return redirect(request.path + f"#tieu-chi-{line.pk}")
    sheet = selectors.unit_sheet(inspection, unit)
    rows = []
    for row in sheet.rows:
        finding = row["finding"]
        initial = {"assessment": finding.assessment, "note": finding.note, "version": finding.version} if finding \
            else {}
        form = forms.FindingForm(initial=initial, prefix=f"f{row['line'].pk}") if can_record else None
        rows.append({**row, "form": form})
    return render(request, "inspections/unit_sheet.html", {
        "inspection": inspection, "unit": unit, "rows": rows, "can_record": can_record})


class _FindingProbe:
    """What the finding permission reads, for a unit whose sheet has no finding yet."""

    def __init__(self, inspection: Inspection, unit: Unit) -> None:
        self.inspection = inspection
        self.unit = unit


@login_required
@require_POST
@once_per_form
def recommendation_add(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _inspection(pk)
    policy.require(request.user, perms.MANAGE, inspection)
    _submit(request, forms.RecommendationForm(request.POST, inspection=inspection, prefix="rec"),
            lambda data: services.add_recommendation(actor=request.user, inspection=inspection, **data),
            lambda rec: _("Đã ghi kiến nghị; hạn thực hiện %(d)s.") % {"d": format_date(rec.due_on)})
    return redirect(inspection.get_absolute_url() + "#kien-nghi")


@login_required
@require_POST
@once_per_form
def proposal_add(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = _inspection(pk)
    policy.require(request.user, perms.MANAGE, inspection)
    _submit(request, forms.ProposalForm(request.POST, inspection=inspection, prefix="prop"),
            lambda data: services.add_proposal(actor=request.user, inspection=inspection, **data),
            _("Đã ghi đề xuất."))
    return redirect(inspection.get_absolute_url() + "#de-xuat")


# --- recommendations -----------------------------------------------------------------------------------


STATES = [("", _("Tất cả")), ("open", _("Đang thực hiện")), ("overdue", _("Quá hạn")), ("done", _("Đã xong"))]


@login_required
def recommendation_list(request: HttpRequest) -> HttpResponse:
    policy.require(request.user, perms.VIEW)
    state = request.GET.get("state", "")
    qs = selectors.recommendation_list(request.user, state=state if state in dict(STATES) else "")
    page = CappedPaginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "inspections/recommendation_list.html", {
        "page": page, "states": STATES, "state": state, "today": clock.today()})


def _recommendation(request: HttpRequest, pk: int) -> Recommendation:
    rec = selectors.recommendation_or_404(pk)
    policy.require(request.user, perms.RECOMMENDATION_VIEW, rec)
    if rec.inspection.status != InspectionStatus.CONCLUDED and not policy.can(
            request.user, perms.MANAGE, rec.inspection):
        raise Http404
    return rec


@login_required
def recommendation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rec = _recommendation(request, pk)
    rec = selectors.recommendation_detail(pk)
    concluded = rec.inspection.status == InspectionStatus.CONCLUDED
    can_answer = concluded and policy.can(request.user, perms.RECOMMENDATION_ANSWER, rec)
    return render(request, "inspections/recommendation_detail.html", {
        "rec": rec, "today": clock.today(), "history": history_of(rec),
        "can_answer": can_answer, "open": rec.status == RecommendationStatus.OPEN,
        "answer_form": forms.AnswerForm(initial={"answer": rec.answer, "version": rec.version}) if can_answer else None,
        "complete_form": forms.CompleteForm(initial={"done_on": clock.today(), "version": rec.version})
        if can_answer and rec.status == RecommendationStatus.OPEN else None,
    })


@login_required
@require_POST
@once_per_form
def recommendation_answer(request: HttpRequest, pk: int) -> HttpResponse:
    rec = _recommendation(request, pk)
    policy.require(request.user, perms.RECOMMENDATION_ANSWER, rec)
    _submit(request, forms.AnswerForm(request.POST),
            lambda data: services.answer_recommendation(actor=request.user, recommendation=rec, **data),
            _("Đã gửi ý kiến trả lời kiến nghị."))
    return redirect(rec)


@login_required
@require_POST
@once_per_form
def recommendation_complete(request: HttpRequest, pk: int) -> HttpResponse:
    rec = _recommendation(request, pk)
    policy.require(request.user, perms.RECOMMENDATION_ANSWER, rec)
    _submit(request, forms.CompleteForm(request.POST, request.FILES),
            lambda data: services.complete_recommendation(actor=request.user, recommendation=rec, **data),
            _("Đã báo cáo hoàn thành kiến nghị."))
    return redirect(rec)


@login_required
def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    evidence = selectors.evidence_or_404(pk)
    if evidence.finding_id:
        policy.require(request.user, perms.FINDING_VIEW, evidence.finding)
        owner, label = evidence.finding, _("Minh chứng kiểm tra")
    else:
        _recommendation(request, evidence.recommendation_id)
        owner, label = evidence.recommendation, _("Minh chứng kiến nghị")
    base = download_name(label, owner.unit.name, str(evidence.pk), ext="")
    extension = evidence.file.name.rsplit(".", 1)[-1]
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=f"{base.rstrip('.')}.{extension}",
                        content_type=evidence.content_type)
