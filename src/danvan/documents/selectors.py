"""Reads of the document registry, shaped for its pages (fixed number of queries)."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from danvan.core.vntext import fold
from danvan.documents.models import Citation, Document


def document_list(*, query: str = "", type_code: str = "", status: str = "") -> QuerySet[Document]:
    qs = Document.objects.select_related("replaced_by", "issuer_unit").annotate(cited_count=Count("citations_in"))
    if query:
        key = fold(query)
        number = query.strip().lower()
        qs = qs.filter(Q(number_key__contains=number) | Q(full_number__icontains=query.strip())
                       | Q(subject__icontains=query.strip()) | Q(issuer__icontains=query.strip())
                       | Q(number_key__contains=key))
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
