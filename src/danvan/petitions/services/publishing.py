"""Publishing an answer on the citizens' portal: the officer's choice, checked for personal data.

The tracking page shows the petitioner their own case; the portal shows everyone else only what an
officer published: a title written for the public, the answer, the field, the ward and the dates.
Denunciations are never published here (their conclusions follow Law on Denunciations art. 40, with
the denouncer's identity kept out); a case is published once it has an answer.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core.vntext import fold
from danvan.org import policy
from danvan.org.models import Staff
from danvan.petitions.models import DONE_STATUSES, Kind, Petition, Status
from danvan.petitions.services._base import _check_version, _lock, _save, _today, safe_text

PUBLISHABLE_STATUSES = (*DONE_STATUSES, Status.FORWARDED, Status.GUIDED)


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value or "")


def personal_data_in(petition: Petition, *texts: str) -> list[str]:
    """The petitioners' details (name, address, phone, e-mail, ID number) found in ``texts``, as field names."""
    folded = fold(" ".join(texts))
    digits = _digits(" ".join(texts))
    found: list[str] = []
    for person in petition.identities.all():
        for label, value in ((_("họ tên"), person.full_name), (_("địa chỉ"), person.address),
                             (_("thư điện tử"), person.email)):
            key = fold(value)
            if len(key) >= 5 and key in folded and label not in found:
                found.append(label)
        for label, value in ((_("số điện thoại"), person.phone), (_("số CCCD"), person.id_number)):
            key = _digits(value)
            if len(key) >= 6 and key in digits and label not in found:
                found.append(label)
    return found


@transaction.atomic
def publish_answer(*, actor: Staff, petition: Petition, title: str, version: int | None = None) -> Petition:
    """Publish (or re-title) the case's answer on the portal."""
    petition = _lock(petition)
    policy.require(actor, "petition.handle", petition)
    _check_version(petition, version)
    title = safe_text(title, "public_title")
    if petition.kind == Kind.DENUNCIATION:
        raise ValidationError(_("Không công bố tố cáo trên cổng thông tin: kết luận nội dung tố cáo được công khai "
                                "theo Điều 40 Luật Tố cáo 2018, giữ bí mật người tố cáo."))
    if petition.status not in PUBLISHABLE_STATUSES or not petition.answer:
        raise ValidationError(_("Chỉ công bố được hồ sơ đã có nội dung trả lời công dân."))
    if not title:
        raise ValidationError({"public_title": _("Hãy nhập tiêu đề công bố (nội dung vụ việc, không ghi họ tên, "
                                                 "địa chỉ, số điện thoại của người gửi).")})
    found = personal_data_in(petition, title, petition.answer)
    if found:
        raise ValidationError(_("Nội dung công bố còn thông tin cá nhân của người gửi (%(what)s). Hãy sửa tiêu đề "
                                "hoặc không công bố hồ sơ này.") % {"what": ", ".join(found)})
    petition.public_title = title
    petition.published_on = petition.published_on or _today()
    return _save(petition, actor, _("Công bố câu trả lời trên cổng thông tin"))


@transaction.atomic
def withdraw_answer(*, actor: Staff, petition: Petition, version: int | None = None) -> Petition:
    """Take the answer off the portal."""
    petition = _lock(petition)
    policy.require(actor, "petition.handle", petition)
    _check_version(petition, version)
    if petition.published_on is None:
        return petition
    petition.published_on = None
    return _save(petition, actor, _("Gỡ câu trả lời khỏi cổng thông tin"))
