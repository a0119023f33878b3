"""When: the deadlines a paragraph or a table cell states (a date, a quarter, yearly, monthly, ongoing)."""

from __future__ import annotations

import calendar
import re

from danvan.core.planparse.result import Deadline
from danvan.core.references import parse_date

_QUARTER_END = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}
_ROMAN_QUARTER = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_DEADLINE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("yearly", re.compile(
        r"(?:(?:trước|chậm\s+nhất|trong)\s+(?:là\s+)?)?ngày\s+(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})"
        r"\s+(?:hàng|hằng)\s+năm", re.I)),
    ("monthly", re.compile(
        r"(?:(?:trước|chậm\s+nhất)\s+(?:là\s+)?)?ngày\s+(?P<d>\d{1,2})\s+(?:hàng|hằng)\s+tháng", re.I)),
    ("quarterly", re.compile(r"(?:định\s+kỳ\s+)?(?:hàng|hằng)\s+quý", re.I)),
    ("once", re.compile(
        r"(?:trước|chậm\s+nhất(?:\s+là)?|hoàn\s+thành(?:\s+trước)?|xong\s+trước|thời\s+hạn\s*:?)\s+"
        r"(?:ngày\s+)?(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4})", re.I)),
    ("quarter", re.compile(
        r"(?:(?:trước|trong|chậm\s+nhất|hoàn\s+thành\s+trong|hoàn\s+thành\s+trước)\s+)?quý\s+"
        r"(?P<q>IV|III|II|I|[1-4])\s*(?:/|\s+năm\s+)(?P<y>\d{4})", re.I)),
    ("month", re.compile(
        r"(?:(?:trước|trong|chậm\s+nhất|hoàn\s+thành\s+trong)\s+)tháng\s+(?P<m>\d{1,2})\s*(?:/|\s+năm\s+)"
        r"(?P<y>\d{4})", re.I)),
    ("ongoing", re.compile(r"(?:thời\s+gian|thời\s+hạn)(?:\s+thực\s+hiện|\s+hoàn\s+thành)?\s*:\s*"
                           r"thường\s+xuyên(?:\s+liên\s+tục)?", re.I)),
)


def _deadline(rule: str, match: re.Match[str]) -> Deadline | None:
    text = match.group(0).strip()
    groups = match.groupdict()
    if rule == "yearly":
        if parse_date(groups["d"], groups["m"], 2000) is None:
            return None
        month, day = int(groups["m"]), int(groups["d"])
        return Deadline("", text, "yearly", month, day, None)
    if rule == "monthly":
        return Deadline("", text, "monthly", None, int(groups["d"]), None)
    if rule == "quarterly":
        return Deadline("", text, "quarterly", None, None, None)
    if rule == "ongoing":
        return Deadline("", text, "ongoing", None, None, None)
    if rule == "once":
        iso = parse_date(groups["d"], groups["m"], groups["y"])
    elif rule == "quarter":
        month, day = _QUARTER_END[_ROMAN_QUARTER[groups["q"].upper()]]
        iso = parse_date(day, month, groups["y"])
    else:  # month
        year, month = int(groups["y"]), int(groups["m"])
        if not 1 <= month <= 12:
            return None
        iso = parse_date(calendar.monthrange(year, month)[1], month, year)
    if iso is None:
        return None
    return Deadline("", text, "once", None, None, iso)


def deadlines_in(text: str) -> list[Deadline]:
    found: list[tuple[int, Deadline]] = []
    taken: list[tuple[int, int]] = []
    for rule, pattern in _DEADLINE_PATTERNS:
        for match in pattern.finditer(text):
            if any(start < match.end() and match.start() < end for start, end in taken):
                continue
            deadline = _deadline(rule, match)
            if deadline:
                taken.append((match.start(), match.end()))
                found.append((match.start(), deadline))
    return [deadline for _, deadline in sorted(found, key=lambda pair: pair[0])]


def cell_deadline(text: str | None) -> list[Deadline]:
    if not text:
        return []
    cell = text.strip()
    if re.fullmatch(r"thường\s+xuyên(?:\s*,?\s*liên\s+tục)?\.?", cell, re.I):
        return [Deadline("", cell, "ongoing", None, None, None)]
    bare = re.fullmatch(r"(?:ngày\s+)?(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})", cell, re.I)
    if bare:
        iso = parse_date(bare.group("d"), bare.group("m"), bare.group("y"))
        if iso:
            return [Deadline("", cell, "once", None, None, iso)]
    bare_month = re.fullmatch(r"tháng\s+(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})", cell, re.I)
    if bare_month:
        return deadlines_in(f"trong {cell}")
    found = deadlines_in(cell)
    if not found and re.search(r"thường\s+xuyên", cell, re.I):
        found = [Deadline("", cell, "ongoing", None, None, None)]
    return found
