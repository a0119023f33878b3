"""Deadline rules: the worked examples of legal-rules.md §11, versions, extensions, explanations."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from danvan.core.deadlines import (
    DeadlineError,
    Rule,
    RuleSet,
    compute_due,
    default_rules,
    report_period,
)
from danvan.core.workdays import WorkCalendar, default_calendar

D = date

# legal-rules.md §11, every example: (example, kind, milestone, from_date, options, due, raw_due, rule id)
WORKED_EXAMPLES = [
    ("1", "complaint", "resolve", D(2026, 1, 5), {}, D(2026, 2, 4), D(2026, 2, 4), "KN-RESOLVE-1"),
    (
        "2",
        "complaint",
        "resolve",
        D(2026, 1, 5),
        {"complex": True},
        D(2026, 2, 23),
        D(2026, 2, 19),
        "KN-RESOLVE-1",
    ),
    ("3", "complaint", "accept", D(2026, 2, 10), {}, D(2026, 3, 3), D(2026, 3, 3), "KN-ACCEPT-1"),
    (
        "3 new rule",
        "complaint",
        "accept",
        D(2026, 2, 10),
        {"received": D(2026, 7, 1)},
        D(2026, 2, 26),
        D(2026, 2, 26),
        "KN-ACCEPT-1",
    ),
    ("4 triage", "denunciation", "triage", D(2026, 2, 9), {}, D(2026, 2, 25), D(2026, 2, 25), "TC-TRIAGE"),
    (
        "4 several places",
        "denunciation",
        "triage",
        D(2026, 2, 9),
        {"several_places": True},
        D(2026, 3, 2),
        D(2026, 3, 2),
        "TC-TRIAGE",
    ),
    ("4 forward", "denunciation", "forward", D(2026, 2, 9), {}, D(2026, 2, 23), D(2026, 2, 23), "TC-FORWARD"),
    ("5", "denunciation", "resolve", D(2026, 3, 2), {}, D(2026, 4, 1), D(2026, 4, 1), "TC-RESOLVE"),
    (
        "5 complex, 1 extension",
        "denunciation",
        "resolve",
        D(2026, 3, 2),
        {"complex": True, "extensions": 1},
        D(2026, 5, 4),
        D(2026, 5, 1),
        "TC-RESOLVE",
    ),
    (
        "5 very complex, 2 extensions",
        "denunciation",
        "resolve",
        D(2026, 3, 2),
        {"very_complex": True, "extensions": 2},
        D(2026, 6, 1),
        D(2026, 5, 31),
        "TC-RESOLVE",
    ),
    ("6", "denunciation", "notify", D(2026, 2, 13), {}, D(2026, 2, 27), D(2026, 2, 27), "TC-NOTIFY"),
]


@pytest.mark.parametrize(
    ("kind", "milestone", "start", "options", "due", "raw", "rule"),
    [pytest.param(*row[1:], id=row[0]) for row in WORKED_EXAMPLES],
)
def test_worked_examples(kind, milestone, start, options, due, raw, rule):
    result = compute_due(kind, milestone, start, **options)
    assert (result.due, result.raw_due, result.rule) == (due, raw, rule)


def test_example_3_the_old_rule_still_applies_to_a_case_received_before_july():
    accepted_late = compute_due("complaint", "accept", D(2026, 2, 10), received=D(2026, 6, 30))
    assert accepted_late.days == 10 and accepted_late.due == D(2026, 3, 3)
    new = compute_due("complaint", "accept", D(2026, 7, 1))
    assert new.days == 7 and "155/2026" in new.source


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"very_complex": True, "extensions": 3}, "đặc biệt phức tạp chỉ được gia hạn tối đa hai lần"),
        ({"complex": True, "extensions": 2}, "Vụ việc phức tạp chỉ được gia hạn một lần"),
        ({"extensions": 1}, "không phức tạp không được gia hạn"),
        ({"complex": True, "extensions": -1}, "không hợp lệ"),
    ],
)
def test_example_5_refused_extensions(options, message):
    with pytest.raises(DeadlineError, match=message):
        compute_due("denunciation", "resolve", D(2026, 3, 2), **options)


def test_extension_on_a_rule_without_one_is_refused():
    with pytest.raises(DeadlineError, match="không được gia hạn"):
        compute_due("complaint", "resolve", D(2026, 1, 5), complex=True, extensions=1)


def test_example_7_yearly_report():
    period = report_period("year", 2026)
    assert (period.start, period.end) == (D(2025, 12, 15), D(2026, 12, 14))
    assert D(2025, 12, 15) in period and D(2026, 12, 15) not in period
    assert "15/12/2025" in period.label and "14/12/2026" in period.label


# ---- other rules of the table ------------------------------------------------------------------

OTHER_RULES = [
    # (kind, milestone, start, options, due, days, unit)
    ("complaint", "resolve", D(2026, 1, 5), {"remote": True}, D(2026, 2, 23), 45, "calendar"),
    ("complaint", "resolve", D(2026, 1, 5), {"remote": True, "complex": True}, D(2026, 3, 6), 60, "calendar"),
    ("complaint", "resolve", D(2026, 1, 5), {"very_complex": True}, D(2026, 2, 23), 45, "calendar"),
    ("complaint", "file", D(2026, 1, 5), {}, D(2026, 4, 6), 90, "calendar"),  # day 90 = Sun 05/04
    ("complaint", "appeal", D(2026, 3, 2), {}, D(2026, 4, 1), 30, "calendar"),
    ("complaint", "appeal", D(2026, 3, 2), {"remote": True}, D(2026, 4, 16), 45, "calendar"),
    ("complaint-2", "accept", D(2026, 2, 10), {}, D(2026, 3, 3), 10, "working"),
    ("complaint-2", "resolve", D(2026, 3, 2), {}, D(2026, 4, 16), 45, "calendar"),
    ("complaint-2", "resolve", D(2026, 3, 2), {"complex": True}, D(2026, 5, 4), 60, "calendar"),
    ("complaint-2", "send", D(2026, 2, 10), {}, D(2026, 2, 26), 7, "working"),
    (
        "complaint-2",
        "resolve",
        D(2026, 3, 2),
        {"remote": True, "complex": True},
        D(2026, 5, 11),
        70,
        "calendar",
    ),
    ("denunciation", "conclude", D(2026, 2, 13), {}, D(2026, 2, 27), 5, "working"),
    ("denunciation", "publish", D(2026, 2, 13), {}, D(2026, 3, 3), 7, "working"),
    ("petition", "triage", D(2026, 2, 10), {}, D(2026, 3, 3), 10, "working"),
    ("reception", "reply", D(2026, 2, 10), {}, D(2026, 3, 3), 10, "working"),
    ("reception", "forwarded", D(2026, 2, 10), {}, D(2026, 2, 26), 7, "working"),
    ("reception", "post", D(2026, 3, 9), {}, D(2026, 3, 2), 5, "working"),
    ("reception", "post", D(2026, 2, 24), {}, D(2026, 2, 10), 5, "working"),  # backwards over Tết
]


@pytest.mark.parametrize(("kind", "milestone", "start", "options", "due", "days", "unit"), OTHER_RULES)
def test_other_rules(kind, milestone, start, options, due, days, unit):
    result = compute_due(kind, milestone, start, **options)
    assert (result.due, result.days, result.unit) == (due, days, unit)
    if unit == "working":
        assert result.raw_due == result.due and result.shifted_by == ()


def test_vocabulary_is_the_agreed_one():
    vocabulary = default_rules().vocabulary
    assert set(vocabulary["complaint"]) >= {"file", "accept", "resolve", "appeal"}
    assert set(vocabulary["complaint-2"]) == {"accept", "resolve", "send"}
    assert set(vocabulary["denunciation"]) == {
        "triage",
        "forward",
        "notify",
        "resolve",
        "conclude",
        "publish",
    }
    assert set(vocabulary["petition"]) == {"triage"}
    assert set(vocabulary["reception"]) == {"reply", "forwarded", "post"}


@pytest.mark.parametrize(
    ("kind", "milestone", "message"),
    [
        (
            "complain",
            "resolve",
            r"Loại việc không hợp lệ: 'complain'\. Các loại hợp lệ: complaint, complaint-2",
        ),
        ("denunciation", "extend", r"Mốc thời hạn không hợp lệ .*triage, forward, notify, resolve"),
        ("petition", "resolve", r"Các mốc hợp lệ: triage\."),
    ],
)
def test_unknown_kind_or_milestone(kind, milestone, message):
    with pytest.raises(DeadlineError, match=message):
        compute_due(kind, milestone, D(2026, 1, 5))


def test_no_version_in_force():
    with pytest.raises(DeadlineError, match="Không có quy tắc KN-RESOLVE-1"):
        compute_due("complaint", "resolve", D(2010, 1, 5))


# ---- explanation and serialisation -------------------------------------------------------------


def test_explanation_of_a_shifted_due_date():
    result = compute_due("complaint", "resolve", D(2026, 1, 5), complex=True)
    assert result.explanation == (
        "Hạn giải quyết: 23/02/2026 — 45 ngày kể từ ngày thụ lý, Điều 28 Luật Khiếu nại 2011; "
        "ngày 19/02/2026 là ngày nghỉ Tết Nguyên Đán Bính Ngọ nên hạn chuyển sang ngày làm việc tiếp theo"
    )
    assert [e.date.day for e in result.shifted_by] == [19, 20, 21, 22]


def test_explanation_of_weekend_shift_and_extension():
    result = compute_due("denunciation", "resolve", D(2026, 3, 2), very_complex=True, extensions=2)
    assert "90 ngày (30 ngày, gia hạn 2 lần 30 ngày) kể từ ngày thụ lý" in result.explanation
    assert "Nghị định 31/2019/NĐ-CP" in result.source
    assert result.explanation.endswith(
        "ngày 31/05/2026 là ngày nghỉ hằng tuần (Chủ nhật) nên hạn chuyển sang ngày làm việc tiếp theo"
    )


def test_explanation_of_working_day_rules_has_no_shift():
    text = compute_due("reception", "post", D(2026, 3, 9)).explanation
    assert text == (
        "Hạn niêm yết lịch tiếp công dân: 02/03/2026 — 5 ngày làm việc trước ngày tiếp công dân, "
        "Khoản 4 Điều 24 Luật Tiếp công dân 2013"
    )


def test_as_dict():
    data = compute_due("complaint", "resolve", D(2026, 1, 5), complex=True).as_dict()
    assert set(data) == {"due", "raw_due", "rule", "days", "unit", "source", "explanation"}
    assert data["due"] == "2026-02-23" and data["raw_due"] == "2026-02-19"
    assert data["rule"] == "KN-RESOLVE-1" and data["days"] == 45 and data["unit"] == "calendar"


# ---- the rules table as data -------------------------------------------------------------------


def test_every_rule_has_a_source_and_a_phrase():
    for rule in default_rules().rules:
        assert rule.source and rule.counts_from and rule.label, rule.id
        assert rule.unit in ("calendar", "working")


def test_extra_rows_replace_add_and_remove():
    rules = RuleSet.load(
        [
            # an amended law: the admin table replaces a shipped row (same id and valid_from)
            {"id": "TC-FORWARD", "kind": "denunciation", "milestone": "forward", "days": 3, "unit": "working",
             "counts_from": "kể từ ngày nhận được tố cáo", "source": "Thử", "valid_from": "2019-01-01"},
            # a new milestone
            {"id": "XD-REPLY", "kind": "petition", "milestone": "reply", "days": 15, "unit": "working",
             "counts_from": "kể từ ngày nhận đơn", "source": "Quy chế của đơn vị"},
            {"id": "KN-FINAL", "kind": "complaint", "milestone": "final", "days": 30, "unit": "calendar",
             "counts_from": "-", "source": "-", "valid_from": "2012-07-01", "active": False},
        ]
    )  # fmt: skip
    assert compute_due("denunciation", "forward", D(2026, 2, 9), rules=rules).due == D(2026, 2, 12)
    assert compute_due("petition", "reply", D(2026, 2, 9), rules=rules).rule == "XD-REPLY"
    assert "final" not in rules.vocabulary["complaint"]


def test_overlapping_versions_are_rejected():
    with pytest.raises(DeadlineError, match="chồng nhau"):
        RuleSet.load(
            [{"id": "KN-ACCEPT-1", "kind": "complaint", "milestone": "accept", "days": 5, "unit": "working",
              "counts_from": "x", "source": "y", "valid_from": "2026-01-01"}]
        )  # fmt: skip


@pytest.mark.parametrize("bad", [{"unit": "weeks"}, {"days": 0}, {"days": "ten"}, {"direction": "sideways"}])
def test_bad_rows_are_rejected(bad):
    row = {"id": "X-1", "kind": "x", "milestone": "y", "days": 5, "unit": "working", "counts_from": "a",
           "source": "b"} | bad  # fmt: skip
    with pytest.raises(DeadlineError, match="Dòng quy tắc không hợp lệ"):
        RuleSet.load([row])


def test_calendar_overrides_reach_due_dates():
    cal = WorkCalendar([{"date": "2026-02-04", "kind": "off", "reason": "Nghỉ đột xuất"}])
    result = compute_due("complaint", "resolve", D(2026, 1, 5), calendar=cal)
    assert result.due == D(2026, 2, 5)
    assert "là ngày nghỉ đột xuất nên" in result.explanation


# ---- reporting periods (Decree 09/2019 art. 12) ------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "part", "start", "end"),
    [
        ("yearly", None, D(2025, 12, 15), D(2026, 12, 14)),
        ("half", 1, D(2025, 12, 15), D(2026, 6, 14)),
        ("six-month", 2, D(2026, 6, 15), D(2026, 12, 14)),
        ("quarter", 1, D(2025, 12, 15), D(2026, 3, 14)),
        ("quarterly", 3, D(2026, 6, 15), D(2026, 9, 14)),
        ("month", 1, D(2025, 12, 15), D(2026, 1, 14)),
        ("monthly", 3, D(2026, 2, 15), D(2026, 3, 14)),
        ("month", 12, D(2026, 11, 15), D(2026, 12, 14)),
    ],
)
def test_report_periods(kind, part, start, end):
    period = report_period(kind, 2026, part)
    assert (period.start, period.end) == (start, end)
    assert "09/2019" in period.source


@pytest.mark.parametrize(("kind", "part"), [("week", None), ("quarter", 5), ("month", None), ("half", 0)])
def test_bad_report_periods(kind, part):
    with pytest.raises(DeadlineError, match=r"Kỳ báo cáo|Loại kỳ báo cáo"):
        report_period(kind, 2026, part)


def test_monthly_periods_tile_the_year():
    periods = [report_period("month", 2026, m) for m in range(1, 13)]
    assert periods[0].start == report_period("year", 2026).start
    assert periods[-1].end == report_period("year", 2026).end
    for a, b in pairwise(periods):
        assert (b.start - a.end).days == 1


# ---- properties ----------------------------------------------------------------------------------

CASES = [(k, m) for k, ms in default_rules().vocabulary.items() for m in ms]
dates = st.dates(min_value=D(2024, 1, 1), max_value=D(2030, 12, 31))


@settings(max_examples=300, deadline=None)
@given(case=st.sampled_from(CASES), a=dates, b=dates, complex_=st.booleans(), remote=st.booleans())
def test_due_dates_are_workdays_and_monotonic(case, a, b, complex_, remote):
    a, b = sorted((a, b))
    cal = default_calendar()
    first = compute_due(*case, a, received=D(2026, 1, 1), complex=complex_, remote=remote)
    second = compute_due(*case, b, received=D(2026, 1, 1), complex=complex_, remote=remote)
    assert cal.is_workday(first.due)
    assert first.due <= second.due
    if first.unit == "calendar":
        assert first.due >= first.raw_due
    else:
        assert first.due == first.raw_due


def test_results_are_memoised_per_calendar_and_accept_datetimes():
    from datetime import datetime

    first = compute_due("complaint", "resolve", D(2026, 1, 5), complex=True)
    assert compute_due("complaint", "resolve", datetime(2026, 1, 5, 9, 30), complex=True) is first
    other = WorkCalendar([{"date": "2026-02-23", "kind": "off"}])
    assert compute_due("complaint", "resolve", D(2026, 1, 5), complex=True, calendar=other).due == D(
        2026, 2, 24
    )
    assert compute_due("complaint", "resolve", D(2026, 1, 5), complex=True).due == D(2026, 2, 23)


def _depth(text: str) -> int:
    depth = deepest = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        deepest = max(deepest, depth)
    return deepest


@pytest.mark.parametrize("start", [D(2026, 3, 27), D(2026, 7, 23), D(2026, 8, 2), D(2025, 12, 31)])
def test_explanations_never_nest_parentheses(start):
    """Officers read one level of parentheses at most, whatever holiday moved the date."""
    for rule in default_rules().rules:
        if rule.extends:
            continue
        for options in ({}, {"complex": True, "extensions": 1}):
            try:
                due = compute_due(rule.kind, rule.milestone, start, received=start, **options)
            except DeadlineError:
                continue
            assert _depth(due.explanation) <= 1, due.explanation


def _version(valid_from, valid_to, ident="T-1"):
    return Rule.from_row({"id": ident, "kind": "t", "milestone": "m", "days": 5, "unit": "working",
                          "counts_from": "a", "source": "b", "valid_from": valid_from, "valid_to": valid_to})


@pytest.mark.parametrize(("a", "b", "overlap"), [
    (("2020-01-01", "2022-12-31"), ("2023-01-01", None), False),   # back to back
    (("2020-01-01", "2023-01-01"), ("2023-01-01", None), True),    # one shared day
    (("2020-01-01", "2024-06-30"), ("2023-01-01", None), True),    # a year and a half shared
    (("2020-01-01", None), ("2023-01-01", None), True),            # the old one never ended
    ((None, "2022-12-31"), ("2023-01-01", "2025-12-31"), False),   # open start, then a closed version
    ((None, "2023-06-01"), ("2023-01-01", "2025-12-31"), True),
    (("2020-01-01", "2021-12-31"), (None, None), True),            # an undated version covers everything
])  # fmt: skip
def test_amended_versions_of_a_rule_may_not_overlap(a, b, overlap):
    versions = [_version(*a, ident="T-A"), _version(*b, ident="T-B")]
    for order in (versions, versions[::-1]):
        if overlap:
            with pytest.raises(DeadlineError, match="chồng nhau"):
                RuleSet(order)
        else:
            assert len(RuleSet(order).rules) == 2


# ---- contracts the mutation run found unpinned (docs/testing.md) ---------------------------------


def _row(**changes):
    row = {"id": "KN-THU", "kind": "complaint", "milestone": "resolve", "days": 30, "days_complex": 45,
           "days_remote": 45, "days_remote_complex": 60, "days_several_places": 40, "unit": "calendar",
           "counts_from": "kể từ ngày thụ lý", "source": "Điều 28 Luật Khiếu nại 2011"}
    return {**row, **changes}


def test_a_rule_applies_from_its_first_day_to_its_last_day_inclusive():
    rule = Rule.from_row(_row(valid_from="2019-01-01", valid_to="2023-06-30"))
    assert [rule.applies_on(d) for d in (D(2018, 12, 31), D(2019, 1, 1), D(2023, 6, 30), D(2023, 7, 1))] == [
        False, True, True, False]
    open_ended = Rule.from_row(_row(valid_from="2023-07-01"))
    assert open_ended.applies_on(D(2023, 6, 30)) is False and open_ended.applies_on(D(2099, 1, 1)) is True
    assert Rule.from_row(_row()).applies_on(D(1990, 1, 1)) is True


def test_a_rule_valid_for_one_day_is_accepted_and_dates_with_times_are_read_as_dates():
    from datetime import datetime

    rule = Rule.from_row(_row(valid_from=datetime(2024, 7, 1, 8, 0), valid_to=D(2024, 7, 1)))
    assert rule.valid_from == D(2024, 7, 1) and type(rule.valid_from) is date and rule.applies_on(D(2024, 7, 1))


def test_the_days_follow_the_cases_circumstances_and_default_to_the_plain_number():
    rule = Rule.from_row(_row())
    assert rule.days_for() == 30
    assert rule.days_for(complex=True) == 45 and rule.days_for(remote=True) == 45
    assert rule.days_for(remote=True, complex=True) == 60 and rule.days_for(several_places=True) == 40
    plain = Rule.from_row(_row(days_complex=None, days_several_places=None))
    assert plain.days_for(complex=True) == 30 and plain.days_for(several_places=True) == 30
    several_only = Rule.from_row(_row(days_complex=None))
    assert several_only.days_for(complex=True) == 30


def test_a_rules_note_and_its_verify_mark_are_kept_as_written():
    assert Rule.from_row(_row(note="Mỗi lần gia hạn phải có quyết định bằng văn bản.")).note.startswith("Mỗi lần")
    assert Rule.from_row(_row()).verify is False and Rule.from_row(_row(verify=True)).verify is True
    built = Rule(id="X", kind="complaint", milestone="resolve", days=30, unit="calendar", counts_from="",
                 source="Điều 28 Luật Khiếu nại 2011")
    assert built.verify is False


def test_rules_and_periods_cannot_be_changed_once_made():
    from dataclasses import FrozenInstanceError

    with pytest.raises(FrozenInstanceError):
        Rule.from_row(_row()).days = 1
    with pytest.raises(FrozenInstanceError):
        report_period("year", 2026).year = 2027


@pytest.mark.parametrize(("kind", "part", "label"), [
    ("year", None, "Báo cáo năm 2026 (số liệu từ 15/12/2025 đến 14/12/2026)"),
    ("half", 1, "Báo cáo 6 tháng đầu năm 2026 (số liệu từ 15/12/2025 đến 14/06/2026)"),
    ("half", 2, "Báo cáo 6 tháng cuối năm 2026 (số liệu từ 15/06/2026 đến 14/12/2026)"),
    ("quarter", 3, "Báo cáo quý 3 2026 (số liệu từ 15/06/2026 đến 14/09/2026)"),
    ("month", 11, "Báo cáo tháng 11 2026 (số liệu từ 15/10/2026 đến 14/11/2026)"),
])
def test_a_report_periods_label_names_it_as_officers_do(kind, part, label):
    period = report_period(kind, 2026, part)
    assert period.label == label
    assert period.start in period and period.end in period


def test_a_received_date_given_with_its_time_counts_as_the_date():
    from datetime import datetime

    with_time = compute_due("denunciation", "resolve", D(2026, 3, 2), received=datetime(2026, 2, 20, 16, 45))
    assert with_time == compute_due("denunciation", "resolve", D(2026, 3, 2), received=D(2026, 2, 20))


def test_rules_are_found_by_id_and_extension_versions_with_and_without_a_start_are_ordered():
    rules = default_rules()
    assert {r.id for r in rules.by_id("KN-RESOLVE-1")} == {"KN-RESOLVE-1"} and rules.by_id("KHONG-CO") == []
    base = _row(id="TC-GQ", kind="denunciation", valid_from=None)
    old = _row(id="TC-GH-1", kind="denunciation", milestone="extend", days=30, extends="TC-GQ",
               valid_to="2018-12-31", max_extensions_complex=1)
    new = _row(id="TC-GH-2", kind="denunciation", milestone="extend", days=30, extends="TC-GQ",
               valid_from="2019-01-01", max_extensions_complex=1)
    ruleset = RuleSet([Rule.from_row(r) for r in (base, new, old)])
    rule = ruleset.select("denunciation", "resolve", D(2020, 1, 1))
    assert ruleset.extension_for(rule, D(2020, 1, 1)).id == "TC-GH-2"
    assert ruleset.extension_for(rule, D(2015, 1, 1)).id == "TC-GH-1"
