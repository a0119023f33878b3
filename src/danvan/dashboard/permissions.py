"""Who sees the leaders' dashboard: leaders and coordinators, for a unit of their committee's tree.

A district chairman sees the district's tree, a ward chairman his ward; coordinators (Internal
Affairs) the committee they work for; administrators everything. Officers, unit heads and
inspectors work from their own lists and the home page.
"""

from __future__ import annotations

from typing import Any

from danvan.org import policy
from danvan.org.models import Role

DASHBOARD_ROLES = {Role.LEADER, Role.COORDINATOR}


@policy.register("dashboard.view")
def _dashboard_view(user: Any, unit: Any = None) -> bool:
    """``unit`` is the unit the dashboard is opened for (``None``: whether the menu shows it)."""
    if policy.is_administrator(user):
        return True
    if user.role not in DASHBOARD_ROLES or user.unit_id is None:
        return False
    return unit is None or policy.in_scope(user, unit)
