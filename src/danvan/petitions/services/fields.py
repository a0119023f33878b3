"""Petition fields (lĩnh vực) kept by administrators."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core.vntext import clean_text
from danvan.org import policy
from danvan.org.audit import record_change as _history
from danvan.org.models import Staff
from danvan.petitions.models import OPEN_STATUSES, Field


@transaction.atomic
def save_field(*, actor: Staff | None, field: Field | None = None, **values: Any) -> Field:
    if actor is not None:
        policy.require(actor, "petition.field.change")
    field = field or Field()
    for key in ("code", "name"):
        if key in values:
            values[key] = clean_text(values[key])
    for key, value in values.items():
        setattr(field, key, value)
    field.full_clean()
    _history(field, actor, _("Sửa lĩnh vực"))
    field.save()
    return field


def open_statuses() -> tuple[str, ...]:
    return tuple(OPEN_STATUSES)
