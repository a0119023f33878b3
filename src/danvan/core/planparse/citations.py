"""The documents a plan cites, as plans write them.

``danvan.core.references`` finds "Kế hoạch số 15/KH-UBND ngày … của …". Plans also cite laws by
their name before the number ("Luật Tiếp công dân số 42/2013/QH13", "Luật Thực hiện dân chủ ở cơ
sở số 10/2022/QH15 ngày 10/11/2022") and abbreviate the kind ("QĐ số 1234/QĐ-UBND"). Both are
rewritten into the plain form the reference finder reads, and a law keeps its name as its title.
A law's number says who passed it (QH: Quốc hội, UBTVQH: Ủy ban Thường vụ Quốc hội), so a law
cited without "của Quốc hội" still gets its issuer.
"""

from __future__ import annotations

import re

from danvan.core.planparse.result import PlanReference
from danvan.core.references import SYMBOL, extract_references, modern_tones, number_key, parse_number

_ABBREVIATED = {
    "QĐ": "Quyết định", "QD": "Quyết định", "NQ": "Nghị quyết", "NĐ": "Nghị định", "CT": "Chỉ thị",
    "KH": "Kế hoạch", "TT": "Thông tư", "HD": "Hướng dẫn", "KL": "Kết luận", "TB": "Thông báo",
}
_ABBREVIATION = re.compile(r"(?<![\w/-])(?P<code>" + "|".join(_ABBREVIATED) + r")\.?(?=\s+số\s*[:.]?\s*\d)")
_NUMBER_AFTER_NAME = re.compile(rf"\s+số\s*[:.]?\s*(?P<num>{SYMBOL})(?![\w])", re.I)
_LAW_KIND = re.compile(r"(?<!\w)(?:Bộ\s+luật|Luật|Pháp\s+lệnh)(?=\s)")
_LAW_ISSUERS = (("UBTVQH", "Ủy ban Thường vụ Quốc hội"), ("QH", "Quốc hội"))
_CLAUSE_BREAK = re.compile(r"[.;:()\[\]\n“”\"]")


def _law_issuer(full_number: str) -> str | None:
    tail = parse_number(full_number)[3] or ""
    for code, issuer in _LAW_ISSUERS:
        if re.fullmatch(rf"{code}\d+", tail, re.I):
            return issuer
    return None


def _named_laws(text: str) -> tuple[str, dict[str, str]]:
    """``text`` with "Luật <name> số N" rewritten as "Luật số N", and each law's name by number."""
    titles: dict[str, str] = {}
    pieces: list[str] = []
    cursor = 0
    for match in _NUMBER_AFTER_NAME.finditer(text):
        if _law_issuer(match.group("num")) is None:
            continue
        window_start = max(cursor, match.start() - 200)
        window = text[window_start : match.start()]
        breaks = list(_CLAUSE_BREAK.finditer(window))
        if breaks:
            window_start += breaks[-1].end()
            window = text[window_start : match.start()]
        kinds = list(_LAW_KIND.finditer(window))
        if not kinds:
            continue
        # "Luật sửa đổi, bổ sung một số điều của Luật A và Luật B số …" is one law; otherwise the
        # name is the one closest to the number.
        amending = next((k for k in kinds if re.match(r"\S+\s+sửa\s+đổi", window[k.start() :], re.I)), None)
        kind = amending or kinds[-1]
        title = re.sub(r"\s+", " ", window[kind.start() :]).strip(" ,")
        if len(title.split()) <= len(kind.group(0).split()):
            continue  # "Luật số 10/2022/QH15": no name, the reference finder reads it as it is
        titles[number_key(match.group("num"))] = modern_tones(title)
        absolute = window_start + kind.end()
        pieces.append(text[cursor:absolute])
        cursor = match.start()
    pieces.append(text[cursor:])
    return "".join(pieces), titles


def plan_references(text: str, *, exclude: str | None = None) -> list[PlanReference]:
    """Every document ``text`` cites, once each, in order of first appearance."""
    text = re.sub(r"[ \t]*\n[ \t]*", " ", text)
    text = _ABBREVIATION.sub(lambda m: _ABBREVIATED[m.group("code")], text)
    text, titles = _named_laws(text)
    references = []
    for ref in extract_references(text, exclude=exclude):
        issuer, day = ref.issuer, ref.date
        year = parse_number(ref.full_number)[1]
        if day is not None and year is not None and int(day[:4]) != year:
            day = None  # shared from the next citation ("Luật … số 10/2022/QH15 và Nghị định … ngày 14/8/2023")
        law_issuer = _law_issuer(ref.full_number)
        if law_issuer is not None and issuer != law_issuer:
            issuer = law_issuer
        title = titles.get(number_key(ref.full_number))
        references.append(PlanReference(ref.full_number, ref.type_name, day, issuer, title))
    return references
