"""Who signs a unit's outgoing documents and the place name they print are data an administrator edits."""

from __future__ import annotations

from danvan.documents.issuer import issuer_for
from danvan.org import services as org_services
from danvan.org.models import Role


def _post(unit, **extra):
    return {"code": unit.code, "name": unit.name, "level": unit.level, "kind": unit.kind,
            "parent": unit.parent_id or "", "version": unit.version, **extra}


def test_coordinator_sets_the_signer_and_place_name_of_a_ward(client_for, users, demo_org):
    ward = demo_org["tx-thuong-dinh"]
    assert issuer_for(ward).signer.heading_lines == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    assert issuer_for(ward).place == "Thượng Đình"
    vice = org_services.create_staff(actor=None, username="pct-td", full_name="Tạ Quang Bình", unit=ward,
                                     role=Role.LEADER, position="Phó Chủ tịch UBND phường Thượng Đình")
    c = client_for(users["noivu"])
    form = c.get(f"/don-vi/{ward.pk}/sua/").content.decode()
    assert "Tạ Quang Bình" in form and "Trần Văn Minh" not in form  # only the ward's own leaders are offered
    response = c.post(f"/don-vi/{ward.pk}/sua/", _post(ward, signer=vice.pk, place_name="Phường Thượng Đình"))
    assert response.status_code == 302
    ward.refresh_from_db()
    issuer = issuer_for(ward)
    assert issuer.leader == vice and issuer.place == "Phường Thượng Đình"
    assert issuer.signer.heading_lines == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    html = c.get(f"/don-vi/{ward.pk}/").content.decode()
    assert "Tạ Quang Bình — Phó Chủ tịch UBND phường Thượng Đình" in html and "Phường Thượng Đình" in html


def test_a_signer_from_another_unit_is_refused_at_the_field(client_for, users, demo_org):
    ward = demo_org["tx-thuong-dinh"]
    response = client_for(users["noivu"]).post(f"/don-vi/{ward.pk}/sua/", _post(ward, signer=users["chutich"].pk))
    assert response.status_code == 200 and "signer" in response.context["form"].errors
    ward.refresh_from_db()
    assert ward.signer is None


def test_a_department_is_signed_by_its_head_and_dated_at_its_committees_place(demo_org, users):
    issuer = issuer_for(demo_org["tx-vhtt"])
    assert issuer.leader == users["truongphong"] and issuer.signer.heading_lines == ["TRƯỞNG PHÒNG"]
    assert issuer.place == "Thanh Xuân" and issuer.issuer_code == "VHTT"
    assert issuer.parent_body == "UBND QUẬN THANH XUÂN"
