"""The body of a plan: paragraphs joined across hard line breaks, sections, numbered and lettered
items, tables of tasks, and the closing paragraph."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from danvan.core.planparse.result import ItemNode
from danvan.core.planparse.text import is_separator
from danvan.core.vntext import fold

ROMAN = re.compile(r"^(?:PHẦN\s+|Phần\s+)?(?P<label>[IVX]{1,5})\s*[.\-–:)]\s*(?P<title>\S.*)$")
_NUMBERED = re.compile(r"^(?P<label>\d{1,2}(?:\.\d{1,2}){0,3})\s*(?:[.\-–)]|\.\s*[-–)])\s*(?P<text>\S.*)$")
_NUMBERED_DOTLESS = re.compile(r"^(?P<label>\d{1,2}(?:\.\d{1,2}){1,3})\s+(?P<text>\S.*)$")
_LETTERED = re.compile(r"^(?P<label>[a-zđ])\s*[).]\s*(?P<text>\S.*)$")
_BULLET = re.compile(r"^[-+•–]\s*(?P<text>\S.*)$")
_TITLE_WIDTH = 45
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
    match = ROMAN.match(line)
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


def paragraphs(lines: list[str]) -> list[_Para]:
    """Join hard-wrapped lines into paragraphs; a line that starts an item starts a paragraph."""
    paras: list[_Para] = []
    gap = True
    for line in lines:
        if not line or is_separator(line):
            gap = True
            continue
        para = _classify(line)
        last = paras[-1] if paras else None
        if para.kind in ("plain", "bullet") and last is not None and last.kind != "table":
            ends = last.text.rstrip().endswith(_TERMINAL)
            starts_lower = line[0].islower() or (para.kind == "bullet" and line[1:].strip()[:1].islower())
            # "2. Tiếp công dân định kỳ" above "Chủ tịch UBND phường tiếp …": a short item title
            # is not a hard-wrapped line (those run to the page's width).
            title_above = last.kind in ("numbered", "lettered") and len(last.text) <= _TITLE_WIDTH
            if title_above and not ends and line[0].isupper():
                paras.append(para)
                gap = False
                continue
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
class Node:
    label: str
    path: str
    kind: str
    paragraphs: list[str] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    lead_cell: str | None = None
    coordinate_cell: str | None = None
    deadline_cell: str | None = None

    def to_item(self) -> ItemNode:
        return ItemNode(label=self.label, path=self.path, text="\n".join(self.paragraphs),
                        items=[child.to_item() for child in self.children])


@dataclass
class _Section:
    label: str | None
    title: str | None
    items: list[Node] = field(default_factory=list)
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


class Builder:
    def __init__(self) -> None:
        self.preamble: list[str] = []
        self.sections: list[_Section] = []
        self.current: Node | None = None  # where unnumbered paragraphs go
        self.top: Node | None = None
        self.stack: list[Node] = []  # numbered nodes by depth
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
            node = Node(str(int(parts[0])), _join(section.path, str(int(parts[0]))), "numbered")
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
            node = Node(label, _join(section.path, label), "numbered")
            siblings.append(node)
            self.stack = [n for n in self.stack if n.label.count(".") < depth - 1] + [node]
        node.paragraphs.append(para.text)
        self.current = node

    def _on_lettered(self, para: _Para) -> None:
        letter = para.label or ""
        parent: Node | None = self.stack[-1] if self.stack else None
        siblings = parent.children if parent is not None else self.section().items
        previous = [c.label for c in siblings if c.kind == "lettered"]
        if not _next_letter(previous[-1] if previous else None, letter):
            self._on_plain(_Para("plain", f"{letter}) {para.text}"))
            return
        prefix = parent.path if parent is not None else self.section().path
        node = Node(letter, _join(prefix, letter), "lettered")
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
        node = Node(label, _join(section.path, label), "row")
        node.paragraphs.append(text)
        node.lead_cell, node.coordinate_cell, node.deadline_cell = (
            cell("lead"), cell("coordinate"), cell("deadline")
        )
        section.items.append(node)
        self.stack = [node]
        self.current = node


def split_closing(builder: Builder) -> list[str]:
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
