"""Text a database cannot hold (a NUL byte, a control character) is refused at the door, whatever
the view, with a Vietnamese message saying what to fix, and nothing is written — on SQLite and on
PostgreSQL alike (where a NUL used to be a server error)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from danvan.core.vntext import UnstorableText
from danvan.org import clock
from danvan.petitions import services as petitions
from danvan.petitions.models import Field, Note, Petition
from danvan.plans import demo
from danvan.plans.models import Plan
from danvan.reception.models import ReceptionEntry

REFUSED = "ký tự không hợp lệ"


@pytest.fixture
def case(demo_org, users):
    return petitions.submit_petition(
        actor=users["canbo"], kind="feedback", field=Field.objects.get(code="moi-truong"),
        unit=demo_org["tx-thuong-dinh"], channel="in_person", received_on=clock.today(), subject="Rác tồn đọng",
        content="Rác tồn đọng ở ngõ 105.", petitioners=[{"full_name": "Trần Thị Hoa"}]).petition


def test_a_nul_in_a_case_note_is_refused_and_nothing_is_written(case, users, client_for):
    versions = case.history.count()
    response = client_for(users["canbo"]).post(reverse("petitions:petition_action", args=[case.pk]), {
        "action": "note", "text": "Đã làm việc với cán bộ\x00 địa chính"})
    html = response.content.decode()
    assert response.status_code == 400
    assert REFUSED in html and "«Đã làm việc với cán bộ»" in html and "U+0000" in html
    assert not Note.objects.exists() and case.history.count() == versions


def test_the_service_refuses_it_too_whoever_calls_it(case, users):
    with pytest.raises(UnstorableText):
        petitions.add_note(actor=users["canbo"], petition=case, text="Ghi chú\x00")
    assert not Note.objects.exists()


def test_a_control_character_in_a_form_is_refused_before_the_view(users, client_for, demo_org):
    from danvan.reception import services

    session, _w = services.create_session(actor=users["canbo"], unit=demo_org["tx-thuong-dinh"],
                                          leader=users["phuong"], date=date(2026, 2, 10))
    response = client_for(users["canbo"]).post(f"/tiep-cong-dan/buoi/{session.pk}/ghi-so/", {
        "received_on": "10/02/2026", "citizen_name": "Lê Thị Thu", "kind": "feedback", "people_count": "1",
        "summary": "Phản ánh\x1b đèn hỏng", "within_competence": "on"})
    assert response.status_code == 400 and REFUSED in response.content.decode()
    assert not ReceptionEntry.objects.exists()


def test_a_nul_in_a_search_is_a_message_not_a_server_error(case, users, client_for):
    response = client_for(users["canbo"]).get(reverse("petitions:petition_list"), {"q": "rác\x00"})
    assert response.status_code == 400 and REFUSED in response.content.decode()


def test_a_plan_file_with_nul_bytes_is_refused_at_upload(demo_org, users, client_for):
    client = client_for(users["noivu"])
    text = demo.seed_text()
    broken = text[:2000] + "\x00\x00\x00" + text[2000:]
    upload = SimpleUploadedFile("kh307.txt", broken.encode("utf-8"), content_type="text/plain")
    response = client.post(reverse("plans:plan_import"), {"stage": "upload", "file": upload})
    assert response.status_code == 200
    assert REFUSED in " ".join(response.context["form"].errors["file"])
    assert "stage" not in response.context or not Plan.objects.exists()
    assert not Plan.objects.exists()


def test_the_plan_command_refuses_it_too(demo_org, tmp_path):
    path = tmp_path / "kh.txt"
    path.write_text(demo.seed_text().replace("NỘI DUNG", "NỘI\x00DUNG", 1), encoding="utf-8")
    with pytest.raises(CommandError, match=REFUSED):
        call_command("plan", "import", str(path), stdout=io.StringIO())
    assert not Plan.objects.exists() and not Petition.objects.exists()
