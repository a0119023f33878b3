"""Thin views: parse input, call a selector or a service, render. The policy decides access."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.core.net import client_ip
from danvan.core.vntext import format_date
from danvan.documents.filenames import download_name
from danvan.documents.issuer import issuer_for
from danvan.documents.render import DOCX, XLSX
from danvan.legal.selectors import calendar_notices
from danvan.notifications.selectors import escalations_for
from danvan.org import clock, policy
from danvan.org.audit import add_form_errors, posted_version
from danvan.org.once import once_per_form
from danvan.org.paging import CappedPaginator
from danvan.org.selectors import history_of, staff_by_pk
from danvan.petitions import hooks, notices, selectors, services
from danvan.petitions.forms import (
    OUTCOME_CHOICES,
    PETITIONER_FIELDS,
    REASON_CHOICES,
    TRIAGE_CHOICES,
    FilterForm,
    IntakeForm,
    PetitionerFormSet,
    PublicForm,
    RatingForm,
    TrackForm,
    blank_public_form,
)
from danvan.petitions.models import Kind, NoticeKind, Petition, Status
from danvan.petitions.services.publishing import PUBLISHABLE_STATUSES
from danvan.reception import permissions as reception_permissions

PAGE_SIZE = 25


def _filters(request: HttpRequest) -> tuple[FilterForm, selectors.Filters]:
    form = FilterForm(request.GET or None, units=policy.visible_units(request.user))
    f = selectors.Filters()
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        f = selectors.Filters(unit=d["unit"], kind=d["kind"], field=d["field"].pk if d["field"] else None,
                              status=d["status"], overdue=d["overdue"], date_from=d["date_from"],
                              date_to=d["date_to"], q=d["q"], handling_unit=d["handling_unit"],
                              handling_direct=d["handling_direct"], resolved_from=d["resolved_from"],
                              resolved_to=d["resolved_to"], on_time=d["on_time"], overdue_on=d["overdue_on"])
    return form, f


@login_required
def petition_list(request: HttpRequest) -> HttpResponse:
    form, f = _filters(request)
    page = CappedPaginator(selectors.petition_rows(request.user, f), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "petitions/list.html", {
        "form": form, "page": page, "today": clock.today(),
        "can_create": policy.can(request.user, "petition.create"),
    })


@login_required
def petition_export(request: HttpRequest, fmt: str) -> HttpResponse:
    _form, f = _filters(request)
    rows = list(selectors.petition_list(request.user, f)[:5000])
    stamp = clock.today().strftime("%Y%m%d")
    if fmt == "xlsx":
        data, mime = notices.register_xlsx(rows), XLSX
    elif fmt == "docx":
        unit = f.unit or request.user.unit
        if unit is None:
            raise Http404
        data, mime = notices.register_docx(rows, unit=unit, period=_period_text(f.date_from, f.date_to)), DOCX
    else:
        raise Http404
    name = download_name(_("Sổ đơn thư"), f.unit.name if f.unit else "", f.date_from, f.date_to, stamp, ext=fmt)
    response = HttpResponse(data, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _period_text(start: Any, end: Any) -> str:
    if start and end:
        return _("từ ngày %(a)s đến ngày %(b)s") % {"a": format_date(start), "b": format_date(end)}
    if start:
        return _("từ ngày %(a)s") % {"a": format_date(start)}
    if end:
        return _("đến ngày %(b)s") % {"b": format_date(end)}
    return ""


def _intake_values(d: dict[str, Any]) -> dict[str, Any]:
    person = {k: d.get(k, "") for k in ("full_name", "address", "id_number", "phone", "email")}
    return dict(kind=d["kind"], field=d["field"], unit=d["unit"], channel=d.get("channel", "web"),
                received_on=d.get("received_on"), subject=d["subject"], content=d["content"],
                requested_outcome=d.get("requested_outcome", ""), location=d.get("location", ""),
                petitioners=[person] if person["full_name"] else [],
                files=[d["attachment"]] if d.get("attachment") else [])


PEOPLE_PREFIX = "nguoi"
ADD_ROWS = "them-dong"


def _more_rows(request: HttpRequest) -> list[dict[str, Any]]:
    """The rows typed so far (re-shown after "Thêm dòng"), the empty ones left out."""
    try:
        total = min(int(request.POST.get(f"{PEOPLE_PREFIX}-TOTAL_FORMS", 0)), 200)
    except ValueError:
        total = 0
    rows = []
    for i in range(total):
        row = {k: request.POST.get(f"{PEOPLE_PREFIX}-{i}-{k}", "") for k in PETITIONER_FIELDS}
        row["is_representative"] = bool(row["is_representative"])
        if any(row.values()):
            rows.append(row)
    return rows


@login_required
@once_per_form
def petition_create(request: HttpRequest) -> HttpResponse:
    policy.require(request.user, "petition.create")
    units = policy.visible_units(request.user)
    initial = {"received_on": clock.today(), "unit": request.user.unit_id, "channel": "in_person"}
    if request.method == "POST" and ADD_ROWS in request.POST:
        # Nothing is validated or saved: the page comes back with what was typed and more empty rows.
        form = IntakeForm(initial={k: v for k, v in request.POST.items() if k in IntakeForm.base_fields}, units=units)
        people = PetitionerFormSet(initial=_more_rows(request), prefix=PEOPLE_PREFIX)
        return _intake_page(request, form, people)
    form = IntakeForm(request.POST or None, request.FILES or None, units=units, initial=initial)
    people = PetitionerFormSet(request.POST or None, prefix=PEOPLE_PREFIX)
    if request.method == "POST" and form.is_valid() & people.is_valid():
        d = form.cleaned_data
        petitioners = people.petitioners()
        values = {**_intake_values(d), "petitioners": petitioners}
        flags = {k: d[k] for k in ("is_signed", "is_anonymous", "is_collective", "is_complex", "is_very_complex",
                                   "is_remote", "several_places", "forwarded_by", "forwarding_document")}
        # The representatives are the people ticked in the list: their number is counted, never typed.
        flags["signers_count"] = d["signers_count"] or max(len(petitioners), 1)
        flags["representatives_count"] = sum(1 for x in petitioners if x["is_representative"]) \
            if d["is_collective"] else 0
        try:
            sub = services.submit_petition(actor=request.user, **values, **flags)
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, _("Đã tiếp nhận đơn. Mã hồ sơ: %(code)s — mã bí mật (đưa cho công dân, "
                                        "chỉ hiện một lần): %(secret)s") % {"code": sub.code, "secret": sub.secret})
            return redirect(sub.petition)
    return _intake_page(request, form, people)


def _intake_page(request: HttpRequest, form: IntakeForm, people: Any) -> HttpResponse:
    return render(request, "petitions/intake.html", {
        "form": form, "people": people, "title": _("Tiếp nhận đơn thư"), "back": "/don-thu/",
        "add_rows": ADD_ROWS, "limits": _("Đơn đông người (từ 5 người cùng ký): 5–10 người cử 1–2 người đại diện; "
                                          "trên 10 người cử không quá 5 người (Điều 29 Luật Tiếp công dân 2013).")})


@login_required
def petition_detail(request: HttpRequest, pk: int) -> HttpResponse:
    petition = selectors.petition_for(request.user, pk)
    user = request.user
    show_identity = request.GET.get("danh-tinh") == "1" or petition.kind != Kind.DENUNCIATION
    people = services.identities_for(actor=user, petition=petition, context=_("Trang hồ sơ")) if show_identity \
        else []
    can_see_identity = policy.can(user, "petition.identity", petition)
    deadlines = selectors.deadline_rows(petition)
    can_handle = policy.can(user, "petition.handle", petition)
    # The reception line(s) the case came from: date, kind and session only, never who came.
    receptions = [e for e in selectors.reception_entries_for(petition)
                  if policy.can(user, reception_permissions.VIEW, e.unit)]
    return render(request, "petitions/detail.html", {
        "p": petition,
        "receptions": receptions,
        "deadlines": deadlines,
        "calendar_notices": calendar_notices(petition.received_on, *[row.due for row in deadlines]),
        "people": people,
        "can_see_identity": can_see_identity,
        "identity_log": selectors.identity_log_for(petition)
        if policy.can(user, "petition.identity_log", petition) else None,
        "attachments": selectors.attachments_for(user, petition, revealed=show_identity and can_see_identity),
        "notes": selectors.notes_for(petition),
        "links": selectors.open_links_for(petition),
        "history": history_of(petition),
        "escalations": escalations_for(petition),
        "ratings": selectors.ratings_for(petition),
        **_actions(user, petition, can_handle),
        "can_handle": can_handle,
        "notice_states": services.notice_states(petition) if can_handle else [],
        "can_assign": policy.can(user, "petition.assign", petition),
        "staff_choices": policy.visible_staff(user).filter(unit=petition.handling_unit, is_active=True)
        if can_handle else [],
        "triage_choices": TRIAGE_CHOICES, "reason_choices": REASON_CHOICES, "outcome_choices": OUTCOME_CHOICES,
        "Status": Status,
        "in_triage": petition.status in (Status.RECEIVED, Status.TRIAGED),
        # What apps above petitions add beside the triage form (the triage assistant's suggestions).
        "triage_panels": hooks.triage_panels(user, petition)
        if can_handle and petition.status in (Status.RECEIVED, Status.TRIAGED) else [],
        "in_progress": petition.status in (Status.ACCEPTED, Status.VERIFYING, Status.DIALOGUE),
        "closable": petition.status in (Status.ACCEPTED, Status.VERIFYING, Status.DIALOGUE, Status.RESOLVED,
                                        Status.CONCLUDED, Status.NOTIFIED),
        "today": clock.today(),
    })


VERSIONED_ACTIONS = {"triage", "transition", "extend", "resolve", "close", "assign", "publish", "withdraw"}


def _actions(user: Any, petition: Petition, can_handle: bool) -> dict[str, Any]:
    """The forms a case page offers, the one its state calls for first and the others folded."""
    if not can_handle:
        return {"next_action": None, "other_actions": []}
    status = petition.status
    in_triage = status in (Status.RECEIVED, Status.TRIAGED)
    in_progress = status in (Status.ACCEPTED, Status.VERIFYING, Status.DIALOGUE)
    closable = in_progress or status in (Status.RESOLVED, Status.CONCLUDED, Status.NOTIFIED)
    available = [
        ("triage", in_triage),
        ("triaged", status == Status.RECEIVED),
        ("close", closable),
        ("transition", in_progress),
        ("extend", in_progress),
        ("resume", status == Status.SUSPENDED),
        ("notified", status in (Status.RESOLVED, Status.CONCLUDED)),
        ("appeal", petition.kind == Kind.COMPLAINT_FIRST and status in (Status.NOTIFIED, Status.CLOSED)),
        ("assign", policy.can(user, "petition.assign", petition)),
        ("publish", petition.kind != Kind.DENUNCIATION and bool(petition.answer)
         and status in PUBLISHABLE_STATUSES),
        ("note", True),
        ("attach", True),
        ("notices", True),
    ]
    names = [name for name, shown in available if shown]
    first = None
    if in_triage:
        first = "triage"
    elif status == Status.SUSPENDED:
        first = "resume"
    elif status in (Status.RESOLVED, Status.CONCLUDED):
        first = "notified"
    elif closable:
        # Feedback and recommendations are answered; complaints and denunciations are verified first,
        # unless the answer is due within five days.
        soon = petition.next_due is not None and (petition.next_due - clock.today()).days <= 5
        answered_directly = petition.kind in (Kind.RECOMMENDATION, Kind.FEEDBACK)
        first = "close" if answered_directly or soon or status != Status.ACCEPTED else "transition"
    actions = {name: {"name": name, "template": f"petitions/actions/{name}.html"} for name in names}
    return {"next_action": actions.get(first),
            "other_actions": [a for name, a in actions.items() if name != first]}


@login_required
@require_POST
@once_per_form
def petition_action(request: HttpRequest, pk: int) -> HttpResponse:
    petition = selectors.petition_for(request.user, pk)
    actor, data = request.user, request.POST
    action = data.get("action", "")
    try:
        # Every change of the case's state says which version it was made on (optimistic locking).
        version = posted_version(data) if action in VERSIONED_ACTIONS else None
        if action == "triage":
            services.triage(actor=actor, petition=petition, decision=data.get("decision", ""),
                            reason=data.get("reason", ""), forwarded_to=data.get("forwarded_to", ""),
                            note=data.get("note", ""), version=version)
        elif action == "transition":
            services.transition(actor=actor, petition=petition, to=data.get("to", ""), note=data.get("note", ""),
                                version=version)
        elif action == "extend":
            services.extend(actor=actor, petition=petition, reason=data.get("reason", ""), version=version)
        elif action == "resolve":
            services.resolve(actor=actor, petition=petition, answer=data.get("answer", ""),
                             outcome=data.get("outcome", ""), version=version)
        elif action == "close":
            if data.get("confirm") != "1":
                raise ValidationError(_("Hãy đánh dấu ô xác nhận trước khi kết thúc hồ sơ: "
                                        "sau khi kết thúc không sửa được nội dung trả lời."))
            closed = services.close(actor=actor, petition=petition, answer=data.get("answer", ""),
                                    outcome=data.get("outcome", ""), evidence=request.FILES.get("evidence"),
                                    version=version)
            if data.get("publish") == "1":
                # Closing stands; a refused publication says why and can be done again from the case page.
                services.publish_answer(actor=actor, petition=closed, title=data.get("public_title", ""),
                                        version=closed.version)
        elif action == "publish":
            services.publish_answer(actor=actor, petition=petition, title=data.get("public_title", ""),
                                    version=version)
        elif action == "withdraw":
            services.withdraw_answer(actor=actor, petition=petition, version=version)
        elif action == "assign":
            wanted = [data.get("officer") or 0, data.get("verifier") or 0]
            staff = staff_by_pk(wanted)
            services.assign(actor=actor, petition=petition, officer=staff.get(int(data.get("officer") or 0)),
                            verifier=staff.get(int(data.get("verifier") or 0)), version=version)
        elif action == "note":
            services.add_note(actor=actor, petition=petition, text=data.get("text", ""),
                              is_public=data.get("is_public") == "1")
        elif action == "attach":
            upload = request.FILES.get("file")
            if upload is None:
                raise ValidationError(_("Hãy chọn tệp cần đính kèm."))
            services.add_attachment(actor=actor, petition=petition, upload=upload,
                                    purpose=data.get("purpose", "working"), is_public=data.get("is_public") == "1")
        elif action in ("link_confirm", "link_dismiss"):
            link = selectors.link_or_404(petition, data.get("link"))
            services.decide_link(actor=actor, link=link, confirm=action == "link_confirm")
        elif action == "appeal":
            second = services.appeal(actor=actor, petition=petition)
            messages.success(request, _("Đã tạo hồ sơ khiếu nại lần hai %(code)s.") % {"code": second.code})
            return redirect(second)
        else:
            raise ValidationError(_("Thao tác không hợp lệ."))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Đã cập nhật hồ sơ %(code)s.") % {"code": petition.code})
    return redirect(petition)


@login_required
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    """Files live outside the web root; this is the only way to them, and it asks the policy."""
    att = selectors.attachment_or_404(pk)
    policy.require(request.user, "petition.view", att.petition)
    name = att.original_name
    if att.confidential:
        # The scan shows who denounced: only for who may see that, logged, and under a neutral name.
        services.open_confidential_file(actor=request.user, attachment=att, context=_("Tải tệp bảo mật"))
        name = services.neutral_file_name(att)
    response = FileResponse(att.file.open("rb"), content_type=att.content_type,
                            as_attachment=not att.is_image or att.confidential, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response


def _notice_kind(which: str) -> str:
    if which not in notices.NOTICE_KINDS:
        raise Http404
    return which


@login_required
@once_per_form
def notice_issue(request: HttpRequest, pk: int, which: str) -> HttpResponse:
    """Confirm, then issue a notice: the number is taken from the unit's register and cannot be given back."""
    petition = selectors.petition_for(request.user, pk)
    policy.require(request.user, "petition.handle", petition)
    kind = _notice_kind(which)
    if selectors.issued_notice(petition, kind) is not None:
        return redirect("petitions:notice", pk=petition.pk, which=kind)
    error = services.notice_refusal(petition, kind)
    if request.method == "POST" and error is None:
        try:
            notice = services.issue_notice(actor=request.user, petition=petition, kind=kind)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("Đã phát hành %(kind)s số %(number)s. Bấm “Tải về” để in.") % {
                "kind": notice.get_kind_display().lower(), "number": notice.number_text})
            return redirect(petition)
    issuer = issuer_for(petition.handling_unit)
    if error is None and issuer.leader is None:
        try:
            issuer.require_leader()
        except ValidationError as exc:
            error = " ".join(exc.messages)
    return render(request, "petitions/notice_issue.html", {
        "p": petition, "kind": kind, "kind_label": NoticeKind(kind).label, "error": error, "issuer": issuer,
        "signer_lines": issuer.signer.heading_lines, "year": clock.today().year,
        "type_code": services.NOTICE_TYPE_CODES[NoticeKind(kind)],
    }, status=409 if error and request.method == "POST" else 200)


@login_required
def notice(request: HttpRequest, pk: int, which: str) -> HttpResponse:
    """The issued notice as .docx, the same number on every print; not issued yet: the confirmation page."""
    petition = selectors.petition_for(request.user, pk)
    policy.require(request.user, "petition.handle", petition)
    kind = _notice_kind(which)
    issued = selectors.issued_notice(petition, kind)
    if issued is None:
        return redirect("petitions:notice_issue", pk=petition.pk, which=kind)
    people: list[Any] = []
    if kind != NoticeKind.FORWARDING and (petition.kind != Kind.DENUNCIATION
                                          or policy.can(request.user, "petition.identity", petition)):
        people = services.identities_for(actor=request.user, petition=petition, context=_("In thông báo"))
    response = HttpResponse(notices.notice_docx(issued, people=people), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{notices.notice_filename(issued)}"'
    return response


# --- public pages (no login) ---------------------------------------------------------------------


_SUBMITTED = "petitions:submitted"


@once_per_form
def public_submit(request: HttpRequest) -> HttpResponse:
    """The citizen's form. Post/Redirect/Get: the answer is a page of its own, so F5 files nothing again."""
    choices = selectors.public_choices()
    form = PublicForm(request.POST or None, request.FILES or None, choices=choices) \
        if request.method == "POST" else None
    if form is not None and form.is_valid():
        d = form.cleaned_data
        values = _intake_values({**d, "channel": "web", "received_on": clock.today()})
        try:
            sub = services.submit_petition(actor=None, **values, public_files=False,
                                           defer_suggestions=settings.DANVAN_INTAKE_SUGGESTIONS == "worker")
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            # The secret goes through the session, never a URL, and is shown once.
            request.session[_SUBMITTED] = {"code": sub.code, "secret": sub.secret}
            return redirect("petitions:public_submitted")
    # A session exists before the post, so a double click's second answer finds the first one's result.
    request.session.setdefault("public", True)
    # An empty form is the same for every visitor: its HTML is kept per list version and language.
    shown = form if form is not None and form.is_bound else blank_public_form(choices)
    return render(request, "petitions/public_form.html", {"form": shown, "former_units": choices.former_units})


def public_submitted(request: HttpRequest) -> HttpResponse:
    """The code of the case just filed, and its secret the first time this page is shown."""
    shown = request.session.get(_SUBMITTED)
    if not shown:
        return redirect("petitions:public_submit")
    secret = shown.get("secret", "")
    if secret:
        request.session[_SUBMITTED] = {"code": shown["code"], "secret": ""}
    response = render(request, "petitions/public_submitted.html", {"code": shown["code"], "secret": secret})
    response["Cache-Control"] = "no-store"
    return response


_LOOKUP_LIMIT = 20  # failed look-ups per address per 15 minutes: the secret cannot be guessed online


def _throttle_key(request: HttpRequest) -> str:
    return "petition-track:" + client_ip(request.META, behind_proxy=settings.DANVAN_BEHIND_PROXY)


def _throttled(request: HttpRequest) -> bool:
    return (cache.get(_throttle_key(request)) or 0) >= _LOOKUP_LIMIT


def _count_failure(request: HttpRequest) -> None:
    key = _throttle_key(request)
    cache.set(key, (cache.get(key) or 0) + 1, 15 * 60)


def public_track(request: HttpRequest) -> HttpResponse:
    """Code + secret (POST, so they stay out of URLs and logs) show the public status."""
    form = TrackForm(request.POST or None, initial={"code": request.GET.get("ma", "")[:20]})
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and form.is_valid():
        if _throttled(request):
            form.add_error(None, _("Bạn đã nhập sai quá nhiều lần. Hãy thử lại sau 15 phút."))
            return render(request, "petitions/track.html", context, status=429)
        code, secret = form.cleaned_data["code"], form.cleaned_data["secret"]
        petition = services.find_by_code(code, secret)
        if petition is None:
            _count_failure(request)
            form.add_error(None, _("Không tìm thấy hồ sơ với mã hồ sơ và mã bí mật này. Hãy kiểm tra lại."))
        else:
            rating_form = RatingForm(request.POST if "score" in request.POST else None)
            try:
                if rating_form.is_bound and rating_form.is_valid():
                    services.rate(petition=petition, secret=secret, score=rating_form.cleaned_data["score"],
                                  comment=rating_form.cleaned_data["comment"])
                    context["done"] = _("Cảm ơn bạn đã đánh giá câu trả lời.")
                    rating_form = RatingForm()
                elif request.POST.get("reopen_reason"):
                    services.request_reopen(petition=petition, secret=secret, reason=request.POST["reopen_reason"])
                    context["done"] = _("Đã ghi nhận đề nghị xem xét lại của bạn.")
            except ValidationError as exc:
                for message in exc.messages:
                    rating_form.add_error(None, message)
            petition.refresh_from_db()
            files = [(a, reverse("petitions:public_attachment", args=[services.public_attachment_token(a)]))
                     for a in services.public_attachments(petition)]
            context.update(view=selectors.public_view(petition), rating_form=rating_form, code=petition.code,
                           secret=secret, files=files,
                           file_minutes=services.PUBLIC_FILE_MAX_AGE // 60)
    return render(request, "petitions/track.html", context)


def public_attachment_download(request: HttpRequest, token: str) -> FileResponse:
    """A public file of the answer, from the signed link on the tracking page: no login, never an internal file."""
    att = services.public_attachment_from_token(token)
    if att is None:
        raise Http404
    response = FileResponse(att.file.open("rb"), content_type=att.content_type,
                            as_attachment=not att.is_image, filename=att.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response
