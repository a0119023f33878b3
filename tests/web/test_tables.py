"""Tables a leader can read: Vietnamese numbers, full headers, a sticky first column, counts."""

from __future__ import annotations

from danvan.reporting.models import ValueType
from danvan.reporting.values import format_value
from danvan.web.templatetags.danvan import vnnumber, vnpercent


def test_numbers_and_percentages_the_vietnamese_way():
    assert vnnumber(1234) == "1.234" and vnnumber(1234567) == "1.234.567"
    assert vnnumber(1234.5) == "1.234,5" and vnnumber(None) == "" and vnnumber(0) == "0"
    assert vnpercent(89.75) == "89,75 %" and vnpercent(100) == "100 %" and vnpercent(None) == ""
    assert format_value(89.75, ValueType.PERCENTAGE) == "89,75 %"
    assert format_value(1234, ValueType.INTEGER) == "1.234"

