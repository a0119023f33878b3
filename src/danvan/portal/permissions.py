"""Who writes on a committee's portal.

- ``portal.news.edit``: officers and the head of the committee's Culture and Information office
  (the office that informs the public, plan item III.2); the object is the committee.
- ``portal.disclosure.post``: officers, unit heads, leaders and coordinators whose nearest committee
  is that committee (a ward's own staff for the ward, the district's departments for the district).

Administrators may do both. Reading the portal needs no account.
"""

from __future__ import annotations

from typing import Any

from danvan.core.vntext import fold
from danvan.org import policy
from danvan.org.models import Role, UnitKind

NEWS_EDIT = "portal.news.edit"
DISCLOSURE_POST = "portal.disclosure.post"

NEWS_ROLES = {Role.OFFICER, Role.UNIT_HEAD}
DISCLOSURE_ROLES = {Role.OFFICER, Role.UNIT_HEAD, Role.LEADER, Role.COORDINATOR}


def is_information_office(unit: Any) -> bool:
    """The committee's office in charge of culture and information ("Phòng Văn hóa và Thông tin";
    since 2025 a ward's "Phòng Văn hóa - Xã hội")."""
    if unit is None or unit.kind not in (UnitKind.DEPARTMENT, UnitKind.OFFICE):
        return False
    name = fold(unit.name)
    return "van hoa" in name and ("thong tin" in name or "xa hoi" in name)


def _committee_id(user: Any) -> int | None:
    cached = getattr(user, "_portal_committee_id", False)
    if cached is False:
        committee = user.unit.committee() if user.unit_id else None
        cached = committee.pk if committee else None
        user._portal_committee_id = cached
    return cached


def _same_committee(user: Any, committee: Any) -> bool:
    return committee is None or _committee_id(user) == getattr(committee, "pk", None)


@policy.register(NEWS_EDIT)
def _news_edit(user: Any, committee: Any = None) -> bool:
    if policy.is_administrator(user):
        return True
    if user.unit_id is None or user.role not in NEWS_ROLES or not is_information_office(user.unit):
        return False
    return _same_committee(user, committee)


@policy.register(DISCLOSURE_POST)
def _disclosure_post(user: Any, committee: Any = None) -> bool:
    if policy.is_administrator(user):
        return True
    if user.unit_id is None or user.role not in DISCLOSURE_ROLES:
        return False
    return _same_committee(user, committee)
