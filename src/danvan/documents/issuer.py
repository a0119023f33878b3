"""Who issues a unit's outgoing documents, and how the header and signature block print it.

Decree 30/2020/NĐ-CP: an outgoing document is issued by the body, not by the officer who drafts
it. The header names the body (and the body it belongs to), the place line carries the place
name of the body's own locality (the ward's name for a ward: "Thượng Đình, ngày …"), and the
signature block names the body's leader: "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH" when the chairman signs
for the committee, "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" when a vice-chairman signs,
"TRƯỞNG PHÒNG" (or "KT. TRƯỞNG PHÒNG / PHÓ TRƯỞNG PHÒNG") for a department.

What is data: the unit's place name (``Unit.place_name``, else derived from its name) and the
leader who signs (``Unit.signer``, else the chairman or head found among the unit's staff by
role and position). Every outgoing document of every app takes these from :func:`issuer_for`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from danvan.core.vntext import clean_text
from danvan.documents.render import Signer
from danvan.org.models import Role, Staff, Unit, UnitKind

__all__ = ["Issuer", "formal_name", "issuer_code", "issuer_for", "place_of", "signer_block"]

_ABBREVIATIONS = [(re.compile(r"^UBND\b"), "Ủy ban nhân dân"), (re.compile(r"^HĐND\b"), "Hội đồng nhân dân")]
_LEVEL_WORDS = r"(thành phố|tỉnh|quận|huyện|thị xã|phường|xã|thị trấn|đặc khu)"
_HEAD_TITLE = re.compile(r"^(Trưởng phòng|Trưởng ban|Chánh Thanh tra|Chánh Văn phòng|Giám đốc|Hiệu trưởng|"
                         r"Chủ tịch|Thủ trưởng)", re.IGNORECASE)
_DEPUTY = re.compile(r"^Phó\s+", re.IGNORECASE)
PLACEHOLDER_NAME = "(Họ và tên)"


def _plain_name(unit: Unit) -> str:
    """The name without a trailing note in brackets ("UBND phường Khương Đình (từ 2025)")."""
    return re.sub(r"\s*\(.*?\)\s*$", "", clean_text(unit.name))


def formal_name(unit: Unit) -> str:
    """ "UBND quận Thanh Xuân" → "ỦY BAN NHÂN DÂN QUẬN THANH XUÂN" (the header writes names in full)."""
    name = _plain_name(unit)
    for pattern, full in _ABBREVIATIONS:
        name = pattern.sub(full, name)
    return name.upper()


def _short_parent(unit: Unit) -> str:
    return re.sub(r"^Ủy ban nhân dân\b", "UBND", _plain_name(unit)).upper()


def parent_body(unit: Unit) -> str | None:
    parent = unit.parent
    if parent is None:
        return None
    if unit.kind != UnitKind.COMMITTEE and parent.kind != UnitKind.COMMITTEE:
        return formal_name(parent)
    return _short_parent(parent)


def issuer_code(unit: Unit) -> str:
    """The issuer part of the symbol: "UBND" for a committee, the initials of a department ("VHTT")."""
    if unit.kind == UnitKind.COMMITTEE:
        return "UBND"
    short = re.sub(r"^(Phòng|Ban|Trung tâm)\s+", "", clean_text(unit.short_name or unit.name))
    code = re.sub(r"[^0-9A-Za-zĐđ]", "", short).upper()
    if not code or not code[0].isalpha() or len(code) > 12:
        code = "".join(w[0] for w in re.findall(r"[A-Za-zÀ-ỹĐđ]+", short) if w[0].isupper()).upper() or "UBND"
    return code


def _locality(committee: Unit) -> str:
    name = _plain_name(committee)
    match = re.match(rf"^(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+{_LEVEL_WORDS}\s+(.+)$", name, re.IGNORECASE)
    if not match:
        return ""
    level, rest = match.group(1), clean_text(match.group(2))
    if rest.isdigit():  # a unit named by number keeps its level: "Phường 5"
        return f"{level[0].upper()}{level[1:]} {rest}"
    return rest


def place_of(unit: Unit) -> str:
    """The place name of the header: the unit's own, else its committee's locality (ward, district, city)."""
    if clean_text(unit.place_name):
        return clean_text(unit.place_name)
    committee = unit.committee() or unit
    if committee.pk != unit.pk and clean_text(committee.place_name):
        return clean_text(committee.place_name)
    return _locality(committee) or _locality(unit) or "Hà Nội"


def _is_deputy(staff: Staff) -> bool:
    return bool(_DEPUTY.match(clean_text(staff.position)))


def signing_leader(unit: Unit) -> Staff | None:
    """The leader who signs for ``unit``: the one chosen on the unit, else its chairman (or head)."""
    if unit.signer_id is not None:
        chosen = unit.signer
        if chosen.is_active and chosen.unit_id == unit.pk:
            return chosen
    roles = [Role.LEADER] if unit.kind == UnitKind.COMMITTEE else [Role.UNIT_HEAD, Role.LEADER]
    leaders = list(Staff.objects.filter(unit=unit, role__in=roles, is_active=True).order_by("pk"))
    return next((s for s in leaders if not _is_deputy(s)), None)


def signer_block(unit: Unit, staff: Staff | None) -> Signer:
    """The signature block of ``unit`` signed by ``staff`` (a placeholder name when nobody is known)."""
    name = staff.full_name if staff is not None and staff.full_name else PLACEHOLDER_NAME
    deputy = staff is not None and _is_deputy(staff)
    if unit.kind == UnitKind.COMMITTEE:
        body = "ỦY BAN NHÂN DÂN" if not _plain_name(unit).upper().startswith(("HĐND", "HỘI ĐỒNG")) else \
            "HỘI ĐỒNG NHÂN DÂN"
        if deputy:
            return Signer("KT.", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", name, collective_body=body)
        return Signer("TM.", body, "CHỦ TỊCH", name)
    position = _DEPUTY.sub("", clean_text(staff.position)) if staff is not None else ""
    match = _HEAD_TITLE.match(position)
    head_title = (match.group(0) if match else "") or _("Thủ trưởng đơn vị")
    if deputy:
        return Signer("KT.", head_title.upper(), f"PHÓ {head_title.upper()}", name)
    return Signer(None, None, head_title.upper(), name)


@dataclass(frozen=True)
class Issuer:
    """A unit as the issuer of an outgoing document."""

    unit: Unit
    issuing_body: str
    parent_body: str | None
    issuer_code: str
    place: str
    leader: Staff | None
    signer: Signer

    def require_leader(self) -> Staff:
        """The signing leader, or a refusal saying what to declare (a number is never taken without one)."""
        if self.leader is None:
            raise ValidationError(_(
                "Chưa xác định lãnh đạo ký văn bản của %(unit)s: hãy khai báo Chủ tịch (thủ trưởng) đơn vị "
                "hoặc chọn “lãnh đạo ký văn bản đi” ở trang đơn vị.") % {"unit": self.unit.name})
        return self.leader


def issuer_for(unit: Unit) -> Issuer:
    leader = signing_leader(unit)
    return Issuer(unit=unit, issuing_body=formal_name(unit), parent_body=parent_body(unit),
                  issuer_code=issuer_code(unit), place=place_of(unit), leader=leader,
                  signer=signer_block(unit, leader))
