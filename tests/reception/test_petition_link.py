"""From a reception-book line to a case: one step, linked both ways, once, all or nothing."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.petitions.models import Channel, IdentityAccessLog, Petition, PetitionerIdentity
from danvan.reception import services
from danvan.reception.models import ReceptionEntry

URL = "/tiep-cong-dan/so/{pk}/tao-ho-so/"


def _field(code: str = "trat-tu-do-thi"):
    from danvan.petitions.models import Field

    return Field.objects.get(code=code)


def _complaint(session, users, **kw):
    values = dict(citizen_name="Lê Thị Thu", citizen_address="Số 12 ngõ 214 Nguyễn Xiển", id_number="001180012345",
                  kind="complaint", summary="Khiếu nại quyết định thu hồi đất của UBND phường.\nĐề nghị xem xét lại.",
                  handled_before="UBND phường Thượng Đình")
    values.update(kw)
    return services.record_entry(actor=users["canbo"], session=session, **values)


def test_complaint_becomes_a_linked_case(session, users):
    entry = _complaint(session, users)
    sub = services.create_petition(actor=users["canbo"], entry=entry, field=_field("dat-dai"), is_signed=True)
    petition = sub.petition
    entry.refresh_from_db()
    assert entry.petition == petition and entry.version == 2
    assert list(petition.reception_entries.all()) == [entry]
    assert petition.kind == "complaint_first" and petition.channel == Channel.IN_PERSON
    assert petition.received_on == date(2026, 2, 10) == entry.received_on
    assert petition.unit == petition.handling_unit == session.unit
    assert petition.subject == "Khiếu nại quyết định thu hồi đất của UBND phường."
    assert "Đề nghị xem xét lại." in petition.content and "UBND phường Thượng Đình" in petition.content
    assert petition.assigned_to == users["canbo"]
    person = petition.identities.get()
    assert (person.full_name, person.address, person.id_number) == (
        "Lê Thị Thu", "Số 12 ngõ 214 Nguyễn Xiển", "001180012345")
    assert "Tạo hồ sơ đơn thư" in entry.history.first().history_change_reason


def test_collective_visit_keeps_people_and_representatives(session, users):
    entry = services.record_entry(actor=users["canbo"], session=session, citizen_name="Nguyễn Văn Hải",
                                  citizen_address="Tổ 3", kind="recommendation", people_count=12,
                                  representatives="Nguyễn Văn Hải\nPhạm Thị Hoa", summary="Kiến nghị mức bồi thường")
    petition = services.create_petition(actor=users["canbo"], entry=entry, field=_field("dat-dai")).petition
    assert petition.is_collective and petition.signers_count == 12 and petition.representatives_count == 2
    assert [p.full_name for p in petition.identities.all()] == ["Nguyễn Văn Hải", "Phạm Thị Hoa"]


def test_denouncer_identity_goes_to_the_separate_record_only(session, users):
    entry = services.record_entry(actor=users["canbo"], session=session, citizen_name="Hoàng Minh Đức",
                                  citizen_address="Tổ 12", id_number="001078099999", kind="denunciation",
                                  summary="Tố cáo cán bộ địa chính thu tiền ngoài quy định")
    petition = services.create_petition(actor=users["canbo"], entry=entry, field=_field("dat-dai"),
                                        is_signed=True).petition
    assert petition.kind == "denunciation" and not petition.is_anonymous
    assert "hoang" not in petition.search_key and "Hoàng" not in petition.subject + petition.content
    assert PetitionerIdentity.objects.get(petition=petition).full_name == "Hoàng Minh Đức"


def test_second_link_is_refused_in_vietnamese(session, users):
    entry = _complaint(session, users)
    first = services.create_petition(actor=users["canbo"], entry=entry, field=_field(), is_signed=True)
    with pytest.raises(ValidationError) as exc:
        services.create_petition(actor=users["canbo"], entry=entry, field=_field(), is_signed=True)
    assert f"đã được tạo hồ sơ đơn thư {first.code}" in " ".join(exc.value.messages)
    assert Petition.objects.count() == 1


def test_invalid_case_leaves_nothing_behind(session, users):
    entry = _complaint(session, users)
    with pytest.raises(ValidationError) as exc:
        services.create_petition(actor=users["canbo"], entry=entry, field=_field(), is_signed=False)
    assert "chữ ký hoặc điểm chỉ" in " ".join(exc.value.message_dict["is_signed"])
    no_address = _complaint(session, users, citizen_address="")
    with pytest.raises(ValidationError) as exc:
        services.create_petition(actor=users["canbo"], entry=no_address, field=_field(), is_signed=True)
    assert "địa chỉ người khiếu nại" in " ".join(exc.value.message_dict["petitioner"])
    assert not Petition.objects.exists() and not PetitionerIdentity.objects.exists()
    assert not ReceptionEntry.objects.filter(petition__isnull=False).exists()


def test_failure_after_the_case_is_written_rolls_everything_back(session, users, monkeypatch):
    entry = _complaint(session, users)

    def broken_save(self, *args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ReceptionEntry, "save", broken_save)
    with pytest.raises(RuntimeError):
        services.create_petition(actor=users["canbo"], entry=entry, field=_field(), is_signed=True)
    monkeypatch.undo()
    assert not Petition.objects.exists() and not PetitionerIdentity.objects.exists()
    entry.refresh_from_db()
    assert entry.petition_id is None and entry.version == 1


def test_kind_must_match_the_line(session, users):
    entry = services.record_entry(actor=users["canbo"], session=session, citizen_name="A", kind="feedback",
                                  summary="Đèn hỏng")
    with pytest.raises(ValidationError) as exc:
        services.create_petition(actor=users["canbo"], entry=entry, field=_field(), kind="denunciation")
    assert "không khớp" in " ".join(exc.value.message_dict["kind"])


def test_who_may_open_the_case(session, users):
    entry = _complaint(session, users, kind="denunciation")
    for username in ("kiemtra", "canbo2", "chutich"):  # inspector; another ward; district leader (identity hidden)
        with pytest.raises(PermissionDenied):
            services.create_petition(actor=users[username], entry=entry, field=_field(), is_signed=True)
    assert not Petition.objects.exists()


# --- pages -------------------------------------------------------------------------------------


def test_one_form_creates_the_case_and_both_pages_link(client_for, users, session):
    entry = _complaint(session, users)
    client = client_for(users["canbo"])
    html = client.get(entry.get_absolute_url()).content.decode()
    assert "Tạo hồ sơ đơn thư từ lượt tiếp" in html
    form = client.get(URL.format(pk=entry.pk))
    assert form.status_code == 200
    assert form.context["form"]["subject"].value() == "Khiếu nại quyết định thu hồi đất của UBND phường."
    response = client.post(URL.format(pk=entry.pk), {
        "kind": "complaint_first", "field": _field("dat-dai").pk, "subject": "Khiếu nại thu hồi đất",
        "is_signed": "on", "version": "1"}, follow=True)
    petition = Petition.objects.get()
    assert response.redirect_chain[-1][0] == petition.get_absolute_url()
    html = response.content.decode()
    assert f"Mã hồ sơ: {petition.code}" in html and "mã bí mật" in html
    assert 'data-testid="from-reception"' in html
    assert entry.get_absolute_url() in html and session.get_absolute_url() in html
    entry_html = client.get(entry.get_absolute_url()).content.decode()
    assert petition.get_absolute_url() in entry_html and petition.code in entry_html
    assert "Tạo hồ sơ đơn thư từ lượt tiếp" not in entry_html


def test_form_shows_the_petitions_message_and_saves_nothing(client_for, users, session):
    entry = _complaint(session, users)
    response = client_for(users["canbo"]).post(URL.format(pk=entry.pk), {
        "kind": "complaint_first", "field": _field().pk, "subject": "Khiếu nại", "version": "1"})
    assert response.status_code == 200
    assert "Điều 8 Luật Khiếu nại" in response.content.decode()
    assert response.context["form"].errors["is_signed"]
    assert not Petition.objects.exists()
    entry.refresh_from_db()
    assert entry.petition_id is None


def test_form_refuses_a_second_case(client_for, users, session):
    entry = _complaint(session, users)
    client = client_for(users["canbo"])
    data = {"kind": "complaint_first", "field": _field().pk, "subject": "Khiếu nại", "is_signed": "on",
            "version": entry.version}
    client.post(URL.format(pk=entry.pk), data)
    response = client.post(URL.format(pk=entry.pk), data, follow=True)
    assert "Lượt tiếp này đã được tạo hồ sơ đơn thư" in response.content.decode()
    assert Petition.objects.count() == 1


def test_denunciation_form_does_not_show_or_log_the_identity(client_for, users, session):
    entry = _complaint(session, users, kind="denunciation")
    html = client_for(users["canbo"]).get(URL.format(pk=entry.pk)).content.decode()
    assert "Lê Thị Thu" not in html and "giữ bí mật" in html
    assert not entry.identity_views.exists()


def test_case_page_never_shows_who_came_to_others(client_for, users, session):
    entry = _complaint(session, users, kind="denunciation")
    petition = services.create_petition(actor=users["canbo"], entry=entry, field=_field(), is_signed=True).petition
    html = client_for(users["chutich"]).get(petition.get_absolute_url()).content.decode()
    assert entry.get_absolute_url() in html and "Lê Thị Thu" not in html
    assert not IdentityAccessLog.objects.exists()
    assert client_for(users["kiemtra"]).get(URL.format(pk=entry.pk)).status_code in (302, 403)
