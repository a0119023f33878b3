"""Evidence files on a unit's report (checked by content, served only to who may see the report) and the
units of a request taken from the assignments of the plan it names."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.org import policy
from danvan.reporting import services
from danvan.reporting.models import ReportRequest, SubmissionAttachment

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00" + b"\x00" * 64
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path), "base_url": "/files/"}}}


@pytest.fixture
def ward_report(request_2026, demo_org):
    return services.open_submission(actor=None, request=request_2026, unit=demo_org["tx-thuong-dinh"])


# --- permission matrix rows: report.view decides who downloads, report.edit who attaches --------------

MATRIX = [
    ("admin", True, True),
    ("noivu", True, True),       # coordinator of the requesting committee
    ("chutich", True, True),     # leader of the district
    ("kiemtra", True, False),    # inspector: sees, never writes
    ("truongphong", False, False),  # head of another unit (a department)
    ("canbo", True, True),       # officer of the ward
    ("phuong", True, True),      # chairman of the ward
    ("canbo2", False, False),    # officer of another ward
]


@pytest.mark.parametrize(("username", "view", "edit"), MATRIX)
def test_permission_matrix(username, view, edit, users, ward_report):
    assert policy.can(users[username], "report.view", ward_report) is view
    assert policy.can(users[username], "report.edit", ward_report) is edit


def test_officer_attaches_evidence_and_only_allowed_users_download(ward_report, users, client_for, client):
    officer = client_for(users["canbo"])
    response = officer.post(reverse("reporting:attachment_add", args=[ward_report.pk]), {
        "file": SimpleUploadedFile("bien-ban hội nghị.pdf", PDF, content_type="application/pdf"),
        "description": "Biên bản hội nghị đối thoại"})
    assert response.status_code == 302
    attachment = SubmissionAttachment.objects.get(submission=ward_report)
    assert attachment.content_type == "application/pdf" and attachment.size == len(PDF)
    assert attachment.uploaded_by == users["canbo"] and attachment.history.count() == 1
    html = officer.get(ward_report.get_absolute_url()).content.decode()
    assert "Biên bản hội nghị đối thoại" in html and attachment.get_absolute_url() in html
    url = attachment.get_absolute_url()
    for username, view, _edit in MATRIX:
        response = client_for(users[username]).get(url)
        assert response.status_code == (200 if view else 403), username
        if view:
            assert b"".join(response.streaming_content) == PDF
            assert response["Content-Disposition"].startswith("attachment")
    client.logout()
    assert client.get(url).status_code == 302  # anonymous: to the log-in page


def test_wrong_type_too_big_and_not_allowed(ward_report, users, client_for, settings):
    officer = client_for(users["canbo"])
    url = reverse("reporting:attachment_add", args=[ward_report.pk])
    response = officer.post(url, {"file": SimpleUploadedFile("anh.png", EXE, content_type="image/png")}, follow=True)
    assert "không đúng loại" in response.content.decode()
    response = officer.post(url, {}, follow=True)
    assert "Hãy chọn tệp cần đính kèm" in response.content.decode()
    settings.DANVAN_MAX_UPLOAD_MB = 1
    big = SimpleUploadedFile("anh.png", PNG + b"\x00" * (1024 * 1024))
    assert "vượt quá giới hạn 1 MB" in officer.post(url, {"file": big}, follow=True).content.decode()
    assert not SubmissionAttachment.objects.exists()
    assert client_for(users["canbo2"]).post(url, {"file": SimpleUploadedFile("a.pdf", PDF)}).status_code == 403
    assert client_for(users["kiemtra"]).post(url, {"file": SimpleUploadedFile("a.pdf", PDF)}).status_code == 403
    with pytest.raises(PermissionDenied):
        services.add_attachment(actor=users["truongphong"], submission=ward_report, upload=SimpleUploadedFile(
            "a.pdf", PDF))
    # A submitted report takes no more files.
    services.add_attachment(actor=users["canbo"], submission=ward_report, upload=SimpleUploadedFile("a.png", PNG))
    services.submit(actor=users["phuong"], submission=ward_report)
    with pytest.raises(ValidationError, match="không thể đính kèm thêm tệp"):
        services.add_attachment(actor=users["phuong"], submission=ward_report,
                                upload=SimpleUploadedFile("b.pdf", PDF))
    assert SubmissionAttachment.objects.count() == 1


# --- units from the plan's assignments -----------------------------------------------------------------


def _lead_unit_ids(plan):
    from danvan.plans.models import Assignment

    return set(Assignment.objects.filter(item__plan=plan, role="lead", unit__isnull=False)
               .values_list("unit_id", flat=True)) - {plan.issuer_id}


def test_request_units_from_plan_assignments(template, demo_org, users, client_for):
    from danvan.plans import demo

    plan = demo.load_plan_307()
    expected = _lead_unit_ids(plan)
    assert expected
    plan_id, units = services.plan_lead_units("307/KH-UBND", requesting_unit=demo_org["tx-ubnd"])
    assert plan_id == plan.pk and {u.pk for u in units} == expected
    response = client_for(users["noivu"]).post(reverse("reporting:request_create"), {
        "template": template.pk, "requesting_unit": demo_org["tx-ubnd"].pk, "period_kind": "yearly",
        "year": 2026, "deadline": "2026-11-30", "deadline_policy": "next", "plan_reference": "307/kh-ubnd"})
    assert response.status_code == 302
    made = ReportRequest.objects.latest("pk")
    assert made.plan_id == plan.pk and set(made.units.values_list("pk", flat=True)) == expected
    # Units chosen by hand still win over the plan.
    made = services.create_request(actor=users["noivu"], template=template, requesting_unit=demo_org["tx-ubnd"],
                                   period_kind="yearly", year=2026, deadline=date(2026, 11, 30),
                                   plan_reference="307/KH-UBND", units=[demo_org["tx-vhtt"]], units_from_plan=True)
    assert list(made.units.all()) == [demo_org["tx-vhtt"]]


def test_unknown_plan_falls_back_to_default_units(template, demo_org, users):
    made = services.create_request(actor=users["noivu"], template=template, requesting_unit=demo_org["tx-ubnd"],
                                   period_kind="yearly", year=2026, deadline=date(2026, 11, 30),
                                   plan_reference="999/KH-UBND", units_from_plan=True)
    assert made.plan_id is None
    assert set(made.units.all()) == set(services.default_units(demo_org["tx-ubnd"]))
    from danvan.plans import demo

    demo.load_plan_307()
    assert services.plan_lead_units("307/KH-UBND")[0] is not None
    assert services.plan_lead_units("308/KH-UBND") == (None, [])
