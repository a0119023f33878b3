"""Reads of the organisation registry, shaped for pages and for other apps.

Every function takes the viewing user and returns only what the policy lets them see, with the
joins done up front so that a page runs a fixed number of queries whatever the row count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext

from danvan.core.vntext import fold, format_date, slug_key
from danvan.org import clock, policy
from danvan.org.models import Level, MobilizationResponsibility, Staff, Unit, UnitKind


def unit_list(user: Any, *, query: str = "", level: str = "", kind: str = "",
              include_expired: bool = True) -> QuerySet[Unit]:
    qs = policy.visible_units(user).select_related("parent").prefetch_related("successors").annotate(
        staff_count=Count("staff"))
    if query:
        qs = qs.search(query)
    if level:
        qs = qs.filter(level=level)
    if kind:
        qs = qs.filter(kind=kind)
    if not include_expired:
        qs = qs.active_on(clock.today())
    return qs.order_by("path")


def unit_detail(unit_id: int) -> Unit:
    return (
        Unit.objects.select_related("parent", "signer")
        .prefetch_related(
            Prefetch("children", queryset=Unit.objects.order_by("kind", "name")),
            Prefetch("staff", queryset=Staff.objects.filter(is_active=True).order_by("role", "full_name")),
            Prefetch("responsibilities", queryset=MobilizationResponsibility.objects.select_related("staff")),
            "successors", "predecessors",
        )
        .get(pk=unit_id)
    )


def ancestors_of(unit: Unit) -> QuerySet[Unit]:
    """The units above ``unit``, from the top down."""
    return Unit.objects.filter(pk__in=unit.ancestor_ids()[:-1]).order_by("path")


def staff_or_404(pk: int) -> Staff:
    return get_object_or_404(Staff.objects.select_related("unit"), pk=pk)


def staff_list(user: Any, *, query: str = "", unit: Unit | None = None, role: str = "") -> QuerySet[Staff]:
    qs = policy.visible_staff(user).select_related("unit").prefetch_related("unit__successors")
    if query:
        for word in fold(query).split():
            qs = qs.filter(search_key__contains=word)
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    if role:
        qs = qs.filter(role=role)
    return qs.order_by("unit__path", "full_name")


def staff_by_pk(pks: Iterable[Any]) -> dict[int, Staff]:
    """The people with these numbers, by number (one query; numbers that name no one are left out)."""
    return {s.pk: s for s in Staff.objects.filter(pk__in=list(pks))}


def history_of(obj: Any, limit: int = 50) -> list[dict[str, Any]]:
    """The object's history, newest first, each entry with the fields that changed (before/after).

    Values are shown as a person reads them: a choice by its label, a person or unit by its name
    (one query per kind of related object, whatever the number of entries), dates dd/mm/yyyy,
    yes/no for booleans. Never a stored code or an id.
    """
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    raw: list[tuple[Any, list[tuple[Any, Any, Any]]]] = []
    wanted: dict[Any, set[Any]] = {}
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous)
            for change in delta.changes:
                field = obj._meta.get_field(change.field)
                if str(getattr(field, "verbose_name", "")) == field.name.replace("_", " "):
                    continue  # a bookkeeping column nobody named for people (a rule id, a cache)
                changes.append((field, change.old, change.new))
                if field.is_relation and field.many_to_one:
                    wanted.setdefault(field.related_model, set()).update(
                        v for v in (change.old, change.new) if v not in (None, ""))
        raw.append((record, changes))
    names: dict[Any, dict[Any, str]] = {}
    for model, ids in wanted.items():
        names[model] = {o.pk: str(o) for o in model._default_manager.filter(pk__in=ids)}
    entries = []
    for record, changes in raw:
        entries.append({"record": record, "changes": [
            {"field": str(getattr(field, "verbose_name", field.name)),
             "old": _history_value(field, old, names), "new": _history_value(field, new, names)}
            for field, old, new in changes]})
    return entries


def _history_value(field: Any, value: Any, names: dict[Any, dict[Any, str]]) -> str:
    if value is None or value == "":
        return "—"
    if field.is_relation and field.many_to_one:
        return names.get(field.related_model, {}).get(value) or gettext("(đã xóa)")
    if getattr(field, "flatchoices", None):
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return gettext("Có") if value else gettext("Không")
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if timezone.is_aware(value) \
            else value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_plain(v)}" for k, v in value.items()) or "—"
    if isinstance(value, list | tuple):
        return ", ".join(_plain(v) for v in value) or "—"
    return str(value)


def _plain(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_plain(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(_plain(v) for v in value)
    return "—" if value is None else str(value)


# --- resolving unit names written in documents ------------------------------------------------

_GENERIC = {"cac don vi co lien quan", "cac don vi lien quan", "cac co quan lien quan", "cac don vi"}
_PREFIXES = ("giao ", "truong ", "chu tich ", "thu truong ", "lanh dao ")


def resolve_unit_text(text: str, *, committee: Unit | None = None) -> Unit | list[Unit] | None:
    """Resolve a unit as a document names it ("phòng Nội vụ", "Phòng NV", "các phường").

    Returns one unit, a list (for "các phường" or "11 phường": every ward of the committee), or
    None when the text names no single registry unit or is generic ("các đơn vị có liên quan").
    """
    key = slug_key(text)
    for prefix in _PREFIXES:
        if key.startswith(prefix):
            key = key[len(prefix):]
    key = re.sub(r"\b(quan|huyen|thanh pho|tp)$", "", key).strip() if key.startswith(("phong", "van phong")) else key
    if not key or key in _GENERIC:
        return None
    scope = Unit.objects.all()
    if committee is not None:
        scope = scope.filter(path__startswith=committee.path)
    if re.fullmatch(r"(ubnd )?(cac|\d+) (phuong|xa|phuong xa|xa phuong)", key):
        if committee is None:
            return None
        return list(scope.filter(parent=committee, kind=UnitKind.COMMITTEE, level=Level.COMMUNE).order_by("name"))
    if re.fullmatch(r"cac phong ban( chuyen mon)?|cac phong", key):
        if committee is None:
            return None
        return list(scope.filter(kind__in=[UnitKind.DEPARTMENT, UnitKind.OFFICE], parent=committee))
    if re.fullmatch(r"cac don vi su nghiep.*", key):
        return list(scope.filter(kind=UnitKind.PUBLIC_SERVICE_UNIT, parent=committee)) if committee else None
    candidates = scope.filter(search_key__contains=key.split()[0]).only(
        "pk", "name", "short_name", "aliases", "code", "path", "kind", "level", "parent_id")
    exact = []
    for unit in candidates:
        names = {slug_key(unit.name), slug_key(unit.short_name), *(slug_key(a) for a in unit.alias_list())}
        names.discard("")
        if key in names:
            exact.append(unit)
    if len(exact) == 1:
        return exact[0]
    return None
