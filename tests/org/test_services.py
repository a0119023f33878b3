"""Registry writes: tree paths, succession, NFC input, optimistic locking and history."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.org import selectors, services
from danvan.org.models import Level, Unit, UnitKind


def test_demo_twice_leaves_eleven_wards_not_twenty_two(demo_org):
    import io

    from danvan.org import demo

    demo.load(io.StringIO())
    district = Unit.objects.get(code="tx-ubnd")
    assert Unit.objects.wards_of(district).count() == 11
    assert Unit.objects.filter(level=Level.COMMUNE).count() == 14


def test_district_shows_its_2025_successors(demo_org):
    district = demo_org["tx-ubnd"]
    assert sorted(district.successors.values_list("short_name", flat=True)) == [
        "Phường Khương Đình", "Phường Phương Liệt", "Phường Thanh Xuân"]
    assert district.valid_to == date(2025, 6, 30)
    assert not district.is_active_on(date(2025, 7, 1))


def test_name_typed_with_combining_marks_is_stored_nfc(demo_org, users):
    typed = unicodedata.normalize("NFD", "Tổ dân phố số 5 Khương Đình")
    unit = services.create_unit(actor=users["noivu"], code="tdp-5", name=typed, level=Level.COMMUNE,
                                kind=UnitKind.OFFICE, parent=demo_org["tx-khuong-dinh"])
    assert unit.name == unicodedata.normalize("NFC", typed)
    assert Unit.objects.filter(name="Tổ dân phố số 5 Khương Đình").exists()
    assert unit.path == demo_org["tx-khuong-dinh"].path + f"{unit.pk}/"


def test_moving_a_unit_moves_its_subtree(demo_org, users):
    ward = demo_org["tx-kim-giang"]
    child = services.create_unit(actor=None, code="kg-tdp", name="Tổ dân phố 1", level=Level.COMMUNE,
                                 kind=UnitKind.OFFICE, parent=ward)
    grandchild = services.create_unit(actor=None, code="kg-tdp-to", name="Tổ 1A", level=Level.COMMUNE,
                                      kind=UnitKind.OFFICE, parent=child)
    assert (ward.depth, child.depth, grandchild.depth) == (2, 3, 4)
    services.update_unit(actor=None, unit=ward, parent=demo_org["hn"])
    for unit in (ward, child, grandchild):
        unit.refresh_from_db()
    assert ward.path == f"{demo_org['hn'].path}{ward.pk}/"
    assert child.path == f"{ward.path}{child.pk}/" and grandchild.path == f"{child.path}{grandchild.pk}/"
    assert (ward.depth, child.depth, grandchild.depth) == (1, 2, 3)
    assert set(Unit.objects.subtree_of(ward).values_list("pk", flat=True)) == {ward.pk, child.pk, grandchild.pk}


def test_unit_cannot_be_moved_under_itself(demo_org):
    district = demo_org["tx-ubnd"]
    with pytest.raises(ValidationError) as exc:
        services.update_unit(actor=None, unit=district, parent=demo_org["tx-khuong-dinh"])
    assert "cấp dưới của chính nó" in str(exc.value)


def test_stale_edit_is_refused_not_overwritten(demo_org, users):
    unit = demo_org["tx-vhtt"]
    services.update_unit(actor=users["noivu"], unit=unit, version=1, phone="024 3858 0000")
    with pytest.raises(ValidationError) as exc:
        services.update_unit(actor=users["noivu"], unit=unit, version=1, phone="024 0000 0000")
    assert "vừa được người khác sửa" in str(exc.value)
    unit.refresh_from_db()
    assert unit.phone == "024 3858 0000"


def test_every_change_is_in_history_with_who_and_what(demo_org, users):
    unit = demo_org["tx-vhtt"]
    services.update_unit(actor=users["noivu"], unit=unit, name="Phòng Văn hóa, Thông tin và Thể thao")
    entries = selectors.history_of(unit)
    latest = entries[0]
    assert latest["record"].history_user == users["noivu"]
    assert {"field": "tên đơn vị", "old": "Phòng Văn hóa và Thông tin",
            "new": "Phòng Văn hóa, Thông tin và Thể thao"} in latest["changes"]


def test_officer_cannot_create_units(demo_org, users):
    with pytest.raises(PermissionDenied):
        services.create_unit(actor=users["canbo"], code="x", name="X", level=Level.COMMUNE,
                             kind=UnitKind.OFFICE, parent=demo_org["tx-thuong-dinh"])


def test_bad_dates_are_refused_with_a_vietnamese_message(demo_org):
    with pytest.raises(ValidationError) as exc:
        services.create_unit(actor=None, code="bad", name="Đơn vị thử", level=Level.COMMUNE,
                             kind=UnitKind.OFFICE, valid_from=date(2026, 1, 1), valid_to=date(2025, 1, 1))
    assert "Ngày hết hiệu lực phải sau" in str(exc.value)
    assert not Unit.objects.filter(code="bad").exists()


def test_new_responsibility_ends_the_previous_one(demo_org, users):
    ward = demo_org["tx-thuong-dinh"]
    services.assign_responsibility(actor=users["noivu"], unit=ward, staff=users["canbo"],
                                   valid_from=date(2026, 3, 1))
    terms = list(ward.responsibilities.order_by("valid_from"))
    assert terms[0].valid_to == date(2026, 2, 28)
    assert terms[-1].staff == users["canbo"] and terms[-1].valid_to is None


def test_coordinator_cannot_grant_administrator(demo_org, users):
    with pytest.raises(PermissionDenied):
        services.create_staff(actor=users["noivu"], username="x", full_name="X", unit=demo_org["tx-noi-vu"],
                              role="administrator")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("phòng Nội vụ", "tx-noi-vu"),
        ("Phòng NV", "tx-noi-vu"),
        ("Phòng Văn hoá và Thông tin", "tx-vhtt"),
        ("Văn phòng HĐND và UBND quận", "tx-van-phong"),
        ("các đơn vị có liên quan", None),
    ],
)
def test_unit_names_in_documents_resolve_to_one_unit(demo_org, text, expected):
    result = selectors.resolve_unit_text(text, committee=demo_org["tx-ubnd"])
    assert (result.code if result else None) == expected


def test_cac_phuong_resolves_to_every_ward(demo_org):
    wards = selectors.resolve_unit_text("11 phường", committee=demo_org["tx-ubnd"])
    assert len(wards) == 11
