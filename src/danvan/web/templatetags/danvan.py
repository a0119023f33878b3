"""Template filters for Vietnamese display."""

from __future__ import annotations

from datetime import date, datetime

from django import template

from danvan.core.vntext import format_date

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
