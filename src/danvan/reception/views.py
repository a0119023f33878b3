"""Pages of citizen reception and dialogues. Thin: the policy decides, services write, selectors read."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from danvan.core.vntext import format_date
from danvan.documents.filenames import download_name
from danvan.documents.render import DOCX, XLSX
from danvan.legal.selectors import calendar_notices, compute_due
from danvan.org import clock, policy
from danvan.org.audit import add_form_errors as _apply_errors
from danvan.org.figure_query import FigureQuery
from danvan.org.models import Unit
from danvan.org.once import once_per_form
from danvan.org.paging import CappedPaginator
from danvan.org.selectors import history_of
from danvan.petitions import permissions as petition_permissions
from danvan.reception import exports, forms, selectors, services
from danvan.reception.models import (
    DialogueKind,
    EntryKind,
    SessionStatus,
)

PAGE_SIZE = 50


def _date_param(request: HttpRequest, name: str) -> date | None:
    value = request.GET.get(name, "").strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def _unit_param(request: HttpRequest) -> Unit | None:
    """The unit filter, only if the viewer may see it (otherwise the filter is ignored)."""
    value = request.GET.get("unit", "")
    if not value.isdigit():
        return None
    unit = Unit.objects.filter(pk=int(value)).first()
    return unit if unit is not None and policy.in_scope(request.user, unit) else None


def _year_param(request: HttpRequest) -> int:
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else clock.today().year


def _filters(request: HttpRequest) -> dict[str, Any]:
    return {"units": policy.visible_units(request.user).only("pk", "name", "depth").order_by("path"),
            "unit_id": request.GET.get("unit", ""), "start": request.GET.get("start", ""),
            "end": request.GET.get("end", "")}


# --- sessions ---------------------------------------------------------------------------------


@login_required
def session_list(request: HttpRequest) -> HttpResponse:
    policy.require(request.user, "reception.view")
    sessions = selectors.session_list(request.user, unit=_unit_param(request), start=_date_param(request, "start"),
                                      end=_date_param(request, "end"), status=request.GET.get("status", ""))
    page = CappedPaginator(sessions, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "reception/session_list.html", {
        "page": page, "schedule": selectors.upcoming_schedule(request.user)[:20], "statuses": SessionStatus.choices,
        "can_add": policy.can(request.user, "reception.change"), **_filters(request),
    })


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.session_or_404(pk)
    policy.require(request.user, "reception.view", session.unit)
    session = selectors.session_detail(pk)
    entries = [(e, policy.can(request.user, "reception.identity", e)) for e in session.entries.all()]
    services.log_identity_views(actor=request.user, entries=[e for e, shown in entries if shown],
                                context=_("Trang buổi tiếp công dân"))
    return render(request, "reception/session_detail.html", {
        "session": session, "entries": entries, "history": history_of(session),
        "can_change": policy.can(request.user, "reception.change", session.unit),
    })


@login_required
@require_http_methods(["GET", "POST"])
@once_per_form
def session_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    session = selectors.session_or_404(pk) if pk else None
    policy.require(request.user, "reception.change", session.unit if session else None)
    initial = {} if session else {"unit": request.user.unit_id, "leader": request.user.pk
                                  if request.user.role == "leader" else None}
    form = forms.SessionForm(request.POST or None, instance=session, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            if session is None:
                session, warnings = services.create_session(actor=request.user, **data)
                messages.success(request, _("Đã lưu buổi tiếp công dân ngày %(d)s.") % {"d": format_date(session.date)})
            else:
                session, warnings = services.update_session(actor=request.user, session=session,
                                                            version=form.cleaned_data.get("version"), **data)
                messages.success(request, _("Đã lưu thay đổi."))
            for warning in warnings:
                messages.warning(request, warning)
            return redirect(session)
        except ValidationError as exc:
            _apply_errors(form, exc)
    return render(request, "org/form.html", {
        "form": form, "title": _("Sửa buổi tiếp công dân") if session else _("Thêm buổi tiếp công dân (lịch tiếp)"),
        "back": session.get_absolute_url() if session else "/tiep-cong-dan/"})


# --- the reception book -------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@once_per_form
def entry_add(request: HttpRequest, session_pk: int | None = None) -> HttpResponse:
    session = selectors.session_or_404(session_pk) if session_pk else None
    policy.require(request.user, "reception.change", session.unit if session else None)
    initial = {"received_on": session.date if session else clock.today(), "people_count": 1}
    form = forms.EntryForm(request.POST or None, initial=initial)
    unit_form = None if session else forms.EntryUnitForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid() and (unit_form is None or unit_form.is_valid()):
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            entry = services.record_entry(actor=request.user, session=session,
                                          unit=None if session else unit_form.cleaned_data["unit"], **data)
            messages.success(request, _("Đã ghi sổ tiếp công dân. Hạn trả lời công dân: %(d)s.") % {
                "d": format_date(entry.reply_due)})
            return redirect(entry)
        except ValidationError as exc:
            _apply_errors(form, exc)
    return render(request, "reception/entry_form.html", {
        "form": form, "unit_form": unit_form, "session": session, "title": _("Ghi sổ tiếp công dân"),
        "back": session.get_absolute_url() if session else "/tiep-cong-dan/so/"})


@login_required
@require_http_methods(["GET", "POST"])
@once_per_form
def entry_edit(request: HttpRequest, pk: int) -> HttpResponse:
    entry = selectors.entry_or_404(pk, "session")
    policy.require(request.user, "reception.change", entry.unit)
    if not policy.can(request.user, "reception.identity", entry):
        raise Http404
    form = forms.EntryForm(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            entry = services.update_entry(actor=request.user, entry=entry, version=form.cleaned_data.get("version"),
                                          **data)
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect(entry)
        except ValidationError as exc:
            _apply_errors(form, exc)
    services.log_identity_views(actor=request.user, entries=[entry], context=_("Sửa lượt tiếp công dân"))
    return render(request, "reception/entry_form.html", {
        "form": form, "session": entry.session, "title": _("Sửa lượt tiếp công dân"), "back": entry.get_absolute_url()})


REVEAL = "danh-tinh"  # the query parameter that reveals a denouncer's identity (as on a petition)


@login_required
def entry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entry = selectors.entry_or_404(pk, "session__leader", "created_by", "petition")
    policy.require(request.user, "reception.view", entry.unit)
    allowed = policy.can(request.user, "reception.identity", entry)
    # A denouncer's identity is shown only on an explicit request ("reveal on click"), and each reveal is logged;
    # the other kinds show who came straight away to whoever may see it.
    identity = allowed and (entry.kind != EntryKind.DENUNCIATION or request.GET.get(REVEAL) == "1")
    if identity:
        services.log_identity_views(actor=request.user, entries=[entry], context=_("Trang lượt tiếp công dân"))
    show_log = entry.kind == EntryKind.DENUNCIATION and policy.can(request.user, "reception.identity_log", entry)
    can_change = allowed and policy.can(request.user, "reception.change", entry.unit)
    can_create_petition = entry.petition_id is None and policy.can(request.user, "reception.create_petition", entry)
    # The one thing this line calls for first: a matter within the unit's competence becomes a case;
    # otherwise (guided, forwarded, or already a case) the officer records the answer given.
    next_step = ""
    if can_create_petition and entry.within_competence and not entry.replied_on:
        next_step = "petition"
    elif can_change and not entry.replied_on:
        next_step = "reply"
    return render(request, "reception/entry_detail.html", {
        "entry": entry, "identity": identity, "due": compute_due("reception", "reply", entry.received_on),
        "calendar_notices": calendar_notices(entry.received_on, entry.reply_due),
        "can_reveal": allowed and not identity, "reveal_param": REVEAL,
        "history": history_of(entry) if identity else [],
        "can_change": can_change, "next_step": next_step,
        "reply_form": forms.ReplyForm(initial={"replied_on": clock.today(), "version": entry.version}),
        "petition_link": entry.petition_id is not None
        and policy.can(request.user, petition_permissions.VIEW, entry.petition),
        "can_create_petition": can_create_petition,
        "identity_log": list(entry.identity_views.select_related("staff")[:500]) if show_log else None,
    })


@login_required
@require_http_methods(["GET", "POST"])
@once_per_form
def entry_create_petition(request: HttpRequest, pk: int) -> HttpResponse:
    """"Tạo hồ sơ đơn thư từ lượt tiếp": the case is opened from the line, the two are linked."""
    entry = selectors.entry_or_404(pk, "session", "petition")
    policy.require(request.user, "reception.view", entry.unit)
    if entry.petition_id is not None:
        messages.error(request, _("Lượt tiếp này đã được tạo hồ sơ đơn thư %(code)s; mỗi lượt tiếp chỉ tạo một "
                                  "hồ sơ.") % {"code": entry.petition.code})
        return redirect(entry)
    policy.require(request.user, "reception.create_petition", entry)
    kinds = services.PETITION_KINDS.get(entry.kind, ())
    form = forms.EntryPetitionForm(request.POST or None, entry=entry, kinds=kinds,
                                   initial={"subject": services.petition_subject(entry.summary)})
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            submitted = services.create_petition(actor=request.user, entry=entry,
                                                 version=form.cleaned_data.get("version"), **data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Đã tạo hồ sơ đơn thư từ lượt tiếp. Mã hồ sơ: %(code)s — mã bí mật (đưa cho "
                                        "công dân, chỉ hiện một lần): %(secret)s") % {
                "code": submitted.code, "secret": submitted.secret})
            return redirect(submitted.petition)
    return render(request, "reception/entry_petition_form.html", {
        "form": form, "entry": entry, "show_name": entry.kind != EntryKind.DENUNCIATION,
        "title": _("Tạo hồ sơ đơn thư từ lượt tiếp"), "back": entry.get_absolute_url()})


@login_required
@require_POST
@once_per_form
def entry_reply(request: HttpRequest, pk: int) -> HttpResponse:
    entry = selectors.entry_or_404(pk)
    policy.require(request.user, "reception.change", entry.unit)
    form = forms.ReplyForm(request.POST)
    if form.is_valid():
        try:
            services.record_reply(actor=request.user, entry=entry, **form.cleaned_data)
            messages.success(request, _("Đã ghi nhận việc trả lời công dân."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect(entry)


def _book_query(request: HttpRequest):
    unit = _unit_param(request)
    start, end = _date_param(request, "start"), _date_param(request, "end")
    entries = selectors.reception_book(request.user, unit=unit, start=start, end=end,
                                       kind=request.GET.get("kind", ""), query=request.GET.get("q", ""),
                                       overdue=request.GET.get("overdue") == "1",
                                       collective=request.GET.get("collective") == "1")
    return entries, unit, start, end


@login_required
def book(request: HttpRequest) -> HttpResponse:
    policy.require(request.user, "reception.view")
    entries, _unit, _start, _end = _book_query(request)
    page = CappedPaginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(e, policy.can(request.user, "reception.identity", e)) for e in page]
    services.log_identity_views(actor=request.user, entries=[e for e, shown in rows if shown],
                                context=_("Sổ tiếp công dân"))
    return render(request, "reception/book.html", {
        "page": page, "rows": rows, "kinds": EntryKind.choices, "query": request.GET.get("q", ""),
        "today": clock.today(), "can_add": policy.can(request.user, "reception.change"),
        "export_query": request.GET.urlencode(), **_filters(request),
    })


@login_required
def book_export(request: HttpRequest, fmt: str) -> HttpResponse:
    policy.require(request.user, "reception.view")
    entries, unit, start, end = _book_query(request)
    entries = list(entries[:5000])
    if fmt == "xlsx":
        data, content_type = exports.book_xlsx(entries, request.user, unit=unit, start=start, end=end), XLSX
    else:
        unit = unit or request.user.unit or policy.visible_units(request.user).order_by("path").first()
        if unit is None:
            raise Http404
        data, content_type = exports.book_docx(entries, request.user, unit=unit, start=start, end=end), DOCX
    services.log_identity_views(actor=request.user, context=_("Xuất sổ tiếp công dân (.%(fmt)s)") % {"fmt": fmt},
                                entries=[e for e in entries if policy.can(request.user, "reception.identity", e)])
    response = HttpResponse(data, content_type=content_type)
    name = download_name(_("Sổ tiếp công dân"), unit.name if unit else "", start, end, ext=fmt)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- frequency ----------------------------------------------------------------------------------


@login_required
def frequency(request: HttpRequest) -> HttpResponse:
    policy.require(request.user, "reception.view")
    year = _year_param(request)
    start = _date_param(request, "start") or date(year, 1, 1)
    end = _date_param(request, "end") or min(date(year, 12, 31), clock.today())
    rows = selectors.frequency_report(request.user, start, end, unit=_unit_param(request))
    return render(request, "reception/frequency.html", {
        **_filters(request), "rows": rows, "start": start, "end": end, "year": year})


# --- dialogues ----------------------------------------------------------------------------------


@login_required
def dialogue_list(request: HttpRequest) -> HttpResponse:
    policy.require(request.user, "reception.view")
    dialogues = selectors.dialogue_list(request.user, unit=_unit_param(request), kind=request.GET.get("kind", ""),
                                        start=_date_param(request, "start"), end=_date_param(request, "end"),
                                        query=request.GET.get("q", ""))
    page = CappedPaginator(dialogues, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "reception/dialogue_list.html", {
        "page": page, "kinds": DialogueKind.choices, "query": request.GET.get("q", ""),
        "overdue": selectors.commitment_list(request.user, overdue=True)[:50],
        "can_add": policy.can(request.user, "dialogue.change"), **_filters(request),
    })


@login_required
def figure_commitments(request: HttpRequest) -> HttpResponse:
    """The commitments behind a figure of the leaders' dashboard: as many rows as the number clicked."""
    query = FigureQuery.from_request(request)
    state = request.GET.get("state", "")
    if state not in selectors.COMMITMENT_FIGURES:
        raise Http404
    commitments = selectors.figure_commitments(request.user, query, state)
    # An exact count: it is the figure the leader clicked, for one unit's tree and one period.
    page = Paginator(commitments, PAGE_SIZE).get_page(request.GET.get("page"))
    values = {"unit": query.unit.name, "start": format_date(query.start), "end": format_date(query.end)}
    titles = {
        "made": _("Cam kết đưa ra tại đối thoại trong kỳ — %(unit)s, từ %(start)s đến %(end)s"),
        "done": _("Cam kết đã thực hiện xong trong kỳ — %(unit)s, từ %(start)s đến %(end)s"),
        "overdue": _("Cam kết quá hạn chưa thực hiện xong — %(unit)s, từ %(start)s đến %(end)s"),
    }
    return render(request, "reception/commitment_list.html", {"page": page, "title": titles[state] % values,
                                                              "today": clock.today()})


@login_required
def dialogue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue = selectors.dialogue_or_404(pk)
    policy.require(request.user, "reception.view", dialogue.unit)
    dialogue = selectors.dialogue_detail(pk)
    can_change = policy.can(request.user, "dialogue.change", dialogue.unit)
    commitments = [(c, policy.can(request.user, "commitment.complete", c)) for c in dialogue.commitments.all()]
    return render(request, "reception/dialogue_detail.html", {
        "dialogue": dialogue, "commitments": commitments, "history": history_of(dialogue), "can_change": can_change,
        "today": clock.today(), "issue_form": forms.IssueForm(prefix="issue"),
        "commitment_form": forms.CommitmentForm(prefix="c", user=request.user),
        "done_form": forms.DoneForm(initial={"done_on": clock.today()}),
    })


@login_required
@require_http_methods(["GET", "POST"])
@once_per_form
def dialogue_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    dialogue = selectors.dialogue_or_404(pk) if pk else None
    policy.require(request.user, "dialogue.change", dialogue.unit if dialogue else None)
    initial = {} if dialogue else {"unit": request.user.unit_id, "kind": request.GET.get("kind", DialogueKind.CASE)}
    form = forms.DialogueForm(request.POST or None, instance=dialogue, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            if dialogue is None:
                dialogue = services.create_dialogue(actor=request.user, **data)
                messages.success(request, _("Đã ghi nhận cuộc đối thoại."))
            else:
                dialogue = services.update_dialogue(actor=request.user, dialogue=dialogue,
                                                    version=form.cleaned_data.get("version"), **data)
                messages.success(request, _("Đã lưu thay đổi."))
            return redirect(dialogue)
        except ValidationError as exc:
            _apply_errors(form, exc)
    return render(request, "org/form.html", {
        "form": form, "title": _("Sửa cuộc đối thoại") if dialogue else _("Ghi nhận cuộc đối thoại"),
        "back": dialogue.get_absolute_url() if dialogue else "/tiep-cong-dan/doi-thoai/"})


@login_required
@require_POST
@once_per_form
def issue_add(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue = selectors.dialogue_or_404(pk)
    policy.require(request.user, "dialogue.change", dialogue.unit)
    form = forms.IssueForm(request.POST, prefix="issue")
    if form.is_valid():
        try:
            services.add_issue(actor=request.user, dialogue=dialogue, **form.cleaned_data)
            messages.success(request, _("Đã ghi ý kiến và trả lời."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("Hãy ghi ý kiến, kiến nghị được nêu."))
    return redirect(dialogue)


@login_required
@require_POST
@once_per_form
def commitment_add(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue = selectors.dialogue_or_404(pk)
    policy.require(request.user, "dialogue.change", dialogue.unit)
    form = forms.CommitmentForm(request.POST, prefix="c", user=request.user)
    if form.is_valid():
        try:
            services.add_commitment(actor=request.user, dialogue=dialogue, **form.cleaned_data)
            messages.success(request, _("Đã ghi cam kết."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect(dialogue)


@login_required
@require_POST
@once_per_form
def commitment_done(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = selectors.commitment_or_404(pk)
    policy.require(request.user, "commitment.complete", commitment)
    form = forms.DoneForm(request.POST)
    if form.is_valid():
        try:
            services.complete_commitment(actor=request.user, commitment=commitment,
                                         done_on=form.cleaned_data["done_on"], note=form.cleaned_data["note"],
                                         version=form.cleaned_data.get("version"))
            messages.success(request, _("Đã ghi nhận cam kết hoàn thành."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect(commitment.dialogue)


@login_required
def dialogue_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue = selectors.dialogue_or_404(pk)
    policy.require(request.user, "reception.view", dialogue.unit)
    response = HttpResponse(exports.minutes_docx(selectors.dialogue_detail(pk)), content_type=DOCX)
    name = download_name(_("Biên bản đối thoại"), dialogue.unit.name, dialogue.held_on, str(dialogue.pk), ext="docx")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def conference_status(request: HttpRequest) -> HttpResponse:
    """Communes and their dialogue conferences of the year; those with none are listed first."""
    policy.require(request.user, "reception.view")
    year = _year_param(request)
    communes = list(selectors.communes_conference_status(request.user, year))
    missing = [c for c in communes if not c.conferences]
    return render(request, "reception/conferences.html", {
        "year": year, "communes": communes, "missing": missing})
