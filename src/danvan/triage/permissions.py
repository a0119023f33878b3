"""Named permissions of the triage assistant, registered in the one policy (danvan.org.policy).

Suggestions are part of triaging: whoever may triage the case (``petition.handle``) sees them, and
the earlier cases they list are only those in the reader's own scope. The assistant's measured
accuracy is for administrators, who decide whether it is worth keeping and retraining.
"""

from __future__ import annotations

from typing import Any

from danvan.org import policy

SUGGEST = "triage.suggest"
ACCURACY = "triage.accuracy"


@policy.register(SUGGEST)
def _suggest(user: Any, petition: Any) -> bool:
    return policy.can(user, "petition.handle", petition)


@policy.register(ACCURACY)
def _accuracy(user: Any, _obj: Any = None) -> bool:
    return policy.is_administrator(user)
