"""The document registry's create form posted twice enters one document."""

from __future__ import annotations

from django.urls import reverse

from danvan.documents.models import Document

from ..once_helpers import post_twice


def test_document_posted_twice_is_one_entry(users, client_for):
    post_twice(client_for(users["noivu"]), reverse("documents:document_create"), {
        "type_name": "Luật", "full_number": "42/2013/QH13", "date": "25/11/2013", "issuer": "Quốc hội",
        "subject": "Luật Tiếp công dân", "status": "in_force"}, Document)
