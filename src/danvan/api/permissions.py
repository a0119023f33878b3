"""Named permissions of the api app, registered in the one policy (danvan.org.policy)."""

from __future__ import annotations

from typing import Any

from danvan.org import policy

#: Make and revoke keys for other systems (the admin's list, ``danvan apikey``).
MANAGE = "api.key.manage"


@policy.register(MANAGE)
def _manage(user: Any, _obj: Any = None) -> bool:
    return policy.is_administrator(user)
