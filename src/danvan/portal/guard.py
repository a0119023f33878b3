"""The portal's door: abuse limits without outside services, and caching headers for a public site.

Applies to every path under ``/cong-thong-tin/`` (the portal's own pages and the citizens' form and
tracking pages that petitions serves there):

- request size: a post larger than ``DANVAN_PORTAL_MAX_POST_MB`` is refused before it is read;
- rate limits per client address in the shared cache (all workers count together): filed cases
  per hour, tracking look-ups and page views per window; over the limit, a Vietnamese page and
  ``Retry-After``;
- a honeypot: the public form carries a field people never see or fill; a post that fills it is
  refused and saves nothing;
- caching: the portal's pages are ``public, max-age`` with ``Vary: Cookie`` (the language choice);
  the form, the tracking page and files are ``private, no-store`` (they show a code and secret or
  the citizen's own case). Pages served to a logged-in officer become ``private, no-store`` in
  ``web.security`` whatever is set here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _

from danvan.core.net import client_ip

PREFIX = "/cong-thong-tin/"
HONEYPOT = "website"


@dataclass(frozen=True)
class Limit:
    bucket: str
    count: int
    seconds: int


def limits() -> dict[str, Limit]:
    return {
        "submit": Limit("submit", settings.DANVAN_PORTAL_SUBMIT_PER_HOUR, 3600),
        "track": Limit("track", settings.DANVAN_PORTAL_TRACK_PER_WINDOW, 15 * 60),
        "page": Limit("page", settings.DANVAN_PORTAL_PAGES_PER_WINDOW, 5 * 60),
    }


def _key(request: HttpRequest, limit: Limit) -> str:
    return f"portal-{limit.bucket}:" + client_ip(request.META, behind_proxy=settings.DANVAN_BEHIND_PROXY)


def over(request: HttpRequest, limit: Limit) -> bool:
    return (cache.get(_key(request, limit)) or 0) >= limit.count


def count(request: HttpRequest, limit: Limit) -> None:
    key = _key(request, limit)
    if not cache.add(key, 1, limit.seconds):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, limit.seconds)


def _refused(request: HttpRequest, status: int, message: str, retry: int | None = None) -> HttpResponse:
    response = render(request, "portal/refused.html", {"message": message}, status=status)
    if retry:
        response["Retry-After"] = str(retry)
    return response


def _path_of(name: str) -> str:
    from django.urls import reverse

    return reverse(name)


class PortalMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(PREFIX):
            return self.get_response(request)
        response = self._refusal(request)
        if response is None:
            response = self.get_response(request)
            if request.method == "POST" and request.path == _path_of("petitions:public_submit") \
                    and response.status_code == 302:
                count(request, limits()["submit"])
        self._headers(request, response)
        return response

    def _refusal(self, request: HttpRequest) -> HttpResponse | None:
        lim = limits()
        if request.method == "POST":
            try:
                size = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                size = 0
            if size > settings.DANVAN_PORTAL_MAX_POST_MB * 1024 * 1024:
                mb = settings.DANVAN_PORTAL_MAX_POST_MB
                return _refused(request, 413, _("Nội dung gửi quá lớn (tối đa %(mb)s MB cả tệp đính kèm). Hãy bớt "
                                                "tệp hoặc chọn ảnh nhỏ hơn.") % {"mb": mb})
            if request.path == _path_of("petitions:public_submit"):
                if over(request, lim["submit"]):
                    return _refused(request, 429, _("Từ địa chỉ mạng này đã gửi nhiều đơn trong một giờ. Hãy thử "
                                                    "lại sau, hoặc gọi điện, đến nơi tiếp công dân."), 3600)
                if request.POST.get(HONEYPOT):
                    return _refused(request, 400, _("Không gửi được đơn. Hãy tải lại trang và gửi lại; không điền "
                                                    "ô “Để trống ô này”."))
            else:
                if over(request, lim["track"]):
                    return _refused(request, 429, _("Bạn đã tra cứu quá nhiều lần. Hãy thử lại sau 15 phút."), 900)
                count(request, lim["track"])
        else:
            if over(request, lim["page"]):
                return _refused(request, 429, _("Bạn đã mở quá nhiều trang trong thời gian ngắn. Hãy thử lại sau "
                                                "ít phút."), 300)
            count(request, lim["page"])
        return None

    def _headers(self, request: HttpRequest, response: HttpResponse) -> None:
        match = getattr(request, "resolver_match", None)
        private = match is None or match.namespace != "portal" or request.method != "GET" \
            or response.status_code not in (200, 301, 302, 404)
        if private:
            response["Cache-Control"] = "private, no-store"
            return
        max_age = settings.DANVAN_PORTAL_MAX_AGE if response.status_code == 200 else 60
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, public=True, max_age=max_age)
        patch_vary_headers(response, ("Cookie",))
