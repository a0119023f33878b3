"""The demo loads, twice without duplicating, and shows missed weeks and an overdue commitment."""

from __future__ import annotations

import io
from datetime import date

from danvan.org import clock
from danvan.reception import demo, selectors
from danvan.reception.models import Commitment, Dialogue, ReceptionEntry, ReceptionSession


def test_demo_is_idempotent_and_tells_a_story(users, demo_org):
    demo.load(io.StringIO())
    counts = (ReceptionSession.objects.count(), ReceptionEntry.objects.count(), Dialogue.objects.count())
    demo.load(io.StringIO())
    assert (ReceptionSession.objects.count(), ReceptionEntry.objects.count(), Dialogue.objects.count()) == counts
    assert ReceptionEntry.objects.filter(is_collective=True).count() == 1
    assert Commitment.objects.filter(status="open", due_on__lt=clock.today()).exists()
    rows = selectors.frequency_report(users["phuong"], date(2025, 1, 1), date(2025, 6, 30))
    assert [p.label.split(" ")[1] for p in rows[0].result.missed] == ["6/2025", "19/2025"]
    missing = {u.code for u in selectors.communes_without_conference(users["noivu"], 2025)}
    assert "tx-thuong-dinh" not in missing and "tx-kim-giang" in missing
