"""One-time form tokens: every "create" form posts once, whatever the user's fingers do.

A create form carries ``{% once_token %}`` (a hidden random token) and its view is wrapped in
:func:`once_per_form`. The first post with a token records it, runs the view and remembers where
the view redirected (Post/Redirect/Get). Any later post with the same token — a double click, a
refresh of a page that was the answer to a post, a retry after a lost connection — is redirected
to that same result and creates nothing. A post that fails validation forgets its token, so the
corrected form (which carries a fresh token) can be sent again.

The token is a database row with a unique key, so two posts that arrive at the same moment on two
worker processes still make one record: the second waits for the first to finish.
"""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any

from django.contrib import messages
from django.db import IntegrityError, connection, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.org.models import FormSubmission

FIELD = "once"
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
KEEP = timedelta(days=2)  # a token older than this is forgotten; no one refreshes a form for two days
WAIT_SECONDS = 10.0  # how long a duplicate post waits for the first one's result


def new_token() -> str:
    return secrets.token_urlsafe(24)


def _owner(request: HttpRequest) -> str:
    user = getattr(request, "user", None)
    return f"u{user.pk}" if user is not None and user.is_authenticated else ""


def _forget_old() -> None:
    FormSubmission.objects.filter(created_at__lt=timezone.now() - KEEP).delete()


def _answer_duplicate(request: HttpRequest, token: str) -> HttpResponse:
    """The form was posted before: send the user where the first post went, once it has finished."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        row = FormSubmission.objects.filter(token=token).first()
        if row is None or row.owner != _owner(request):
            # The first post failed and forgot the token, or the token is someone else's: show the form again.
            messages.warning(request, _("Biểu mẫu đã hết hiệu lực. Hãy kiểm tra rồi gửi lại."))
            return redirect(request.get_full_path())
        if row.result_url:
            messages.info(request, _("Biểu mẫu này đã được gửi trước đó; không có bản ghi nào được tạo thêm. "
                                     "Đây là kết quả của lần gửi đó."))
            return redirect(row.result_url)
        if time.monotonic() > deadline:
            messages.info(request, _("Biểu mẫu này đang được xử lý. Hãy tải lại trang sau ít giây, "
                                     "đừng gửi lại."))
            return redirect(request.get_full_path())
        time.sleep(0.2)


def _claim(token: str, owner: str) -> None:
    """Record the token; IntegrityError when a post with it came first.

    Outside a transaction (a view's usual case) the INSERT alone, atomic by itself: BEGIN and COMMIT
    around it would be two round trips more on every filing. Inside one, a savepoint, so a refused
    INSERT leaves the outer transaction usable.
    """
    if connection.in_atomic_block:
        with transaction.atomic():
            FormSubmission.objects.create(token=token, owner=owner)
    else:
        FormSubmission.objects.create(token=token, owner=owner)


def once_per_form(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wrap a view whose POST creates something, so that one form makes one record.

    A POST without a token (an API client, a test) runs the view as it is.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        token = request.POST.get(FIELD, "") if request.method == "POST" else ""
        if not token or not _TOKEN.match(token):
            return view(request, *args, **kwargs)
        try:
            _claim(token, _owner(request))
        except IntegrityError:
            return _answer_duplicate(request, token)
        try:
            response = view(request, *args, **kwargs)
        except BaseException:
            FormSubmission.objects.filter(token=token).delete()
            raise
        if response.status_code in (301, 302, 303) and response.get("Location"):
            FormSubmission.objects.filter(token=token).update(result_url=response["Location"][:500])
        else:
            FormSubmission.objects.filter(token=token).delete()
        if secrets.randbelow(100) == 0:
            _forget_old()
        return response

    return wrapper
