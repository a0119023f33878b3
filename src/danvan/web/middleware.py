"""Vietnamese first: the interface language is the user's explicit choice, never the browser's guess.

Government computers often run an English-language browser; Django's LocaleMiddleware would then
serve English to officers who never asked for it. Here only the language cookie set by the
language menu switches away from Vietnamese.
"""

from __future__ import annotations

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class LanguageMiddleware(LocaleMiddleware):
    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
