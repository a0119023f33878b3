"""Vietnamese text rules: normalisation, folding for search, and display formats.

Officers type Vietnamese on many keyboards. Some send decomposed letters (NFD, a base letter
followed by combining marks), some use the old tone placement ("hoà", "Uỷ") and some the new
("hòa", "Ủy"). Stored text must be one form (NFC) so that equal words compare equal, and
search must ignore diacritics altogether so that "khuong dinh" finds "Khương Đình".

No Django import here: these rules are used by models, forms, the importer and the command line.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

__all__ = [
    "clean_text",
    "fold",
    "format_date",
    "nfc",
    "slug_key",
]

# "đ" and "Đ" are letters of their own, not "d" with a mark: NFD leaves them alone.
_D_MAP = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})
_SPACES = re.compile(r"\s+")
# Zero-width characters that sneak in from Word and web pages.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)


def nfc(value: str) -> str:
    """Return ``value`` in Unicode NFC (precomposed), the one form danvan stores."""
    return unicodedata.normalize("NFC", value)


def clean_text(value: str | None, *, multiline: bool = False) -> str:
    """Normalise text typed by a user: NFC, no invisible characters, tidy white space.

    One-line values have runs of white space (non-breaking spaces included) folded to one
    space. Multi-line values keep their line breaks but lose trailing spaces on each line.
    """
    if value is None:
        return ""
    text = nfc(value).translate(_INVISIBLE).replace("\u00a0", " ")
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n")]
        return "\n".join(lines).strip()
    return _SPACES.sub(" ", text).strip()


def fold(value: str | None) -> str:
    """Fold text for diacritics-insensitive search.

    NFD, drop every combining mark, map đ to d, casefold, collapse white space. Because the
    marks are dropped, the old and new tone placements ("hoà"/"hòa") fold to the same key.
    """
    if not value:
        return ""
    decomposed = unicodedata.normalize("NFD", value.translate(_INVISIBLE))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.translate(_D_MAP).casefold()).strip()


def slug_key(value: str | None) -> str:
    """A key for matching names: folded, punctuation removed ("Phòng NV." -> "phong nv")."""
    return _SPACES.sub(" ", re.sub(r"[^\w]+", " ", fold(value))).strip()


def format_date(value: date | None) -> str:
    """dd/mm/yyyy, the way Vietnamese officers write dates; empty for no date."""
    if value is None:
        return ""
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"
