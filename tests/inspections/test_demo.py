"""The demo: one 2026 inspection of two Thanh Xuân wards, concluded, one recommendation done and one overdue."""

from __future__ import annotations

import io
from datetime import date

from danvan.inspections import demo, figures
from danvan.inspections.models import Inspection, InspectionStatus, RecommendationStatus
from danvan.plans.models import TaskStatus


def test_demo_tells_the_story_and_loads_twice_without_change(plan, users, freeze_clock):
    freeze_clock(date(2026, 11, 27))
    demo.load(io.StringIO())
    inspection = Inspection.objects.get(title=demo.TITLE)
    history = inspection.history.count()
    demo.load(io.StringIO())
    assert Inspection.objects.count() == 1 and inspection.history.count() == history
    assert inspection.status == InspectionStatus.CONCLUDED and inspection.number_text == "01/TB-UBND"
    assert sorted(u.code for u in inspection.units.all()) == ["tx-khuong-dinh", "tx-thuong-dinh"]
    assert inspection.findings.count() == 2 * inspection.checklist.count()
    assert inspection.findings.filter(evidence__isnull=False).count() == 2
    done, late = (inspection.recommendations.get(unit__code=code) for code in ("tx-thuong-dinh", "tx-khuong-dinh"))
    assert done.status == RecommendationStatus.DONE and done.evidence.exists() and not done.done_late
    assert late.overdue and late.answer
    assert inspection.proposals.count() == 2
    assert inspection.tasks.get().status == TaskStatus.DONE
    out = figures.compute(date(2025, 12, 15), date(2026, 12, 14))
    assert out["inspections.recommendations_overdue"] == {late.unit_id: 1}
    assert out["inspections.recommendations_done_on_time"] == {done.unit_id: 1}
