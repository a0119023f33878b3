"""The one door to a petitioner's identity for officers; every view of a denouncer is logged."""

from __future__ import annotations

from danvan.org import policy
from danvan.org.models import Staff
from danvan.petitions.models import (
    IdentityAccessLog,
    Kind,
    Petition,
    PetitionerIdentity,
)


def identities_for(*, actor: Staff, petition: Petition, context: str) -> list[PetitionerIdentity]:
    """The petitioners, if ``actor`` may see them; each view of a denouncer is logged.

    This is the only door to a petitioner's identity for officers: pages and exports call it.
    """
    if not policy.can(actor, "petition.identity", petition):
        return []
    people = list(petition.identities.all())
    if petition.kind == Kind.DENUNCIATION and people:
        IdentityAccessLog.objects.create(petition=petition, staff=actor, context=context[:100])
    return people


