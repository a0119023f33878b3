"""Every write of the api app: make a key (shown once), revoke it, record its use."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from danvan.api.models import ApiKey, Scope
from danvan.core.vntext import clean_text, fold
from danvan.org import clock, policy
from danvan.org.audit import record_change
from danvan.org.models import Role, Staff, Unit

KEY_PREFIX = "dv"
MANAGE = "api.key.manage"


def digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@dataclass(frozen=True)
class NewKey:
    """The key as made: ``raw`` is shown once and never stored."""

    key: ApiKey
    raw: str


def _system_account(name: str, unit: Unit | None) -> Staff:
    """The account a key acts as when no person is named: an officer of ``unit`` who cannot log in."""
    base = "api-" + (slugify(fold(name)) or "he-thong")[:40]
    username, n = base, 1
    while Staff.objects.filter(username=username).exists():
        n += 1
        username = f"{base}-{n}"
    staff = Staff(username=username, full_name=_("Hệ thống %(name)s (API)") % {"name": name}, unit=unit,
                  role=Role.OFFICER, position=_("Tài khoản kết nối hệ thống"))
    staff.set_unusable_password()
    staff.refresh_search_key()
    record_change(staff, None, _("Tạo tài khoản cho khóa API"))
    staff.save()
    return staff


@transaction.atomic
def create_key(*, actor: Staff | None, name: str, unit: Unit | None = None, scopes: list[str] | None = None,
               staff: Staff | None = None) -> NewKey:
    """Make a key for another system. It acts as ``staff`` (a new system account of ``unit`` when not
    given), never as an administrator, and only within ``unit`` when one is given."""
    if actor is not None:
        policy.require(actor, MANAGE)
    name = clean_text(name)
    scopes = sorted(set(scopes or [Scope.READ]))
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = _("Hãy đặt tên cho khóa (tên hệ thống sẽ dùng khóa).")
    unknown = [s for s in scopes if s not in Scope.values]
    if unknown:
        errors["scopes"] = _("Quyền không có: %(bad)s. Các quyền: %(all)s.") % {
            "bad": ", ".join(unknown), "all": ", ".join(Scope.values)}
    if staff is not None:
        if policy.is_administrator(staff):
            errors["staff"] = _("Khóa API không được dùng tài khoản quản trị hệ thống: hãy chọn một cán bộ.")
        elif not staff.is_active:
            errors["staff"] = _("Tài khoản %(name)s đang bị khóa.") % {"name": staff.full_name}
        elif unit is not None and not policy.in_scope(staff, unit):
            errors["unit"] = _("Đơn vị %(unit)s nằm ngoài phạm vi của %(name)s.") % {
                "unit": unit.name, "name": staff.full_name}
    if errors:
        raise ValidationError(errors)
    if staff is None:
        staff = _system_account(name, unit)
    prefix = secrets.token_hex(4)
    while ApiKey.objects.filter(prefix=prefix).exists():  # pragma: no cover - 1 in 4 billion
        prefix = secrets.token_hex(4)
    raw = f"{KEY_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    key = ApiKey(name=name, prefix=prefix, key_hash=digest(raw), staff=staff, unit=unit, scopes=scopes,
                 created_by=actor)
    record_change(key, actor, _("Tạo khóa API"))
    key.save()
    return NewKey(key=key, raw=raw)


@transaction.atomic
def revoke_key(*, actor: Staff | None, key: ApiKey) -> ApiKey:
    if actor is not None:
        policy.require(actor, MANAGE)
    key = ApiKey.objects.select_for_update().get(pk=key.pk)
    if key.revoked_at is None:
        key.revoked_at = clock.now()
        key.revoked_by = actor
        record_change(key, actor, _("Thu hồi khóa API"))
        key.save()
    return key


def key_for(raw: str) -> ApiKey | None:
    """The active key ``raw`` is, or None (no hint whether the prefix exists)."""
    parts = (raw or "").strip().split("_", 2)
    if len(parts) != 3 or parts[0] != KEY_PREFIX:
        return None
    key = (ApiKey.objects.active().select_related("staff", "staff__unit", "unit")
           .filter(prefix=parts[1]).first())
    if key is None or not hmac.compare_digest(key.key_hash, digest(raw.strip())):
        return None
    return key


def record_use(key: ApiKey) -> None:
    """The time of the last call (a derived column, outside history: one UPDATE, no history row)."""
    now = clock.now()
    ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
    key.last_used_at = now


def narrow_to_key(user: Staff, key: ApiKey) -> None:
    """Make the policy see ``user`` as reaching only the key's unit subtree (within the user's own scope)."""
    if key.unit is None:
        return
    root = policy.scope_root(user)
    if root is not None and key.unit.is_within(root):
        user._danvan_scope_root = key.unit
        user._danvan_scope_ids = None
    else:  # the account moved since the key was made: the key reaches nothing
        user._danvan_scope_root = None
        user._danvan_scope_ids = []
