from __future__ import annotations

from datetime import timedelta

import pytest

from danvan.datagen import generate
from danvan.org import clock
from danvan.org.models import Staff, Unit
from danvan.petitions import services as petition_services
from danvan.petitions.demo import ensure_fields
from danvan.petitions.models import Field


@pytest.fixture
def model_dir(settings, tmp_path):
    settings.TRIAGE_MODEL_DIR = str(tmp_path / "triage")
    return tmp_path / "triage"


@pytest.fixture
def learnt(demo_org, users, model_dir):
    """A small committee's history: generated cases of last year (seconds to make and to learn from)."""
    ensure_fields()
    generate(units=2, petitions=240, seed=11, year=clock.today().year - 1, progress=lambda _t: None)
    return users


@pytest.fixture
def file_case(users):
    """``file_case(subject, content, ward=..., days_ago=..., close=True)``: a case filed by the ward's officer."""
    fields = {}
    names = iter(f"Người gửi số {i}" for i in range(1000))

    def make(subject, content, *, ward="tx-thuong-dinh", field="trat-tu-do-thi", kind="feedback", days_ago=1,
             location="", close=False):
        if not fields:
            ensure_fields()
            fields.update({f.code: f for f in Field.objects.all()})
        unit = Unit.objects.get(code=ward)
        officer = Staff.objects.filter(unit=unit, role="officer").first() or Staff.objects.create(
            username=f"canbo-{ward}", full_name="Cán bộ phường", role="officer", unit=unit)
        sub = petition_services.submit_petition(
            actor=officer, kind=kind, field=fields[field], unit=unit, channel="web",
            received_on=clock.today() - timedelta(days=days_ago), subject=subject, content=content,
            location=location, petitioners=[{"full_name": next(names), "address": "Số 99 phố Bí Mật"}])
        p = sub.petition
        if close:
            p = petition_services.triage(actor=officer, petition=p, decision="accept",
                                         on=p.received_on + timedelta(days=1))
        return p

    return make
