"""Reads of the public portal. Every page runs a fixed number of queries whatever the row count,
and nothing here ever reads a petitioner's identity: answers come from the case's published
columns only (``public_title``, ``answer``, field, ward, dates)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from danvan.core.vntext import fold
from danvan.documents.models import Document
from danvan.emulation.selectors import public_models
from danvan.org.models import Level, Unit, UnitKind
from danvan.petitions.models import Field, Kind, Petition
from danvan.portal.models import Disclosure, News
from danvan.reception.models import Commitment, Dialogue, ReceptionSession, SessionStatus

SCHEDULE_DAYS = 60  # the reception schedule shown ahead
HOME_ITEMS = 5


def committees(today: date) -> QuerySet[Unit]:
    """The committees with a portal today (abolished ones keep their pages, reached by address)."""
    return Unit.objects.filter(kind=UnitKind.COMMITTEE).active_on(today).order_by("depth", "name")


def committee(code: str) -> Unit | None:
    return Unit.objects.filter(kind=UnitKind.COMMITTEE, code=code).first()


def _in_tree(committee: Unit, field: str) -> Q:
    return Q(**{f"{field}__path__startswith" if field else "path__startswith": committee.path})


# --- answers -------------------------------------------------------------------------------------

ANSWER_FIELDS = ("code", "kind", "status", "public_title", "answer", "outcome", "received_on", "resolved_on",
                 "closed_on", "published_on", "field__name", "unit__name", "unit__short_name",
                 "handling_unit__name", "handling_unit__short_name")


def _answers(committee: Unit) -> QuerySet[Petition]:
    return (Petition.objects.filter(_in_tree(committee, "handling_unit"), published_on__isnull=False)
            .exclude(kind=Kind.DENUNCIATION)
            .select_related("field", "unit", "handling_unit").only(*ANSWER_FIELDS)
            .order_by("-published_on", "-pk"))


@dataclass(frozen=True)
class AnswerFilters:
    q: str = ""
    field: int | None = None
    ward: int | None = None
    year: int | None = None
    month: int | None = None


def published_answers(committee: Unit, f: AnswerFilters) -> QuerySet[Petition]:
    qs = _answers(committee)
    for word in fold(f.q).split()[:10]:
        qs = qs.filter(public_key__contains=word)
    if f.field:
        qs = qs.filter(field_id=f.field)
    if f.ward:
        qs = qs.filter(unit_id=f.ward)
    if f.year:
        qs = qs.filter(published_on__year=f.year)
        if f.month:
            qs = qs.filter(published_on__month=f.month)
    return qs


def published_case(committee: Unit, code: str) -> Petition | None:
    return _answers(committee).filter(code=code.strip().upper()[:20]).first()


def answer_choices(committee: Unit, today: date) -> dict[str, Any]:
    """Fields, wards and years a citizen may filter by (three queries)."""
    wards = list(Unit.objects.filter(_in_tree(committee, ""), kind=UnitKind.COMMITTEE, level=Level.COMMUNE)
                 .order_by("name").only("pk", "name", "short_name", "valid_to")) if committee.path else []
    fields = list(Field.objects.filter(is_active=True).only("pk", "name"))
    first = _answers(committee).order_by("published_on").values_list("published_on", flat=True).first()
    years = list(range(today.year, (first.year if first else today.year) - 1, -1))
    return {"wards": wards, "fields": fields, "years": years}


# --- the home page ---------------------------------------------------------------------------------


def reception_schedule(committee: Unit, today: date) -> list[ReceptionSession]:
    """The leaders' sessions posted ahead (Law on Citizen Reception art. 24(4))."""
    return list(ReceptionSession.objects.filter(unit=committee, date__gte=today,
                                                date__lte=today + timedelta(days=SCHEDULE_DAYS),
                                                status=SessionStatus.PLANNED, posted_on__isnull=False,
                                                posted_on__lte=today)
                .select_related("leader").order_by("date", "pk")[:10])


def dialogues(committee: Unit, today: date) -> dict[str, list[Dialogue]]:
    """Announced dialogues (coming) and held ones with what the authority committed to (their conclusions)."""
    base = Dialogue.objects.filter(_in_tree(committee, "unit")).select_related("unit").only(
        "pk", "topic", "held_on", "place", "kind", "unit__name", "unit__short_name")
    coming = list(base.filter(held_on__gte=today).order_by("held_on", "pk")[:HOME_ITEMS])
    commitments = Commitment.objects.select_related("owner_unit").only(
        "pk", "dialogue_id", "text", "due_on", "status", "done_on", "owner_unit__name", "owner_unit__short_name"
    ).order_by("due_on", "pk")
    held = list(base.filter(held_on__lt=today).order_by("-held_on", "-pk")
                .prefetch_related(Prefetch("commitments", queryset=commitments))[:HOME_ITEMS])
    return {"coming": coming, "held": held}


def news_items(committee: Unit, today: date) -> QuerySet[News]:
    return News.objects.filter(committee=committee, publish_on__lte=today, withdrawn=False).select_related("office")


def news_item(committee: Unit, pk: int, today: date) -> News | None:
    return news_items(committee, today).filter(pk=pk).first()


def public_documents(committee: Unit) -> QuerySet[Document]:
    return (Document.objects.filter(_in_tree(committee, "issuer_unit"), is_public=True)
            .only("pk", "type_name", "full_number", "date", "issuer", "subject", "file", "status")
            .order_by("-date", "-pk"))


def public_document(pk: int) -> Document | None:
    return Document.objects.filter(pk=pk, is_public=True).select_related("issuer_unit").first()


def disclosures_now(committee: Unit, today: date, category: str = "") -> QuerySet[Disclosure]:
    qs = (Disclosure.objects.filter(committee=committee, posted_on__lte=today, posted_until__gte=today)
          .select_related("document").order_by("-posted_on", "-pk"))
    return qs.filter(category=category) if category else qs


def disclosures_ended(committee: Unit, today: date) -> QuerySet[Disclosure]:
    return Disclosure.objects.filter(committee=committee, posted_until__lt=today).order_by("-posted_until", "-pk")


def exemplary_models(committee: Unit, limit: int = 6) -> list[Any]:
    """Recognised "Dân vận khéo" models the emulation app marks public, of the committee's tree."""
    return list(public_models().filter(_in_tree(committee, "unit"))[:limit])


def home(committee: Unit, today: date) -> dict[str, Any]:
    return {
        "schedule": reception_schedule(committee, today),
        "dialogues": dialogues(committee, today),
        "news": list(news_items(committee, today)[:HOME_ITEMS]),
        "documents": list(public_documents(committee)[:HOME_ITEMS]),
        "disclosures": list(disclosures_now(committee, today)[:HOME_ITEMS]),
        "answers": list(_answers(committee)[:HOME_ITEMS]),
        "models": exemplary_models(committee),
    }


# --- the committee's desk (staff pages): everything it posted, and one post to edit ------------------


def desk_news(committee: Unit, limit: int = 50) -> list[News]:
    return list(News.objects.filter(committee=committee).select_related("office")[:limit])


def desk_disclosures(committee: Unit, limit: int = 100) -> list[Disclosure]:
    return list(Disclosure.objects.filter(committee=committee)[:limit])


def news_or_404(pk: int) -> News:
    return get_object_or_404(News.objects.select_related("committee"), pk=pk)


def disclosure_or_404(pk: int) -> Disclosure:
    return get_object_or_404(Disclosure.objects.select_related("committee"), pk=pk)
