"""What reading a plan gives: typed records, and their JSON shape for review and storage.

Dates are ISO strings ("2021-12-16") so that a parsed plan can be kept in a session or printed
as JSON and read back unchanged (``ParsedPlan.as_dict`` / ``ParsedPlan.from_dict``). Values the
text does not state are None: nothing is guessed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "Deadline",
    "ItemNode",
    "ParsedPlan",
    "PlanParseError",
    "PlanReference",
    "SectionNode",
    "Signer",
    "UnitAssignment",
    "UnitId",
    "UnitResolver",
]

# A unit's id, a group's ids ("11 phường"), or None when the name is not in the registry.
UnitId = int | list[int] | None
UnitResolver = Callable[[str], UnitId]

LEAD = "lead"
COORDINATE = "coordinate"
CLOSING = "closing"  # the item path of the plan's closing paragraph


class PlanParseError(ValueError):
    """The file or text cannot be read as a plan; the message is shown to the officer."""


@dataclass
class Signer:
    authority: str | None = None  # "TM.", "KT.", ...
    title: str | None = None  # "CHỦ TỊCH"
    name: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        return {"authority": self.authority, "title": self.title, "name": self.name}


@dataclass(frozen=True)
class PlanReference:
    """A document the plan cites (its basis): number, kind, date, issuer, and a law's name.

    ``title`` is set only for a law cited by its name ("Luật Tiếp công dân"); the JSON shape
    carries the "title" key only then.
    """

    full_number: str
    type_name: str
    date: str | None = None
    issuer: str | None = None
    title: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        data = {"full_number": self.full_number, "type_name": self.type_name, "date": self.date,
                "issuer": self.issuer}
        if self.title:
            data["title"] = self.title
        return data


@dataclass
class ItemNode:
    """A numbered or lettered item ("II.3.b") with its text and sub-items."""

    label: str
    path: str
    text: str
    items: list[ItemNode] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"label": self.label, "path": self.path, "text": self.text,
                "items": [child.as_dict() for child in self.items]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ItemNode:
        return cls(label=data.get("label") or "", path=data["path"], text=data.get("text") or "",
                   items=[cls.from_dict(child) for child in data.get("items") or []])

    def walk(self, depth: int = 0):
        """This node and every node below it, with its depth."""
        yield self, depth
        for child in self.items:
            yield from child.walk(depth + 1)


@dataclass
class SectionNode:
    """A Roman-numbered part ("II. NỘI DUNG THỰC HIỆN") and its items."""

    label: str | None
    title: str | None
    items: list[ItemNode] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"label": self.label, "title": self.title, "items": [item.as_dict() for item in self.items]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SectionNode:
        return cls(label=data.get("label"), title=data.get("title"),
                   items=[ItemNode.from_dict(item) for item in data.get("items") or []])


@dataclass
class UnitAssignment:
    """A unit named for an item: ``role`` is "lead" (chủ trì) or "coordinate" (phối hợp)."""

    item: str
    unit_text: str
    unit_id: UnitId
    role: str

    def as_dict(self) -> dict[str, Any]:
        return {"item": self.item, "unit_text": self.unit_text, "unit_id": self.unit_id, "role": self.role}


@dataclass(frozen=True)
class Deadline:
    """When an item is due. ``rule``: once (``date``), yearly (``day``/``month``), monthly
    (``day``), quarterly or ongoing (thường xuyên)."""

    item: str
    text: str
    rule: str
    month: int | None = None
    day: int | None = None
    date: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"item": self.item, "text": self.text, "rule": self.rule, "month": self.month, "day": self.day,
                "date": self.date}


@dataclass
class ParsedPlan:
    """A plan as read from its text, ready to be reviewed and saved."""

    full_number: str | None = None
    type_code: str | None = None  # "KH"
    place: str | None = None
    date: str | None = None
    subject: str | None = None
    issuer: str | None = None
    signer: Signer = field(default_factory=Signer)
    recipients: list[str] = field(default_factory=list)
    archive: str | None = None
    references: list[PlanReference] = field(default_factory=list)
    sections: list[SectionNode] = field(default_factory=list)
    assignments: list[UnitAssignment] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)

    def walk_items(self):
        """Every item of every section, in reading order, with its depth."""
        for section in self.sections:
            for item in section.items:
                yield from item.walk()

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape printed by ``danvan plan import --json`` (stable keys, in this order)."""
        return {
            "full_number": self.full_number,
            "type": self.type_code,
            "place": self.place,
            "date": self.date,
            "subject": self.subject,
            "issuer": self.issuer,
            "signer": self.signer.as_dict(),
            "recipients": list(self.recipients),
            "archive": self.archive,
            "references": [ref.as_dict() for ref in self.references],
            "sections": [section.as_dict() for section in self.sections],
            "assignments": [assignment.as_dict() for assignment in self.assignments],
            "deadlines": [deadline.as_dict() for deadline in self.deadlines],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ParsedPlan:
        signer = data.get("signer") or {}
        return cls(
            full_number=data.get("full_number"),
            type_code=data.get("type"),
            place=data.get("place"),
            date=data.get("date"),
            subject=data.get("subject"),
            issuer=data.get("issuer"),
            signer=Signer(signer.get("authority"), signer.get("title"), signer.get("name")),
            recipients=list(data.get("recipients") or []),
            archive=data.get("archive"),
            references=[
                PlanReference(ref["full_number"], ref.get("type_name") or "", ref.get("date"), ref.get("issuer"),
                              ref.get("title"))
                for ref in data.get("references") or []
            ],
            sections=[SectionNode.from_dict(section) for section in data.get("sections") or []],
            assignments=[
                UnitAssignment(a["item"], a["unit_text"], a.get("unit_id"), a.get("role") or LEAD)
                for a in data.get("assignments") or []
            ],
            deadlines=[
                Deadline(d["item"], d["text"], d["rule"], d.get("month"), d.get("day"), d.get("date"))
                for d in data.get("deadlines") or []
            ],
        )
