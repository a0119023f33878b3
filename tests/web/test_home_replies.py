"""The home page's count of reception lines unanswered past their due date: kept with the cases' counts,
and counted again as soon as a line is written or answered."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.org import clock
from danvan.reception import services

pytestmark = pytest.mark.django_db


def _replies(client) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as ctx:
        html = client.get("/").content.decode()
    return int(re.search(r'data-testid="replies-overdue">(\d+)<', html).group(1)), len(ctx.captured_queries)


def test_replies_overdue_are_kept_and_counted_again_after_a_write(client_for, users, demo_org):
    officer = users["canbo"]
    client = client_for(officer)
    before, _queries = _replies(client)
    line = services.record_entry(actor=None, unit=officer.unit, received_on=clock.today() - timedelta(days=40),
                                 citizen_name="Phạm Thị Dung", kind="recommendation",
                                 summary="Đề nghị sửa rãnh thoát nước ngõ 5")
    counted, first = _replies(client)
    assert counted == before + 1  # the new line shows at once, not after the cache expires
    again, second = _replies(client)
    assert again == counted and second < first  # the second view reads the kept count
    services.record_reply(actor=None, entry=line, replied_on=clock.today())
    assert _replies(client)[0] == before
    # Another unit's line is not in the officer's scope.
    services.record_entry(actor=None, unit=demo_org["tx-khuong-dinh"], received_on=clock.today() - timedelta(days=40),
                          citizen_name="Lê Văn Em", kind="feedback", summary="Phản ánh đèn đường hỏng")
    assert _replies(client)[0] == before
