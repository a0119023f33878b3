"""Builders of the portal tests: a published answer, as an officer makes it."""

from __future__ import annotations

from danvan.petitions import services
from tests.petitions.helpers import feedback, png_upload

NAME, PHONE, ADDRESS = "Nguyễn Văn Bình", "0912345678", "Số 3 ngõ 12"


def published(demo_org, canbo, *, title="Đèn đường ngõ 12 đã được thay", answer="Phường đã thay bóng đèn mới.",
              **kw):
    sub = feedback(demo_org, actor=canbo, **kw)
    p = services.triage(actor=canbo, petition=sub.petition, decision="accept")
    p = services.close(actor=canbo, petition=p, answer=answer, outcome="fixed", evidence=png_upload())
    return services.publish_answer(actor=canbo, petition=p, title=title)
