"""Vietnamese first (the interface language is the user's explicit choice, never the browser's
guess), and text that cannot be stored is refused before any view runs.

Government computers often run an English-language browser; Django's LocaleMiddleware would then
serve English to officers who never asked for it. Here only the language cookie set by the
language menu switches away from Vietnamese.
"""

from __future__ import annotations

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils import translation

from danvan.core.vntext import UnstorableText, check_storable
from danvan.org.audit import unstorable_message


class LanguageMiddleware(LocaleMiddleware):
    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class UnstorableTextMiddleware:
    """Text that no database can hold is refused at the door, whatever view it was sent to.

    Every value of the query string and the form (and every uploaded file's name) is checked before
    the view runs; text that reaches a service another way (a file read by the server, the command
    line) is checked by ``clean_text`` itself, and that refusal is answered here the same way. The
    answer is a page that says what to fix; nothing has been written.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        try:
            for data in (request.GET, request.POST):
                for key, values in data.lists():
                    check_storable(key)
                    for value in values:
                        check_storable(value)
            for upload in request.FILES.values():
                check_storable(upload.name)
        except UnstorableText as exc:
            return refusal(request, exc)
        return None

    def process_exception(self, request, exception):
        if isinstance(exception, UnstorableText):
            return refusal(request, exception)
        return None


def refusal(request, exc: UnstorableText):
    if request.path.startswith(("/api/", "/open311/")):
        # Programs read the refusal in their own format: the API's error body, Open311's error list.
        from django.http import JsonResponse

        message = str(unstorable_message(exc))
        if request.path.startswith("/open311/"):
            return JsonResponse([{"code": 400, "description": message}], safe=False, status=400)
        return JsonResponse({"code": "unstorable_text", "message": message, "fields": {}}, status=400)
    return render(request, "web/unstorable.html", {"message": unstorable_message(exc)}, status=400)
