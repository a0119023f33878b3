"""Read a Vietnamese plan (kế hoạch) from text into structured data for import.

Districts and wards receive their plans as Word files, PDFs turned into text, or web posts.
Officers should not retype a plan: this module turns one into its header (number, place,
date, subject, issuer), its numbered items with paths ("II.3.b"), who must do what (lead and
coordinating units), when (deadlines), what it cites, its recipients and its signer.

The result is a plain dict (JSON-ready) so the Django side can show it for review before it
writes anything. Values the text does not state are None: nothing is guessed. Pure Python, no
Django import; unit names are turned into ids by a callback the caller gives.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from danvan.core.references import (
    extract_references,
    modern_tones,
    normalise_full_number,
    parse_date,
    parse_number,
)
from danvan.core.vntext import fold, nfc

__all__ = ["PlanParseError", "parse_plan", "read_plan_file"]

UnitResolver = Callable[[str], int | list[int] | None]


class PlanParseError(ValueError):
    """The file or text cannot be read as a plan; the message is shown to the officer."""


# --------------------------------------------------------------------------------------------
# Reading files
# --------------------------------------------------------------------------------------------

_TABLE_HEADER_WORDS = ("noi dung", "chu tri", "phoi hop", "thoi gian", "thoi han", "don vi thuc hien")


def read_plan_file(path: str | Path) -> str:
    """Text of a plan file: .txt (UTF-8, UTF-8 with BOM, or Windows-1258) or .docx.

    A .docx gives its paragraphs and tables in body order. Task tables (a header row naming
    "Nội dung", "Chủ trì", ...) become pipe rows; layout tables (the two-column header and
    signature blocks) become their cells' lines, left column first, as a reader sees them.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".txt":
        raw = path.read_bytes()
        for encoding in ("utf-8-sig", "cp1258"):
            try:
                return nfc(raw.decode(encoding))
            except UnicodeDecodeError:
                continue
        raise PlanParseError(f"Không đọc được tệp {path.name}: bảng mã không được hỗ trợ.")
    if suffix == ".docx":
        return _read_docx(path)
    raise PlanParseError(
        f"Tệp {path.name} không được hỗ trợ: chỉ nhận tệp văn bản .txt hoặc Word .docx."
    )


def _read_docx(path: Path) -> str:
    try:
        import docx  # python-docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError as exc:  # pragma: no cover - python-docx is a project dependency
        raise PlanParseError("Chưa cài đặt python-docx để đọc tệp .docx.") from exc
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several kinds for a damaged file
        raise PlanParseError(f"Không mở được tệp Word {path.name}: tệp hỏng hoặc không phải .docx.") from exc
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
            lines.append("")
        elif tag == "tbl":
            lines.extend(_table_lines(Table(child, document)))
            lines.append("")
    return nfc("\n".join(lines))


def _table_lines(table: Any) -> list[str]:
    rows: list[list[str]] = []
    for row in table.rows:
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            if previous is not None and cell._tc is previous:  # merged cells repeat
                continue
            previous = cell._tc
            cells.append(cell.text)
        rows.append(cells)
    if not rows:
        return []
    header = fold(" ".join(rows[0]))
    if any(word in header for word in _TABLE_HEADER_WORDS) and len(rows[0]) >= 3:
        out = []
        for cells in rows:
            flat = [re.sub(r"\s*\n\s*", " ", cell).strip().replace("|", "/") for cell in cells]
            out.append("| " + " | ".join(flat) + " |")
        return out
    out = []
    width = max(len(cells) for cells in rows)
    for column in range(width):
        for cells in rows:
            if column < len(cells):
                out.extend(cells[column].split("\n"))
                out.append("")
    return out


# --------------------------------------------------------------------------------------------
# Normalising lines
# --------------------------------------------------------------------------------------------

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_SEPARATOR = re.compile(r"^[\s\-_=*~.o0]{3,}$|^-+\s*o0o\s*-+$")
_NATIONAL = re.compile(r"C[ỘO]NG\s+H[ÒOÀ]A?\s*X[ÃA]\s+H[ỘO]I\s+CH[ỦU]\s+NGH[ĨI]A\s+VI[ỆE]T\s+NAM", re.I)
_NATIONAL2 = re.compile(r"CỘNG\s+H(?:ÒA|OÀ)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM", re.I)
_MOTTO = re.compile(r"Độc\s+lập\s*[-–—]\s*Tự\s+do\s*[-–—]\s*Hạnh\s+phúc", re.I)


def _normalise(text: str) -> list[str]:
    text = nfc(text).translate(_INVISIBLE).replace("\u00a0", " ").replace("\u202f", " ")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " \t ")
    text = text.replace("**", "").replace("__", "")
    text = re.sub(r"\\([.\-*()\[\]#+_])", r"\1", text)  # markdown escapes: "1\." -> "1."
    lines = []
    for raw in text.split("\n"):
        line = raw.strip()
        line = re.sub(r"^#{1,6}\s+", "", line)
        line = re.sub(r"^\*\s+", "- ", line)  # markdown bullet
        line = re.sub(r"(?<!\()\*(?!\))", "", line)  # italics, but keep "(*)"
        line = re.sub(r"[ \u3000]+", " ", line).strip()
        if line.startswith(">"):
            line = line.lstrip("> ").strip()
        lines.append(line)
    return lines


def _is_separator(line: str) -> bool:
    return bool(line) and bool(_SEPARATOR.match(line)) and not re.search(r"\d", line.replace("0", ""))


# --------------------------------------------------------------------------------------------
# Header and trailer
# --------------------------------------------------------------------------------------------

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
_NUMBER_FIELD = re.compile(r"(?<!\w)(?:Số|SỐ)\s*:\s*\d")
_PLACE_DATE = re.compile(
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


def _title_case_word(token: str) -> bool:
    token = token.strip(",.")
    if not token or not token[0].isupper():
        return False
    return token[1:].islower() or len(token) == 1 or token in ("TP", "Tp", "TX", "Tx")


def _place_before(text: str) -> str | None:
    words = text.replace(",", " ").split()
    picked: list[str] = []
    for word in reversed(words):
        if _title_case_word(word) or word in ("TP.", "Tp.", "TX.", "Tx."):
            picked.append(word)
            continue
        break
    picked.reverse()
    return " ".join(picked) or None


def _is_upper_line(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)


@dataclass
class _Header:
    full_number: str | None = None
    place: str | None = None
    date: str | None = None
    issuer: str | None = None
    type_code: str | None = None
    subject: str | None = None


def _parse_header(lines: list[str]) -> _Header:
    header = _Header()
    issuer_parts: list[str] = []
    for line in lines:
        if not line or _is_separator(line):
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
        place_date = _PLACE_DATE.search(rest)
        if place_date and header.date is None:
            header.date = parse_date(place_date.group("d"), place_date.group("m"), place_date.group("y"))
            header.place = _place_before(_MOTTO.sub(" ", place_date.group("before")))
    issuer_text = " ".join(issuer_parts)
    issuer_text = _MOTTO.sub(" ", _NATIONAL.sub(" ", _NATIONAL2.sub(" ", issuer_text)))
    issuer_text = re.sub(r"\s+", " ", issuer_text).strip(" -–_|")
    if issuer_text and _is_upper_line(issuer_text):
        header.issuer = modern_tones(issuer_text)
    return header


_WEB_NUMBER = re.compile(
    r"(?P<issuer>(?:UBND|Ủy\s+ban\s+nhân\s+dân|Uỷ\s+ban\s+nhân\s+dân)[^.,;:]{0,60}?)\s+(?:đã\s+)?ban\s+hành\s+"
    r"Kế\s+hoạch\s+số\s+(?P<num>\d+[^\s,;]*)(?:\s+ngày\s+(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4}))?"
    r"(?:\s+(?P<subject>về\s+[^.:;]+))?",
    re.I,
)


def _parse_trailer(lines: list[str]) -> tuple[list[str], str | None, dict[str, str | None]]:
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


def _parse_signer(lines: list[str]) -> dict[str, str | None]:
    signer: dict[str, str | None] = {"authority": None, "title": None, "name": None}
    content = [line for line in lines if line and not _is_separator(line)]
    title_index = None
    for index, line in enumerate(content):
        match = _AUTHORITY.match(line)
        if match and _is_upper_line(match.group("rest") or "X"):
            signer["authority"] = match.group("auth").upper().replace("/", "") + "."
            title_index = index + 1
    if title_index is None:
        for index, line in enumerate(content):
            if _is_upper_line(line) and len(line.split()) <= 6 and not _SIGN_NOTES.match(line):
                title_index = index
                break
    if title_index is None or title_index >= len(content):
        return signer
    title = content[title_index]
    if not _is_upper_line(title) or _AUTHORITY.match(title):
        return signer
    signer["title"] = modern_tones(title)
    for line in content[title_index + 1 :]:
        if _SIGN_NOTES.match(line):
            continue
        words = line.split()
        if 2 <= len(words) <= 6 and all(_title_case_word(word) for word in words):
            signer["name"] = line
        break
    return signer


# --------------------------------------------------------------------------------------------
# Body: paragraphs, sections, items
# --------------------------------------------------------------------------------------------

_ROMAN = re.compile(r"^(?:PHẦN\s+|Phần\s+)?(?P<label>[IVX]{1,5})\s*[.\-–:)]\s*(?P<title>\S.*)$")
_NUMBERED = re.compile(r"^(?P<label>\d{1,2}(?:\.\d{1,2}){0,3})\s*(?:[.\-–)]|\.\s*[-–)])\s*(?P<text>\S.*)$")
_NUMBERED_DOTLESS = re.compile(r"^(?P<label>\d{1,2}(?:\.\d{1,2}){1,3})\s+(?P<text>\S.*)$")
_LETTERED = re.compile(r"^(?P<label>[a-zđ])\s*[).]\s*(?P<text>\S.*)$")
_BULLET = re.compile(r"^[-+•–]\s*(?P<text>\S.*)$")
_TERMINAL = tuple(".;:!?\"”)…")
_LETTERS = "abcdđeghiklmnopqrstuvxy"
_ROMANS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]


@dataclass
class _Para:
    kind: str  # heading, numbered, lettered, bullet, plain, table
    text: str
    label: str | None = None
    cells: list[str] | None = None


def _classify(line: str) -> _Para:
    if line.startswith("|") or line.count("\t") >= 2:
        cells = [c.strip() for c in re.split(r"\||\t", line.strip().strip("|"))]
        return _Para("table", line, cells=cells)
    match = _ROMAN.match(line)
    if match:
        return _Para("heading", match.group("title"), label=match.group("label"))
    match = _NUMBERED.match(line) or _NUMBERED_DOTLESS.match(line)
    if match:
        return _Para("numbered", match.group("text"), label=match.group("label"))
    match = _LETTERED.match(line)
    if match:
        return _Para("lettered", match.group("text"), label=match.group("label"))
    match = _BULLET.match(line)
    if match and not match.group("text")[0].islower():
        return _Para("bullet", line)
    return _Para("plain", line)


def _paragraphs(lines: list[str]) -> list[_Para]:
    """Join hard-wrapped lines into paragraphs; a line that starts an item starts a paragraph."""
    paras: list[_Para] = []
    gap = True
    for line in lines:
        if not line or _is_separator(line):
            gap = True
            continue
        para = _classify(line)
        last = paras[-1] if paras else None
        if para.kind in ("plain", "bullet") and last is not None and last.kind != "table":
            ends = last.text.rstrip().endswith(_TERMINAL)
            starts_lower = line[0].islower() or (para.kind == "bullet" and line[1:].strip()[:1].islower())
            if (not gap and not (ends and not starts_lower)) or (not ends and starts_lower):
                last.text = f"{last.text} {line}"
                gap = False
                continue
        paras.append(para)
        gap = False
    for para in paras:
        para.text = _drop_stray_brackets(para.text.strip())
    return paras


def _drop_stray_brackets(text: str) -> str:
    """Remove ")" and "]" that close nothing (scans leave them, e.g. "công vụ.)")."""
    out = []
    depth = {")": 0, "]": 0}
    openers = {"(": ")", "[": "]"}
    for ch in text:
        if ch in openers:
            depth[openers[ch]] += 1
        elif ch in depth:
            if depth[ch] == 0:
                continue
            depth[ch] -= 1
        out.append(ch)
    return "".join(out).strip()


@dataclass
class _Node:
    label: str
    path: str
    kind: str
    paragraphs: list[str] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)
    lead_cell: str | None = None
    coordinate_cell: str | None = None
    deadline_cell: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "path": self.path,
            "text": "\n".join(self.paragraphs),
            "items": [child.as_dict() for child in self.children],
        }


@dataclass
class _Section:
    label: str | None
    title: str | None
    items: list[_Node] = field(default_factory=list)
    prose: list[str] = field(default_factory=list)

    @property
    def path(self) -> str:
        return self.label or ""


def _join(prefix: str, label: str) -> str:
    return f"{prefix}.{label}" if prefix else label


def _next_letter(previous: str | None, letter: str) -> bool:
    if previous is None:
        return letter == "a"
    if previous in _LETTERS and _LETTERS.index(previous) + 1 < len(_LETTERS):
        if letter == _LETTERS[_LETTERS.index(previous) + 1]:
            return True
    return ord(letter) == ord(previous) + 1


_COLUMN_ROLES = (
    ("label", ("tt", "stt", "so tt")),
    ("lead", ("chu tri", "don vi chu tri", "co quan chu tri", "don vi thuc hien", "chiu trach nhiem")),
    ("coordinate", ("phoi hop", "don vi phoi hop", "co quan phoi hop")),
    ("deadline", ("thoi gian", "thoi han", "tien do")),
    ("text", ("noi dung", "nhiem vu", "cong viec", "ten nhiem vu")),
)


def _column_roles(cells: list[str]) -> dict[str, int] | None:
    roles: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = fold(cell)
        for role, words in _COLUMN_ROLES:
            if role not in roles and any(key == w or key.startswith(w + " ") or w in key for w in words):
                if role == "label" and key not in words:
                    continue
                roles[role] = index
                break
    return roles if "text" in roles else None


class _Builder:
    def __init__(self) -> None:
        self.preamble: list[str] = []
        self.sections: list[_Section] = []
        self.current: _Node | None = None  # where unnumbered paragraphs go
        self.top: _Node | None = None
        self.stack: list[_Node] = []  # numbered nodes by depth
        self.columns: dict[str, int] | None = None

    def section(self) -> _Section:
        if not self.sections:
            self.sections.append(_Section(None, None))
        return self.sections[-1]

    def add(self, para: _Para) -> None:
        handler = getattr(self, f"_on_{para.kind}")
        handler(para)

    def _on_heading(self, para: _Para) -> None:
        label = para.label or ""
        expected = _ROMANS[len([s for s in self.sections if s.label])] if len(self.sections) < 15 else None
        if label != expected and not (label == "I" and not self.sections):
            self._on_plain(_Para("plain", f"{label}. {para.text}"))
            return
        title = para.text.strip().rstrip(":").strip()
        self.sections.append(_Section(label, title))
        self.current, self.top, self.stack, self.columns = None, None, [], None

    def _on_numbered(self, para: _Para) -> None:
        label = para.label or ""
        parts = label.split(".")
        depth = len(parts)
        section = self.section()
        if depth == 1:
            siblings = section.items
            expected = str(int(siblings[-1].label) + 1) if siblings and siblings[-1].label.isdigit() else "1"
            if int(parts[0]) != int(expected):
                self._on_plain(_Para("plain", f"{label}. {para.text}"))
                return
            node = _Node(str(int(parts[0])), _join(section.path, str(int(parts[0]))), "numbered")
            section.items.append(node)
            self.stack = [node]
        else:
            parent_label = ".".join(str(int(p)) for p in parts[:-1])
            parent = next((n for n in reversed(self.stack) if n.label == parent_label), None)
            siblings = parent.children if parent is not None else section.items
            previous = [c for c in siblings if c.kind == "numbered" and c.label.count(".") == depth - 1]
            last_number = int(previous[-1].label.split(".")[-1]) if previous else 0
            if int(parts[-1]) != last_number + 1:
                self._on_plain(_Para("plain", f"{label}. {para.text}"))
                return
            label = ".".join(str(int(p)) for p in parts)
            node = _Node(label, _join(section.path, label), "numbered")
            siblings.append(node)
            self.stack = [n for n in self.stack if n.label.count(".") < depth - 1] + [node]
        node.paragraphs.append(para.text)
        self.current = node

    def _on_lettered(self, para: _Para) -> None:
        letter = para.label or ""
        parent: _Node | None = self.stack[-1] if self.stack else None
        siblings = parent.children if parent is not None else self.section().items
        previous = [c.label for c in siblings if c.kind == "lettered"]
        if not _next_letter(previous[-1] if previous else None, letter):
            self._on_plain(_Para("plain", f"{letter}) {para.text}"))
            return
        prefix = parent.path if parent is not None else self.section().path
        node = _Node(letter, _join(prefix, letter), "lettered")
        node.paragraphs.append(para.text)
        siblings.append(node)
        self.current = node

    def _on_bullet(self, para: _Para) -> None:
        self._on_plain(para)

    def _on_plain(self, para: _Para) -> None:
        if self.current is not None:
            self.current.paragraphs.append(para.text)
        elif self.sections:
            self.sections[-1].prose.append(para.text)
        else:
            self.preamble.append(para.text)

    def _on_table(self, para: _Para) -> None:
        cells = para.cells or []
        if all(re.fullmatch(r":?-{2,}:?|", cell) for cell in cells):
            return
        roles = _column_roles(cells)
        if roles and not any(re.fullmatch(r"\d+", cell) for cell in cells):
            self.columns = roles
            return
        if self.columns is None:
            self._on_plain(_Para("plain", " ".join(c for c in cells if c)))
            return

        def cell(role: str) -> str | None:
            index = (self.columns or {}).get(role)
            if index is None or index >= len(cells):
                return None
            return cells[index].strip() or None

        label = cell("label")
        text = cell("text") or ""
        if label and re.fullmatch(r"[IVX]{1,5}\.?", label):
            self.sections.append(_Section(label.rstrip("."), text.rstrip(":")))
            self.current, self.stack = None, []
            return
        section = self.section()
        if not label or not re.fullmatch(r"\d{1,3}\.?", label):
            label = str(len(section.items) + 1)
        label = str(int(label.rstrip(".")))
        node = _Node(label, _join(section.path, label), "row")
        node.paragraphs.append(text)
        node.lead_cell, node.coordinate_cell, node.deadline_cell = (
            cell("lead"), cell("coordinate"), cell("deadline")
        )
        section.items.append(node)
        self.stack = [node]
        self.current = node


def _split_closing(builder: _Builder) -> list[str]:
    """Take the closing paragraphs off the last item of the last section.

    The closing starts at the first trailing unnumbered paragraph that reads like one: it ends
    the document ("./.") or opens with a closing phrase ("Trên đây là ...", "Trong quá trình ...").
    """
    if not builder.sections:
        return []
    section = builder.sections[-1]
    if not section.items:
        return []
    node = section.items[-1]
    while node.children:
        node = node.children[-1]
    if node.kind == "row":
        return []
    cues = ("tren day", "trong qua trinh", "qua trinh trien khai", "qua trinh thuc hien", "yeu cau cac")
    for index in range(1, len(node.paragraphs)):
        paragraph = node.paragraphs[index]
        if paragraph.rstrip().endswith("/.") or fold(paragraph).startswith(cues):
            closing = node.paragraphs[index:]
            del node.paragraphs[index:]
            return closing
    return []


# --------------------------------------------------------------------------------------------
# Assignments
# --------------------------------------------------------------------------------------------

_VERBS = (
    "tăng cường", "chủ trì", "phối hợp", "xây dựng", "căn cứ", "triển khai", "tổ chức", "thực hiện",
    "báo cáo", "tham mưu", "hướng dẫn", "theo dõi", "kiểm tra", "đôn đốc", "chỉ đạo", "có trách nhiệm",
    "chịu trách nhiệm", "rà soát", "tuyên truyền", "đẩy mạnh", "nghiên cứu", "bố trí", "đảm bảo",
    "bảo đảm", "duy trì", "tiếp tục", "đề xuất", "quán triệt", "phổ biến", "lựa chọn", "thường xuyên",
    "kịp thời", "định kỳ", "cung cấp", "tập trung", "giải quyết", "tiếp nhận", "nâng cao", "ban hành",
    "cập nhật", "chủ động", "là cơ quan", "làm đầu mối", "là đầu mối", "thống kê", "tổng hợp", "lập",
    "phân công", "vận động", "giám sát", "hoàn thành", "gửi", "đăng tải", "biểu dương", "khen thưởng",
    "phát động", "xử lý", "quản lý", "đề nghị", "cử", "nắm", "chuẩn bị", "thẩm định", "trình",
    "phát huy", "quan tâm", "ưu tiên", "tích cực", "theo chức năng", "trong phạm vi", "căn cứ vào",
    "bám sát", "dự toán", "tổ chức thực hiện", "có nhiệm vụ", "có kế hoạch", "là", "được", "cần",
    "phải", "sẽ", "tiếp công dân", "đối thoại", "thông báo", "rà soát", "giúp",
)
_VERB_RE = re.compile(
    r"(?<!\w)(?:" + "|".join(sorted(map(re.escape, _VERBS), key=len, reverse=True)) + r")(?!\w)"
)
_UNIT_HEADS = (
    "phòng", "văn phòng", "ban", "sở", "ubnd", "ủy ban", "uỷ ban", "công an", "trung tâm", "đảng ủy",
    "mttq", "ủy ban mttq", "mặt trận", "hội", "đoàn", "quận đoàn", "trường", "chi cục", "kho bạc",
    "bảo hiểm", "đội", "liên đoàn", "bộ", "cục", "thanh tra", "viện", "bệnh viện", "các", "trạm",
    "chủ tịch", "trưởng", "thủ trưởng", "người đứng đầu", "giám đốc", "chánh", "lãnh đạo", "ban chỉ huy",
    "hđnd", "thường trực", "tổ", "quân sự", "chi nhánh", "hạt", "đài", "ubmttq", "phường", "xã", "quận",
    "huyện", "thị trấn",
)
_HEAD_TITLES = re.compile(
    r"^(?:Chủ\s+tịch\s+(?:UBND|Ủy\s+ban\s+nhân\s+dân|Uỷ\s+ban\s+nhân\s+dân)\s+|Chủ\s+tịch\s+|Thủ\s+trưởng\s+|"
    r"Người\s+đứng\s+đầu\s+|Trưởng\s+|Giám\s+đốc\s+|Lãnh\s+đạo\s+|Chánh\s+(?=Văn\s+phòng|Thanh\s+tra)|"
    r"Chỉ\s+huy\s+trưởng\s+)",
    re.I,
)
_GENERIC = re.compile(
    r"^(?:các|những)?\s*(?:cơ\s+quan|đơn\s+vị|tổ\s+chức|ngành|cá\s+nhân|bộ\s+phận)(?:\s*,\s*(?:cơ\s+quan|"
    r"đơn\s+vị|tổ\s+chức|ngành|cá\s+nhân))*(?:\s+(?:có\s+)?liên\s+quan|\s+khác)?$",
    re.I,
)
_GENERIC_TAIL = re.compile(
    r"\s*(?:,|và)\s*(?:các|những)\s+(?:cơ\s+quan|đơn\s+vị|tổ\s+chức|ngành)(?:\s*,\s*(?:cơ\s+quan|đơn\s+vị|tổ\s+chức|ngành))*"
    r"\s+(?:có\s+)?liên\s+quan\s*$",
    re.I,
)
_TRAILING_QUALIFIER = re.compile(
    r"\s+(?:trực\s+)?thuộc\s+(?:quận|phường|huyện|xã|thị\s+xã|thành\s+phố|UBND\s+\w+|Ủy\s+ban.*)$", re.I
)


_NOT_UNITS = (
    "tổ chức", "ban hành", "đội ngũ", "hội nghị", "hội thảo", "đoàn kết", "bộ máy", "trường hợp", "sở hữu",
    "cục bộ", "hội viên", "đoàn viên", "trưởng thành",
)
_PLURAL_UNITS = (
    "phòng", "ban", "đơn vị", "phường", "xã", "thị trấn", "cơ quan", "ngành", "tổ chức", "đoàn thể",
    "trường", "hội", "sở", "trung tâm", "tổ dân phố", "chi bộ", "đảng ủy", "ủy ban", "uỷ ban", "ubnd",
    "cấp", "doanh nghiệp", "thôn", "khu dân cư", "quận", "huyện",
)


def _starts_with_unit(text: str) -> bool:
    """Whether ``text`` opens with a unit's name (or its head's title), not a verb or a thing."""
    key = _HEAD_TITLES.sub("", text.strip()).lower() if not text.lower().startswith("giao") else text.lower()
    key = re.sub(r"^(?:giao\s+cho|giao|đề\s+nghị)\s+", "", key)
    if any(key == word or key.startswith(word + " ") for word in _NOT_UNITS):
        return False
    plural = re.match(r"^(?:các|những|\d+)\s+(?P<rest>.*)$", key)
    if plural:
        rest = plural.group("rest")
        return any(rest == word or rest.startswith((word + " ", word + ",")) for word in _PLURAL_UNITS)
    return any(key == head or key.startswith(head + " ") for head in _UNIT_HEADS if head != "các")


def _split_units(phrase: str) -> list[str]:
    phrase = _GENERIC_TAIL.sub("", phrase)
    units: list[str] = []
    for chunk in re.split(r";", phrase):
        parts = [p.strip() for p in chunk.split(",")]
        merged: list[str] = []
        for part in parts:
            if not part:
                continue
            lower_only = not any(word[:1].isupper() for word in part.split())
            if merged and (
                (lower_only and not part.lower().startswith("các ") and "các" in merged[-1].lower().split())
                or not _starts_with_unit(_HEAD_TITLES.sub("", part))
            ):
                merged[-1] = f"{merged[-1]}, {part}"
            else:
                merged.append(part)
        units.extend(merged)
    cleaned = []
    for unit in units:
        unit = unit.strip()
        headless = _HEAD_TITLES.sub("", unit).strip()
        if re.fullmatch(r"(?:phường|xã|quận|huyện|thị\s+xã|thị\s+trấn|thành\s+phố|tỉnh)", headless, re.I):
            headless = re.sub(r"^Chủ\s+tịch\s+", "", unit, flags=re.I)  # "Chủ tịch UBND phường"
        unit = headless
        unit = re.sub(r"^(?:cho|giao|đề\s+nghị)\s+", "", unit, flags=re.I)
        unit = _TRAILING_QUALIFIER.sub("", unit).strip(" ,.;:")
        if not unit or _GENERIC.match(unit) or "liên quan" in unit.lower():
            continue
        if unit.startswith(("Các ", "Những ")):
            unit = unit[0].lower() + unit[1:]
        elif unit[0].islower() and not unit.startswith(("các ", "những ")):
            unit = unit[0].upper() + unit[1:]
        cleaned.append(modern_tones(unit))
    return cleaned


def _before_verb(text: str) -> tuple[str, str]:
    match = _VERB_RE.search(text)
    if not match:
        return text, ""
    return text[: match.start()].strip(), text[match.start() :]


def _assignments_in(text: str) -> list[tuple[str, str]]:
    """(unit_text, role) pairs a paragraph states, in order."""
    found: list[tuple[str, str]] = []
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ])|\n", text)
    for sentence in sentences:
        # After ";" a clause may start with its own subject ("...; Phòng Tài chính bố trí ..."),
        # but "Trưởng các phòng, ban; Chủ tịch UBND 11 phường; ... xây dựng" is one subject list.
        clauses: list[str] = []
        for piece in sentence.split(";"):
            stripped = piece.strip()
            if clauses and not (
                stripped[:1].isupper() and _starts_with_unit(stripped) and _verb_follows(clauses[-1])
            ):
                clauses[-1] = f"{clauses[-1]};{piece}"
            else:
                clauses.append(piece)
        for clause in clauses:
            found.extend(_clause_assignments(clause.strip()))
    return found


def _verb_follows(clause: str) -> bool:
    head, rest = _before_verb(clause)
    return bool(rest) and bool(head)


def _clause_assignments(clause: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    giao = re.match(r"^(?:Giao|Giao\s+cho|Đề\s+nghị|Yêu\s+cầu)\s+(?P<rest>.+)$", clause, re.I)
    if giao:
        body = giao.group("rest")
    elif _starts_with_unit(clause) and clause[:1].isupper():
        body = clause
    else:
        return found
    leads_text, rest = _before_verb(body)
    if not rest or not leads_text:
        return found
    for unit in _split_units(leads_text):
        found.append((unit, "lead"))
    if not found:
        return found
    coordinate = re.match(r"^(?:chủ\s+trì\s*,?\s*)?phối\s+hợp\s+(?:với\s+)?(?P<rest>.+)$", rest, re.I)
    if coordinate:
        partners, _ = _before_verb(coordinate.group("rest"))
        for unit in _split_units(partners):
            found.append((unit, "coordinate"))
    return found


def _cell_units(text: str | None) -> list[str]:
    if not text:
        return []
    return _split_units(text.replace("\n", "; "))


# --------------------------------------------------------------------------------------------
# Deadlines
# --------------------------------------------------------------------------------------------

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


def _deadline(rule: str, match: re.Match[str]) -> dict[str, Any] | None:
    text = match.group(0).strip()
    groups = match.groupdict()
    if rule == "yearly":
        if parse_date(groups["d"], groups["m"], 2000) is None:
            return None
        month, day = int(groups["m"]), int(groups["d"])
        return {"text": text, "rule": "yearly", "month": month, "day": day, "date": None}
    if rule == "monthly":
        return {"text": text, "rule": "monthly", "month": None, "day": int(groups["d"]), "date": None}
    if rule == "quarterly":
        return {"text": text, "rule": "quarterly", "month": None, "day": None, "date": None}
    if rule == "ongoing":
        return {"text": text, "rule": "ongoing", "month": None, "day": None, "date": None}
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
    return {"text": text, "rule": "once", "month": None, "day": None, "date": iso}


def _deadlines_in(text: str) -> list[dict[str, Any]]:
    found: list[tuple[int, dict[str, Any]]] = []
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


def _cell_deadline(text: str | None) -> list[dict[str, Any]]:
    if not text:
        return []
    cell = text.strip()
    if re.fullmatch(r"thường\s+xuyên(?:\s*,?\s*liên\s+tục)?\.?", cell, re.I):
        return [{"text": cell, "rule": "ongoing", "month": None, "day": None, "date": None}]
    bare = re.fullmatch(r"(?:ngày\s+)?(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})", cell, re.I)
    if bare:
        iso = parse_date(bare.group("d"), bare.group("m"), bare.group("y"))
        if iso:
            return [{"text": cell, "rule": "once", "month": None, "day": None, "date": iso}]
    bare_month = re.fullmatch(r"tháng\s+(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})", cell, re.I)
    if bare_month:
        return _deadlines_in(f"trong {cell}")
    found = _deadlines_in(cell)
    if not found and re.search(r"thường\s+xuyên", cell, re.I):
        found = [{"text": cell, "rule": "ongoing", "month": None, "day": None, "date": None}]
    return found


# --------------------------------------------------------------------------------------------
# The whole plan
# --------------------------------------------------------------------------------------------


def _find_type_line(lines: list[str]) -> tuple[int | None, str | None]:
    for index, line in enumerate(lines[:80]):
        key = fold(line).strip(" :.")
        if key in _TYPE_LINES and _is_upper_line(line):
            return index, _TYPE_LINES[key]
    return None, None


def _body_end(lines: list[str], start: int) -> int:
    for index in range(start, len(lines)):
        line = lines[index]
        if _RECIPIENTS.match(line):
            return index
        authority = _AUTHORITY.match(line)
        if authority and _is_upper_line(authority.group("rest") or "X"):
            return index
        if line.rstrip().endswith("./.") or line.rstrip().endswith("/."):
            return index + 1
    return len(lines)


def parse_plan(text: str, *, resolve_unit: UnitResolver | None = None) -> dict[str, Any]:
    """Parse a plan's text into the import dict (see the module docstring for the shape).

    ``resolve_unit`` maps a unit's name as written ("Phòng Nội vụ", "11 phường") to a unit id,
    a list of ids (a group such as "các phường") or None; without it every ``unit_id`` is None.
    """
    if not text or not text.strip():
        raise PlanParseError("Văn bản trống: không có nội dung kế hoạch để đọc.")
    lines = _normalise(text)
    type_index, type_code_line = _find_type_line(lines)

    if type_index is not None:
        header = _parse_header(lines[:type_index])
        cursor = type_index + 1
        while cursor < len(lines) and not lines[cursor]:
            cursor += 1
        subject_lines = []
        while cursor < len(lines) and lines[cursor] and not _is_separator(lines[cursor]):
            if _ROMAN.match(lines[cursor]) or (
                subject_lines and re.match(r"^(?:Căn\s+cứ|Thực\s+hiện)\s", lines[cursor])
            ):
                break
            subject_lines.append(lines[cursor])
            cursor += 1
        header.subject = " ".join(subject_lines).strip() or None
        body_start = cursor
    else:
        body_start = 0
        first_heading = next((i for i, line in enumerate(lines) if _ROMAN.match(line)), len(lines))
        header = _Header()
        if any(_NUMBER_FIELD.search(line) for line in lines[: min(first_heading, 20)]):
            header = _parse_header(lines[: min(first_heading, 20)])
        if header.full_number is not None:
            body_start = next(
                (i + 1 for i, line in enumerate(lines[:first_heading]) if _PLACE_DATE.search(line)), 0
            )
        intro = " ".join(lines[:first_heading])
        web = _WEB_NUMBER.search(intro)
        if web and header.full_number is None:
            header.full_number = normalise_full_number(web.group("num"))
            if web.group("y"):
                header.date = parse_date(web.group("d"), web.group("m"), web.group("y"))
            header.issuer = modern_tones(re.sub(r"\s+", " ", web.group("issuer")).strip())
            if web.group("subject"):
                subject = web.group("subject").strip()
                header.subject = subject[0].upper() + subject[1:]
    header.type_code = parse_number(header.full_number)[2] if header.full_number else None
    if header.type_code is None:
        header.type_code = type_code_line

    body_end = _body_end(lines, body_start)
    body_lines = lines[body_start:body_end]
    recipients, archive, signer = _parse_trailer(lines[body_end:])

    builder = _Builder()
    for para in _paragraphs(body_lines):
        builder.add(para)
    closing = _split_closing(builder)

    reference_text = "\n".join([header.subject or "", *body_lines])
    references = [
        ref.as_dict() for ref in extract_references(reference_text, exclude=header.full_number or None)
    ]

    assignments: list[dict[str, Any]] = []
    deadlines: list[dict[str, Any]] = []
    seen: set[tuple[str, str, str]] = set()

    def add_assignment(item: str, unit: str, role: str) -> None:
        key = (item, fold(unit), role)
        if key in seen:
            return
        seen.add(key)
        unit_id = resolve_unit(unit) if resolve_unit is not None else None
        assignments.append({"item": item, "unit_text": unit, "unit_id": unit_id, "role": role})

    def add_deadlines(item: str, found: list[dict[str, Any]]) -> None:
        for deadline in found:
            entry = {"item": item, **deadline}
            if entry not in deadlines:
                deadlines.append(entry)

    def visit(node: _Node) -> None:
        if node.kind == "row":
            for unit in _cell_units(node.lead_cell):
                add_assignment(node.path, unit, "lead")
            for unit in _cell_units(node.coordinate_cell):
                add_assignment(node.path, unit, "coordinate")
            add_deadlines(node.path, _cell_deadline(node.deadline_cell))
        own = "\n".join(node.paragraphs)
        if node.kind != "row" or node.lead_cell is None:
            for unit, role in _assignments_in(own):
                add_assignment(node.path, unit, role)
        add_deadlines(node.path, _deadlines_in(own))
        for child in node.children:
            visit(child)

    for section in builder.sections:
        if section.prose and section.label:
            prose = "\n".join(section.prose)
            for unit, role in _assignments_in(prose):
                add_assignment(section.label, unit, role)
            add_deadlines(section.label, _deadlines_in(prose))
        for node in section.items:
            visit(node)
    if closing:
        closing_text = "\n".join(closing)
        for unit, role in _assignments_in(closing_text):
            add_assignment("closing", unit, role)
        add_deadlines("closing", _deadlines_in(closing_text))

    return {
        "full_number": header.full_number,
        "type": header.type_code,
        "place": header.place,
        "date": header.date,
        "subject": header.subject,
        "issuer": header.issuer,
        "signer": signer,
        "recipients": recipients,
        "archive": archive,
        "references": references,
        "sections": [
            {"label": s.label, "title": s.title, "items": [node.as_dict() for node in s.items]}
            for s in builder.sections
        ],
        "assignments": assignments,
        "deadlines": deadlines,
    }
