"""Reads of petitions shaped for pages, exports and other apps.

Lists never show a petitioner's identity: the search key holds only the case text. The list search
also finds a case by its petitioner's (folded) name, but only among the cases whose petitioner the
user may see (``petition.identity``): a denunciation whose denouncer is hidden from the user is
found by its text alone, so a name search reveals nothing about it, not even by a count. Identity
is shown only through :func:`danvan.petitions.services.identities_for`, which asks the policy and
logs the view.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F, Q, QuerySet
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from danvan.core.vntext import fold
from danvan.org import cacheversion, clock, policy
from danvan.org.models import Unit
from danvan.org.paging import UnionRows
from danvan.petitions.models import (
    OPEN_STATUSES,
    Attachment,
    Field,
    IdentityAccessLog,
    IssuedNotice,
    Kind,
    Note,
    Petition,
    PetitionerIdentity,
    PetitionLink,
    PublicStatus,
    Rating,
    Status,
)
from danvan.petitions.permissions import identity_q

MILESTONE_LABELS = {
    "accept": _("Thụ lý"),
    "triage": _("Xử lý đơn (phân loại)"),
    "resolve": _("Giải quyết, trả lời"),
    "notify": _("Thông báo thụ lý cho người tố cáo"),
    "send": _("Gửi quyết định giải quyết"),
    "conclude": _("Gửi kết luận, thông báo cho người tố cáo"),
}


def visible_petitions(user: Any) -> QuerySet[Petition]:
    """Cases ``user`` may see: handling unit or unit concerned in scope, or assigned to them."""
    qs = Petition.objects.all()
    if policy.is_administrator(user):
        return qs
    return qs.filter(policy.unit_q(user, "handling_unit") | policy.unit_q(user, "unit")
                     | Q(assigned_to=user) | Q(verifier=user))


def _narrow_scope(user: Any) -> bool:
    """True when ``user`` sees a subtree of units rather than a whole committee's cases."""
    return not policy.is_administrator(user) and getattr(user, "role", None) not in policy.WIDE_ROLES


@dataclass
class Filters:
    unit: Unit | None = None
    kind: str = ""
    field: int | None = None
    status: str = ""
    overdue: bool = False
    open_only: bool = False
    date_from: date | None = None
    date_to: date | None = None
    q: str = ""
    # The dashboard's click-through: the same definitions as petitions.figures, by handling unit.
    handling_unit: Unit | None = None
    handling_direct: bool = False
    resolved_from: date | None = None
    resolved_to: date | None = None
    on_time: bool = False
    overdue_on: date | None = None


def petition_list(user: Any, filters: Filters | None = None) -> QuerySet[Petition]:
    """The list page and the register export: a fixed number of queries whatever the rows."""
    f = filters or Filters()
    qs = _filtered(user, f)
    if f.q:
        qs = search(user, qs, f.q)
    return _shaped(user, qs)


def petition_rows(user: Any, filters: Filters | None = None) -> QuerySet[Petition] | UnionRows:
    """The list page's rows: :func:`petition_list`'s, in its order, for :class:`CappedPaginator`.

    A search by a coordinator or leader (a whole committee's cases) is paged as the union of its two
    ways to match (:func:`search_parts`), each ordered and limited on its own: the first page of a
    common word ("đất đai") then reads the date index until a page of cases matches, and the capped
    count the first 1,001 matches the trigram index gives, instead of every match in the province.
    """
    f = filters or Filters()
    if not f.q or _narrow_scope(user) or not connection.features.supports_slicing_ordering_in_compound:
        return petition_list(user, f)
    parts = search_parts(user, _filtered(user, f), f.q)
    if not parts:
        return petition_list(user, f)
    return UnionRows([_shaped(user, part) for part in parts], list(Petition._meta.ordering))


def _filtered(user: Any, f: Filters) -> QuerySet[Petition]:
    """The cases ``user`` sees that pass the filters ``f`` but its search words."""
    qs = visible_petitions(user)
    if f.unit is not None:
        subtree = Unit.objects.filter(path__startswith=f.unit.path).order_by().values("pk")
        qs = qs.filter(Q(handling_unit__in=subtree) | Q(unit__in=subtree))
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.field:
        qs = qs.filter(field_id=f.field)
    if f.status:
        qs = qs.filter(status=f.status)
    if f.open_only:
        qs = qs.filter(status__in=OPEN_STATUSES)
    if f.overdue:
        qs = qs.filter(status__in=OPEN_STATUSES, next_due__lt=clock.today())
    if f.date_from:
        qs = qs.filter(received_on__gte=f.date_from)
    if f.date_to:
        qs = qs.filter(received_on__lte=f.date_to)
    if f.handling_unit is not None:
        qs = qs.filter(handling_unit=f.handling_unit) if f.handling_direct else qs.filter(
            handling_unit__in=Unit.objects.filter(path__startswith=f.handling_unit.path).order_by().values("pk"))
    if f.resolved_from:
        qs = qs.filter(resolved_on__gte=f.resolved_from)
    if f.resolved_to:
        qs = qs.filter(resolved_on__lte=f.resolved_to)
    if f.on_time:
        qs = qs.filter(resolved_on__isnull=False, resolve_due__isnull=False, resolved_on__lte=F("resolve_due"))
    if f.overdue_on:
        # "Overdue open" of petitions.figures: still open, received by that day, deadline passed before it.
        qs = qs.filter(status__in=OPEN_STATUSES, received_on__lte=f.overdue_on,
                       next_due__lt=min(f.overdue_on, clock.today()))
    return qs


def _shaped(user: Any, qs: QuerySet[Petition]) -> QuerySet[Petition]:
    """The list's joins, order and columns."""
    qs = qs.select_related("field", "handling_unit", "unit", "assigned_to").prefetch_related(
        "handling_unit__successors")
    if _narrow_scope(user):
        # An officer sees a few units' cases among a province's: ordering by an expression the date
        # index cannot serve makes PostgreSQL collect their rows through the unit and assignee
        # indexes (a BitmapOr) and sort only those, instead of walking every case by date.
        qs = qs.order_by(Coalesce("received_on", "received_on").desc(), "-pk")
    return qs.defer("content", "requested_outcome", "answer", "search_key", "deadlines", "triage_note")


def _word_filters(query: str) -> tuple[Q, QuerySet[PetitionerIdentity]] | None:
    """The case-text filter and the matching petitioners for the words of ``query`` (None: no word)."""
    words = fold(query).split()
    if not words:
        return None
    text = Q()
    names = PetitionerIdentity.objects.all()
    for word in words:
        text &= Q(search_key__contains=word)
        names = names.filter(name_key__contains=word)
    return text, names


def search(user: Any, qs: QuerySet[Petition], query: str) -> QuerySet[Petition]:
    """Cases whose text holds every word of ``query``, or whose petitioner's name does where ``user``
    may see that name (never a denouncer's name hidden from them)."""
    matched = _word_filters(query)
    if matched is None:
        return qs
    text, names = matched
    if _narrow_scope(user):
        # An officer's few units first: PostgreSQL collects their cases through the unit indexes and
        # tests each for the words (its text; or a name, among the petitioners the name index finds,
        # hashed once), whatever the number of cases elsewhere. (A correlated EXISTS per case would
        # be estimated dear enough at a million cases to have every query compiled by JIT first.)
        return qs.filter(text | (identity_q(user) & Q(pk__in=names.order_by().values("petition_id"))))
    # A committee's cases: the two ways to match as one UNION of ids, each served by its own trigram
    # index, rather than an OR with a subquery, which makes PostgreSQL test every case one by one.
    by_text = Petition.objects.filter(text).order_by().values("pk")
    by_name = (Petition.objects.filter(identity_q(user), pk__in=names.order_by().values("petition_id"))
               .order_by().values("pk"))
    return qs.filter(pk__in=by_text.union(by_name))


def search_parts(user: Any, qs: QuerySet[Petition], query: str) -> list[QuerySet[Petition]]:
    """:func:`search` as its two ways to match, whose union it is: the cases of ``qs`` whose text holds
    every word, and those whose petitioner's name does where ``user`` may see it ([] for no word)."""
    matched = _word_filters(query)
    if matched is None:
        return []
    text, names = matched
    return [qs.filter(text), qs.filter(identity_q(user), pk__in=names.order_by().values("petition_id"))]


def petition_for(user: Any, pk: int) -> Petition:
    """One case for its detail page, or 404/403 through the policy."""
    petition = get_object_or_404(
        Petition.objects.select_related("field", "handling_unit", "unit", "assigned_to", "verifier", "previous"),
        pk=pk)
    policy.require(user, "petition.view", petition)
    return petition


def reception_entries_for(petition: Petition) -> list[Any]:
    """The reception-book lines this case was opened from (one query, with their sessions)."""
    return list(petition.reception_entries.select_related("unit", "session__leader").defer(
        "citizen_name", "citizen_address", "id_number", "representatives", "search_key"))


@dataclass(frozen=True)
class DeadlineRow:
    """A stored milestone as the case page shows it: its label, date and rule, and whether it runs now."""

    milestone: str
    label: str
    due: date
    rule: str
    explanation: str
    current: bool  # the milestone the case's next deadline is
    late: bool  # current and already past


def deadline_rows(petition: Petition) -> list[DeadlineRow]:
    """The stored milestones with their Vietnamese labels and the rule's explanation."""
    today = clock.today()
    rows = []
    for entry in petition.deadlines or []:
        due = date.fromisoformat(entry["due"])
        current = due == petition.next_due and petition.is_open
        rows.append(DeadlineRow(
            milestone=entry["milestone"], label=str(MILESTONE_LABELS.get(entry["milestone"], entry["milestone"])),
            due=due, rule=entry.get("rule", ""), explanation=entry.get("explanation", ""),
            current=current, late=current and due < today))
    return rows


@dataclass(frozen=True)
class AttachmentRow:
    """A file as the case page lists it: the name shown is neutral for a confidential scan until revealed."""

    attachment: Attachment
    name: str

    @property
    def pk(self) -> int:
        return self.attachment.pk


def attachments_for(user: Any, petition: Petition, *, revealed: bool = False) -> list[AttachmentRow]:
    """Attachments the user may open: confidential scans of a denunciation only for identity holders.

    A confidential scan's original file name often carries the denouncer's name: it is listed
    under a neutral name unless the page reveals (and logs) the identity.
    """
    from danvan.petitions.services.confidentiality import neutral_file_name

    items = list(petition.attachments.all())
    if not policy.can(user, "petition.identity", petition):
        items = [a for a in items if not a.confidential]
    return [AttachmentRow(a, a.original_name if not a.confidential or revealed else neutral_file_name(a))
            for a in items]


def notes_for(petition: Petition) -> list[Note]:
    return list(petition.notes.select_related("author"))


def identity_log_for(petition: Petition) -> list[IdentityAccessLog]:
    """Who was shown the denouncer's identity, and where (the page shows it to who may read the log)."""
    return list(petition.identity_views.select_related("staff"))


def open_links_for(petition: Petition) -> list[PetitionLink]:
    """Earlier cases linked to this one, confirmed or still suggested; dismissed suggestions left out."""
    return list(petition.links.select_related("earlier").filter(dismissed=False))


def link_or_404(petition: Petition, pk: Any) -> PetitionLink:
    return get_object_or_404(PetitionLink, pk=pk, petition=petition)


def ratings_for(petition: Petition) -> list[Rating]:
    return list(petition.ratings.order_by("-created_at"))


def attachment_or_404(pk: int) -> Attachment:
    """A case's file by its number, with its case (the page then asks the policy)."""
    return get_object_or_404(Attachment.objects.select_related("petition"), pk=pk)


def issued_notice(petition: Petition, kind: str) -> IssuedNotice | None:
    """The notice of ``kind`` issued for the case, with its issuer, if it has been issued."""
    return IssuedNotice.objects.select_related("issuer", "petition").filter(petition=petition, kind=kind).first()


def fields() -> QuerySet[Field]:
    return Field.objects.filter(is_active=True)


@dataclass(frozen=True)
class PublicView:
    """What the tracking page shows a citizen: no identity, no internal note, no internal file."""

    code: str
    kind: str
    field: str
    subject: str
    received_on: date
    status: str
    status_label: str
    detail_status: str
    expected: date | None  # the date the next answer is due, while the case is received or in progress
    answer: str
    outcome: str
    forwarded_to: str
    handling_unit: str
    notes: list[Note]
    attachments: list[Attachment]
    can_rate: bool
    can_reopen: bool
    ratings: list[Rating]


def public_view(petition: Petition) -> PublicView:
    """What the tracking page shows: no identity, no internal note, no internal file."""
    status = petition.public_status
    expected = None
    if status in (PublicStatus.RECEIVED, PublicStatus.PROCESSING):
        expected = petition.next_due or petition.resolve_due or petition.triage_due
    answered = status in (PublicStatus.ANSWERED, PublicStatus.CLOSED)
    return PublicView(
        code=petition.code,
        kind=Kind(petition.kind).label,
        field=petition.field.name,
        subject=petition.subject,
        received_on=petition.received_on,
        status=status,
        status_label=PublicStatus(status).label,
        detail_status=Status(petition.status).label,
        expected=expected,
        answer=petition.answer if answered else "",
        outcome=petition.get_outcome_display() if answered and petition.outcome else "",
        forwarded_to=petition.forwarded_to if petition.status in (Status.FORWARDED, Status.GUIDED) else "",
        handling_unit=petition.handling_unit.name,
        notes=list(petition.notes.filter(is_public=True)),
        attachments=list(petition.attachments.filter(is_public=True, confidential=False)),
        can_rate=answered and bool(petition.answer) and petition.ratings.count() <= petition.reopen_count,
        can_reopen=answered and petition.reopen_count == 0
        and petition.kind in (Kind.RECOMMENDATION, Kind.FEEDBACK, Kind.DENUNCIATION)
        and petition.status in (Status.RESOLVED, Status.NOTIFIED, Status.CLOSED),
        ratings=list(petition.ratings.all()),
    )


# --- the public form's lists, kept in the shared cache -------------------------------------------

_CHOICES_VERSION_KEY = "public-form-choices:version"
#: A backstop only: every save or delete of a unit, succession or field through the models moves the
#: version on at once; this bounds how long a write that bypasses the models (raw SQL) goes unseen.
CHOICES_SECONDS = 15 * 60


@dataclass(frozen=True)
class PublicChoices:
    """What the citizen's form lists, as plain values: (id, label) pairs and the former wards' names."""

    fields: tuple[tuple[int, str], ...]
    units: tuple[tuple[int, str], ...]
    #: (former ward's name, names of the wards that took it over), by the former ward's name.
    former_units: tuple[tuple[str, tuple[str, ...]], ...]


def invalidate_public_choices(**_kwargs: Any) -> None:
    """Receiver of every save and delete of a unit, a succession or a field: the form lists them anew.

    Moved on at once and again when the transaction commits, so a visitor who read the old rows
    between the write and its commit cannot leave them cached under the new version.
    """
    _bump_choices_version()
    transaction.on_commit(_bump_choices_version)


def _bump_choices_version() -> None:
    cacheversion.bump(_CHOICES_VERSION_KEY)


def public_choices(today: date | None = None) -> PublicChoices:
    """The public form's fields, today's wards and communes, and the former ones with their successors.

    Every citizen's visit shows them and they change a few times a year, so they are read (four
    queries of plain values, no model instances) once per version and day from the shared cache.
    """
    today = today or clock.today()
    key = f"public-form-choices:{cacheversion.current(_CHOICES_VERSION_KEY)}:{today.isoformat()}"
    choices = cache.get(key)
    if choices is None:
        choices = _read_public_choices(today)
        cache.set(key, choices, CHOICES_SECONDS)
    return choices


def _read_public_choices(today: date) -> PublicChoices:
    from danvan.org.models import Level, UnitKind, UnitSuccession

    fields = tuple(Field.objects.filter(is_active=True).values_list("pk", "name"))
    communes = Unit.objects.filter(kind=UnitKind.COMMITTEE, level=Level.COMMUNE)
    units = tuple(communes.active_on(today).order_by("name", "pk").values_list("pk", "name"))
    former = list(communes.filter(valid_to__lt=today).exclude(successors=None).distinct()
                  .order_by("name", "pk").values_list("pk", "short_name", "name"))
    successors: dict[int, list[str]] = {}
    for predecessor, short, name in (UnitSuccession.objects.filter(predecessor_id__in=[pk for pk, *_n in former])
                                     .order_by("successor__path")
                                     .values_list("predecessor_id", "successor__short_name", "successor__name")):
        successors.setdefault(predecessor, []).append(short or name)
    former_units = tuple((short or name, tuple(successors.get(pk, ()))) for pk, short, name in former)
    return PublicChoices(fields=fields, units=units, former_units=former_units)

