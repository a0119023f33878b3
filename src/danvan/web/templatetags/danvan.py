"""Template filters for Vietnamese display."""

from __future__ import annotations

from datetime import date, datetime

from django import template

from danvan.core.vntext import format_date
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
def vnpercent(value, decimals: int = 2) -> str:
    """89.75 → "89,75 %"; empty for no value."""
    if value is None or value == "":
        return ""
    try:
        text = f"{float(value):.{int(decimals)}f}".rstrip("0").rstrip(".")
    except (ValueError, TypeError):
        return str(value)
    return f"{text.replace('.', ',')} %"
