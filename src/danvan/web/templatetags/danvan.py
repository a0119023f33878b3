"""Template filters for Vietnamese display."""

from __future__ import annotations

import re
from datetime import date, datetime

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext

from danvan.core.vntext import format_date, format_size
from danvan.org import clock, policy
from danvan.reporting.values import format_number

register = template.Library()


@register.filter
def vndate(value: date | datetime | None) -> str:
    """dd/mm/yyyy whatever the interface language."""
    if isinstance(value, datetime):
        value = value.date()
    return format_date(value)


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (for pagination links)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        params[key] = value
    return params.urlencode()


@register.filter
def vnnumber(value) -> str:
    """1234 → "1.234", 1234.5 → "1.234,5" (Vietnamese separators); empty for no value."""
    if value is None or value == "":
        return ""
    try:
        return format_number(value)
    except (ArithmeticError, ValueError, TypeError):
        return str(value)


@register.filter
def upto(value, cap: int):
    """A count that stops at ``cap`` (``cap + 1`` means more): the number, or "hơn 1.000" above the cap."""
    if value is None or value == "" or int(value) <= int(cap):
        return value
    return gettext("hơn %(cap)s") % {"cap": number_format(int(cap), force_grouping=True)}


@register.filter
def vnpercent(value, decimals: int = 2) -> str:
    """89.75 → "89,75 %"; empty for no value."""
    if value is None or value == "":
        return ""
    try:
        text = f"{float(value):.{int(decimals)}f}".rstrip("0").rstrip(".")
    except (ValueError, TypeError):
        return str(value)
    return f"{text.replace('.', ',')} %"


_TO_VERIFY = re.compile(r"\s*\(cần kiểm tra[^()]*\)|,?\s*cần kiểm tra\b")


@register.filter
def for_reader(text: str, user) -> str:
    """A legal source or explanation as this user should read it: the "(cần kiểm tra)" marks on
    rules awaiting verification are a note for administrators, not for officers or citizens."""
    if not text or policy.is_administrator(user):
        return text
    return _TO_VERIFY.sub("", str(text))


@register.filter
def is_administrator(user) -> bool:
    return policy.is_administrator(user)


@register.inclusion_tag("org/unit_name.html", takes_context=True)
def unit_name(context, unit, link: bool = True, badge_only: bool = False) -> dict:
    """A unit's name, and for a unit that no longer exists a text badge and its successors.

    Lists prefetch ``successors`` so that this costs no query per row; where a list could not
    (rows built from several querysets), the successors of each former unit are looked up once per
    page, so the cost grows with the number of former units shown, never with the rows.
    """

    abolished = bool(unit is not None and unit.valid_to is not None and unit.valid_to < clock.today())
    successors: list = []
    if abolished:
        if "successors" in getattr(unit, "_prefetched_objects_cache", {}):
            successors = list(unit.successors.all())
        else:
            known = context.render_context.get("danvan_successors")
            if known is None:
                known = context.render_context["danvan_successors"] = {}
            if unit.pk not in known:
                known[unit.pk] = list(unit.successors.all())
            successors = known[unit.pk]
    return {"unit": unit, "link": link, "abolished": abolished, "badge_only": badge_only, "successors": successors}


@register.filter
def lower_first(text: str) -> str:
    """"Phường Thanh Xuân" → "phường Thanh Xuân", as written in the middle of a sentence."""
    text = str(text or "")
    return text[:1].lower() + text[1:]


@register.filter
def size(value) -> str:
    """A file size: "30 MB", "1,5 MB", "820 KB"."""
    try:
        return format_size(int(value))
    except (TypeError, ValueError):
        return ""


@register.filter
def nfc(text) -> str:
    """Text in composed form (NFC), as everything danvan stores: Django's own language names are not."""
    import unicodedata

    return unicodedata.normalize("NFC", str(text or ""))
