"""Find the documents a Vietnamese administrative text cites ("căn cứ", "thực hiện ...").

A plan names its legal basis in running prose: "Chỉ thị số 07-CT/TU ngày 01/10/2021 của Ban
Thường vụ Thành ủy Hà Nội và Kế hoạch số 274/KH-UBND ...". The document registry needs each
cited document once, with its date and issuer, so that plans can be linked to what they
implement. Text arrives from Word, web pages and scans: hard line breaks, non-breaking spaces,
old tone placement ("Uỷ") and lower-case symbols must not change the result.

Pure Python, no Django import: the plan importer, the registry and the command line share it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date

from danvan.core.vntext import fold, nfc

__all__ = [
    "TYPE_CODES",
    "TYPE_NAMES",
    "Reference",
    "extract_references",
    "modern_tones",
    "normalise_full_number",
    "number_key",
    "parse_date",
    "parse_number",
]

# Canonical type names, longest first so that "Thông tư liên tịch" wins over "Thông tư".
TYPE_NAMES: tuple[str, ...] = (
    "Chương trình hành động",
    "Nghị quyết liên tịch",
    "Thông tư liên tịch",
    "Chương trình",
    "Nghị quyết",
    "Nghị định",
    "Quyết định",
    "Kết luận",
    "Kế hoạch",
    "Chỉ thị",
    "Thông tư",
    "Thông tri",
    "Thông báo",
    "Hướng dẫn",
    "Công văn",
    "Công điện",
    "Báo cáo",
    "Quy định",
    "Quy chế",
    "Pháp lệnh",
    "Bộ luật",
    "Luật",
    "Đề án",
    "Tờ trình",
    "Văn bản",
)

# Type abbreviations used in symbols (Decree 30/2020 Appendix III, Party rules), keyed by fold().
TYPE_CODES: dict[str, str] = {
    fold(code): code
    for code in (
        "NQ", "NĐ", "QĐ", "QyĐ", "QĐi", "CT", "KL", "KH", "TT", "TTLT", "NQLT", "HD", "TB", "BC",
        "CTr", "CTHĐ", "TTr", "BB", "GM", "QC", "ĐA", "CĐ", "TTr", "PL", "HĐ", "GUQ", "GGT", "PA",
        "DA", "CV", "TS", "TC", "L", "QH", "UBTVQH",
    )
}

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_WS = re.compile(r"\s+")
_ALNUM = r"0-9A-Za-zĐđ"
# A number and symbol: "07-CT/TU", "274/KH-UBND", "32/2021/NĐ-CP", "97/2019/QH14", "88KH-UBND".
SYMBOL = rf"\d+[A-Za-zĐđ]*(?:[/\-–][{_ALNUM}]+)+"
_TYPE_ALT = "|".join(r"\s+".join(map(re.escape, name.split())) for name in TYPE_NAMES)
_CITATION = re.compile(
    rf"(?<!\w)(?P<type>{_TYPE_ALT})\s+(?:số\s*[:.]?\s*)?(?P<num>{SYMBOL})(?![{_ALNUM}])",
    re.IGNORECASE,
)
_CONTINUATION = re.compile(
    rf"\s*(?:,\s*và|,|và)\s+(?:số\s*[:.]?\s*)(?P<num>{SYMBOL})(?![{_ALNUM}])", re.IGNORECASE
)
_DATE_NUMERIC = r"(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4})"
_DATE_WORDS = r"(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4})"
_DATE_AFTER = re.compile(
    rf"\s*,?\s*(?:ban\s+hành\s+|được\s+ban\s+hành\s+)?ngày\s+(?:{_DATE_NUMERIC}|{_DATE_WORDS})",
    re.IGNORECASE,
)
_ANY_DATE = re.compile(rf"{_DATE_NUMERIC}|{_DATE_WORDS}", re.IGNORECASE)
_ISSUER_START = re.compile(r"\s*,?\s*(?:của|do)\s+", re.IGNORECASE)
# Where an issuer's name ends: punctuation, quotes, or the words that begin the subject.
_ISSUER_STOP = re.compile(
    rf"[,;:!?()\[\]\"“”«»‘’]|(?<!\bTP)(?<!\bTp)(?<!\bTX)(?<!\bTx)\.(?!\d)"
    rf"|\s(?:về|V/v|v/v|ban\s+hành|tại|theo|nhằm|để|trong|đã|thì|với|quy\s+định|hướng\s+dẫn"
    rf"|ngày\s+\d)(?!\w)"
    rf"|\s(?:và|,)\s*(?=(?:{_TYPE_ALT})\s)"
    rf"|\s(?=(?:{_TYPE_ALT})\s+(?:số\s*)?\d)",
    re.IGNORECASE,
)
# Issuers whose official name holds a comma.
_COMMA_NAMES = re.compile(r"Văn\s+hóa,\s*Thể\s+thao\s+và\s+Du\s+lịch", re.IGNORECASE)
_MAX_ISSUER_WORDS = 16

# Old tone placement ("hoà", "Uỷ", "khoẻ") to the modern one ("hòa", "Ủy", "khỏe"), word-final only.
_TONES = "\u0300\u0301\u0309\u0303\u0323"  # huyền, sắc, hỏi, ngã, nặng as combining marks

@dataclass(frozen=True)
class Reference:
    """One cited document, as the citing text states it (missing parts are None)."""

    full_number: str
    type_name: str
    date: str | None = None
    issuer: str | None = None
    type_code: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        """The four fields a plan import stores (type_code is derivable from the symbol)."""
        data = asdict(self)
        data.pop("type_code")
        return data


def modern_tones(text: str) -> str:
    """Move word-final tone marks to the modern placement ("Uỷ ban" -> "Ủy ban", "hoà" -> "hòa").

    Names that officers type both ways must display and compare the same way.
    """
    decomposed = unicodedata.normalize("NFD", text)
    # In NFD a toned "à" is "a" + U+0300: find vowel pairs whose second vowel carries the tone.
    pattern = re.compile(rf"(?<![qQ])([oOuU])([aAeEyY])([{_TONES}])(?![\w\u0300-\u036f])")

    def repl(match: re.Match[str]) -> str:
        first, second, tone = match.groups()
        if (first in "oO") != (second in "aAeE"):
            return match.group(0)
        return first + tone + second

    return unicodedata.normalize("NFC", pattern.sub(repl, decomposed))


def _clean(text: str) -> str:
    text = nfc(text).translate(_INVISIBLE).replace("\u00a0", " ").replace("*", "")
    return _WS.sub(" ", text)


def parse_date(day: str | int, month: str | int, year: str | int) -> str | None:
    """ISO date from day/month/year parts, or None when they do not form a real date."""
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def _date_from_match(match: re.Match[str]) -> str | None:
    if match.group("d") is not None:
        return parse_date(match.group("d"), match.group("m"), match.group("y"))
    return parse_date(match.group("d2"), match.group("m2"), match.group("y2"))


def normalise_full_number(full_number: str) -> str:
    """Tidy a printed number and symbol: "Số: 88KH-UBND" -> "88/KH-UBND", "07CT/TU" -> "07-CT/TU".

    Spaces around separators and en dashes go; a number glued to its symbol gets the separator
    its style needs (state style "88/KH-UBND" when a hyphen follows, Party style "07-CT/TU"
    when a slash follows). Letter case is kept as printed.
    """
    text = _clean(full_number).strip()
    text = re.sub(r"^(?:số|so)\s*[:.]?\s*", "", text, flags=re.IGNORECASE)
    text = text.replace("–", "-").replace("—", "-")
    text = re.sub(r"\s*([/-])\s*", r"\1", text).strip(" .,;:")
    match = re.match(r"^(\d+)([A-Za-zĐđ][A-Za-zĐđ0-9]*)(.*)$", text)
    if match:
        number, code, rest = match.groups()
        separator = "-" if rest.startswith("/") else "/"
        text = f"{number}{separator}{code}{rest}"
    return text


def parse_number(full_number: str) -> tuple[str, int | None, str | None, str | None]:
    """Split a number and symbol into (number, year, type_code, issuer_code).

    "07-CT/TU" -> ("07", None, "CT", "TU"); "32/2021/NĐ-CP" -> ("32", 2021, "NĐ", "CP");
    "97/2019/QH14" -> ("97", 2019, "QH", "QH14"); "12/UBND-VX" (a công văn, no type code)
    -> ("12", None, None, "UBND-VX"). Type codes are canonicalised ("ct" -> "CT", "QD" -> "QĐ").
    """
    text = normalise_full_number(full_number)
    match = re.match(r"^(\d+)(.*)$", text)
    if not match:
        return text, None, None, None
    number, rest = match.group(1), match.group(2)
    year: int | None = None
    year_match = re.match(r"^/((?:19|20)\d{2})(?=/)", rest)
    if year_match:
        year = int(year_match.group(1))
        rest = rest[year_match.end() :]
    rest = rest.lstrip("/-")
    if not rest:
        return number, year, None, None
    party = re.match(rf"^([{_ALNUM}]+)/(.+)$", rest)  # Party style: 07-CT/TU
    parts = re.split(r"[/-]", rest, maxsplit=1)
    head = parts[0]
    if fold(head) in TYPE_CODES:
        tail = parts[1] if len(parts) > 1 else None
        if party and text[len(number) :].startswith("-"):
            tail = party.group(2)
        return number, year, TYPE_CODES[fold(head)], tail
    body_match = re.match(r"^([A-Za-zĐđ]+?)(\d+)$", head)  # QH14, UBTVQH15: the issuer is the type
    if body_match and fold(body_match.group(1)) in TYPE_CODES and len(parts) == 1:
        return number, year, TYPE_CODES[fold(body_match.group(1))], head
    return number, year, None, rest


def number_key(full_number: str) -> str:
    """Comparison key for "the same document": case, Đ/D, separators' spacing, leading zeros."""
    key = fold(normalise_full_number(full_number)).replace(" ", "")
    return re.sub(r"^0+(?=\d)", "", key)


def _canonical_type(printed: str) -> str:
    key = fold(printed)
    for name in TYPE_NAMES:
        if fold(name) == key:
            return name
    return _WS.sub(" ", printed).strip()


def _issuer_at(text: str, pos: int) -> tuple[str | None, int]:
    start = _ISSUER_START.match(text, pos)
    if not start:
        return None, pos
    begin = start.end()
    window = text[begin : begin + 240]
    protected = _COMMA_NAMES.search(window)
    end = len(window)
    for stop in _ISSUER_STOP.finditer(window):
        if protected and protected.start() <= stop.start() < protected.end():
            continue
        end = stop.start()
        break
    words = window[:end].split()
    if not words:
        return None, pos
    words = words[:_MAX_ISSUER_WORDS]
    issuer = modern_tones(" ".join(words)).strip(" -–")
    return (issuer or None), begin + end


@dataclass
class _Found:
    start: int
    end: int
    type_name: str
    number: str
    date: str | None
    issuer: str | None
    after: int = 0  # end of the citation's own date and issuer


def _scan(text: str) -> list[_Found]:
    found: list[_Found] = []
    pos = 0
    while True:
        match = _CITATION.search(text, pos)
        if not match:
            break
        type_name = _canonical_type(match.group("type"))
        start, number, end = match.start(), match.group("num"), match.end()
        while True:
            if not re.search(r"[A-Za-zĐđ]", number):
                break
            date_iso, after = None, end
            date_match = _DATE_AFTER.match(text, end)
            if date_match:
                date_iso, after = _date_from_match(date_match), date_match.end()
            issuer, after_issuer = _issuer_at(text, after)
            if issuer and date_iso is None:
                late = _DATE_AFTER.match(text, after_issuer)
                if late:
                    date_iso, after_issuer = _date_from_match(late), late.end()
            found.append(_Found(start, end, type_name, number, date_iso, issuer, max(after_issuer, after)))
            cont = _CONTINUATION.match(text, end) if date_iso is None and issuer is None else None
            if not cont:
                pos = max(after_issuer, end)
                break
            start, number, end = cont.start("num"), cont.group("num"), cont.end()
        pos = max(pos, match.end())
    # A citation with no date or issuer of its own, joined by "và" or a comma to the next one,
    # shares that one's date and issuer ("Nghị quyết số 18-NQ/TW và Nghị quyết số 19-NQ/TW
    # ngày 25/10/2017 của Ban chấp hành Trung ương").
    for index in range(len(found) - 2, -1, -1):
        current, following = found[index], found[index + 1]
        if current.issuer is not None:
            continue
        gap = text[current.after : following.start]
        if not re.fullmatch(r"\s*(?:,\s*và|,|và)\s*(?:số\s*)?", gap, flags=re.IGNORECASE):
            continue
        if current.date is None:
            current.date = following.date
        current.issuer = following.issuer
    return found


def extract_references(text: str, *, exclude: str | Iterable[str] | None = None) -> list[Reference]:
    """Every document ``text`` cites, once each, in order of first appearance.

    Documents are the same when their numbers are (see ``number_key``); a later mention fills
    the date or issuer an earlier one left out. ``exclude`` takes the citing document's own
    number (or several) so that a plan does not cite itself.
    """
    if not text:
        return []
    if isinstance(exclude, str):
        exclude = [exclude]
    excluded = {number_key(item) for item in (exclude or []) if item}
    cleaned = _clean(text)
    order: list[str] = []
    merged: dict[str, _Found] = {}
    for item in _scan(cleaned):
        key = number_key(item.number)
        if key in excluded:
            continue
        if key not in merged:
            merged[key] = item
            order.append(key)
            continue
        first = merged[key]
        if first.date is None:
            first.date = item.date
        if first.issuer is None:
            first.issuer = item.issuer
    references = []
    for key in order:
        item = merged[key]
        references.append(
            Reference(
                full_number=item.number,
                type_name=item.type_name,
                date=item.date,
                issuer=item.issuer,
                type_code=parse_number(item.number)[2],
            )
        )
    return references
