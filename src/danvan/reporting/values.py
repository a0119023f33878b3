"""Typed indicator values: parsing what an officer types, and printing it the Vietnamese way."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from danvan.core.vntext import clean_text

from .models import ValueType

YES_WORDS = {"co", "có", "x", "1", "true", "yes", "on", "đã", "da"}
NO_WORDS = {"khong", "không", "0", "false", "no", "off", "chưa", "chua"}


def format_number(value: Decimal | int | float | None, value_type: str = ValueType.DECIMAL) -> str:
    """1234.5 → "1.234,5" (Vietnamese separators); integers without decimals."""
    if value is None:
        return ""
    number = Decimal(str(value))
    if value_type == ValueType.INTEGER or number == number.to_integral_value():
        text = f"{number.quantize(Decimal(1)):,}"
    else:
        text = f"{number.quantize(Decimal('0.01')):,}".rstrip("0").rstrip(".")
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_value(value, value_type: str) -> str:
    if value is None or value == "":
        return ""
    if value_type == ValueType.BOOLEAN:
        return _("Có") if value else _("Không")
    if value_type == ValueType.TEXT:
        return str(value)
    text = format_number(value, value_type)
    return f"{text} %" if value_type == ValueType.PERCENTAGE else text


def parse_value(raw: str | None, value_type: str, label: str) -> tuple[Decimal | None, bool | None, str]:
    """What the officer typed → (number, flag, text); a Vietnamese error names the indicator."""
    text = clean_text(raw or "", multiline=value_type == ValueType.TEXT)
    if value_type == ValueType.TEXT:
        return None, None, text
    if not text:
        return None, None, ""
    if value_type == ValueType.BOOLEAN:
        key = text.lower()
        if key in YES_WORDS:
            return None, True, ""
        if key in NO_WORDS:
            return None, False, ""
        raise ValidationError(_("“%(label)s”: chọn Có hoặc Không.") % {"label": label})
    cleaned = text.replace(" ", "").rstrip("%")
    # Vietnamese writes 1.234,5; accept 1234.5 too when there is a single dot and no comma.
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif cleaned.count(".") > 1 or (cleaned.count(".") == 1 and len(cleaned.split(".")[1]) == 3
                                     and value_type == ValueType.INTEGER):
        cleaned = cleaned.replace(".", "")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        raise ValidationError(
            _("“%(label)s”: “%(value)s” không phải là số.") % {"label": label, "value": text}) from None
    if not number.is_finite():
        raise ValidationError(_("“%(label)s”: “%(value)s” không phải là số.") % {"label": label, "value": text})
    if value_type == ValueType.INTEGER and number != number.to_integral_value():
        raise ValidationError(_("“%(label)s” phải là số nguyên.") % {"label": label})
    if number < 0:
        raise ValidationError(_("“%(label)s” không được âm.") % {"label": label})
    if value_type == ValueType.PERCENTAGE and number > 100:
        raise ValidationError(_("“%(label)s” là tỷ lệ phần trăm, không quá 100.") % {"label": label})
    if abs(number) >= Decimal("1e15"):
        raise ValidationError(_("“%(label)s”: số quá lớn.") % {"label": label})
    return number, None, ""


def to_plain(value):
    """A value for JSON snapshots and spreadsheets: Decimal → int/float."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value
