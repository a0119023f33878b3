"""Reads of the document registry, shaped for its pages (fixed number of queries)."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from danvan.core.references import normalise_full_number, number_key
from danvan.core.vntext import fold
from danvan.documents.models import Citation, Document


def document_list(*, query: str = "", type_code: str = "", status: str = "") -> QuerySet[Document]:
    qs = Document.objects.select_related("replaced_by", "issuer_unit").annotate(cited_count=Count("citations_in"))
    if query:
        # Diacritics-insensitive on every database: the folded column holds number, type, subject
        # and issuer without marks (đ → d), so "nghi dinh 04" finds "Nghị định 04/2015/NĐ-CP".
        key = fold(query)
        words = key.split()
        condition = Q(number_key__contains=number_key(normalise_full_number(query.strip())))
        if words:
            word_filter = Q()
            for word in words:
                word_filter &= Q(search_text__contains=word)
            condition |= word_filter
        qs = qs.filter(condition)
    if type_code:
        qs = qs.filter(type_code=type_code)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-date", "full_number")


def document_detail(pk: int) -> tuple[Document, list[Citation], list[Citation]]:
    document = Document.objects.select_related("replaced_by", "issuer_unit").get(pk=pk)
    cites = list(Citation.objects.filter(citing=document).select_related("cited").order_by("order"))
    cited_by = list(Citation.objects.filter(cited=document).select_related("citing__plan").order_by("citing__date"))
    return document, cites, cited_by


def latest_check(document: Document):
    """The last check of the document's PDF signatures (None when no PDF came in)."""
    from danvan.documents.models import PdfCheck

    return PdfCheck.objects.filter(document=document).order_by("-checked_at", "-pk").first()


def outgoing_detail(pk: int):
    """An outgoing document with its issuer, signer, the document it replaces and those replacing it."""
    from danvan.documents.models import OutgoingDocument

    outgoing = OutgoingDocument.objects.select_related(
        "issuer", "signed_by", "replaces", "registry_document").get(pk=pk)
    replaced_by = list(OutgoingDocument.objects.filter(replaces=outgoing).only("pk", "full_number", "type_name"))
    return outgoing, replaced_by


def signatures_of(result: dict) -> list:
    """The signatures of a stored verification, as objects the templates read."""
    from danvan.documents.signing import Verification

    return Verification.from_dict(result).signatures if result else []


def document_or_404(pk: int) -> Document:
    """A document to edit, with the one that replaced it (if any)."""
    return get_object_or_404(Document.objects.select_related("replaced_by"), pk=pk)
