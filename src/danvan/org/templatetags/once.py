"""``{% once_token %}``: the hidden one-time token of a create form (see ``danvan.org.once``)."""

from django import template
from django.utils.html import format_html

from danvan.org.once import FIELD, new_token

register = template.Library()


@register.simple_tag
def once_token() -> str:
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_token())
