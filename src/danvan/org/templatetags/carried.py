"""``{% carried_from obj %}``: on a record's page, where it came from when a reorganisation
handed it over (the moves of ``CarryOverRun``), with a link to the unit and to the report."""

from __future__ import annotations

from typing import Any

from django import template
from django.contrib.contenttypes.models import ContentType

from danvan.org.models import CarryOverMove

register = template.Library()


@register.inclusion_tag("org/_carried_from.html")
def carried_from(obj: Any) -> dict[str, Any]:
    if obj is None or getattr(obj, "pk", None) is None:
        return {"moves": []}
    moves = list(CarryOverMove.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)
                 .select_related("from_unit", "to_unit", "run").order_by("run__applied_at", "position"))
    return {"moves": moves}


@register.inclusion_tag("org/_carried_from.html")
def carried_from_all(objects: Any) -> dict[str, Any]:
    """The same note for the rows of a list on one page (a dialogue's commitments), in one query."""
    objects = [o for o in objects if getattr(o, "pk", None) is not None]
    if not objects:
        return {"moves": []}
    moves = list(CarryOverMove.objects.filter(content_type=ContentType.objects.get_for_model(objects[0]),
                                              object_id__in=[o.pk for o in objects])
                 .select_related("from_unit", "to_unit", "run").order_by("run__applied_at", "position"))
    return {"moves": moves, "with_label": True}
