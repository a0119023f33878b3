"""A text that has a number and a subject but no numbered item is not a plan: it is refused with a
message saying what to check, at the upload and in the service, and nothing is written."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.documents.models import Document
from danvan.plans import services
from danvan.plans.models import Plan

MALFORMED = "UBND QUẬN THANH XUÂN\nSố: 98/KH-UBND\nKẾ HOẠCH\nThực hiện công tác dân vận năm 2026\nI. MỤC ĐÍCH\n"
MESSAGE = "Không đọc được nội dung nào của kế hoạch"


def test_the_upload_refuses_a_text_without_items(demo_org, users, client_for):
    upload = SimpleUploadedFile("kh98.txt", MALFORMED.encode("utf-8"), content_type="text/plain")
    response = client_for(users["noivu"]).post(reverse("plans:plan_import"), {"stage": "upload", "file": upload})
    assert response.status_code == 200
    assert MESSAGE in " ".join(response.context["form"].errors["file"])
    assert not Plan.objects.exists()


def test_the_service_refuses_it_whoever_calls_it(demo_org):
    parsed, issuer = services.parse_with_registry(MALFORMED, unit=demo_org["tx-ubnd"])
    documents = Document.objects.count()
    with pytest.raises(services.PlanImportError, match=MESSAGE):
        services.save_plan(parsed, issuer=issuer, source_text=MALFORMED)
    assert not Plan.objects.exists() and Document.objects.count() == documents
