"""Pages of the document registry: list, detail (what a document cites, who cites it, history), editing."""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from danvan.core.media_types import DOCX
from danvan.core.vntext import slug_key
from danvan.documents import selectors, services
from danvan.documents.forms import DocumentForm
from danvan.documents.models import Document, DocumentStatus, OutgoingDocument, OutgoingStatus
from danvan.org import policy
from danvan.org.audit import add_form_errors
from danvan.org.confirm import confirmation
from danvan.org.once import once_per_form
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
        "can_change": policy.can(request.user, "document.change"),
    })


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    policy.require(request.user, "document.view")
    try:
        document, cites, cited_by = selectors.document_detail(pk)
    except Document.DoesNotExist as exc:
        raise Http404 from exc
    check = selectors.latest_check(document)
    return render(request, "documents/document_detail.html", {
        "document": document, "cites": cites, "cited_by": cited_by, "history": history_of(document),
        "can_change": policy.can(request.user, "document.change", document),
        "check": check, "check_signatures": selectors.signatures_of(check.result) if check else [],
    })


def _fields(form: DocumentForm) -> dict:
    data = dict(form.cleaned_data)
    data.pop("version", None)
    data["file"] = data.get("file") or None
    return data


@login_required
@require_http_methods(["GET", "POST"])
@once_per_form
def document_create(request: HttpRequest) -> HttpResponse:
    policy.require(request.user, "document.change")
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            document = services.create_document(actor=request.user, **_fields(form))
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, _("Đã nhập văn bản %(number)s vào danh mục.") % {"number": document.full_number})
            return redirect(document)
    return render(request, "org/form.html", {"form": form, "title": _("Nhập văn bản vào danh mục"),
                                             "back": reverse("documents:document_list")})


@login_required
@require_http_methods(["GET", "POST"])
@once_per_form
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.document_or_404(pk)
    policy.require(request.user, "document.change", document)
    form = DocumentForm(request.POST or None, request.FILES or None, document=document,
                        initial=DocumentForm.initial_for(document))
    if request.method == "POST" and form.is_valid():
        try:
            document = services.update_document(actor=request.user, document=document,
                                                version=form.cleaned_data.get("version"), **_fields(form))
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu văn bản %(number)s.") % {"number": document.full_number})
            return redirect(document)
    return render(request, "org/form.html", {"form": form, "title": _("Sửa văn bản %(number)s") % {
        "number": document.full_number}, "back": document.get_absolute_url()})


@login_required
def document_file(request: HttpRequest, pk: int) -> FileResponse:
    """The document's file, through the policy (media is not served directly)."""
    document = get_object_or_404(Document, pk=pk)
    policy.require(request.user, "document.view", document)
    if not document.file:
        raise Http404
    name = f"{slug_key(document.full_number).replace(' ', '-') or 'van-ban'}{Path(document.file.name).suffix}"
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=name)


# --- electronic outgoing documents ---------------------------------------------------------------------


def _outgoing_or_404(request: HttpRequest, pk: int, permission: str = "document.outgoing.view"):
    try:
        outgoing, replaced_by = selectors.outgoing_detail(pk)
    except OutgoingDocument.DoesNotExist as exc:
        raise Http404 from exc
    policy.require(request.user, permission, outgoing)
    return outgoing, replaced_by


@login_required
def outgoing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    outgoing, replaced_by = _outgoing_or_404(request, pk)
    return render(request, "documents/outgoing_detail.html", {
        "outgoing": outgoing, "replaced_by": replaced_by, "history": history_of(outgoing),
        "signatures": selectors.signatures_of(outgoing.verification),
        "can_sign": outgoing.status == OutgoingStatus.NUMBERED and policy.can(request.user, "document.sign", outgoing),
        "can_issue": outgoing.status == OutgoingStatus.SIGNED and policy.can(request.user, "document.issue", outgoing),
    })


@login_required
@require_POST
def outgoing_sign(request: HttpRequest, pk: int) -> HttpResponse:
    outgoing, _replaced_by = _outgoing_or_404(request, pk)
    policy.require(request.user, "document.sign", outgoing)
    ask = confirmation(
        request, title=_("Ký số văn bản %(number)s?") % {"number": outgoing.full_number},
        action_label=_("Ký số"),
        message=_("Văn bản được chuyển sang PDF/A, ký bằng chữ ký số của %(person)s rồi của %(unit)s. Văn bản đã ký "
                  "không sửa được nữa; nếu cần đính chính phải lập văn bản mới thay thế.") % {
            "person": request.user.full_name, "unit": outgoing.issuer.name},
        back=outgoing.get_absolute_url())
    if ask is not None:
        return ask
    try:
        services.sign_outgoing(actor=request.user, outgoing=outgoing)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã ký số văn bản %(number)s.") % {"number": outgoing.full_number})
    return redirect(outgoing)


@login_required
@require_POST
def outgoing_issue(request: HttpRequest, pk: int) -> HttpResponse:
    outgoing, _replaced_by = _outgoing_or_404(request, pk)
    policy.require(request.user, "document.issue", outgoing)
    ask = confirmation(
        request, title=_("Ban hành văn bản %(number)s?") % {"number": outgoing.full_number},
        action_label=_("Ban hành"),
        message=_("Văn bản đã ký số được ban hành và vào danh mục văn bản cùng tệp PDF đã ký."),
        back=outgoing.get_absolute_url())
    if ask is not None:
        return ask
    try:
        services.issue_outgoing(actor=request.user, outgoing=outgoing)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã ban hành văn bản %(number)s.") % {"number": outgoing.full_number})
    return redirect(outgoing)


@login_required
def outgoing_file(request: HttpRequest, pk: int, fmt: str) -> FileResponse:
    """The signed PDF or the .docx of an outgoing document, through the policy."""
    outgoing, _replaced_by = _outgoing_or_404(request, pk)
    stored = outgoing.pdf if fmt == "pdf" else outgoing.docx
    if not stored:
        raise Http404
    name = f"{slug_key(outgoing.full_number or outgoing.subject[:40]).replace(' ', '-') or 'van-ban'}.{fmt}"
    return FileResponse(stored.open("rb"), as_attachment=True, filename=name,
                        content_type="application/pdf" if fmt == "pdf" else DOCX)
