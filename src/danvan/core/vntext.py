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
from decimal import Decimal

__all__ = [
    "UnstorableText",
    "check_storable",
    "clean_text",
    "fold",
    "format_date",
    "looks_like_markup",
    "nfc",
    "parse_number",
    "slug_key",
]

# "đ" and "Đ" are letters of their own, not "d" with a mark: NFD leaves them alone.
_D_MAP = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})
_SPACES = re.compile(r"\s+")
# Zero-width characters that sneak in from Word and web pages.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)


# Characters no stored text may hold: NUL (PostgreSQL refuses it outright, SQLite keeps it and every
# later export breaks), the other control characters except tab and line breaks (the XML inside
# .docx/.xlsx cannot hold them) and lone surrogates (not UTF-8). Vertical tab and form feed, which
# Word and PDF text put where a line or a page breaks, are read as line breaks instead.
_UNSTORABLE = re.compile("[\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})


class UnstorableText(ValueError):
    """Text holding a character that no database column (or official document) can hold.

    ``position`` is the index of the first such character and ``before`` the few words typed just
    before it, so that the message can say where to look.
    """

    def __init__(self, text: str, position: int) -> None:
        self.position = position
        self.code_point = ord(text[position])
        self.before = " ".join(text[max(0, position - 40):position].split()[-6:])
        super().__init__(f"character U+{self.code_point:04X} at position {position + 1} cannot be stored")


def check_storable(value: str | None) -> str:
    """Return ``value`` (line-breaking controls read as line breaks) or raise :class:`UnstorableText`."""
    if not value:
        return value or ""
    text = value.translate(_BREAKS)
    bad = _UNSTORABLE.search(text)
    if bad:
        raise UnstorableText(text, bad.start())
    return text


def nfc(value: str) -> str:
    """Return ``value`` in Unicode NFC (precomposed), the one form danvan stores."""
    return unicodedata.normalize("NFC", value)


def clean_text(value: str | None, *, multiline: bool = False) -> str:
    """Normalise text typed by a user: NFC, no invisible characters, tidy white space.

    Text that cannot be stored (a NUL byte, a control character) raises :class:`UnstorableText`
    before anything else: the caller refuses it, it is never silently altered or written.

    One-line values have runs of white space (non-breaking spaces included) folded to one
    space. Multi-line values keep their line breaks but lose trailing spaces on each line.
    """
    if value is None:
        return ""
    text = nfc(check_storable(value)).translate(_INVISIBLE).replace("\u00a0", " ")
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n")]
        return "\n".join(lines).strip()
    return _SPACES.sub(" ", text).strip()


def _fold_slow(value: str) -> str:
    decomposed = unicodedata.normalize("NFD", value.translate(_INVISIBLE))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.translate(_D_MAP)


# Latin letters (Vietnamese included) and combining marks: each character's folded form, computed
# once, so folding a text is one ``str.translate`` instead of a decomposition and a filter per
# character. Dropping every mark makes the per-character result equal to the whole-text one.
_LATIN_RANGES = ((0x80, 0x250), (0x300, 0x370), (0x1E00, 0x1F00))
_FOLD_TABLE: dict[int, str | None] = {
    code: _fold_slow(chr(code)) or None for start, end in _LATIN_RANGES for code in range(start, end)}
_FOLD_TABLE.update(_INVISIBLE)
_OUTSIDE_TABLE = re.compile("[^\x00-\x7f" + "".join(f"{chr(a)}-{chr(b - 1)}" for a, b in _LATIN_RANGES)
                            + "\u200b-\u200d\u2060\ufeff]")


def _fold_word(word: str) -> str:
    if _OUTSIDE_TABLE.search(word) is None:
        stripped = word.translate(_FOLD_TABLE)
    else:
        stripped = _fold_slow(word)
    return " ".join(stripped.casefold().split())


# Folded words, so that a text is folded a word at a time from a dictionary: ``str.translate``
# looks each non-ASCII character up in the table (about 75 ns a character), and collapsing white
# space with a regular expression replaces every single space; a Vietnamese text of 200
# characters took 27 µs, and every case written folds two or three. Vietnamese has a few
# thousand syllables; the cap keeps codes and names from growing it without end.
_FOLDED_WORDS: dict[str, str] = {}
_FOLDED_WORDS_MAX = 100_000


def fold(value: str | None) -> str:
    """Fold text for diacritics-insensitive search.

    NFD, drop every combining mark, map đ to d, casefold, collapse white space. Because the
    marks are dropped, the old and new tone placements ("hoà"/"hòa") fold to the same key.
    Latin text goes through a translation table; other scripts through the decomposition.
    Folding maps white space to white space and nothing else to it, so the text is folded word
    by word (split on white space, the empty results left out) with the same result as folding
    it whole.
    """
    if not value:
        return ""
    if value.isascii():
        return " ".join(value.casefold().split())
    words = value.split()
    cache = _FOLDED_WORDS
    folded = list(map(cache.get, words))
    if None in folded:  # a word not seen yet
        for i, word in enumerate(words):
            if folded[i] is None:
                folded[i] = _fold_word(word)
                if len(cache) < _FOLDED_WORDS_MAX:
                    cache[word] = folded[i]
    return " ".join(filter(None, folded))  # a word of invisible characters folds to nothing


def slug_key(value: str | None) -> str:
    """A key for matching names: folded, punctuation removed ("Phòng NV." -> "phong nv")."""
    return _SPACES.sub(" ", re.sub(r"[^\w]+", " ", fold(value))).strip()


def format_date(value: date | None) -> str:
    """dd/mm/yyyy, the way Vietnamese officers write dates; empty for no date."""
    if value is None:
        return ""
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


# Elements a browser would act on. Text such as "a<b và c>d" or "x < 5" is ordinary writing: it is
# stored as typed and escaped when shown; only what is really markup is refused.
_ELEMENTS = (
    "a|abbr|applet|area|article|aside|audio|b|base|basefont|bdo|big|blink|blockquote|body|br|button|canvas|"
    "center|code|col|details|dialog|div|dl|dt|em|embed|fieldset|font|form|frame|frameset|h[1-6]|head|header|hr|"
    "html|i|iframe|image|img|input|isindex|keygen|label|li|link|main|map|marquee|math|meta|meter|nav|noembed|"
    "noscript|object|ol|option|p|param|picture|pre|q|s|script|section|select|small|source|span|strike|strong|"
    "style|sub|summary|sup|svg|table|tbody|td|template|textarea|tfoot|th|thead|title|tr|track|tt|u|ul|video|xml|xmp"
)
_MARKUP = re.compile(
    r"<!--|<!\s*doctype\b|<\?xml|<!\[cdata\["                                # comments, doctype, XML
    rf"|<\s*/?\s*(?:{_ELEMENTS})\s*/?\s*>"                                    # <b>, </div>, <br/>
    rf"|<\s*(?:{_ELEMENTS})\s[^<>]*?\b[a-z][a-z0-9:_.-]*\s*=\s*[\"'a-z0-9#/(&{{]"  # <img src=…>, <a href="…">
    r"|<\s*(?:script|style|iframe|object|embed|svg|math|meta|link|base|frame|template)\b"  # dangerous anywhere
    r"|\bon[a-z]+\s*=\s*[\"']?[^\s\"'>]*\(|javascript\s*:",                    # handlers, javascript: URLs
    re.IGNORECASE,
)


def looks_like_markup(value: str | None) -> bool:
    """Whether text contains real HTML (a tag, a comment, an event handler or a ``javascript:`` URL),
    as opposed to ordinary writing that uses the characters < and >."""
    return bool(value) and _MARKUP.search(value) is not None


# "1.234.567": groups of three after a first group that does not start with 0 ("0.500" is a decimal).
_GROUPED = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")
_PLAIN = re.compile(r"\d+(?:\.\d+)?")
_NUMBER_SPACES = re.compile(r"[\s\u00a0\u202f]+")


def parse_number(value: object) -> Decimal:
    """A number as Vietnamese write it: "." groups thousands and "," marks the decimals ("1.234,5").

    "1.000" is one thousand, "4,5" four and a half; a single "." that cannot be a thousands
    separator ("4.5", "0.500") is read as a decimal point, as typed by someone used to English.
    Spaces between digit groups are ignored. Raises ValueError for anything else ("1,2,3",
    "1.00.0", "abc", "NaN").
    """
    text = _NUMBER_SPACES.sub("", nfc(str(value if value is not None else "")))
    sign = ""
    if text[:1] in ("-", "+", "\u2212"):
        sign, text = ("" if text[0] == "+" else "-"), text[1:]
    if text.count(",") > 1:
        raise ValueError(value)
    if "," in text:
        whole, frac = text.split(",")
        if "." in whole:
            if not _GROUPED.fullmatch(whole):
                raise ValueError(value)
            whole = whole.replace(".", "")
        text = f"{whole or '0'}.{frac}"
    elif _GROUPED.fullmatch(text):
        text = text.replace(".", "")
    if not _PLAIN.fullmatch(text):
        raise ValueError(value)
    return Decimal(sign + text)


def format_size(size: int) -> str:
    """A file size as officers write it: "30 MB", "1,5 MB", "820 KB" (decimal comma, no trailing ",0")."""
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale:
            text = f"{size / scale:.1f}".rstrip("0").rstrip(".").replace(".", ",")
            return f"{text} {unit}"
    return f"{size} B"
