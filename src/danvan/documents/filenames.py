"""Names of downloaded files: Vietnamese without diacritics, words joined by hyphens, distinct per period.

"Thông báo thụ lý", "DT26-AB12CD" → ``thong-bao-thu-ly-DT26-AB12CD.docx``. Codes keep their case
(they are what officers type to find the case); words are lower case.
"""

from __future__ import annotations

import re
from datetime import date

from danvan.core.vntext import fold

_NOT_WORD = re.compile(r"[^0-9A-Za-z]+")


def _part(value: object) -> str:
    if isinstance(value, date):
        return value.strftime("%Y%m%d")
    text = str(value or "")
    if re.fullmatch(r"[0-9A-Z][0-9A-Z-]*", text):  # a code (DT26-AB12CD, 307/KH-UBND): as typed
        return _NOT_WORD.sub("-", text).strip("-")
    folded = fold(text)  # marks removed, đ → d, lower case
    return _NOT_WORD.sub("-", folded).strip("-")


def download_name(*parts: object, ext: str) -> str:
    """``download_name("Sổ theo dõi đơn thư", "Phường Thượng Đình", date(2026, 1, 1), ext="docx")``."""
    name = "-".join(p for p in (_part(x) for x in parts if x not in (None, "")) if p)
    return f"{name or 'van-ban'}.{ext}"
