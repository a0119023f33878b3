"""Thin views of the portal. Public pages need no account and never read a petitioner's identity;
the officers' pages (news, disclosure) ask the policy. Caching headers: ``portal.guard``."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from danvan.core.vntext import slug_key
from danvan.org import clock, policy
from danvan.org.audit import add_form_errors
from danvan.org.models import Unit
from danvan.org.once import once_per_form
from danvan.org.paging import CappedPaginator
from danvan.portal import guide, selectors, services
from danvan.portal.forms import AnswerSearchForm, DisclosureForm, NewsForm
from danvan.portal.models import DisclosureCategory
from danvan.portal.permissions import DISCLOSURE_POST, NEWS_EDIT

PAGE_SIZE = 20


def _committee(code: str) -> Unit:
    unit = selectors.committee(code)
    if unit is None:
        raise Http404
    return unit


def index(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/index.html", {"committees": list(selectors.committees(clock.today()))})


def home(request: HttpRequest, code: str) -> HttpResponse:
    committee = _committee(code)
    today = clock.today()
    return render(request, "portal/home.html", {
        "committee": committee, "today": today, "guide": guide.kinds(today), **selectors.home(committee, today)})


def answers(request: HttpRequest, code: str) -> HttpResponse:
    committee = _committee(code)
    today = clock.today()
    choices = selectors.answer_choices(committee, today)
    form = AnswerSearchForm(request.GET or None, **choices)
    f = selectors.AnswerFilters()
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        f = selectors.AnswerFilters(q=d["q"] or "", field=d["linh_vuc"], ward=d["phuong"], year=d["nam"],
                                    month=d["thang"])
    page = CappedPaginator(selectors.published_answers(committee, f), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "portal/answers.html", {
        "committee": committee, "form": form, "page": page, "query": query.urlencode(),
        "searched": form.is_bound})


def answer_detail(request: HttpRequest, code: str, case: str) -> HttpResponse:
    committee = _committee(code)
    petition = selectors.published_case(committee, case)
    if petition is None:
        raise Http404
    return render(request, "portal/answer_detail.html", {"committee": committee, "p": petition})


def find_answer(request: HttpRequest, code: str) -> HttpResponse:
    """The box "Mã hồ sơ" on the answers page: straight to the case's public page."""
    committee = _committee(code)
    case = slug_key(request.GET.get("ma", "")).replace(" ", "-").upper()[:20]
    if case and selectors.published_case(committee, case) is not None:
        return redirect("portal:answer_detail", code=committee.code, case=case)
    return render(request, "portal/answer_missing.html", {"committee": committee, "case": case}, status=404)


def news_list(request: HttpRequest, code: str) -> HttpResponse:
    committee = _committee(code)
    page = CappedPaginator(selectors.news_items(committee, clock.today()), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "portal/news_list.html", {"committee": committee, "page": page})


def news_detail(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    committee = _committee(code)
    item = selectors.news_item(committee, pk, clock.today())
    if item is None:
        raise Http404
    return render(request, "portal/news_detail.html", {"committee": committee, "item": item})


def disclosure(request: HttpRequest, code: str) -> HttpResponse:
    committee = _committee(code)
    today = clock.today()
    category = request.GET.get("nhom", "")
    if category not in DisclosureCategory.values:
        category = ""
    return render(request, "portal/disclosure.html", {
        "committee": committee, "today": today, "category": category, "categories": DisclosureCategory.choices,
        "items": list(selectors.disclosures_now(committee, today, category)[:200]),
        "ended": list(selectors.disclosures_ended(committee, today)[:20])})


def documents(request: HttpRequest, code: str) -> HttpResponse:
    committee = _committee(code)
    page = CappedPaginator(selectors.public_documents(committee), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "portal/documents.html", {"committee": committee, "page": page})


def document_file(request: HttpRequest, pk: int) -> FileResponse:
    """The file of a document marked public; any other document does not exist here."""
    document = selectors.public_document(pk)
    if document is None or not document.file:
        raise Http404
    suffix = document.file.name.rsplit(".", 1)[-1].lower() if "." in document.file.name else "bin"
    name = f"{slug_key(document.full_number).replace(' ', '-') or 'van-ban'}.{suffix[:8]}"
    response = FileResponse(document.file.open("rb"), as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    response["Cache-Control"] = f"public, max-age={settings.DANVAN_PORTAL_MAX_AGE}"
    return response


def language(request: HttpRequest, lang: str) -> HttpResponse:
    """The portal's language switch: a link (no form, so public pages carry no CSRF token and stay cacheable)."""
    if lang not in dict(settings.LANGUAGES):
        raise Http404
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        target = reverse("portal:index")
    response = HttpResponseRedirect(target)
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, lang, max_age=365 * 24 * 3600, samesite="Lax",
                        secure=settings.SESSION_COOKIE_SECURE)
    response["Cache-Control"] = "private, no-store"
    return response


# --- officers: news and disclosure --------------------------------------------------------------


def _managed_committee(request: HttpRequest) -> Unit:
    user = request.user
    code = request.GET.get("uy-ban", "")
    if code and policy.is_administrator(user):
        return _committee(code)
    committee = user.unit.committee() if user.unit_id else None
    if committee is None:
        if policy.is_administrator(user):
            first = selectors.committees(clock.today()).first()
            if first is not None:
                return first
        raise Http404
    return committee


@never_cache
@login_required
def manage(request: HttpRequest) -> HttpResponse:
    committee = _managed_committee(request)
    policy.require(request.user, DISCLOSURE_POST, committee)
    today = clock.today()
    return render(request, "portal/manage.html", {
        "committee": committee, "today": today,
        "can_news": policy.can(request.user, NEWS_EDIT, committee),
        "news": selectors.desk_news(committee),
        "items": selectors.desk_disclosures(committee),
        "committees": list(selectors.committees(today)) if policy.is_administrator(request.user) else []})


def _form_page(request: HttpRequest, form: Any, title: str, committee: Unit) -> HttpResponse:
    return render(request, "org/form.html", {"form": form, "title": title, "datepicker": True,
                                             "back": reverse("portal:manage") + f"?uy-ban={committee.code}"})


def _back(committee: Unit) -> HttpResponse:
    return redirect(reverse("portal:manage") + f"?uy-ban={committee.code}")


@never_cache
@login_required
@once_per_form
def news_add(request: HttpRequest) -> HttpResponse:
    committee = _managed_committee(request)
    policy.require(request.user, NEWS_EDIT, committee)
    form = NewsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.create_news(actor=request.user, committee=committee, title=d["title"], summary=d["summary"],
                                 body=d["body"], publish_on=d["publish_on"])
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, _("Đã đăng tin."))
            return _back(committee)
    return _form_page(request, form, _("Viết tin cho cổng thông tin"), committee)


@never_cache
@login_required
def news_edit(request: HttpRequest, pk: int) -> HttpResponse:
    news = selectors.news_or_404(pk)
    policy.require(request.user, NEWS_EDIT, news.committee)
    initial = {"title": news.title, "summary": news.summary, "body": news.body, "publish_on": news.publish_on,
               "withdrawn": news.withdrawn, "version": news.version}
    form = NewsForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.update_news(actor=request.user, news=news, version=d["version"], title=d["title"],
                                 summary=d["summary"], body=d["body"], publish_on=d["publish_on"],
                                 withdrawn=d["withdrawn"])
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu tin."))
            return _back(news.committee)
    return _form_page(request, form, _("Sửa tin"), news.committee)


def _documents_for(committee: Unit):
    return selectors.public_documents(committee)


@never_cache
@login_required
@once_per_form
def disclosure_add(request: HttpRequest) -> HttpResponse:
    committee = _managed_committee(request)
    policy.require(request.user, DISCLOSURE_POST, committee)
    form = DisclosureForm(request.POST or None, documents=_documents_for(committee))
    if request.method == "POST" and form.is_valid():
        try:
            services.create_disclosure(actor=request.user, committee=committee,
                                       **{k: v for k, v in form.cleaned_data.items() if k != "version"})
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, _("Đã niêm yết nội dung công khai."))
            return _back(committee)
    return _form_page(request, form, _("Niêm yết nội dung công khai"), committee)


@never_cache
@login_required
def disclosure_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.disclosure_or_404(pk)
    policy.require(request.user, DISCLOSURE_POST, item.committee)
    initial = {"category": item.category, "title": item.title, "body": item.body, "decided_on": item.decided_on,
               "posted_on": item.posted_on, "posted_days": item.posted_days, "place": item.place,
               "document": item.document_id, "version": item.version}
    form = DisclosureForm(request.POST or None, initial=initial, documents=_documents_for(item.committee),
                          editing=True)
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        version = d.pop("version")
        try:
            services.update_disclosure(actor=request.user, item=item, version=version, **d)
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu nội dung công khai."))
            return _back(item.committee)
    return _form_page(request, form, _("Sửa nội dung công khai"), item.committee)


