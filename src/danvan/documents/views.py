"""Pages of the document registry: list and detail (with what a document cites and who cites it)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from danvan.documents import selectors
from danvan.documents.models import Document, DocumentStatus
from danvan.org import policy
from danvan.org.selectors import history_of


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    policy.require(request.user, "document.view")
    query = request.GET.get("q", "")
    documents = selectors.document_list(query=query, type_code=request.GET.get("type", ""),
                                        status=request.GET.get("status", ""))
    page = Paginator(documents, 50).get_page(request.GET.get("page"))
    return render(request, "documents/document_list.html", {
        "page": page, "query": query, "statuses": DocumentStatus.choices,
    })


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    policy.require(request.user, "document.view")
    try:
        document, cites, cited_by = selectors.document_detail(pk)
    except Document.DoesNotExist as exc:
        raise Http404 from exc
    return render(request, "documents/document_detail.html", {
        "document": document, "cites": cites, "cited_by": cited_by, "history": history_of(document),
    })
