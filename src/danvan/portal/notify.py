"""E-mails to the citizen who gave an address: the case's code when it is filed, then each change the
citizen can see (its public status, the answer, a public note).

Signals on the petitions' rows, sent after the transaction commits, so petitions knows nothing of
the portal. An e-mail carries the case's code, its public status and where to look it up — never the
secret (the citizen has it from the page, shown once), never the answer's text or anyone's identity:
the tracking page, behind code and secret, shows the rest. Each address gets its own message.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models.signals import post_init, post_save
from django.utils.translation import gettext as _

from danvan.petitions.models import PUBLIC_STATUS, Note, Petition, PetitionerIdentity, PublicStatus


def _seen(petition: Petition) -> tuple[str, bool] | None:
    # Read from the instance's own values: a row loaded with .only() must not load its deferred columns
    # here (each load would run this again).
    values = petition.__dict__
    if "status" not in values or "answer" not in values:
        return None
    return (PUBLIC_STATUS.get(values["status"], PublicStatus.PROCESSING), bool(values["answer"]))


def _remember(sender: Any, instance: Petition, **_kwargs: Any) -> None:
    # Only rows read from the database (or just saved) are compared; a new one has nothing to compare.
    instance._portal_seen = _seen(instance) if instance.pk else None


def _emails(petition_pk: int) -> list[str]:
    return sorted({e.strip() for e in PetitionerIdentity.objects.filter(petition_id=petition_pk)
                   .exclude(email="").values_list("email", flat=True) if e.strip()})


def track_url() -> str:
    from django.urls import reverse

    return settings.DANVAN_PUBLIC_URL.rstrip("/") + reverse("petitions:public_track")


def _send(petition_pk: int, subject: str, lines: list[str], recipients: list[str] | None = None) -> None:
    if recipients is None:
        recipients = _emails(petition_pk)
    footer = [
        "",
        _("Tra cứu kết quả tại %(url)s bằng mã hồ sơ và mã bí mật bạn đã nhận khi gửi.") % {"url": track_url()},
        _("Thư này được gửi tự động; vui lòng không trả lời thư."),
    ]
    for address in recipients:  # one message per address: no one sees another citizen's address
        send_mail(subject, "\n".join(lines + footer), None, [address], fail_silently=True)


def _filed(petition_pk: int) -> None:
    # The addresses with the case's code and date in one statement (each citizen's filing runs this).
    found = list(PetitionerIdentity.objects.filter(petition_id=petition_pk).exclude(email="")
                 .values_list("email", "petition__code", "petition__received_on"))
    recipients = sorted({email.strip() for email, _code, _day in found if email.strip()})
    if not recipients:
        return
    code, received_on = found[0][1], found[0][2]
    _send(petition_pk, _("Đã nhận phản ánh, kiến nghị — mã hồ sơ %(code)s") % {"code": code}, [
        _("Cơ quan đã nhận đơn của bạn ngày %(day)s.") % {"day": received_on.strftime("%d/%m/%Y")},
        _("Mã hồ sơ: %(code)s") % {"code": code},
        _("Hãy giữ mã bí mật đã hiện trên màn hình khi gửi: thư này không nhắc lại mã bí mật."),
    ], recipients)


def _changed(petition_pk: int, what: str) -> None:
    petition = Petition.objects.only("code", "status").filter(pk=petition_pk).first()
    if petition is None:
        return
    _send(petition_pk, _("Hồ sơ %(code)s: %(what)s") % {"code": petition.code, "what": what}, [
        _("Mã hồ sơ: %(code)s") % {"code": petition.code},
        _("Tình trạng: %(status)s") % {"status": petition.public_status_label},
        what[:1].upper() + what[1:] + ".",
    ])


def _petition_saved(sender: Any, instance: Petition, created: bool, raw: bool = False, **_kwargs: Any) -> None:
    if raw:
        return
    before = getattr(instance, "_portal_seen", None)
    now = _seen(instance)
    instance._portal_seen = now
    pk = instance.pk
    if created:
        transaction.on_commit(lambda: _filed(pk))
        return
    if before is None or now is None or before == now:
        return
    if now[1] and not before[1]:
        what = _("cơ quan đã trả lời")
    elif now[0] == PublicStatus.CLOSED:
        what = _("hồ sơ đã kết thúc")
    else:
        what = _("tình trạng mới")
    transaction.on_commit(lambda: _changed(pk, what))


def _note_saved(sender: Any, instance: Note, created: bool, raw: bool = False, **_kwargs: Any) -> None:
    if raw or not created or not instance.is_public:
        return
    pk = instance.petition_id
    transaction.on_commit(lambda: _changed(pk, _("có thông tin mới về hồ sơ")))


def connect_signals() -> None:
    post_init.connect(_remember, sender=Petition, dispatch_uid="portal-remember")
    post_save.connect(_petition_saved, sender=Petition, dispatch_uid="portal-petition-saved")
    post_save.connect(_note_saved, sender=Note, dispatch_uid="portal-note-saved")
