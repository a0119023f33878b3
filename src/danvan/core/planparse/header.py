"""The header (issuer, number, place and date, kind) and the trailer (recipients, signer) of a plan."""

from __future__ import annotations

import re
from dataclasses import dataclass

from danvan.core.planparse.result import Signer
from danvan.core.planparse.text import MOTTO, NATIONAL, NATIONAL2, is_separator, is_title_case_word, is_upper_line
from danvan.core.references import modern_tones, normalise_full_number, parse_date
from danvan.core.vntext import fold

_TYPE_LINES = {
    fold(name): code
    for name, code in (
        ("KẾ HOẠCH", "KH"), ("BÁO CÁO", "BC"), ("CHƯƠNG TRÌNH", "CTr"), ("HƯỚNG DẪN", "HD"),
        ("QUYẾT ĐỊNH", "QĐ"), ("CHỈ THỊ", "CT"), ("THÔNG BÁO", "TB"), ("CHƯƠNG TRÌNH HÀNH ĐỘNG", "CTr"),
        ("ĐỀ ÁN", "ĐA"), ("PHƯƠNG ÁN", "PA"), ("NGHỊ QUYẾT", "NQ"), ("QUY CHẾ", "QC"),
    )
}
_NUMBER_LINE = re.compile(
    r"(?<!\w)(?:Số|SỐ)\s*[:.]?\s*(?P<num>\d+\s*[-/]?\s*[A-Za-zĐđ0-9]+(?:\s*[-/–]\s*[A-Za-zĐđ0-9]+)*)"
)
NUMBER_FIELD = re.compile(r"(?<!\w)(?:Số|SỐ)\s*:\s*\d")
PLACE_DATE = re.compile(
    r"(?P<before>.*?),?\s*ngày\s+(?P<d>\d{1,2})\s*(?:tháng\s+|[/.\-]\s*)(?P<m>\d{1,2})"
    r"\s*(?:năm\s+|[/.\-]\s*)(?P<y>\d{4})",
    re.I,
)
_AUTHORITY = re.compile(r"^(?P<auth>TM|KT|TL|TUQ|Q|T/M|K/T)\s*[.:]\s*(?P<rest>.*)$", re.I)
_SIGN_NOTES = re.compile(
    r"^[(\[]?\s*(?:đã\s+ký|ký|ký\s+tên|đã\s+ký\s+và\s+đóng\s+dấu|ký,.*|ký\s+bởi.*|chữ\s+ký.*)"
    r"\s*[)\]]?\.?$",
    re.I,
)
_RECIPIENTS = re.compile(r"^Nơi\s+nhận\s*:?\s*(?P<rest>.*)$", re.I)


def _place_before(text: str) -> str | None:
    words = text.replace(",", " ").split()
    picked: list[str] = []
    for word in reversed(words):
        if is_title_case_word(word) or word in ("TP.", "Tp.", "TX.", "Tx."):
            picked.append(word)
            continue
        break
    picked.reverse()
    return " ".join(picked) or None


@dataclass
class Header:
    full_number: str | None = None
    place: str | None = None
    date: str | None = None
    issuer: str | None = None
    type_code: str | None = None
    subject: str | None = None


def parse_header(lines: list[str]) -> Header:
    header = Header()
    issuer_parts: list[str] = []
    for line in lines:
        if not line or is_separator(line):
            continue
        rest = line
        number = _NUMBER_LINE.search(rest)
        if number and header.full_number is None:
            header.full_number = normalise_full_number(number.group("num"))
            before = rest[: number.start()]
            if header.issuer is None:
                issuer_parts.append(before)
            rest = rest[number.end() :]
        elif header.full_number is None:
            issuer_parts.append(rest)
            continue
        place_date = PLACE_DATE.search(rest)
        if place_date and header.date is None:
            header.date = parse_date(place_date.group("d"), place_date.group("m"), place_date.group("y"))
            header.place = _place_before(MOTTO.sub(" ", place_date.group("before")))
    issuer_text = " ".join(issuer_parts)
    issuer_text = MOTTO.sub(" ", NATIONAL.sub(" ", NATIONAL2.sub(" ", issuer_text)))
    issuer_text = re.sub(r"\s+", " ", issuer_text).strip(" -–_|")
    if issuer_text and is_upper_line(issuer_text):
        header.issuer = modern_tones(issuer_text)
    return header


WEB_NUMBER = re.compile(
    r"(?:Ngày\s+(?P<lead>(?P<ld>\d{1,2})\s*(?:[/.\-]|\s+tháng\s+)\s*(?P<lm>\d{1,2})\s*(?:[/.\-]|\s+năm\s+)\s*"
    r"(?P<ly>\d{4}))\s*,\s*)?"
    r"(?P<issuer>(?:UBND|Ủy\s+ban\s+nhân\s+dân|Uỷ\s+ban\s+nhân\s+dân)[^.,;:]{0,60}?)\s+(?:đã\s+|vừa\s+)?ban\s+hành\s+"
    r"Kế\s+hoạch\s+(?:số\s+)?(?P<num>\d+[^\s,;()]*)"
    r"(?:\s+\(?ngày\s+(?P<d>\d{1,2})\s*(?:[/.\-]|\s+tháng\s+)\s*(?P<m>\d{1,2})\s*(?:[/.\-]|\s+năm\s+)\s*"
    r"(?P<y>\d{4})\)?)?"
    r"(?:\s+(?P<subject>về\s+[^.:;]+))?",
    re.I,
)
_LOCALITY_NAME = re.compile(
    r"(?<!\w)(?:phường|xã|quận|huyện|thị\s+xã|thị\s+trấn|thành\s+phố|tỉnh)\s+"
    r"(?P<name>[A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*)*)\s*$",
    re.I,
)


def web_header(intro: str) -> Header | None:
    """Number, date, issuer, place and subject of a plan published as a web article.

    "Ngày 10/3/2026, UBND phường Thanh Xuân ban hành Kế hoạch số 45/KH-UBND về …" or "UBND
    phường Phương Liệt ban hành Kế hoạch số 09/KH-UBND ngày 08/01/2026 về …". The place is the
    issuer's locality ("Thanh Xuân").
    """
    web = WEB_NUMBER.search(intro)
    if not web:
        return None
    header = Header(full_number=normalise_full_number(web.group("num")))
    if web.group("y"):
        header.date = parse_date(web.group("d"), web.group("m"), web.group("y"))
    if header.date is None and web.group("ly"):
        header.date = parse_date(web.group("ld"), web.group("lm"), web.group("ly"))
    header.issuer = modern_tones(re.sub(r"\s+", " ", web.group("issuer")).strip())
    locality = _LOCALITY_NAME.search(header.issuer)
    if locality and all(word[:1].isupper() for word in locality.group("name").split()):
        header.place = locality.group("name")
    if web.group("subject"):
        subject = re.sub(r"\s+", " ", web.group("subject")).strip()
        header.subject = subject[0].upper() + subject[1:]
    return header


def parse_trailer(lines: list[str]) -> tuple[list[str], str | None, Signer]:
    recipients: list[str] = []
    archive: str | None = None
    in_recipients = False
    block: list[str] = []
    other: list[str] = []
    for line in lines:
        match = _RECIPIENTS.match(line)
        if match:
            in_recipients = True
            if match.group("rest"):
                block.append(match.group("rest"))
            continue
        if in_recipients:
            if not line:
                continue
            if re.match(r"^[-+•]", line) or (block and line[0].islower()) or fold(line).startswith("luu"):
                block.append(line)
                continue
            in_recipients = False
        other.append(line)
    joined = "\n".join(block)
    for part in re.split(r"\n(?=\s*[-+•])|(?<=[;.])\s+(?=[-+•]\s)", joined):
        entry = re.sub(r"\s+", " ", part.strip().lstrip("-+• ").strip())
        if not entry:
            continue
        if fold(entry).startswith("luu"):
            archive = entry
            continue
        entry = entry.rstrip(";.,").strip()
        if entry:
            recipients.append(entry)
    return recipients, archive, _parse_signer(other)


def _parse_signer(lines: list[str]) -> Signer:
    signer = Signer()
    content = [line for line in lines if line and not is_separator(line)]
    title_index = None
    for index, line in enumerate(content):
        match = _AUTHORITY.match(line)
        if match and is_upper_line(match.group("rest") or "X"):
            signer.authority = match.group("auth").upper().replace("/", "") + "."
            title_index = index + 1
    if title_index is None:
        for index, line in enumerate(content):
            if is_upper_line(line) and len(line.split()) <= 6 and not _SIGN_NOTES.match(line):
                title_index = index
                break
    if title_index is None or title_index >= len(content):
        return signer
    title = content[title_index]
    if not is_upper_line(title) or _AUTHORITY.match(title):
        return signer
    signer.title = modern_tones(title)
    for line in content[title_index + 1 :]:
        if _SIGN_NOTES.match(line):
            continue
        words = line.split()
        if 2 <= len(words) <= 6 and all(is_title_case_word(word) for word in words):
            signer.name = line
        break
    return signer


def find_type_line(lines: list[str]) -> tuple[int | None, str | None]:
    for index, line in enumerate(lines[:80]):
        key = fold(line).strip(" :.")
        if key in _TYPE_LINES and is_upper_line(line):
            return index, _TYPE_LINES[key]
    return None, None


def body_end(lines: list[str], start: int) -> int:
    for index in range(start, len(lines)):
        line = lines[index]
        if _RECIPIENTS.match(line):
            return index
        authority = _AUTHORITY.match(line)
        if authority and is_upper_line(authority.group("rest") or "X"):
            return index
        if line.rstrip().endswith("./.") or line.rstrip().endswith("/."):
            return index + 1
    return len(lines)
