"""The one door to a petitioner's identity for officers; every view of a denouncer is logged."""

from __future__ import annotations

from danvan.org import policy
from danvan.org.models import Staff
from danvan.petitions.models import (
    Attachment,
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
    if petition.kind == Kind.DENUNCIATION:
        # Logged even when no name was typed: the confidential scans shown with it carry the identity.
        log_identity_view(actor=actor, petition=petition, context=context)
    return people


def log_identity_view(*, actor: Staff, petition: Petition, context: str) -> None:
    """Record that ``actor`` was shown who made this denunciation (art. 47: every view is kept)."""
    IdentityAccessLog.objects.create(petition=petition, staff=actor, context=context[:100])


def open_confidential_file(*, actor: Staff, attachment: Attachment, context: str) -> Attachment:
    """A confidential scan (it shows the denouncer's name, handwriting, address) for ``actor``, logged.

    Raises PermissionDenied unless the policy lets ``actor`` see the denouncer of the case.
    """
    policy.require(actor, "petition.identity", attachment.petition)
    log_identity_view(actor=actor, petition=attachment.petition, context=context)
    return attachment


def neutral_file_name(attachment: Attachment) -> str:
    """The name a confidential file is listed and served under: it never carries the original name."""
    ext = attachment.original_name.rsplit(".", 1)[-1].lower() if "." in attachment.original_name else "bin"
    safe = "".join(ch for ch in ext if ch.isascii() and ch.isalnum())[:8] or "bin"
    return f"tai-lieu-bao-mat-{attachment.pk}.{safe}"


