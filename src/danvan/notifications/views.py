"""Pages: my notifications (opening the list marks them read), one notification, my e-mail choice."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from danvan.notifications import selectors, services
from danvan.notifications.forms import PreferenceForm
from danvan.org.paging import CappedPaginator

PER_PAGE = 30


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    unread_only = request.GET.get("chua-doc") == "1"
    paginator = CappedPaginator(selectors.notifications_for(request.user, unread_only=unread_only), PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    rows = list(page.object_list)
    unread_ids = {n.pk for n in rows if n.read_at is None}
    services.mark_read(actor=request.user, notifications=rows)  # seen now; shown as new this once
    return render(request, "notifications/list.html", {
        "page": page, "paginator": paginator, "rows": rows, "unread_ids": unread_ids, "unread_only": unread_only,
        "notifications_unread": selectors.unread_count(request.user),
    })


@login_required
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Follow a notification to its record (marking it read); another person's notification is a 404."""
    notification = selectors.notification_for(request.user, pk)
    services.mark_read(actor=request.user, notifications=[notification])
    target = notification.url
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("notifications:list")


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    count = services.mark_all_read(actor=request.user)
    said = ngettext("Đã đánh dấu %(n)d thông báo là đã đọc.", "Đã đánh dấu %(n)d thông báo là đã đọc.", count)
    messages.success(request, said % {"n": count})
    return redirect("notifications:list")


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    form = PreferenceForm(request.POST or None, initial={"email_mode": selectors.email_mode(request.user)})
    if request.method == "POST" and form.is_valid():
        services.set_email_mode(actor=request.user, email_mode=form.cleaned_data["email_mode"])
        messages.success(request, _("Đã lưu cách nhận thông báo."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form, "has_email": bool(request.user.email)})
