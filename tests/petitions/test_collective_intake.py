"""Officer intake of a collective petition: the list of petitioners, the representatives (Law on Citizen
Reception art. 29), nothing half-saved, and the case page that shows them (never a denouncer unasked)."""

from __future__ import annotations

import pytest

from danvan.org import clock
from danvan.petitions.models import Attachment, IdentityAccessLog, Petition, PetitionerIdentity

from .helpers import field, png_upload

pytestmark = pytest.mark.django_db

URL = "/don-thu/tiep-nhan/"


def _data(demo_org, people: list[tuple[str, bool]], total: int | None = None, **kw) -> dict:
    data = {"kind": "recommendation", "field": field("boi-thuong-gpmb").pk, "unit": demo_org["tx-thuong-dinh"].pk,
            "channel": "in_person", "received_on": "2026-01-05", "subject": "Kiến nghị đơn giá bồi thường",
            "content": "Các hộ tổ 5 kiến nghị xem xét lại đơn giá bồi thường.", "is_collective": "on",
            "nguoi-TOTAL_FORMS": str(total if total is not None else len(people) + 2), "nguoi-INITIAL_FORMS": "0"}
    for i, (name, representative) in enumerate(people):
        data[f"nguoi-{i}-full_name"] = name
        data[f"nguoi-{i}-address"] = f"Số {i + 1} tổ 5"
        if representative:
            data[f"nguoi-{i}-is_representative"] = "on"
    data.update(kw)
    return data


def _people(n: int, reps: int) -> list[tuple[str, bool]]:
    return [(f"Người Ký Đơn {i + 1}", i < reps) for i in range(n)]


def test_collective_petition_with_its_representatives_is_saved_and_shown(demo_org, users, client_for):
    client = client_for(users["canbo"])
    assert 'name="nguoi-TOTAL_FORMS"' in client.get(URL).content.decode()
    response = client.post(URL, _data(demo_org, _people(7, 2)))
    assert response.status_code == 302, response.content.decode()[:3000]
    p = Petition.objects.get()
    assert (p.is_collective, p.signers_count, p.representatives_count) == (True, 7, 2)
    people = list(p.identities.all())
    assert len(people) == 7 and [x.full_name for x in people if x.is_representative] == [
        "Người Ký Đơn 1", "Người Ký Đơn 2"]
    html = client.get(p.get_absolute_url()).content.decode()
    box = html.split('data-testid="identity"')[1].split("</div>")[0]
    assert all(f"Người Ký Đơn {i}" in box for i in range(1, 8)) and box.count("(đại diện)") == 2
    assert "7 người ký, 2 người đại diện" in html


def test_more_than_ten_may_have_up_to_five(demo_org, users, client_for):
    client = client_for(users["canbo"])
    response = client.post(URL, _data(demo_org, _people(5, 5), signers_count="30"))
    assert response.status_code == 302
    p = Petition.objects.get()
    assert (p.signers_count, p.representatives_count, p.identities.count()) == (30, 5, 5)


@pytest.mark.parametrize("people, extra, message", [
    (_people(8, 3), {}, "số người đại diện phải từ 1 đến 2"),
    (_people(6, 6), {"signers_count": "12"}, "số người đại diện phải từ 1 đến 5"),
    (_people(7, 0), {}, "số người đại diện phải từ 1 đến 2"),
    (_people(3, 1), {}, "từ 5 người cùng ký trở lên"),
    (_people(6, 1), {"signers_count": "4"}, "không thể ít hơn số người đã ghi tên"),
])
def test_collective_rules_in_vietnamese_and_nothing_half_saved(demo_org, users, client_for, people, extra, message):
    client = client_for(users["canbo"])
    response = client.post(URL, {**_data(demo_org, people, **extra), "attachment": png_upload()})
    html = response.content.decode()
    assert response.status_code == 200 and message in html, html[html.find("alert"):][:800]
    assert not Petition.objects.exists() and not PetitionerIdentity.objects.exists()
    assert not Attachment.objects.exists()
    assert "Người Ký Đơn 1" in html  # what was typed comes back


def test_a_row_without_a_name_is_refused(demo_org, users, client_for):
    data = _data(demo_org, _people(5, 1))
    data["nguoi-5-phone"] = "0912345678"
    html = client_for(users["canbo"]).post(URL, data).content.decode()
    assert "Hãy nhập họ và tên người này" in html and not Petition.objects.exists()


def test_add_rows_keeps_what_was_typed_and_saves_nothing(demo_org, users, client_for):
    data = _data(demo_org, _people(5, 1), total=5)
    html = client_for(users["canbo"]).post(URL, {**data, "them-dong": "1"}).content.decode()
    assert not Petition.objects.exists()
    assert 'name="nguoi-TOTAL_FORMS" value="10"' in html.replace(" id=\"id_nguoi-TOTAL_FORMS\"", "")
    assert "Người Ký Đơn 5" in html and "Kiến nghị đơn giá bồi thường" in html
    assert "text-danger" not in html  # not validated yet


def test_collective_denunciation_names_only_through_the_reveal(demo_org, users, client_for):
    canbo = users["canbo"]
    data = _data(demo_org, _people(6, 2), kind="denunciation", field=field("dat-dai").pk, is_signed="on")
    assert client_for(canbo).post(URL, data).status_code == 302
    p = Petition.objects.get()
    assert p.identities.count() == 6 and p.assigned_to == canbo
    for who in (canbo, users["phuong"], users["chutich"], users["kiemtra"]):
        html = client_for(who).get(p.get_absolute_url()).content.decode()
        assert "Người Ký Đơn" not in html, who.username
    assert not IdentityAccessLog.objects.exists()
    html = client_for(canbo).get(p.get_absolute_url() + "?danh-tinh=1").content.decode()
    assert "Người Ký Đơn 6" in html and html.count("(đại diện)") == 2
    assert IdentityAccessLog.objects.count() == 1
    html = client_for(users["chutich"]).get(p.get_absolute_url() + "?danh-tinh=1").content.decode()
    assert "Người Ký Đơn" not in html and IdentityAccessLog.objects.count() == 1


def test_service_refuses_representatives_not_in_the_list(demo_org, users):

    from django.core.exceptions import ValidationError

    from danvan.petitions import services

    people = [{"full_name": f"Người {i}", "is_representative": i == 0} for i in range(6)]
    with pytest.raises(ValidationError) as exc:
        services.submit_petition(
            actor=users["canbo"], kind="feedback", field=field(), unit=demo_org["tx-thuong-dinh"], channel="in_person",
            received_on=clock.today(), subject="Phản ánh", content="Nội dung", petitioners=people,
            is_collective=True, signers_count=6, representatives_count=2)
    assert "chỉ đánh dấu 1 người trong danh sách" in str(exc.value.message_dict["representatives"])
    assert not Petition.objects.exists() and not PetitionerIdentity.objects.exists()
