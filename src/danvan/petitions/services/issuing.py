"""Issuing a case's notices: which the case's state allows, and taking the number from the unit's register.

A notice is a document of the handling unit, signed by its leader (Decree 30/2020), numbered from
the unit's outgoing register (``documents.services.reserve_number``). Issuing is irreversible: the
number is used up, the notice is recorded on the case (:class:`IssuedNotice`) and in its history,
and every later print reads that record, so the copy carries the same number.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core.vntext import format_date
from danvan.documents.issuer import issuer_for
from danvan.documents.services import reserve_number
from danvan.org import policy
from danvan.org.audit import record_change as _history
from danvan.org.models import Staff
from danvan.petitions.models import IssuedNotice, NoticeKind, Petition, Status
from danvan.petitions.services._base import _lock, _today

# Type code of each notice in the register (Decree 30/2020, Appendix III): TB thông báo, PC phiếu chuyển.
NOTICE_TYPE_CODES = {NoticeKind.ACCEPTANCE: "TB", NoticeKind.REJECTION: "TB", NoticeKind.FORWARDING: "PC"}


def notice_refusal(petition: Petition, kind: str) -> str | None:
    """Why ``kind`` cannot be issued for the case as it stands (None: it can)."""
    if kind == NoticeKind.ACCEPTANCE:
        if petition.accepted_on is None:
            return _("Hồ sơ chưa được thụ lý: thông báo thụ lý chỉ lập sau khi quyết định thụ lý đơn.")
        return None
    if kind == NoticeKind.REJECTION:
        if petition.accepted_on is not None:
            return _("Hồ sơ đã được thụ lý ngày %(d)s: không lập thông báo không thụ lý.") % {
                "d": format_date(petition.accepted_on)}
        if petition.status != Status.ARCHIVED:
            return _("Thông báo không thụ lý chỉ lập cho đơn đã được phân loại là không đủ điều kiện thụ lý "
                     "(lưu đơn).")
        if not petition.triage_reason:
            return _("Chưa ghi lý do không thụ lý theo quy định của pháp luật: không lập được thông báo.")
        if petition.is_anonymous:
            return _("Đơn không rõ họ tên, địa chỉ người gửi: không có người nhận thông báo.")
        return None
    if kind == NoticeKind.FORWARDING:
        if petition.status != Status.FORWARDED:
            return _("Phiếu chuyển đơn chỉ lập cho đơn đã được chuyển đến cơ quan có thẩm quyền.")
        if not petition.forwarded_to:
            return _("Chưa ghi cơ quan có thẩm quyền nhận đơn chuyển: không lập được phiếu chuyển đơn.")
        return None
    return _("Loại văn bản không hợp lệ.")


@transaction.atomic
def issue_notice(*, actor: Staff, petition: Petition, kind: str) -> IssuedNotice:
    """Issue ``kind`` for the case: take the next number of the handling unit's register, record it.

    Issuing the same notice again returns the notice already issued (one number per notice).
    """
    petition = _lock(petition)
    policy.require(actor, "petition.handle", petition)
    if kind not in NoticeKind.values:
        raise ValidationError(_("Loại văn bản không hợp lệ."))
    existing = IssuedNotice.objects.filter(petition=petition, kind=kind).first()
    if existing is not None:
        return existing
    refusal = notice_refusal(petition, kind)
    if refusal:
        raise ValidationError(refusal)
    issuer = issuer_for(petition.handling_unit)
    leader = issuer.require_leader()
    today = _today()
    type_code = NOTICE_TYPE_CODES[NoticeKind(kind)]
    number = reserve_number(issuer=petition.handling_unit, type_code=type_code, year=today.year)
    notice = IssuedNotice(
        petition=petition, kind=kind, issuer=petition.handling_unit, type_code=type_code,
        issuer_code=issuer.issuer_code, number=number, year=today.year, issued_on=today, place=issuer.place,
        signer=leader, signer_name=leader.full_name, signer_position=leader.position, issued_by=actor)
    reason = _("Phát hành %(kind)s số %(number)s ngày %(date)s") % {
        "kind": NoticeKind(kind).label.lower(), "number": notice.number_text, "date": format_date(today)}
    _history(notice, actor, reason)
    notice.save()
    petition.version += 1
    _history(petition, actor, reason)
    petition.save(update_fields=["version", "updated_at"])
    return notice


@dataclass(frozen=True)
class NoticeState:
    """One notice of a case as its page offers it: issued (with its record), refused (why), or ready to issue."""

    kind: str
    label: str
    issued: IssuedNotice | None
    refusal: str | None


def notice_states(petition: Petition) -> list[NoticeState]:
    """For the case page: each notice with its issued record, or why it cannot be issued (one query)."""
    issued = {n.kind: n for n in IssuedNotice.objects.filter(petition=petition)}
    rows = []
    for kind in NoticeKind:
        notice = issued.get(kind.value)
        rows.append(NoticeState(kind=kind.value, label=kind.label, issued=notice,
                                refusal=None if notice else notice_refusal(petition, kind.value)))
    return rows
