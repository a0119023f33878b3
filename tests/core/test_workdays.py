"""The state-agency calendar: 2024-2026 facts, corrections to the package, overrides, properties."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from danvan.core.workdays import (
    CalendarError,
    WorkCalendar,
    calendar_with_overrides,
    default_calendar,
    load_declared_days,
)

CAL = default_calendar()
D = date


# ---- 2026 and 2025 facts from legal-rules.md §2 ------------------------------------------------

CALENDAR_FACTS = [
    # (date, is working day, why)
    (D(2026, 1, 1), False, "Tết Dương lịch"),
    (D(2026, 1, 2), False, "swapped with Sat 10/01 (package lacks it)"),
    (D(2026, 1, 10), True, "make-up Saturday"),
    (D(2026, 1, 17), False, "ordinary Saturday"),
    *[(D(2026, 2, day), False, "Tết 14-22/02") for day in range(14, 23)],
    (D(2026, 2, 13), True, "Friday before Tết"),
    (D(2026, 2, 23), True, "first day after Tết"),
    (D(2026, 4, 27), False, "Giỗ Tổ on Sunday 26/04: compensatory Monday"),
    (D(2026, 4, 30), False, "30/4"),
    (D(2026, 5, 1), False, "1/5"),
    (D(2026, 9, 2), False, "Quốc khánh"),
    (D(2026, 9, 1), False, "Quốc khánh adjacent day (editable)"),
    (D(2026, 11, 24), True, "24/11 not a 2026 day off per legal-rules (package says it is)"),
    (D(2026, 8, 31), True, "31/08 swap not confirmed by legal-rules (package says off)"),
    (D(2026, 8, 22), False, "22/08 stays a Saturday off (package says make-up day)"),
    # 2025
    (D(2025, 1, 27), False, "Tết 2025"),
    (D(2025, 1, 31), False, "Tết 2025"),
    (D(2025, 2, 3), True, "after Tết 2025"),
    (D(2025, 4, 7), False, "Giỗ Tổ 2025"),
    (D(2025, 4, 26), True, "make-up Saturday 2025"),
    (D(2025, 5, 2), False, "swapped 2025"),
    (D(2025, 9, 1), False, "Quốc khánh 2025"),
    # 2024
    (D(2024, 4, 29), False, "swapped 2024"),
    (D(2024, 5, 4), True, "make-up Saturday 2024"),
]


@pytest.mark.parametrize(("day", "working", "why"), CALENDAR_FACTS)
def test_calendar_facts(day, working, why):
    assert CAL.is_workday(day) is working, why


def test_days_off_2026_listing():
    listing = CAL.days_off(2026)
    assert [d for d, _ in listing] == [
        D(2026, 1, 1),
        D(2026, 1, 2),
        D(2026, 1, 10),
        D(2026, 2, 16),
        D(2026, 2, 17),
        D(2026, 2, 18),
        D(2026, 2, 19),
        D(2026, 2, 20),
        D(2026, 4, 27),
        D(2026, 4, 30),
        D(2026, 5, 1),
        D(2026, 9, 1),
        D(2026, 9, 2),
    ]
    assert all(reason for _, reason in listing)
    lines = CAL.describe_days_off(2026)
    assert lines[2].startswith("10/01/2026 (Thứ Bảy): làm việc")


@pytest.mark.parametrize(
    ("year", "count"),
    [(2024, 13), (2025, 13), (2026, 13)],  # weekday days off + worked Saturdays
)
def test_days_off_counts_pinned(year, count):
    """A package upgrade or data edit that changes a declared year must be a visible decision."""
    assert len(CAL.days_off(year)) == count


def test_package_disagreements_2026_are_the_documented_ones():
    diffs = {d: (theirs, ours) for d, theirs, ours in CAL.package_differences(2026)}
    assert diffs == {
        D(2026, 1, 2): ("work", "off"),
        D(2026, 1, 10): ("off", "work"),
        D(2026, 8, 22): ("work", "off"),
        D(2026, 8, 31): ("off", "work"),
        D(2026, 11, 24): ("off", "work"),
    }


def test_declared_file_has_reason_and_source_for_every_day():
    years, entries = load_declared_days()
    assert years == {2024, 2025, 2026}
    for entry in entries:
        assert entry.kind in ("off", "work")
        assert entry.reason and entry.source, entry


def test_years_outside_data_fall_back_to_package():
    assert not CAL.is_workday(D(2027, 1, 1))
    assert not CAL.is_workday(D(2027, 5, 3))  # package's compensatory day for Sat 01/05/2027
    assert CAL.is_workday(D(2027, 1, 4))


# ---- counting ---------------------------------------------------------------------------------

COUNTING = [
    # (start, n, expected)
    (D(2026, 2, 10), 10, D(2026, 3, 3)),
    (D(2026, 2, 10), 7, D(2026, 2, 26)),
    (D(2026, 2, 13), 5, D(2026, 2, 27)),
    (D(2025, 12, 31), 1, D(2026, 1, 5)),  # 01 and 02/01 off, weekend
    (D(2026, 1, 9), 1, D(2026, 1, 10)),  # make-up Saturday counts
    (D(2026, 3, 9), -5, D(2026, 3, 2)),
    (D(2026, 2, 23), -1, D(2026, 2, 13)),  # backwards over Tết
    (D(2026, 1, 12), -2, D(2026, 1, 9)),  # Sat 10/01 is the 1st working day before Mon 12/01
    (D(2026, 2, 14), 0, D(2026, 2, 14)),
]


@pytest.mark.parametrize(("start", "n", "expected"), COUNTING)
def test_add_workdays(start, n, expected):
    assert CAL.add_workdays(start, n) == expected


@pytest.mark.parametrize(
    ("a", "b", "count"),
    [
        (D(2026, 2, 10), D(2026, 3, 3), 10),
        (D(2026, 2, 13), D(2026, 2, 22), 0),
        (D(2026, 1, 1), D(2026, 1, 11), 6),  # 05-09/01 and Sat 10/01
        (D(2026, 3, 3), D(2026, 2, 10), -10),
    ],
)
def test_workdays_between(a, b, count):
    assert CAL.workdays_between(a, b) == count


@pytest.mark.parametrize(
    ("start", "n", "raw", "effective", "reasons"),
    [
        (D(2026, 1, 5), 30, D(2026, 2, 4), D(2026, 2, 4), []),
        (D(2026, 1, 5), 45, D(2026, 2, 19), D(2026, 2, 23), [D(2026, 2, d) for d in (19, 20, 21, 22)]),
        (D(2026, 3, 2), 60, D(2026, 5, 1), D(2026, 5, 4), [D(2026, 5, 1), D(2026, 5, 2), D(2026, 5, 3)]),
        (D(2026, 3, 2), 90, D(2026, 5, 31), D(2026, 6, 1), [D(2026, 5, 31)]),
    ],
)
def test_calendar_days_shift(start, n, raw, effective, reasons):
    assert CAL.add_calendar_days_shifted(start, n) == (raw, effective)
    assert [e.date for e in CAL.reasons_between(raw, effective)] == reasons


def test_reasons_name_the_calendar_entries():
    tet, weekend = CAL.reasons_between(D(2026, 2, 20), D(2026, 2, 23))[0], CAL.entry_for(D(2026, 5, 31))
    assert "Tết" in tet.reason and tet.source and tet.origin == "declared"
    assert weekend.origin == "weekend" and "Chủ nhật" in weekend.reason


# ---- overrides ------------------------------------------------------------------------------------


def test_override_adds_a_day_off():
    cal = WorkCalendar(
        [{"date": "2026-03-04", "kind": "off", "reason": "Nghỉ đột xuất", "source": "QĐ 1/QĐ"}]
    )
    assert not cal.is_workday(D(2026, 3, 4))
    assert CAL.is_workday(D(2026, 3, 4))  # the shared calendar is untouched
    assert cal.add_workdays(D(2026, 3, 3), 1) == D(2026, 3, 5)
    assert (D(2026, 3, 4), "Nghỉ đột xuất") in cal.days_off(2026)
    assert cal.entry_for(D(2026, 3, 4)).origin == "override"


def test_override_cancels_a_holiday_and_a_make_up_saturday():
    cal = calendar_with_overrides(
        [
            {"date": D(2026, 1, 2), "kind": "work", "reason": "Không hoán đổi"},
            {"date": D(2026, 1, 10), "kind": "off"},
        ]
    )
    assert cal.is_workday(D(2026, 1, 2))
    assert not cal.is_workday(D(2026, 1, 10))
    assert cal is calendar_with_overrides(
        [
            {"date": D(2026, 1, 2), "kind": "work", "reason": "Không hoán đổi"},
            {"date": D(2026, 1, 10), "kind": "off"},
        ]
    )


def test_override_restores_the_package_swap():
    cal = CAL.with_overrides([{"date": "2026-08-31", "kind": "off"}, {"date": "2026-08-22", "kind": "work"}])
    assert not cal.is_workday(D(2026, 8, 31)) and cal.is_workday(D(2026, 8, 22))
    assert {d for d, _, _ in cal.package_differences(2026)} == {
        D(2026, 1, 2),
        D(2026, 1, 10),
        D(2026, 11, 24),
    }


@pytest.mark.parametrize(
    "record",
    [{"date": "2026-13-01", "kind": "off"}, {"date": "2026-01-01", "kind": "holiday"}, {"kind": "off"}],
)
def test_bad_override_records_are_rejected_in_vietnamese(record):
    with pytest.raises(CalendarError, match=r"không hợp lệ|Thiếu ngày"):
        WorkCalendar([record])


def test_no_overrides_gives_the_shared_calendar():
    assert calendar_with_overrides(None) is default_calendar()
    assert calendar_with_overrides([]) is default_calendar()


def test_far_counts_extend_the_precomputed_span():
    cal = WorkCalendar()
    due = cal.add_workdays(D(2026, 1, 5), 2000)
    assert cal.workdays_between(D(2026, 1, 5), due) == 2000
    back = cal.add_workdays(D(2026, 1, 5), -2000)
    # (back, start] holds the n-1 working days between them and the start day itself
    assert cal.workdays_between(back, D(2026, 1, 5)) == 2000
    with pytest.raises(CalendarError):
        cal.is_workday(D(1800, 1, 1))


# ---- properties -----------------------------------------------------------------------------------

dates = st.dates(min_value=D(2015, 1, 1), max_value=D(2035, 12, 31))
counts = st.integers(min_value=1, max_value=400)


@settings(max_examples=300, deadline=None)
@given(start=dates, n=counts)
def test_adding_workdays_lands_on_a_workday_and_counts_back(start, n):
    due = CAL.add_workdays(start, n)
    assert due > start
    assert CAL.is_workday(due)
    assert CAL.workdays_between(start, due) == n


@settings(max_examples=300, deadline=None)
@given(start=dates, n=counts)
def test_counting_backwards(start, n):
    before = CAL.add_workdays(start, -n)
    assert before < start and CAL.is_workday(before)
    assert CAL.workdays_between(before, start - timedelta(days=1)) == n - 1
    if CAL.is_workday(start):
        assert CAL.add_workdays(before, n) == start


@settings(max_examples=300, deadline=None)
@given(a=dates, b=dates, n=counts)
def test_later_start_never_gives_earlier_due(a, b, n):
    a, b = sorted((a, b))
    assert CAL.add_workdays(a, n) <= CAL.add_workdays(b, n)
    assert CAL.add_calendar_days_shifted(a, n)[1] <= CAL.add_calendar_days_shifted(b, n)[1]


@settings(max_examples=300, deadline=None)
@given(start=dates, n=st.integers(min_value=1, max_value=120))
def test_shift_only_moves_forward_to_the_first_workday(start, n):
    raw, effective = CAL.add_calendar_days_shifted(start, n)
    assert raw == start + timedelta(days=n)
    assert effective >= raw and CAL.is_workday(effective)
    assert all(not CAL.is_workday(raw + timedelta(days=i)) for i in range((effective - raw).days))
    assert len(CAL.reasons_between(raw, effective)) == (effective - raw).days


@settings(max_examples=100, deadline=None)
@given(
    start=st.dates(min_value=D(2026, 1, 1), max_value=D(2026, 12, 31)),
    off=st.dates(min_value=D(2026, 1, 1), max_value=D(2026, 12, 31)),
    n=st.integers(min_value=1, max_value=60),
)
def test_an_extra_day_off_never_brings_a_due_date_earlier(start, off, n):
    cal = calendar_with_overrides([{"date": off, "kind": "off"}])
    assert cal.add_workdays(start, n) >= CAL.add_workdays(start, n)
    assert not cal.is_workday(off)


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=date(2023, 1, 1), max_value=date(2028, 12, 31)))
def test_previous_workday_is_the_last_working_day_on_or_before(day):
    cal = default_calendar()
    found = cal.previous_workday(day)
    assert found <= day and cal.is_workday(found)
    assert (found == day) is cal.is_workday(day)
    between = found + timedelta(days=1)
    while between <= day:  # no working day is skipped
        assert not cal.is_workday(between)
        between += timedelta(days=1)


@pytest.mark.parametrize(("day", "expected"), [
    (date(2026, 11, 28), date(2026, 11, 27)),   # Saturday → Friday
    (date(2026, 11, 27), date(2026, 11, 27)),   # a working day is itself
    (date(2026, 9, 2), date(2026, 8, 31)),      # National Day (1–2 September off) back to Monday
    (date(2026, 1, 1), date(2025, 12, 31)),     # across the year
])  # fmt: skip
def test_previous_workday_facts(day, expected):
    assert default_calendar().previous_workday(day) == expected


# ---- contracts the mutation run found unpinned (docs/testing.md) ---------------------------------


def test_days_from_the_package_and_weekends_are_not_marked_to_verify():
    """Only a declared record that says so is "cần kiểm tra"; the package's holidays and ordinary weekends
    are what they are, so the calendar page does not flag every Saturday for an administrator."""
    cal = default_calendar()
    assert cal.entry_for(D(2030, 1, 1)).origin == "package" and cal.entry_for(D(2030, 1, 1)).verify is False
    assert cal.entry_for(D(2026, 1, 17)).origin == "weekend" and cal.entry_for(D(2026, 1, 17)).verify is False


def test_a_calendar_entry_cannot_be_changed_once_made():
    """Weekend entries are shared by every calendar (made once per date): changing one would change them all."""
    from dataclasses import FrozenInstanceError

    entry = default_calendar().entry_for(D(2026, 1, 17))
    with pytest.raises(FrozenInstanceError):
        entry.kind = "work"


def test_a_time_of_day_is_dropped_even_for_zero_working_days():
    """Deadlines are dates: a start given with its time (a received timestamp) comes back as the date."""
    from datetime import datetime

    result = CAL.add_workdays(datetime(2026, 11, 27, 15, 30), 0)
    assert result == D(2026, 11, 27) and type(result) is date


def test_the_declared_years_are_those_the_file_names_not_those_its_days_fall_in(tmp_path):
    """A file declaring 2027 may carry a swapped day of early 2028 (a Tết arrangement straddles the year): 2028
    is not thereby declared, and pages keep saying its calendar is not confirmed."""
    import json

    path = tmp_path / "days.json"
    path.write_text(json.dumps({"years": [2027], "days": [
        {"date": "2027-02-05", "kind": "off", "reason": "Tết Nguyên đán"},
        {"date": "2028-01-22", "kind": "work", "reason": "Làm bù Tết Mậu Thân"}]}), encoding="utf-8")
    years, entries = load_declared_days(str(path))
    assert years == frozenset({2027}) and len(entries) == 2
    path2 = tmp_path / "undeclared.json"
    path2.write_text(json.dumps({"days": [{"date": "2027-02-05", "kind": "off", "reason": "Tết"}]}), encoding="utf-8")
    assert load_declared_days(str(path2))[0] == frozenset({2027})


@pytest.mark.parametrize(("day", "expected"), [
    (D(2026, 11, 27), D(2026, 11, 27)),   # a Friday: itself
    (D(2026, 11, 28), D(2026, 11, 30)),   # Saturday → Monday
    (D(2026, 2, 14), D(2026, 2, 23)),     # first day of Tết → the first day after it
    (D(2026, 1, 10), D(2026, 1, 10)),     # a make-up Saturday is a working day
])
def test_next_workday_facts(day, expected):
    assert default_calendar().next_workday(day) == expected


def test_the_next_working_day_past_the_end_of_what_the_calendar_has_computed():
    """The calendar computes a few years at a time: a day off in the last days it holds still finds the next
    working day in the following year (here Saturday 30/12/2028 → Tuesday 02/01/2029, New Year in between)."""
    cal = WorkCalendar()
    assert cal.is_workday(D(2027, 6, 1))  # the calendar now holds 2026–2028
    assert cal.next_workday(D(2028, 12, 30)) == D(2029, 1, 2)


def test_working_days_between_dates_years_apart_count_every_day():
    cal = WorkCalendar()
    assert cal.is_workday(D(2026, 6, 1))  # holds 2025–2027 only
    a, b = D(2026, 1, 5), D(2030, 1, 7)
    brute = sum(1 for i in range(1, (b - a).days + 1) if cal.is_workday(a + timedelta(days=i)))
    assert cal.workdays_between(a, b) == brute and cal.workdays_between(b, a) == -brute


def test_a_period_of_zero_calendar_days_ending_on_a_day_off_moves_forward():
    """Civil Code art. 148(5): only a period counted backwards moves to the previous working day."""
    assert CAL.add_calendar_days_shifted(D(2026, 11, 28), 0) == (D(2026, 11, 28), D(2026, 11, 30))
    assert CAL.add_calendar_days_shifted(D(2026, 11, 30), -2) == (D(2026, 11, 28), D(2026, 11, 27))


def test_a_period_in_calendar_days_on_a_calendar_not_yet_used_and_past_what_it_holds():
    assert WorkCalendar().add_calendar_days_shifted(D(2026, 11, 20), 8) == (D(2026, 11, 28), D(2026, 11, 30))
    cal = WorkCalendar()
    assert cal.is_workday(D(2027, 6, 1))  # holds 2026–2028
    assert cal.add_calendar_days_shifted(D(2028, 12, 29), 1) == (D(2028, 12, 30), D(2029, 1, 2))
    assert cal.add_calendar_days_shifted(D(2026, 11, 20), 3650)[0] == D(2036, 11, 17)


def test_the_supported_years_are_1900_to_2200_inclusive():
    cal = WorkCalendar()
    assert cal.is_workday(D(1900, 1, 3)) and cal.is_workday(D(2200, 12, 31))
    for day in (D(1899, 12, 29), D(2201, 1, 2)):
        with pytest.raises(CalendarError, match="phạm vi lịch hỗ trợ"):
            WorkCalendar().is_workday(day)


def test_the_first_day_after_what_the_calendar_holds_is_computed_not_read_past_the_end():
    cal = WorkCalendar()
    assert cal.is_workday(D(2027, 6, 1))  # holds 2026–2028
    assert cal.workdays_between(D(2028, 12, 29), D(2029, 1, 1)) == 0  # Saturday, Sunday, New Year
    cal = WorkCalendar()
    assert cal.is_workday(D(2027, 6, 1))
    assert cal.is_workday(D(2029, 1, 1)) is False and cal.is_workday(D(2029, 1, 2)) is True


def test_a_calendar_built_from_records_declares_the_years_it_is_told_or_else_those_of_its_days():
    days = [{"date": "2027-02-05", "kind": "off", "reason": "Tết Nguyên đán"},
            {"date": "2028-01-22", "kind": "work", "reason": "Làm bù"}]
    assert WorkCalendar(declared=days, declared_years=[2027]).declared_years == frozenset({2027})
    assert WorkCalendar(declared=days).declared_years == frozenset({2027, 2028})
    assert WorkCalendar(declared=days, declared_years=[2027]).with_overrides([]).declared_years == frozenset({2027})


def test_counting_from_the_first_day_past_what_the_calendar_holds():
    cal = WorkCalendar()
    assert cal.is_workday(D(2027, 6, 1))  # holds 2026–2028
    assert cal.add_workdays(D(2029, 1, 1), 1) == D(2029, 1, 2)


def test_out_of_range_names_the_year_that_is_out():
    with pytest.raises(CalendarError, match="2201"):
        WorkCalendar().workdays_between(D(1900, 1, 3), D(2201, 1, 2))


def test_a_record_is_marked_to_verify_only_when_it_says_so():
    from danvan.core.workdays import parse_day_records

    plain, flagged = parse_day_records([
        {"date": "2027-01-01", "kind": "off", "reason": "Tết Dương lịch"},
        {"date": "2027-02-08", "kind": "off", "reason": "Tết Nguyên đán", "verify": True}], origin="override")
    assert plain.verify is False and flagged.verify is True
