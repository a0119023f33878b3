"""The legal frequency of personal reception, table-driven over the real 2025–2026 calendar."""

from __future__ import annotations

from datetime import date

import pytest

from danvan.legal.selectors import current_calendar
from danvan.reception import frequency

pytestmark = pytest.mark.django_db  # the calendar in force merges the declared days kept in the database

RULES = {r.code: r for r in frequency.RULES}


def _held(*days: str) -> set[date]:
    return {date.fromisoformat(d) for d in days}


CASES = [
    # (id, rule, start, end, held days, expected missed labels (prefix), expected required, exempt prefixes)
    ("ward misses week 3 of 2026; week 1 (01–04/01 all off) owes nothing", "TCD-F-COMMUNE",
     "2026-01-01", "2026-01-31", _held("2026-01-08", "2026-01-22", "2026-01-29"),
     ["Tuần 3/2026"], 4, ["Tuần 1/2026"]),
    ("ward over Tết: week 8 (16–22/02) has no working day", "TCD-F-COMMUNE",
     "2026-02-02", "2026-03-01", _held("2026-02-05", "2026-02-12", "2026-02-26"),
     [], 3, ["Tuần 8/2026"]),
    ("ward receiving twice in a week does not cover the next week", "TCD-F-COMMUNE",
     "2026-03-02", "2026-03-15", _held("2026-03-03", "2026-03-05"),
     ["Tuần 11/2026"], 2, []),
    ("district chairman: 2 a month until 30/06/2025, June short, nothing owed after", "TCD-F-DISTRICT",
     "2025-01-01", "2025-12-31",
     _held("2025-01-06", "2025-01-20", "2025-02-10", "2025-02-24", "2025-03-03", "2025-03-17", "2025-04-07",
           "2025-04-21", "2025-05-05", "2025-05-19", "2025-06-16", "2025-08-04"),
     ["Tháng 06/2025"], 12, []),
    ("head of a department: 1 a month", "TCD-F-AGENCY", "2026-01-01", "2026-03-31",
     _held("2026-01-15", "2026-03-12"), ["Tháng 02/2026"], 3, []),
    ("province chairman: 1 a month, all held", "TCD-F-PROVINCE", "2026-04-01", "2026-05-31",
     _held("2026-04-15", "2026-05-15"), [], 2, []),
]


@pytest.mark.parametrize(("name", "code", "start", "end", "held", "missed", "required", "exempt"), CASES,
                         ids=[c[0] for c in CASES])
def test_frequency_rule(name, code, start, end, held, missed, required, exempt):
    result = frequency.check(RULES[code], held, date.fromisoformat(start), date.fromisoformat(end),
                             current_calendar())
    assert [p.label.split(" (")[0] for p in result.missed] == missed
    assert result.required_days == required
    for prefix in exempt:
        assert any(label.startswith(prefix) for label in result.exempt), result.exempt
    assert result.ok is (not missed)


def test_rules_carry_their_legal_source_and_cover_the_levels():
    assert {r.code: r.source.split(" ")[1] for r in frequency.RULES} == {
        "TCD-F-COMMUNE": "15", "TCD-F-DISTRICT": "13", "TCD-F-PROVINCE": "12", "TCD-F-AGENCY": "18"}
    assert [r.code for r in frequency.rules_for("commune", "committee")] == ["TCD-F-COMMUNE"]
    assert [r.code for r in frequency.rules_for("district", "department")] == ["TCD-F-AGENCY"]
    assert frequency.rules_for("commune", "mass_organization") == []
    assert RULES["TCD-F-DISTRICT"].valid_to == date(2025, 6, 30)


def test_missed_week_label_names_the_dates():
    result = frequency.check(RULES["TCD-F-COMMUNE"], set(), date(2026, 1, 12), date(2026, 1, 18), current_calendar())
    assert result.missed[0].label == "Tuần 3/2026 (12/01/2026 – 18/01/2026)"
