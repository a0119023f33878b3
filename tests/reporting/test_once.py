"""Reporting create forms: a request, an opened report or an attachment posted twice is made once."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.reporting import services
from danvan.reporting.models import ReportRequest, Submission, SubmissionAttachment

from ..once_helpers import post_twice

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def test_request_posted_twice_is_one_request(template, demo_org, users, client_for):
    post_twice(client_for(users["noivu"]), reverse("reporting:request_create"), {
        "template": template.pk, "requesting_unit": demo_org["tx-ubnd"].pk, "period_kind": "yearly",
        "year": 2027, "deadline": "30/11/2027", "deadline_policy": "next"}, ReportRequest)


def test_report_opened_twice_is_one_report(request_2026, users, client_for):
    post_twice(client_for(users["canbo"]), request_2026.get_absolute_url(), {}, Submission,
               action=reverse("reporting:submission_open", args=[request_2026.pk]))


def test_attachment_posted_twice_is_one_file(request_2026, demo_org, users, client_for):
    report = services.open_submission(actor=None, request=request_2026, unit=demo_org["tx-thuong-dinh"])
    post_twice(client_for(users["canbo"]), report.get_absolute_url(), {"description": "Biên bản hội nghị"},
               SubmissionAttachment, action=reverse("reporting:attachment_add", args=[report.pk]),
               files=lambda: {"file": SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf")})
