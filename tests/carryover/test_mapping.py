"""Addresses to new wards, by the 2025 Hà Nội mapping kept as data (table-driven)."""

from __future__ import annotations

import pytest

from danvan.carryover.mapping import all_maps, map_for_names

REFORM = map_for_names(["UBND quận Thanh Xuân"])

CASES = [
    # address, new ward, matched by
    ("Số 22, Phường Hạ Đình", "Khương Đình", "ward"),
    ("số 7 ngõ 40 Khương Hạ, phường Khương Đình, quận Thanh Xuân", "Khương Đình", "street"),
    ("Số 12 Vũ Trọng Phụng, P. Thanh Xuân Trung", "Thanh Xuân", "street"),
    ("tổ 5, phuong thanh xuan bac", "Thanh Xuân", "ward"),
    ("Số 3 ngõ 2 Lê Trọng Tấn, phường Khương Mai", "Phương Liệt", "street"),
    ("Số 9, Phường Kim Giang", "Phương Liệt", "ward"),
    ("Phường Thượng Đình", "Thanh Xuân", "ward"),
    ("Khu tập thể Thanh Xuân Nam, phường Thanh Xuân Nam", "Thanh Xuân", "ward"),
    ("Số 1 phố Giải Phóng", "Phương Liệt", "street"),
]


def test_the_data_file_names_its_source_and_covers_the_eleven_wards():
    assert len(all_maps()) >= 1
    assert "1656/NQ-UBTVQH15" in REFORM.source and "16/06/2025" in REFORM.source
    assert len(REFORM.wards) == 11
    assert REFORM.new_wards() == ["Khương Đình", "Phương Liệt", "Thanh Xuân"]


@pytest.mark.parametrize(("address", "ward", "by"), CASES)
def test_an_address_finds_its_new_ward(address, ward, by):
    found = REFORM.match_address(address)
    assert (found.new_ward, found.by) == (ward, by)


@pytest.mark.parametrize("address", ["", "Số 5 phố Huế, Hà Nội", "không rõ địa chỉ"])
def test_an_address_outside_the_district_finds_nothing(address):
    assert REFORM.match_address(address) is None


def test_no_mapping_for_another_district():
    assert map_for_names(["UBND quận Cầu Giấy"]) is None
