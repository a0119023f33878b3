"""Fixtures of reception tests: a Thượng Đình session and a clock fixed on 27/11/2026."""

from __future__ import annotations

from datetime import date

import pytest

from danvan.reception import services

TODAY = date(2026, 11, 27)


@pytest.fixture
def ward(demo_org):
    return demo_org["tx-thuong-dinh"]


@pytest.fixture
def session(ward, users):
    created, _warnings = services.create_session(actor=users["canbo"], unit=ward, leader=users["phuong"],
                                                 date=date(2026, 2, 10), place="Trụ sở UBND phường",
                                                 posted_on=date(2026, 2, 2))
    return created


@pytest.fixture
def entry_values():
    return dict(citizen_name="Nguyễn Văn An", citizen_address="Tổ 5, Thượng Đình", kind="feedback",
                summary="Phản ánh đèn chiếu sáng ngõ 72 hỏng.")
