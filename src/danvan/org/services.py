"""Writes to the organisation registry: one function per use case, each in one transaction.

Each action checks the permission policy when an ``actor`` is given (``None`` means the system:
the demo loader, a migration), normalises text to NFC, records who changed what in history, and
refuses a stale edit (optimistic locking on ``version``) instead of silently overwriting it.
"""

from __future__ import annotations

import secrets
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import CharField, F, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _

from danvan.core.vntext import clean_text
from danvan.org import policy
from danvan.org.audit import StaleEditError  # noqa: F401  (raised by services, caught by callers)
from danvan.org.audit import check_version as _check_version
from danvan.org.audit import record_change as _history
from danvan.org.models import Level, MobilizationResponsibility, Role, Staff, Unit, UnitKind, UnitSuccession

UNIT_FIELDS = ("code", "name", "short_name", "aliases", "level", "kind", "parent", "address", "phone",
               "email", "valid_from", "valid_to", "place_name", "signer")
STAFF_FIELDS = ("full_name", "unit", "position", "role", "phone", "email", "is_active")



def _clean_unit_values(values: dict[str, Any]) -> dict[str, Any]:
    for key in ("name", "short_name", "address", "phone", "place_name"):
        if key in values:
            values[key] = clean_text(values[key])
    if "aliases" in values:
        values["aliases"] = clean_text(values["aliases"], multiline=True)
    if "code" in values:
        values["code"] = clean_text(values["code"]).lower()
    return values


def _validate_unit(unit: Unit) -> None:
    errors: dict[str, str] = {}
    if not unit.name:
        errors["name"] = _("Hãy nhập tên đơn vị.")
    if unit.level not in Level.values:
        errors["level"] = _("Cấp “%(v)s” không hợp lệ; chọn một trong: %(c)s.") % {
            "v": unit.level, "c": ", ".join(Level.values)}
    if unit.kind not in UnitKind.values:
        errors["kind"] = _("Loại đơn vị “%(v)s” không hợp lệ; chọn một trong: %(c)s.") % {
            "v": unit.kind, "c": ", ".join(UnitKind.values)}
    if unit.valid_from and unit.valid_to and unit.valid_to < unit.valid_from:
        errors["valid_to"] = _("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.")
    if unit.parent_id and unit.pk and unit.parent.is_within(unit):
        errors["parent"] = _("Không thể đặt đơn vị làm cấp dưới của chính nó.")
    if errors:
        raise ValidationError(errors)
    unit.full_clean(exclude=["parent", "path", "search_key"], validate_unique=True)


def _set_path(unit: Unit) -> None:
    """Recompute the materialised path of ``unit`` and, if it moved, of its whole subtree."""
    old = unit.path
    new = f"{unit.parent.path if unit.parent_id else '/'}{unit.pk}/"
    if old == new:
        return
    depth = new.count("/") - 2
    Unit.objects.filter(pk=unit.pk).update(path=new, depth=depth)
    unit.path, unit.depth = new, depth
    if old:
        # Descendants keep their own tail; only the prefix changes, in one UPDATE however large the
        # subtree (path and depth are derived columns, not in history).
        Unit.objects.filter(path__startswith=old).exclude(pk=unit.pk).update(
            path=Concat(Value(new), Substr("path", len(old) + 1), output_field=CharField()),
            depth=F("depth") + (depth - old.count("/") + 2),
        )


@transaction.atomic
def create_unit(*, actor: Staff | None, code: str, name: str, level: str, kind: str,
                parent: Unit | None = None, short_name: str = "", aliases: str = "", address: str = "",
                phone: str = "", email: str = "", valid_from: date | None = None,
                valid_to: date | None = None, place_name: str = "", signer: Staff | None = None) -> Unit:
    if actor is not None:
        policy.require(actor, "unit.change", parent)
    values = _clean_unit_values(dict(code=code, name=name, short_name=short_name, aliases=aliases,
                                     address=address, phone=phone, place_name=place_name))
    unit = Unit(level=level, kind=kind, parent=parent, email=email, valid_from=valid_from,
                valid_to=valid_to, signer=signer, **values)
    _validate_unit(unit)
    unit.refresh_search_key()
    _history(unit, actor, _("Tạo đơn vị"))
    unit.save()
    _set_path(unit)
    return unit


@transaction.atomic
def update_unit(*, actor: Staff | None, unit: Unit, version: int | None = None, reason: str = "",
                **changes: Any) -> Unit:
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if actor is not None:
        policy.require(actor, "unit.change", unit)
        if "parent" in changes and changes["parent"] is not None:
            policy.require(actor, "unit.change", changes["parent"])
    _check_version(unit, version)
    unknown = set(changes) - set(UNIT_FIELDS)
    if unknown:
        raise ValueError(f"Unknown unit fields: {sorted(unknown)}")
    for key, value in _clean_unit_values(changes).items():
        setattr(unit, key, value)
    _validate_unit(unit)
    unit.refresh_search_key()
    unit.version += 1
    _history(unit, actor, reason or _("Sửa thông tin đơn vị"))
    unit.save()
    _set_path(unit)
    return unit


@transaction.atomic
def add_succession(*, actor: Staff | None, predecessor: Unit, successor: Unit, effective_on: date,
                   note: str = "") -> UnitSuccession:
    """Record that ``successor`` took over (part of) ``predecessor``'s work from ``effective_on``.

    The predecessor's validity ends the day before, unless it already ends earlier.
    """
    if actor is not None:
        policy.require(actor, "unit.change", predecessor)
    if predecessor.pk == successor.pk:
        raise ValidationError(_("Một đơn vị không thể kế thừa chính nó."))
    link, _created = UnitSuccession.objects.get_or_create(
        predecessor=predecessor, successor=successor,
        defaults={"effective_on": effective_on, "note": clean_text(note)},
    )
    last_day = date.fromordinal(effective_on.toordinal() - 1)
    if predecessor.valid_to is None or predecessor.valid_to > last_day:
        update_unit(actor=None, unit=predecessor, valid_to=last_day,
                    reason=_("Hết hiệu lực do sắp xếp, kế thừa bởi %(s)s") % {"s": successor.name})
    return link


def _clean_staff_values(values: dict[str, Any]) -> dict[str, Any]:
    for key in ("full_name", "position", "phone", "email"):
        if key in values and values[key] is not None:
            values[key] = clean_text(values[key])
    return values


def _validate_staff(staff: Staff) -> None:
    errors: dict[str, str] = {}
    if not staff.full_name:
        errors["full_name"] = _("Hãy nhập họ và tên.")
    if staff.role not in Role.values:
        errors["role"] = _("Vai trò “%(v)s” không hợp lệ; chọn một trong: %(c)s.") % {
            "v": staff.role, "c": ", ".join(Role.values)}
    if staff.role != Role.ADMINISTRATOR and staff.unit_id is None:
        errors["unit"] = _("Hãy chọn đơn vị công tác của cán bộ.")
    if errors:
        raise ValidationError(errors)
    staff.full_clean(exclude=["password", "search_key"], validate_unique=True)


@transaction.atomic
def create_staff(*, actor: Staff | None, username: str, full_name: str, unit: Unit | None, role: str = Role.OFFICER,
                 position: str = "", email: str = "", phone: str = "", password: str | None = None) -> Staff:
    staff = Staff(username=clean_text(username).lower(), role=role, unit=unit,
                  **_clean_staff_values(dict(full_name=full_name, position=position, email=email, phone=phone)))
    if actor is not None:
        policy.require(actor, "staff.change", staff)
        if role == Role.ADMINISTRATOR and not policy.is_administrator(actor):
            raise ValidationError({"role": _("Chỉ quản trị hệ thống mới được cấp vai trò quản trị.")})
    staff.is_staff = role == Role.ADMINISTRATOR
    if password:
        staff.set_password(password)
    else:
        staff.set_unusable_password()
    _validate_staff(staff)
    staff.refresh_search_key()
    _history(staff, actor, _("Tạo tài khoản cán bộ"))
    staff.save()
    return staff


@transaction.atomic
def update_staff(*, actor: Staff | None, staff: Staff, version: int | None = None, reason: str = "",
                 **changes: Any) -> Staff:
    staff = Staff.objects.select_for_update().get(pk=staff.pk)
    if actor is not None:
        policy.require(actor, "staff.change", staff)
    _check_version(staff, version)
    unknown = set(changes) - set(STAFF_FIELDS)
    if unknown:
        raise ValueError(f"Unknown staff fields: {sorted(unknown)}")
    for key, value in _clean_staff_values(changes).items():
        setattr(staff, key, value)
    if actor is not None:
        # The new unit must be one the actor may manage too: no moving staff out of reach.
        policy.require(actor, "staff.change", staff)
    staff.is_staff = staff.role == Role.ADMINISTRATOR or staff.is_superuser
    _validate_staff(staff)
    staff.refresh_search_key()
    staff.version += 1
    _history(staff, actor, reason or _("Sửa thông tin cán bộ"))
    staff.save()
    return staff


@transaction.atomic
def issue_temporary_password(*, actor: Staff | None, staff: Staff) -> str:
    """Give an account a new random password to hand to its owner, who must change it after logging in.

    This is how Internal Affairs brings imported staff online without e-mail: the password is
    shown once to the coordinator and never stored in clear.
    """
    if actor is not None:
        policy.require(actor, "staff.change", staff)
    password = "-".join(secrets.token_hex(2) for _part in range(3))
    staff.set_password(password)
    _history(staff, actor, _("Cấp mật khẩu tạm thời"))
    staff.save()
    return password


@transaction.atomic
def assign_responsibility(
    *, actor: Staff | None, unit: Unit, staff: Staff, valid_from: date, valid_to: date | None = None,
    title: str = "", decision: str = "",
) -> MobilizationResponsibility:
    """Put ``staff`` in charge of the unit's mass-mobilisation work; the previous holder's term ends."""
    if actor is not None:
        policy.require(actor, "responsibility.change", unit)
    if valid_to and valid_to < valid_from:
        raise ValidationError({"valid_to": _("Ngày kết thúc phải sau ngày bắt đầu.")})
    if staff.unit_id is None or not staff.unit.is_within(unit.committee() or unit):
        raise ValidationError({"staff": _("Người phụ trách phải là cán bộ thuộc đơn vị hoặc cấp ủy ban của đơn vị.")})
    last_day = date.fromordinal(valid_from.toordinal() - 1)
    for current in MobilizationResponsibility.objects.select_for_update().filter(
        unit=unit, valid_to__isnull=True, valid_from__lt=valid_from,
    ):
        current.valid_to = last_day
        _history(current, actor, _("Kết thúc phân công khi giao cho người khác"))
        current.save()
    item = MobilizationResponsibility(
        unit=unit, staff=staff, valid_from=valid_from, valid_to=valid_to,
        title=clean_text(title) or "Phụ trách công tác dân vận", decision=clean_text(decision),
    )
    _history(item, actor, _("Phân công phụ trách công tác dân vận"))
    item.save()
    return item
