"""Read a Vietnamese plan (kế hoạch) from text into structured data for import.

Districts and wards receive their plans as Word files, PDFs turned into text, or web posts.
Officers should not retype a plan: this package turns one into its header (number, place,
date, subject, issuer), its numbered items with paths ("II.3.b"), who must do what (lead and
coordinating units), when (deadlines), what it cites, its recipients and its signer.

The result is a ``ParsedPlan`` (typed records, ``as_dict()`` for JSON) so the Django side can
show it for review before it writes anything. Values the text does not state are None: nothing
is guessed. Pure Python, no Django import; unit names are turned into ids by a callback the
caller gives.

Modules: ``files`` (reading .txt/.docx), ``text`` (line normalisation), ``header`` (header and
trailer), ``body`` (sections and items), ``units`` (assignments), ``deadlines``, ``reader``
(the whole plan), ``result`` (the records).
"""

from danvan.core.planparse.files import read_plan_file
from danvan.core.planparse.reader import parse_plan
from danvan.core.planparse.result import (
    Deadline,
    ItemNode,
    ParsedPlan,
    PlanParseError,
    PlanReference,
    SectionNode,
    Signer,
    UnitAssignment,
    UnitId,
    UnitResolver,
)

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
    "parse_plan",
    "read_plan_file",
]
