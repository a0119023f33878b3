"""The officer's work on an accepted case: earlier-case suggestions, files, notes, assignment."""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from danvan.org import policy
from danvan.org.audit import record_change as _history
from danvan.org.models import Staff
from danvan.petitions.models import (
    Attachment,
    Kind,
    Note,
    Petition,
    PetitionLink,
)
from danvan.petitions.reminders import notify_assigned
from danvan.petitions.services._base import (
    _check_version,
    _cleanup,
    _lock,
    _save,
    _store_attachments,
    check_upload,
    safe_text,
)

log = logging.getLogger(__name__)


def suggest_links(petition: Petition, *, identity_keys: list[str] | None = None,
                  already_linked: bool = False) -> list[PetitionLink]:
    """Suggest earlier cases: the same normalised content, or the same petitioner in the same field.

    Identity is never used to link a denunciation (a link would tell the other case's readers who
    denounced); the officer confirms or dismisses each suggestion. ``identity_keys``: the petitioners'
    keys when the caller has just written them (intake), so they are not read back;
    ``already_linked``: links may exist (a second run of the worker's task), skip their earlier cases.
    """
    # Cases filed before this one (a lower id), not merely on the same day: the worker may run after
    # later cases of the same day exist, and those must not be suggested as "earlier".
    earlier = Petition.objects.filter(pk__lt=petition.pk, received_on__lte=petition.received_on)
    same_content = set(earlier.filter(content_key=petition.content_key).values_list("pk", flat=True)[:20])
    same_person: set[int] = set()
    if petition.kind != Kind.DENUNCIATION:
        keys = list(petition.identities.values_list("identity_key", flat=True)) if identity_keys is None \
            else identity_keys
        if keys:
            same_person = set(
                earlier.exclude(kind=Kind.DENUNCIATION)
                .filter(identities__identity_key__in=keys, field_id=petition.field_id)
                .values_list("pk", flat=True)[:20])
    found = same_content | same_person
    if found and already_linked:  # the worker may run a task twice: what it suggested once stays once
        found -= set(PetitionLink.objects.filter(petition=petition, earlier_id__in=found)
                     .values_list("earlier_id", flat=True))
    links = []
    for pk in sorted(found):
        if pk in same_content and pk in same_person:
            relation = PetitionLink.Relation.DUPLICATE
        elif pk in same_person:
            relation = PetitionLink.Relation.EARLIER
        else:
            relation = PetitionLink.Relation.SIMILAR
        links.append(PetitionLink(petition=petition, earlier_id=pk, relation=relation))
    if links:
        # One INSERT for the links and one for their history rows, however many earlier cases match.
        links = bulk_create_with_history(links, PetitionLink, default_change_reason=_("Gợi ý đơn trùng"))
    return links


@transaction.atomic
def suggest_links_later(*, petition_id: int) -> int:
    """The worker's half of public intake: suggest the earlier cases of a case filed by a citizen.

    Safe to run twice or in two workers at once: the case's row is locked while its links are
    written, and earlier cases already linked are skipped. A case deleted meanwhile has nothing to do.
    """
    petition = Petition.objects.select_for_update().filter(pk=petition_id).first()
    if petition is None:
        return 0
    return len(suggest_links(petition, already_linked=True))


def queue_suggestions(petition: Petition) -> None:
    """Queue the suggestions of a case being filed, for the worker.

    With the database queue (the default) the task's row is written in the filing's own transaction:
    it commits with the case or not at all, costs no commit of its own, and no worker can see it
    before the case exists. Any other queue (Redis with RQ) is told once the filing has committed.
    """
    from django_tasks_db.backend import DatabaseBackend

    from danvan.petitions import tasks

    petition_id = petition.pk
    if isinstance(tasks.suggest_links.get_backend(), DatabaseBackend):
        tasks.suggest_links.enqueue(petition_id)
    else:
        transaction.on_commit(lambda: _enqueue_suggestions(petition_id))


def _enqueue_suggestions(petition_id: int) -> None:
    from danvan.petitions import tasks

    try:
        tasks.suggest_links.enqueue(petition_id)
    except Exception:  # the queue is down: the case is filed; its suggestions are advice an officer can do without
        log.exception("queueing the duplicate suggestions of petition %s failed", petition_id)


@transaction.atomic
def decide_link(*, actor: Staff, link: PetitionLink, confirm: bool) -> PetitionLink:
    policy.require(actor, "petition.handle", link.petition)
    link.confirmed, link.dismissed, link.decided_by = confirm, not confirm, actor
    _history(link, actor, _("Xác nhận đơn trùng") if confirm else _("Bỏ gợi ý đơn trùng"))
    link.save()
    return link


@transaction.atomic
def add_attachment(*, actor: Staff, petition: Petition, upload: UploadedFile, purpose: str = "working",
                   is_public: bool = False) -> Attachment:
    policy.require(actor, "petition.handle", petition)
    mime = check_upload(upload)
    if purpose not in Attachment.Purpose.values:
        raise ValidationError(_("Loại tài liệu không hợp lệ."))
    saved: list[Attachment] = []
    try:
        _store_attachments(petition, [(upload, mime)], actor, purpose=purpose, is_public=is_public,
                           confidential=petition.kind == Kind.DENUNCIATION and purpose == "submission", saved=saved)
    except Exception:
        _cleanup(saved)
        raise
    return saved[0]


@transaction.atomic
def add_note(*, actor: Staff, petition: Petition, text: str, is_public: bool = False) -> Note:
    policy.require(actor, "petition.handle", petition)
    text = safe_text(text, "text", multiline=True)
    if not text:
        raise ValidationError({"text": _("Hãy nhập nội dung ghi chú.")})
    note = Note(petition=petition, author=actor, text=text, is_public=is_public)
    _history(note, actor, _("Thêm ghi chú"))
    note.save()
    return note


@transaction.atomic
def assign(*, actor: Staff, petition: Petition, officer: Staff | None, verifier: Staff | None = None,
           version: int | None = None) -> Petition:
    petition = _lock(petition)
    policy.require(actor, "petition.assign", petition)
    _check_version(petition, version)
    for person in (officer, verifier):
        if person is not None and not policy.in_scope(person, petition.handling_unit) and \
                not policy.is_administrator(actor):
            raise ValidationError(_("Cán bộ được giao phải thuộc đơn vị xử lý đơn."))
    if officer is not None and verifier is not None and officer.pk == verifier.pk:
        raise ValidationError(_("Cán bộ xác minh phải khác cán bộ xử lý."))
    changed = officer is not None and petition.assigned_to_id != officer.pk
    petition.assigned_to = officer
    if verifier is not None:
        petition.verifier = verifier
    petition = _save(petition, actor, _("Giao cán bộ xử lý"))
    if changed:
        notify_assigned(petition=petition, officer=officer, actor=actor)
    return petition


