"""A report page says first what the person looking at it must do next, and by when.

The drafter of a ward fills in and saves, its chairman submits, the Internal Affairs office reviews;
each sees a different first sentence, and the days left (or over) to the request's due date.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from danvan.reporting import services


def _step(client, submission) -> str:
    html = client.get(f"/bao-cao/nop/{submission.pk}/").content.decode()
    match = re.search(r'data-testid="next-step".*?</section>', html, re.S)
    return re.sub(r"\s+", " ", match.group(0)) if match else ""


@pytest.fixture
def submission(request_2026, demo_org):
    return services.open_submission(actor=None, request=request_2026, unit=demo_org["tx-thuong-dinh"])


# (state of the report, who looks, what the page says first)
CASES = [
    ("draft", "canbo", "thủ trưởng đơn vị (Vũ Thị Mai) nộp báo cáo."),
    ("draft", "phuong", "rồi bấm “Lưu và nộp báo cáo”."),
    ("draft", "noivu", "UBND phường Thượng Đình đang soạn báo cáo, chưa nộp."),
    ("submitted", "noivu", "rồi tiếp nhận, hoặc trả lại kèm ý kiến"),
    ("submitted", "phuong", "chờ UBND quận Thanh Xuân xem xét."),
    ("submitted", "canbo", "chờ UBND quận Thanh Xuân xem xét."),
    ("returned", "phuong", "sửa theo ý kiến khi trả lại, rồi bấm “Lưu và nộp lại”."),
    ("returned", "canbo", "thủ trưởng đơn vị (Vũ Thị Mai) nộp lại."),
    ("accepted", "phuong", "không còn việc cần làm."),
    ("accepted", "noivu", "không còn việc cần làm."),
]


@pytest.mark.parametrize(("state", "username", "expected"), CASES)
def test_each_person_is_told_their_own_next_step(submission, users, client_for, freeze_clock, state, username,
                                                 expected):
    freeze_clock(date(2026, 11, 20))
    if state != "draft":
        services.submit(actor=users["phuong"], submission=submission)
    if state == "returned":
        services.return_submission(actor=users["noivu"], submission=submission, comment="Bổ sung số liệu.")
    if state == "accepted":
        services.accept_submission(actor=users["noivu"], submission=submission)
    step = _step(client_for(users[username]), submission)
    assert expected in step, step


@pytest.mark.parametrize(("today", "expected"), [
    (date(2026, 11, 20), "Hạn nộp 30/11/2026, còn 10 ngày."),
    (date(2026, 11, 30), "Hôm nay là hạn nộp."),
    (date(2026, 12, 3), "Đã quá hạn nộp (30/11/2026) 3 ngày."),
])
def test_the_drafter_sees_the_days_left_or_over(submission, users, client_for, freeze_clock, today, expected):
    freeze_clock(today)
    assert expected in _step(client_for(users["phuong"]), submission)


def test_once_submitted_no_due_date_is_pressed(submission, users, client_for, freeze_clock):
    freeze_clock(date(2026, 12, 3))
    services.submit(actor=users["phuong"], submission=submission)
    step = _step(client_for(users["phuong"]), submission)
    assert "chờ UBND quận Thanh Xuân xem xét" in step and "quá hạn" not in step
