"""Who may read and who may correct the legal time limits.

Every officer must be able to see which rule set a deadline (it is the law, not a secret); only
administrators change the calendar or the rules, because a change moves every deadline at once.
"""

from __future__ import annotations

from typing import Any

from danvan.org import policy


@policy.register("legal.rules.view")
def _view(user: Any, obj: Any) -> bool:
    return True  # policy.can already requires an active, logged-in user


@policy.register("legal.rules.change")
def _change_rules(user: Any, obj: Any) -> bool:
    return policy.is_administrator(user)


#: The name other apps ask the policy about (import it, never spell the string).
CALENDAR_CHANGE = "legal.calendar.change"


@policy.register(CALENDAR_CHANGE)
def _change_calendar(user: Any, obj: Any) -> bool:
    return policy.is_administrator(user)
