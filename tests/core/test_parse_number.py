"""Numbers as Vietnamese type them: "." groups thousands, "," marks the decimals."""

from decimal import Decimal

import pytest

from danvan.core.vntext import parse_number


@pytest.mark.parametrize(("typed", "number"), [
    ("1.000", "1000"),
    ("1.000,5", "1000.5"),
    ("12.345.678", "12345678"),
    ("4,5", "4.5"),
    ("4", "4"),
    (" 1 000 ", "1000"),
    ("1\u00a0000,25", "1000.25"),
    (",5", "0.5"),
    ("-2,5", "-2.5"),
    ("4.5", "4.5"),  # a lone dot that cannot group thousands: a decimal point typed the English way
    ("0.500", "0.5"),
    ("1000.5", "1000.5"),
    (Decimal("7.25"), "7.25"),
    (3, "3"),
])
def test_reads_vietnamese_numbers(typed, number):
    assert parse_number(typed) == Decimal(number)


@pytest.mark.parametrize("typed", ["", "abc", "1,2,3", "1.00.0", "1.000.00", "12.34,5", "NaN", "Infinity", "1e5",
                                   "4,", "--1"])
def test_refuses_what_is_not_a_number(typed):
    with pytest.raises(ValueError):
        parse_number(typed)
