"""``{% after_closing_panels %}``: the panels other apps add to the tracking page of a closed case.

The tag reads ``code`` and ``secret`` from the page (present only after the citizen opened the
case with both), so a panel never appears to someone who knows only the code.
"""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from danvan.petitions import hooks
from danvan.petitions.services import find_by_code

register = template.Library()


@register.simple_tag(takes_context=True)
def after_closing_panels(context: template.Context) -> SafeString:
    code, secret = context.get("code"), context.get("secret")
    if not code or not secret or not hooks.has_after_closing():
        return mark_safe("")
    found = hooks.after_closing(find_by_code(str(code), str(secret)))
    return mark_safe("".join(found))
