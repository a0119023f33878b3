"""Pages of surveys: the officers' builder and results, the citizens' answer pages, PAPI scores.

Thin: the policy decides, services write, selectors read. The answer pages need no log-in and
work without JavaScript: the server shows the questions that the answers so far call for, and if
an answer opens a conditional question the page comes back with it (the script only does the same
at once, in the browser).
"""

from __future__ import annotations

import base64
import secrets
from datetime import date, datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from danvan.core.vntext import format_date
from danvan.org import clock, policy
from danvan.org.audit import add_form_errors
from danvan.org.models import Unit
from danvan.org.once import once_per_form
from danvan.petitions.models import Petition
from danvan.surveys import charts, forms, permissions, selectors, services
from danvan.surveys.models import SCALE_LABELS, Dimension, Question, QuestionKind, Survey, SurveyStatus

COOKIE_PREFIX = "dv_ks_"
COOKIE_AGE = 400 * 24 * 3600


# --- officers: list, builder --------------------------------------------------------------------


@login_required
def survey_list(request: HttpRequest) -> HttpResponse:
    policy.require(request.user, permissions.VIEW)
    return render(request, "surveys/list.html", {
        "surveys": selectors.survey_list(request.user)[:200],
        "can_create": policy.can(request.user, permissions.CHANGE)})


@login_required
@require_http_methods(["GET", "POST"])
@once_per_form
def survey_create(request: HttpRequest) -> HttpResponse:
    policy.require(request.user, permissions.CHANGE)
    today = clock.today()
    form = forms.SurveyForm(request.POST or None, user=request.user, initial={
        "unit": request.user.unit_id, "starts_on": date(today.year, 1, 1), "ends_on": date(today.year, 12, 31)})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            survey = services.create_survey(actor=request.user, **data)
            messages.success(request, _("Đã tạo phiếu khảo sát. Hãy thêm câu hỏi rồi mở nhận ý kiến."))
            return redirect(survey)
        except ValidationError as exc:
            add_form_errors(form, exc)
    return render(request, "org/form.html", {"form": form, "title": _("Tạo phiếu khảo sát sự hài lòng"),
                                             "back": "/khao-sat/"})


def _survey_for(request: HttpRequest, pk: int, permission: str) -> tuple[Survey, list[Question]]:
    try:
        survey, questions = selectors.survey_with_questions(pk)
    except Survey.DoesNotExist as exc:
        raise Http404 from exc
    policy.require(request.user, permission, survey.unit)
    return survey, questions


@login_required
@require_http_methods(["GET", "POST"])
def survey_edit(request: HttpRequest, pk: int) -> HttpResponse:
    survey, _questions = _survey_for(request, pk, permissions.CHANGE)
    form = forms.SurveyForm(request.POST or None, user=request.user, editing=True, initial={
        "title": survey.title, "target": survey.target, "field": survey.field_id, "starts_on": survey.starts_on,
        "ends_on": survey.ends_on, "intro": survey.intro, "version": survey.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.update_survey(actor=request.user, survey=survey, **form.cleaned_data)
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect(survey)
        except ValidationError as exc:
            add_form_errors(form, exc)
    return render(request, "org/form.html", {"form": form, "title": _("Sửa phiếu khảo sát"),
                                             "back": survey.get_absolute_url()})


@login_required
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey, questions = _survey_for(request, pk, permissions.VIEW)
    can_change = policy.can(request.user, permissions.CHANGE, survey.unit)
    return render(request, "surveys/detail.html", {
        "survey": survey, "questions": questions, "can_change": can_change,
        "question_form": forms.QuestionForm(survey=survey) if can_change and survey.status == SurveyStatus.DRAFT
        else None,
        "public_url": request.build_absolute_uri(survey.public_url()),
        "n_responses": survey.responses.count()})


@login_required
@require_POST
@once_per_form
def question_add(request: HttpRequest, pk: int) -> HttpResponse:
    survey, questions = _survey_for(request, pk, permissions.CHANGE)
    form = forms.QuestionForm(request.POST, survey=survey)
    if form.is_valid():
        try:
            services.add_question(actor=request.user, survey=survey, **form.cleaned_data)
            messages.success(request, _("Đã thêm câu hỏi."))
            return redirect(survey)
        except ValidationError as exc:
            add_form_errors(form, exc)
    return render(request, "surveys/detail.html", {
        "survey": survey, "questions": questions, "can_change": True, "question_form": form,
        "public_url": request.build_absolute_uri(survey.public_url()), "n_responses": 0}, status=400)


@login_required
@require_POST
def question_delete(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    survey, _questions = _survey_for(request, pk, permissions.CHANGE)
    question = get_object_or_404(Question, pk=question_pk, survey=survey)
    try:
        services.delete_question(actor=request.user, question=question)
        messages.success(request, _("Đã xóa câu hỏi."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(survey)


@login_required
@require_POST
def survey_status(request: HttpRequest, pk: int) -> HttpResponse:
    survey, _questions = _survey_for(request, pk, permissions.CHANGE)
    try:
        services.set_status(actor=request.user, survey=survey, version=request.POST.get("version") or -1,
                            status=request.POST.get("status", ""))
        messages.success(request, _("Đã chuyển phiếu sang trạng thái mới."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(survey)


# --- officers: results ----------------------------------------------------------------------------


def _date(request: HttpRequest, name: str) -> date | None:
    value = request.GET.get(name, "").strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


@login_required
def survey_results(request: HttpRequest, pk: int) -> HttpResponse:
    survey, questions = _survey_for(request, pk, permissions.VIEW)
    errors = []
    start, end = _date(request, "start") or survey.starts_on, _date(request, "end") or survey.ends_on
    for name, example in (("start", "01/01/2026"), ("end", "31/12/2026")):
        if request.GET.get(name) and _date(request, name) is None:
            errors.append(_("Ngày phải có dạng ngày/tháng/năm, ví dụ %(d)s.") % {"d": example})
    if start > end:
        errors.append(_("Ngày bắt đầu phải trước ngày kết thúc; đã dùng thời gian của phiếu."))
        start, end = survey.starts_on, survey.ends_on
    unit = None
    value = request.GET.get("unit", "")
    if value.isdigit():
        unit = Unit.objects.filter(pk=int(value)).first()
        if unit is None:
            raise Http404
        policy.require(request.user, permissions.VIEW, unit)
    result = selectors.results(survey, questions, request.user, start, end, unit)
    return render(request, "surveys/results.html", {
        "survey": survey, "r": result, "errors": errors, "unit": unit,
        "units": policy.visible_units(request.user).filter(path__startswith=survey.unit.path).order_by("path")[:300],
        "start": format_date(start), "end": format_date(end)})


# --- citizens: answering --------------------------------------------------------------------------


def _raw(request: HttpRequest, questions: list[Question]) -> dict[int, list[str]]:
    return {q.pk: [v for v in request.POST.getlist(f"q{q.pk}") if v.strip()] for q in questions}


def _shown(request: HttpRequest) -> set[int]:
    return {int(x) for x in request.POST.get("shown", "").split(",") if x.strip().isdigit()}


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "same-origin"  # the case link stays on this site; the form still posts its origin
    return response


def _closed_page(request: HttpRequest, message: str, status: int = 200) -> HttpResponse:
    return _no_store(render(request, "surveys/answer_done.html", {"message": message}, status=status))


def _answer_flow(request: HttpRequest, survey: Survey, *, token: str, petition: Petition | None,
                 action: str) -> HttpResponse | dict[str, Any]:
    """The answer form (GET), its next step when an answer opens a question, or the saved response."""
    questions = list(survey.questions.select_related("condition_question").order_by("order", "pk"))
    raw = _raw(request, questions) if request.method == "POST" else {}
    visible = services.visible_questions(questions, raw)
    errors: dict[int, str] = {}
    notice = ""
    if request.method == "POST":
        new = {q.pk for q in visible} - _shown(request)
        if new:
            notice = _("Câu trả lời của bạn mở thêm câu hỏi; hãy trả lời các câu mới rồi bấm “Gửi phiếu”.")
        else:
            _answers, errors = services.clean_answers(visible, raw)
            if not errors:
                try:
                    services.submit_response(survey=survey, token=token, raw=raw, petition=petition)
                except services.AlreadyAnswered as exc:
                    return _closed_page(request, exc.messages[0])
                except ValidationError as exc:
                    return _closed_page(request, " ".join(exc.messages), status=400)
                return redirect("surveys:answer_thanks")
    visible_ids = {q.pk for q in visible}
    items = []
    for q in questions:
        given = raw.get(q.pk, [])
        if q.kind == QuestionKind.SCALE:
            choices = [(str(v), f"{v} – {SCALE_LABELS[v]}") for v in range(1, 6)]
        else:
            choices = [(o, o) for o in q.option_list]
        items.append({"q": q, "shown": q.pk in visible_ids, "given": given, "text_value": given[0] if given else "",
                      "choices": choices, "error": errors.get(q.pk, ""),
                      "condition": "\n".join(q.condition_list)})
    response = render(request, "surveys/answer.html", {
        "survey": survey, "items": items, "errors": errors, "notice": notice, "action": action,
        "shown": ",".join(str(pk) for pk in sorted(visible_ids)), "petition": petition,
        "n_shown": len(visible_ids)}, status=400 if errors else 200)
    return _no_store(response)


@require_http_methods(["GET", "POST"])
@once_per_form
def answer(request: HttpRequest, key: str) -> HttpResponse:
    """The general link of a survey: one answer per browser (a random token kept in a cookie)."""
    survey = selectors.survey_by_key_or_404(key)
    if survey.status != SurveyStatus.OPEN:
        return _closed_page(request, _("Phiếu khảo sát này không còn nhận ý kiến. Cảm ơn bạn đã quan tâm."))
    cookie = f"{COOKIE_PREFIX}{survey.pk}"
    token = request.COOKIES.get(cookie, "")
    fresh = len(token) < 20
    if fresh:
        token = secrets.token_urlsafe(24)
    elif services.already_answered(survey, token):
        return _closed_page(request, _("Bạn đã trả lời phiếu khảo sát này. Cảm ơn bạn."))
    response = _answer_flow(request, survey, token=token, petition=None, action=request.path)
    if fresh:
        response.set_cookie(cookie, token, max_age=COOKIE_AGE, httponly=True, samesite="Lax",
                            secure=request.is_secure(), path=request.path)
    return response


@require_http_methods(["GET", "POST"])
@once_per_form
def answer_case(request: HttpRequest, token: str) -> HttpResponse:
    """The link offered on the tracking page of a closed case: one answer per case."""
    found = services.read_case_token(token)
    if found is None:
        raise Http404
    survey, petition = selectors.survey_and_case_or_404(*found)
    if selectors.case_answered(petition):
        return _closed_page(request, _("Hồ sơ này đã có phiếu trả lời khảo sát. Cảm ơn bạn."))
    if survey.status != SurveyStatus.OPEN:
        return _closed_page(request, _("Phiếu khảo sát này không còn nhận ý kiến. Cảm ơn bạn đã quan tâm."))
    return _answer_flow(request, survey, token=services.case_response_token(petition), petition=petition,
                        action=request.path)


def answer_thanks(request: HttpRequest) -> HttpResponse:
    return _closed_page(request, _("Cảm ơn bạn đã trả lời phiếu khảo sát. Ý kiến của bạn giúp cơ quan phục vụ "
                                   "người dân tốt hơn."))


def case_offer(petition: Petition) -> str:
    """The panel on the tracking page of a closed case (registered with petitions in AppConfig.ready)."""
    if selectors.case_answered(petition):
        return render_to_string("surveys/offer.html", {"answered": True})
    survey = selectors.survey_for_case(petition)
    if survey is None:
        return ""
    return render_to_string("surveys/offer.html", {
        "survey": survey, "url": reverse("surveys:answer_case", args=[services.case_token(survey, petition)])})


# --- PAPI -----------------------------------------------------------------------------------------


@login_required
def papi_index(request: HttpRequest) -> HttpResponse:
    policy.require(request.user, permissions.PAPI_VIEW)
    provinces = selectors.papi_provinces()
    province = request.GET.get("tinh", "")
    if province not in provinces:
        province = "Hà Nội" if "Hà Nội" in provinces else (provinces[0] if provinces else "")
    table = selectors.papi_table(province) if province else None
    chart = ""
    if table and table.years:
        svg = charts.trend(
            _("Điểm các chỉ số nội dung PAPI của %(p)s") % {"p": province},
            _("Biểu đồ đường điểm từng chỉ số nội dung PAPI của %(p)s qua các năm %(a)s–%(b)s, thang 1–10; "
              "các số ở bảng bên dưới.") % {"p": province, "a": table.years[0], "b": table.years[-1]},
            table.years, table.series)
        chart = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    return render(request, "surveys/papi.html", {
        "provinces": provinces, "province": province, "table": table, "chart": chart,
        "can_change": policy.can(request.user, permissions.PAPI_CHANGE),
        "demo": bool(table and any(d for _y, _s, d in table.sources))})


@login_required
@require_http_methods(["GET", "POST"])
@once_per_form
def papi_enter(request: HttpRequest) -> HttpResponse:
    if not policy.can(request.user, permissions.PAPI_CHANGE):
        policy.require(request.user, permissions.PAPI_CHANGE)
        raise PermissionDenied
    form = forms.PapiForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.save_papi_year(actor=request.user, province=data["province"], year=data["year"],
                                    source=data["source"], printed={k: data.get(k, "") for k in Dimension.values})
            messages.success(request, _("Đã lưu điểm PAPI năm %(y)s của %(p)s.") % {"y": data["year"],
                                                                                    "p": data["province"]})
            return redirect(reverse("surveys:papi") + "?" + urlencode({"tinh": data["province"]}))
        except ValidationError as exc:
            add_form_errors(form, exc)
    return render(request, "org/form.html", {"form": form, "title": _("Nhập điểm PAPI cấp tỉnh như báo cáo đã công bố"),
                                             "back": "/khao-sat/papi/"})


def register_panels() -> None:
    from danvan.petitions import hooks

    hooks.register_after_closing(case_offer)

