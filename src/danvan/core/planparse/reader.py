"""Read a whole plan: header, body, trailer, references, assignments and deadlines together."""

from __future__ import annotations

import re
from dataclasses import replace

from danvan.core.planparse.body import ROMAN, Builder, Node, paragraphs, split_closing
from danvan.core.planparse.citations import plan_references
from danvan.core.planparse.deadlines import cell_deadline, deadlines_in
from danvan.core.planparse.header import (
    NUMBER_FIELD,
    PLACE_DATE,
    Header,
    body_end,
    find_type_line,
    parse_header,
    parse_trailer,
    web_header,
)
from danvan.core.planparse.result import (
    CLOSING,
    COORDINATE,
    LEAD,
    Deadline,
    ParsedPlan,
    PlanParseError,
    SectionNode,
    UnitAssignment,
    UnitResolver,
)
from danvan.core.planparse.text import is_separator, normalise_lines
from danvan.core.planparse.units import assignments_in, cell_units
from danvan.core.references import parse_number
from danvan.core.vntext import fold


def parse_plan(text: str, *, resolve_unit: UnitResolver | None = None) -> ParsedPlan:
    """Read a plan's text into a ``ParsedPlan``.

    ``resolve_unit`` maps a unit's name as written ("Phòng Nội vụ", "11 phường") to a unit id,
    a list of ids (a group such as "các phường") or None; without it every ``unit_id`` is None.
    """
    if not text or not text.strip():
        raise PlanParseError("Văn bản trống: không có nội dung kế hoạch để đọc.")
    lines = normalise_lines(text)
    header, body_start = _read_header(lines)
    end = body_end(lines, body_start)
    body_lines = lines[body_start:end]
    recipients, archive, signer = parse_trailer(lines[end:])

    builder = Builder()
    for para in paragraphs(body_lines):
        builder.add(para)
    closing = split_closing(builder)

    reference_text = "\n".join([header.subject or "", *body_lines])
    references = plan_references(reference_text, exclude=header.full_number or None)
    collector = _Collector(resolve_unit)
    collector.collect(builder, closing)
    return ParsedPlan(
        full_number=header.full_number,
        type_code=header.type_code,
        place=header.place,
        date=header.date,
        subject=header.subject,
        issuer=header.issuer,
        signer=signer,
        recipients=recipients,
        archive=archive,
        references=references,
        sections=[
            SectionNode(section.label, section.title, [node.to_item() for node in section.items])
            for section in builder.sections
        ],
        assignments=collector.assignments,
        deadlines=collector.deadlines,
    )


def _read_header(lines: list[str]) -> tuple[Header, int]:
    """The header and the index of the body's first line.

    An official plan has its kind on a line of its own ("KẾ HOẠCH") with the subject below; a
    plan published as a web article says who issued which plan in its first paragraph.
    """
    type_index, type_code_line = find_type_line(lines)
    if type_index is not None:
        header = parse_header(lines[:type_index])
        cursor = type_index + 1
        while cursor < len(lines) and not lines[cursor]:
            cursor += 1
        subject_lines = []
        while cursor < len(lines) and lines[cursor] and not is_separator(lines[cursor]):
            if ROMAN.match(lines[cursor]) or (
                subject_lines and re.match(r"^(?:Căn\s+cứ|Thực\s+hiện)\s", lines[cursor])
            ):
                break
            subject_lines.append(lines[cursor])
            cursor += 1
        header.subject = " ".join(subject_lines).strip() or None
        body_start = cursor
    else:
        body_start = 0
        first_heading = next((i for i, line in enumerate(lines) if ROMAN.match(line)), len(lines))
        header = Header()
        if any(NUMBER_FIELD.search(line) for line in lines[: min(first_heading, 20)]):
            header = parse_header(lines[: min(first_heading, 20)])
        if header.full_number is not None:
            body_start = next(
                (i + 1 for i, line in enumerate(lines[:first_heading]) if PLACE_DATE.search(line)), 0
            )
        intro = " ".join(lines[:first_heading])
        web = web_header(intro) if header.full_number is None else None
        if web is not None:
            header = web
    header.type_code = parse_number(header.full_number)[2] if header.full_number else None
    if header.type_code is None:
        header.type_code = type_code_line
    return header, body_start


class _Collector:
    """Gathers each item's assignments and deadlines once, in reading order."""

    def __init__(self, resolve_unit: UnitResolver | None) -> None:
        self.resolve_unit = resolve_unit
        self.assignments: list[UnitAssignment] = []
        self.deadlines: list[Deadline] = []
        self._seen: set[tuple[str, str, str]] = set()

    def collect(self, builder: Builder, closing: list[str]) -> None:
        for section in builder.sections:
            if section.prose and section.label:
                self._prose(section.label, "\n".join(section.prose))
            for node in section.items:
                self._visit(node)
        if closing:
            self._prose(CLOSING, "\n".join(closing))

    def _prose(self, item: str, text: str) -> None:
        for unit, role in assignments_in(text):
            self._assign(item, unit, role)
        self._due(item, deadlines_in(text))

    def _visit(self, node: Node) -> None:
        if node.kind == "row":
            for unit in cell_units(node.lead_cell):
                self._assign(node.path, unit, LEAD)
            for unit in cell_units(node.coordinate_cell):
                self._assign(node.path, unit, COORDINATE)
            self._due(node.path, cell_deadline(node.deadline_cell))
        own = "\n".join(node.paragraphs)
        if node.kind != "row" or node.lead_cell is None:
            for unit, role in assignments_in(own):
                self._assign(node.path, unit, role)
        self._due(node.path, deadlines_in(own))
        for child in node.children:
            self._visit(child)

    def _assign(self, item: str, unit: str, role: str) -> None:
        key = (item, fold(unit), role)
        if key in self._seen:
            return
        self._seen.add(key)
        unit_id = self.resolve_unit(unit) if self.resolve_unit is not None else None
        self.assignments.append(UnitAssignment(item=item, unit_text=unit, unit_id=unit_id, role=role))

    def _due(self, item: str, found: list[Deadline]) -> None:
        for deadline in found:
            entry = replace(deadline, item=item)
            if entry not in self.deadlines:
                self.deadlines.append(entry)
