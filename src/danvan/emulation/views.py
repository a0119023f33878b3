"""Emulation pages. Thin: the policy decides, services write, selectors read, exports render."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from danvan.core.media_types import DOCX, XLSX
from danvan.documents.filenames import download_name
from danvan.emulation import exports, selectors, services
from danvan.emulation import permissions as perms
from danvan.emulation.models import (
    Award,
    Criterion,
    CriterionKind,
    ExemplaryModel,
    Measure,
    ModelField,
    ModelStatus,
    Proposal,
    ProposalKind,
    ProposalStatus,
    RatingLevel,
    RecognitionLevel,
    SchemeStatus,
    Vote,
)
from danvan.org import policy
from danvan.org.audit import add_form_errors, posted_version
from danvan.org.confirm import confirmation
from danvan.org.forms import DATE_WIDGET
from danvan.org.models import Staff, Unit, UnitKind
from danvan.org.once import once_per_form
from danvan.org.selectors import history_of, staff_or_404

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def _download(data: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _council_committees(user) -> list[Unit]:
    committee = perms.committee_of(user)
    return [committee] if committee is not None and perms.is_council(user, committee) else []


# --- schemes and rankings ----------------------------------------------------------------------


@login_required
def index(request: HttpRequest) -> HttpResponse:
    schemes = selectors.schemes_for(request.user)
    committees = _council_committees(request.user)
    return render(request, "emulation/index.html", {
        "schemes": schemes, "committees": committees,
        "drafts": [s for s in selectors.schemes_managed(request.user) if s.status == SchemeStatus.DRAFT],
        "own_unit": request.user.unit if request.user.unit_id else None,
    })


@login_required
@require_POST
@once_per_form
def scheme_create(request: HttpRequest) -> HttpResponse:
    committees = _council_committees(request.user)
    if not committees:
        raise PermissionDenied(policy.denial_reason(request.user, perms.SCHEME_MANAGE))
    try:
        year = int(request.POST.get("year", ""))
        scheme = services.create_scheme(actor=request.user, unit=committees[0], year=year)
    except (ValueError, ValidationError) as exc:
        messages.error(request, "; ".join(getattr(exc, "messages", [])) or _("Năm không hợp lệ."))
        return redirect("emulation:index")
    messages.success(request, _("Đã lập bộ tiêu chí (đang soạn). Kiểm tra điểm từng tiêu chí rồi đưa vào áp dụng."))
    return redirect("emulation:ranking", pk=scheme.pk)


@login_required
def ranking(request: HttpRequest, pk: int) -> HttpResponse:
    scheme = selectors.scheme_or_404(pk)
    manage = policy.can(request.user, perms.SCHEME_MANAGE, scheme)
    if not manage:
        policy.require(request.user, perms.RANKING_VIEW, scheme)
    result = selectors.ranking(scheme)
    can_sheet = {r.unit.pk for r in result.rows
                 if policy.can(request.user, perms.SHEET_VIEW, selectors.SheetRef(scheme, r.unit))}
    return render(request, "emulation/ranking.html", {
        "scheme": scheme, "result": result, "manage": manage, "can_sheet": can_sheet,
        "history": history_of(scheme) if manage else [],
    })


@login_required
def ranking_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    scheme = selectors.scheme_or_404(pk)
    if not policy.can(request.user, perms.SCHEME_MANAGE, scheme):
        policy.require(request.user, perms.RANKING_VIEW, scheme)
    result = selectors.ranking(scheme)
    name = download_name("Xep hang thi dua", scheme.unit.short_name or scheme.unit.name, str(scheme.year), ext=fmt)
    if fmt == "xlsx":
        return _download(exports.ranking_xlsx(result), name, XLSX)
    return _download(exports.ranking_docx(result), name, DOCX)


@login_required
@require_POST
@once_per_form
def ranking_job(request: HttpRequest, pk: int, what: str) -> HttpResponse:
    """The ranking (.xlsx/.docx) or every unit's sheet (.zip), made by the worker with its progress shown."""
    from danvan.emulation import jobs as emulation_jobs
    from danvan.jobs import services as jobs

    scheme = selectors.scheme_or_404(pk)
    if not emulation_jobs.may_export(request.user, scheme):
        policy.require(request.user, perms.RANKING_VIEW, scheme)
    back = reverse("emulation:ranking", args=[pk])
    if what == "phieu":
        job = jobs.start(actor=request.user, kind="emulation.sheets", title=emulation_jobs.sheets_title(scheme),
                         params={"scheme": scheme.pk}, back_url=back)
    else:
        job = jobs.start(actor=request.user, kind="emulation.ranking",
                         title=emulation_jobs.ranking_title(scheme, what), params={"scheme": scheme.pk, "fmt": what},
                         back_url=back)
    return redirect(job)


def _sheet(request: HttpRequest, pk: int, unit_pk: int):
    scheme = selectors.scheme_or_404(pk)
    unit = get_object_or_404(Unit, pk=unit_pk)
    policy.require(request.user, perms.SHEET_VIEW, selectors.SheetRef(scheme, unit))
    result, row = selectors.sheet(scheme, unit)
    if row is None:
        raise Http404(_("Đơn vị này không thuộc diện chấm điểm của bộ tiêu chí."))
    return scheme, unit, result, row


@login_required
def sheet(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    scheme, unit, result, row = _sheet(request, pk, unit_pk)
    can_edit = policy.can(request.user, perms.POINTS_EDIT, selectors.SheetRef(scheme, unit)) and \
        scheme.status in (SchemeStatus.DRAFT, SchemeStatus.ACTIVE)
    manual = selectors.manual_points(scheme, unit)
    lines = [{"line": line, "manual": manual.get(line.criterion.pk)} for line in row.lines]
    return render(request, "emulation/sheet.html", {
        "scheme": scheme, "unit": unit, "result": result, "row": row, "lines": lines, "can_edit": can_edit,
        "ranking_visible": policy.can(request.user, perms.RANKING_VIEW, scheme)
        or policy.can(request.user, perms.SCHEME_MANAGE, scheme),
        "history": [h for m in manual.values() for h in history_of(m)] if can_edit else [],
    })


@login_required
def sheet_export(request: HttpRequest, pk: int, unit_pk: int, fmt: str) -> HttpResponse:
    scheme, unit, result, row = _sheet(request, pk, unit_pk)
    name = download_name("Phieu cham diem thi dua", unit.short_name or unit.name, str(scheme.year), ext=fmt)
    if fmt == "xlsx":
        return _download(exports.sheet_xlsx(result, row), name, XLSX)
    return _download(exports.sheet_docx(result, row), name, DOCX)


@login_required
@require_POST
def manual_points(request: HttpRequest, pk: int, unit_pk: int, criterion_pk: int) -> HttpResponse:
    scheme = selectors.scheme_or_404(pk)
    unit = get_object_or_404(Unit, pk=unit_pk)
    criterion = get_object_or_404(Criterion, pk=criterion_pk, scheme=scheme, kind=CriterionKind.MANUAL)
    policy.require(request.user, perms.POINTS_EDIT, selectors.SheetRef(scheme, unit))
    try:
        services.set_manual_points(actor=request.user, criterion=criterion, unit=unit,
                                   points=request.POST.get("points", ""), reason=request.POST.get("reason", ""),
                                   version=request.POST.get("version") or None)
        messages.success(request, _("Đã ghi điểm của hội đồng."))
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    return redirect("emulation:sheet", pk=scheme.pk, unit_pk=unit.pk)


class CriterionForm(forms.Form):
    # Text, read by the service the Vietnamese way ("1.000" is one thousand): a DecimalField would read it as 1.
    max_points = forms.CharField(label=gettext_lazy("Điểm tối đa"), max_length=20)
    per_item = forms.CharField(label=gettext_lazy("Điểm mỗi trường hợp"), max_length=20)
    version = forms.IntegerField(widget=forms.HiddenInput)


@login_required
@require_POST
def criterion_edit(request: HttpRequest, pk: int, criterion_pk: int) -> HttpResponse:
    scheme = selectors.scheme_or_404(pk)
    criterion = get_object_or_404(Criterion, pk=criterion_pk, scheme=scheme)
    policy.require(request.user, perms.SCHEME_MANAGE, scheme)
    form = CriterionForm(request.POST)
    if form.is_valid():
        try:
            services.update_criterion(actor=request.user, criterion=criterion, **form.cleaned_data)
            messages.success(request, _("Đã sửa tiêu chí “%(n)s”.") % {"n": criterion.name})
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
    else:
        messages.error(request, _("Điểm không hợp lệ: hãy nhập số từ 0 đến 1.000."))
    return redirect("emulation:ranking", pk=scheme.pk)


SCHEME_ACTIONS = {
    "ap-dung": (gettext_lazy("Đưa bộ tiêu chí vào áp dụng"),
                gettext_lazy("Phiên bản đang áp dụng (nếu có) sẽ được thay bằng phiên bản này."),
                lambda user, s: services.activate(actor=user, scheme=s)),
    "cong-bo": (gettext_lazy("Công bố bảng xếp hạng"),
                gettext_lazy("Các đơn vị được chấm sẽ xem được bảng xếp hạng."),
                lambda user, s: services.set_published(actor=user, scheme=s, published=True)),
    "thoi-cong-bo": (gettext_lazy("Thôi công bố bảng xếp hạng"), gettext_lazy("Các đơn vị chỉ còn xem phiếu của mình."),
                     lambda user, s: services.set_published(actor=user, scheme=s, published=False)),
    "chot": (gettext_lazy("Chốt kết quả năm"),
             gettext_lazy("Điểm, số liệu và các bản ghi được tính sẽ được lưu lại và không bao giờ tính lại. "
                          "Không hoàn tác được."),
             lambda user, s: services.freeze(actor=user, scheme=s)),
    "phien-ban-moi": (gettext_lazy("Lập phiên bản mới của bộ tiêu chí"),
                      gettext_lazy("Bản sao (tiêu chí và điểm hội đồng đã chấm) ở trạng thái đang soạn."),
                      lambda user, s: services.new_revision(actor=user, scheme=s)),
}


@login_required
@require_POST
def scheme_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    scheme = selectors.scheme_or_404(pk)
    policy.require(request.user, perms.SCHEME_MANAGE, scheme)
    if action not in SCHEME_ACTIONS:
        raise Http404()
    title, message, run = SCHEME_ACTIONS[action]
    asked = confirmation(request, title=title, message=message, action_label=title,
                         back=reverse("emulation:ranking", args=[scheme.pk]))
    if asked is not None:
        return asked
    try:
        result = run(request.user, scheme)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
        return redirect("emulation:ranking", pk=scheme.pk)
    messages.success(request, _("Đã thực hiện: %(a)s.") % {"a": title})
    return redirect("emulation:ranking", pk=result.pk)


# --- "Dân vận khéo" models ---------------------------------------------------------------------


@login_required
def model_list(request: HttpRequest) -> HttpResponse:
    policy.require(request.user, perms.MODEL_VIEW, None)
    return render(request, "emulation/model_list.html", {
        "models": list(selectors.visible_models(request.user)[:300]),
        "can_create": policy.can(request.user, perms.MODEL_CHANGE, None),
    })


class ModelForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Tên mô hình"), max_length=255)
    field = forms.ChoiceField(label=gettext_lazy("Lĩnh vực"), choices=ModelField.choices)
    year = forms.IntegerField(label=gettext_lazy("Năm"), min_value=2000, max_value=2100)
    problem = forms.CharField(label=gettext_lazy("Vấn đề đặt ra"), widget=forms.Textarea(attrs={"rows": 3}))
    approach = forms.CharField(label=gettext_lazy("Cách làm"), widget=forms.Textarea(attrs={"rows": 3}))
    results = forms.CharField(label=gettext_lazy("Kết quả (có số liệu)"), widget=forms.Textarea(attrs={"rows": 3}))
    people = forms.CharField(label=gettext_lazy("Cá nhân, tập thể tham gia"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))


@login_required
@once_per_form
def model_create(request: HttpRequest) -> HttpResponse:
    policy.require(request.user, perms.MODEL_CHANGE, None)
    from danvan.org import clock

    form = ModelForm(request.POST or None, initial={"year": clock.today().year})
    if request.method == "POST" and form.is_valid():
        try:
            model = services.register_model(actor=request.user, unit=request.user.unit, **form.cleaned_data)
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, _("Đã đăng ký mô hình. Thêm minh chứng rồi đề nghị hội đồng xét công nhận."))
            return redirect(model.get_absolute_url())
    return render(request, "emulation/model_form.html", {"form": form})


def _model_or_404(request: HttpRequest, pk: int) -> ExemplaryModel:
    model = selectors.model_or_404(pk)
    policy.require(request.user, perms.MODEL_VIEW, model)
    return model


@login_required
def model_detail(request: HttpRequest, pk: int) -> HttpResponse:
    model = _model_or_404(request, pk)
    is_member = model.reviewing_unit_id is not None and selectors.is_council_member(model.reviewing_unit,
                                                                                    request.user)
    votes = list(model.votes.select_related("member"))
    my_vote = next((v for v in votes if v.member_id == request.user.pk), None)
    return render(request, "emulation/model_detail.html", {
        "model": model, "evidence": list(model.evidence.all()),
        "votes": votes, "tally": selectors.vote_tally(votes),
        "members": selectors.council_size(model.reviewing_unit) if model.reviewing_unit_id else 0,
        "can_change": policy.can(request.user, perms.MODEL_CHANGE, model) and model.status in (
            ModelStatus.REGISTERED, ModelStatus.NOMINATED),
        "can_nominate": policy.can(request.user, perms.MODEL_CHANGE, model) and model.status == ModelStatus.REGISTERED,
        "can_review": policy.can(request.user, perms.MODEL_REVIEW, model),
        "can_vote": is_member and model.status == ModelStatus.NOMINATED, "my_vote": my_vote,
        "reviewers": selectors.reviewer_committees(model), "levels": RecognitionLevel.choices,
        "votes_choices": Vote.choices,
        "history": history_of(model),
    })


@login_required
@require_POST
def model_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    model = _model_or_404(request, pk)
    try:
        if action == "de-nghi":
            reviewing = get_object_or_404(Unit, pk=request.POST.get("reviewing_unit") or 0)
            services.nominate(actor=request.user, model=model, reviewing_unit=reviewing,
                              version=posted_version(request.POST))
            messages.success(request, _("Đã đề nghị hội đồng xét công nhận."))
        elif action == "bieu-quyet":
            services.cast_vote(actor=request.user, model=model, vote=request.POST.get("vote", ""),
                               comment=request.POST.get("comment", ""))
            messages.success(request, _("Đã ghi biểu quyết."))
        elif action in ("cong-nhan", "khong-cong-nhan"):
            policy.require(request.user, perms.MODEL_REVIEW, model)
            recognise = action == "cong-nhan"
            asked = confirmation(
                request, title=_("Công nhận mô hình") if recognise else _("Không công nhận mô hình"),
                message=_("Quyết định được lấy số từ sổ văn bản đi và không hoàn tác được.") if recognise
                else _("Mô hình sẽ được ghi là không được công nhận."),
                action_label=_("Xác nhận"), back=model.get_absolute_url(),
                fields={"level": request.POST.get("level", ""), "version": request.POST.get("version", "")})
            if asked is not None:
                return asked
            services.decide(actor=request.user, model=model, recognise=recognise,
                            level=request.POST.get("level", ""), version=posted_version(request.POST))
            messages.success(request, _("Đã ghi quyết định của hội đồng."))
        elif action in ("cong-khai", "thoi-cong-khai"):
            services.set_public(actor=request.user, model=model, public=action == "cong-khai",
                                version=posted_version(request.POST))
            messages.success(request, _("Đã cập nhật việc công khai."))
        else:
            raise Http404()
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    return redirect(model.get_absolute_url())


@login_required
@require_POST
def evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    model = _model_or_404(request, pk)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Hãy chọn tệp minh chứng (ảnh, PDF, Word, Excel)."))
        return redirect(model.get_absolute_url())
    try:
        services.add_evidence(actor=request.user, model=model, upload=upload, title=request.POST.get("title", ""))
        messages.success(request, _("Đã thêm minh chứng."))
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    return redirect(model.get_absolute_url())


@login_required
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    evidence = selectors.evidence_or_404(pk)
    policy.require(request.user, perms.MODEL_VIEW, evidence.model)
    ext = evidence.file.name.rsplit(".", 1)[-1]
    name = download_name("Minh chung", evidence.model.name, str(evidence.pk), ext=ext)
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=name,
                        content_type=evidence.content_type)


@login_required
def decision_export(request: HttpRequest, pk: int) -> HttpResponse:
    model = _model_or_404(request, pk)
    if model.status != ModelStatus.RECOGNISED:
        raise Http404(_("Mô hình chưa có quyết định công nhận."))
    name = download_name("Quyet dinh cong nhan Dan van kheo", model.name, str(model.year), ext="docx")
    return _download(exports.decision_docx(model), name, DOCX)


# --- commendation and discipline proposals -----------------------------------------------------


@login_required
def proposal_list(request: HttpRequest) -> HttpResponse:
    policy.require(request.user, perms.PROPOSAL_VIEW, None)
    return render(request, "emulation/proposal_list.html", {
        "proposals": selectors.visible_proposals(request.user),
        "can_create": policy.can(request.user, perms.PROPOSAL_CHANGE, None),
    })


class ProposalForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Loại đề nghị"), choices=ProposalKind.choices)
    year = forms.IntegerField(label=gettext_lazy("Năm"), min_value=2000, max_value=2100)
    reviewing_unit = forms.ModelChoiceField(label=gettext_lazy("Trình Hội đồng Thi đua – Khen thưởng của"),
                                            queryset=Unit.objects.none())
    award = forms.ModelChoiceField(label=gettext_lazy("Danh hiệu, hình thức khen thưởng"), required=False,
                                   queryset=Award.objects.filter(active=True))
    measure = forms.ChoiceField(label=gettext_lazy("Hình thức xử lý (đề nghị xử lý trách nhiệm)"), required=False,
                                choices=[("", "—"), *Measure.choices])
    nominee_unit = forms.ModelChoiceField(label=gettext_lazy("Tập thể"), required=False, queryset=Unit.objects.none())
    nominee_staff = forms.ModelChoiceField(label=gettext_lazy("Cá nhân"), required=False,
                                           queryset=Staff.objects.none())
    grounds = forms.CharField(label=gettext_lazy("Thành tích (khen thưởng) hoặc sự việc, hậu quả (xử lý trách nhiệm)"),
                              widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        unit = user.unit
        self.fields["reviewing_unit"].queryset = Unit.objects.filter(
            pk__in=unit.ancestor_ids(), kind=UnitKind.COMMITTEE).order_by("-depth")
        self.fields["nominee_unit"].queryset = policy.visible_units(user).order_by("path")
        self.fields["nominee_staff"].queryset = policy.visible_staff(user).filter(is_active=True).order_by(
            "full_name")


@login_required
@once_per_form
def proposal_create(request: HttpRequest) -> HttpResponse:
    policy.require(request.user, perms.PROPOSAL_CHANGE, None)
    from danvan.org import clock

    form = ProposalForm(request.POST or None, user=request.user, initial={"year": clock.today().year})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            proposal = services.propose(actor=request.user, unit=request.user.unit, **data)
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, _("Đã lập đề nghị. Kiểm tra lại rồi trình hội đồng."))
            return redirect(proposal.get_absolute_url())
    return render(request, "emulation/proposal_form.html", {"form": form})


def _proposal_or_404(request: HttpRequest, pk: int) -> Proposal:
    proposal = selectors.proposal_or_404(pk)
    policy.require(request.user, perms.PROPOSAL_VIEW, proposal)
    return proposal


@login_required
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal_or_404(request, pk)
    is_member = selectors.is_council_member(proposal.reviewing_unit, request.user)
    votes = list(proposal.votes.select_related("member"))
    tally = selectors.vote_tally(votes)
    return render(request, "emulation/proposal_detail.html", {
        "proposal": proposal, "votes": votes, "tally": tally,
        "members": selectors.council_size(proposal.reviewing_unit),
        "can_submit": policy.can(request.user, perms.PROPOSAL_CHANGE, proposal)
        and proposal.status == ProposalStatus.DRAFT,
        "can_vote": is_member and proposal.status == ProposalStatus.SUBMITTED,
        "can_review": policy.can(request.user, perms.PROPOSAL_REVIEW, proposal)
        and proposal.status == ProposalStatus.SUBMITTED,
        "votes_choices": Vote.choices, "history": history_of(proposal),
    })


@login_required
@require_POST
def proposal_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    proposal = _proposal_or_404(request, pk)
    try:
        if action == "trinh":
            services.submit_proposal(actor=request.user, proposal=proposal, version=posted_version(request.POST))
            messages.success(request, _("Đã trình hội đồng."))
        elif action == "bieu-quyet":
            services.vote_proposal(actor=request.user, proposal=proposal, vote=request.POST.get("vote", ""),
                                   comment=request.POST.get("comment", ""))
            messages.success(request, _("Đã ghi biểu quyết."))
        elif action in ("chap-thuan", "khong-chap-thuan"):
            policy.require(request.user, perms.PROPOSAL_REVIEW, proposal)
            approve = action == "chap-thuan"
            asked = confirmation(
                request, title=_("Quyết định theo đề nghị") if approve else _("Không chấp thuận đề nghị"),
                message=_("Quyết định được lấy số từ sổ văn bản đi và không hoàn tác được.") if approve
                else _("Đề nghị sẽ được ghi là không được chấp thuận."),
                action_label=_("Xác nhận"), back=proposal.get_absolute_url(),
                fields={"version": request.POST.get("version", "")})
            if asked is not None:
                return asked
            services.decide_proposal(actor=request.user, proposal=proposal, approve=approve,
                                     version=posted_version(request.POST))
            messages.success(request, _("Đã ghi quyết định."))
        else:
            raise Http404()
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    return redirect(proposal.get_absolute_url())


@login_required
def proposal_export(request: HttpRequest, pk: int, what: str) -> HttpResponse:
    proposal = _proposal_or_404(request, pk)
    if what == "quyet-dinh" and proposal.status != ProposalStatus.APPROVED:
        raise Http404(_("Đề nghị chưa có quyết định."))
    name = download_name("To trinh" if what == "to-trinh" else "Quyet dinh", proposal.nominee_name,
                         str(proposal.year), ext="docx")
    data = exports.proposal_docx(proposal) if what == "to-trinh" else exports.proposal_decision_docx(proposal)
    return _download(data, name, DOCX)


# --- staff: yearly ratings and training ---------------------------------------------------------


def _int(value: str | None, default: int) -> int:
    try:
        return int(value or "")
    except ValueError:
        return default


@login_required
def staff_quality(request: HttpRequest) -> HttpResponse:
    """A unit's year: counts per rating level and the trainees for everyone who sees the unit; each person's
    rating (and the forms to enter it) for its head, the Internal Affairs office and administrators."""
    from danvan.org import clock

    policy.require(request.user, perms.STAFF_QUALITY_VIEW, None)
    unit_pk = _int(request.GET.get("don-vi"), request.user.unit_id or 0)
    unit = get_object_or_404(Unit, pk=unit_pk) if unit_pk else None
    if unit is not None:
        policy.require(request.user, perms.STAFF_QUALITY_VIEW, unit)
    year = _int(request.GET.get("nam"), clock.today().year)
    if not 2000 <= year <= 2100:
        year = clock.today().year
    quality = selectors.staff_quality(request.user, unit, year) if unit is not None else None
    return render(request, "emulation/staff_quality.html", {
        "q": quality, "unit": unit, "year": year, "levels": RatingLevel.choices,
        "units": policy.visible_units(request.user).order_by("path").only("pk", "name", "path"),
        "years": list(range(clock.today().year, clock.today().year - 5, -1)),
        "can_rate": unit is not None and policy.can(request.user, perms.STAFF_RATING_CHANGE, unit),
        "can_train": unit is not None and policy.can(request.user, perms.STAFF_TRAINING_CHANGE, unit),
    })


@login_required
@require_POST
@once_per_form
def staff_rate(request: HttpRequest) -> HttpResponse:
    person = staff_or_404(_int(request.POST.get("staff"), 0))
    year = _int(request.POST.get("year"), 0)
    back = f"{reverse('emulation:staff_quality')}?don-vi={_int(request.POST.get('back_unit'), person.unit_id or 0)}" \
           f"&nam={year}#can-bo-{person.pk}"
    try:
        services.rate_staff(actor=request.user, staff=person, year=year, level=request.POST.get("level", ""),
                            comment=request.POST.get("comment", ""), version=request.POST.get("version") or None)
        messages.success(request, _("Đã ghi kết quả xếp loại của %(n)s.") % {"n": person.full_name})
    except ValidationError as exc:
        messages.error(request, _("Chưa ghi được xếp loại của %(n)s: %(e)s") % {
            "n": person.full_name, "e": " ".join(exc.messages)})
    return redirect(back)


class TrainingForm(forms.Form):
    staff = forms.ModelChoiceField(label=gettext_lazy("Cán bộ, công chức"), queryset=Staff.objects.none(),
                                   error_messages={"required": gettext_lazy("Hãy chọn người được bồi dưỡng.")})
    course = forms.CharField(label=gettext_lazy("Tên khóa, lớp bồi dưỡng"), max_length=255,
                             error_messages={"required": gettext_lazy("Hãy ghi tên khóa, lớp bồi dưỡng.")})
    organiser = forms.CharField(label=gettext_lazy("Cơ quan tổ chức"), max_length=255,
                                error_messages={"required": gettext_lazy("Hãy ghi cơ quan tổ chức khóa học.")})
    start_on = forms.DateField(label=gettext_lazy("Từ ngày"), widget=DATE_WIDGET, input_formats=DATE_FORMATS,
                               error_messages={"required": gettext_lazy("Hãy nhập ngày bắt đầu."),
                                               "invalid": gettext_lazy("Ngày không hợp lệ: hãy nhập dd/mm/yyyy.")})
    end_on = forms.DateField(label=gettext_lazy("Đến ngày"), widget=DATE_WIDGET, input_formats=DATE_FORMATS,
                             error_messages={"required": gettext_lazy("Hãy nhập ngày kết thúc."),
                                             "invalid": gettext_lazy("Ngày không hợp lệ: hãy nhập dd/mm/yyyy.")})
    hours = forms.CharField(label=gettext_lazy("Số giờ"), required=False, max_length=20,
                            widget=forms.TextInput(attrs={"inputmode": "decimal"}))
    sessions = forms.CharField(label=gettext_lazy("Số buổi"), required=False, max_length=20,
                               widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    certificate = forms.CharField(label=gettext_lazy("Chứng chỉ, giấy chứng nhận (số, ngày cấp)"), required=False,
                                  max_length=255)
    plan_item = forms.ModelChoiceField(
        label=gettext_lazy("Phục vụ nội dung của kế hoạch"), required=False, queryset=Unit.objects.none(),
        help_text=gettext_lazy("Khóa bồi dưỡng về công tác dân vận: chọn nội dung của kế hoạch mà khóa học phục "
                               "vụ (được tính vào tiêu chí “cán bộ, công chức được bồi dưỡng”)."))

    def __init__(self, *args, user=None, **kwargs):
        from danvan.plans.models import PlanItem

        super().__init__(*args, **kwargs)
        # The predicate is "a keeper's role, and the unit in scope": the units in scope, for a keeper.
        keeper = policy.can(user, perms.STAFF_TRAINING_CHANGE, None)
        units = policy.visible_units(user) if keeper else Unit.objects.none()
        self.fields["staff"].queryset = Staff.objects.filter(unit__in=units, is_active=True).select_related(
            "unit").order_by("unit__path", "full_name")
        self.fields["staff"].label_from_instance = lambda s: f"{s.full_name} — {s.unit.name}"
        # The plans that bind the user's units: those issued within their scope and by the committees above.
        above = user.unit.ancestor_ids() if user.unit_id else []
        self.fields["plan_item"].queryset = PlanItem.objects.filter(
            Q(plan__issuer__in=policy.visible_units(user)) | Q(plan__issuer__in=above)).select_related(
            "plan").order_by("plan", "order")
        self.fields["plan_item"].label_from_instance = lambda i: f"{i.plan.full_number} — {i.path_label}. " \
                                                                 f"{i.text[:80]}"
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)


@login_required
@once_per_form
def training_add(request: HttpRequest) -> HttpResponse:
    policy.require(request.user, perms.STAFF_TRAINING_CHANGE, None)
    initial = {"staff": request.GET.get("can-bo")} if request.GET.get("can-bo") else None
    form = TrainingForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            training = services.add_training(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, _("Đã ghi khóa bồi dưỡng “%(c)s” của %(n)s.") % {
                "c": training.course, "n": training.staff.full_name})
            return redirect(f"{reverse('emulation:staff_quality')}?don-vi={training.unit_id}"
                            f"&nam={training.end_on.year}")
    return render(request, "org/form.html", {"form": form, "title": _("Ghi kết quả đào tạo, bồi dưỡng"),
                                             "back": reverse("emulation:staff_quality")})


@login_required
def staff_record(request: HttpRequest, pk: int) -> HttpResponse:
    """One person's ratings by year (for those allowed) and courses, with the history of each."""
    person = staff_or_404(pk)
    if person.unit_id is None:
        raise Http404()
    policy.require(request.user, perms.STAFF_QUALITY_VIEW, person.unit)
    ratings, trainings = selectors.staff_record(request.user, person)
    # Every entry and correction of a rating, newest year first (courses are only ever added: their list is
    # their history). The person's last ten years, so the page stays a bounded number of queries.
    history = [h for r in (ratings or [])[:10] for h in history_of(r)]
    return render(request, "emulation/staff_record.html", {
        "person": person, "ratings": ratings, "trainings": trainings, "history": history,
        "can_train": policy.can(request.user, perms.STAFF_TRAINING_CHANGE, person.unit),
    })
