from __future__ import annotations

import io
from datetime import timedelta

import pytest

from danvan.org import clock
from danvan.petitions import demo, figures, services
from danvan.petitions.models import Petition

from .helpers import feedback, png_upload

pytestmark = pytest.mark.django_db


def test_figures_on_time_and_overdue(demo_org, users, django_assert_max_num_queries):
    canbo, ward = users["canbo"], demo_org["tx-thuong-dinh"]
    today = clock.today()
    a = feedback(demo_org, actor=canbo).petition
    a = services.triage(actor=canbo, petition=a, decision="accept")
    services.close(actor=canbo, petition=a, answer="Xong.", outcome="fixed", evidence=png_upload())
    feedback(demo_org, actor=canbo, received_on=today - timedelta(days=60))  # overdue, never triaged
    feedback(demo_org, actor=canbo)  # open, not yet due: not late
    with django_assert_max_num_queries(6):
        result = figures.compute(today - timedelta(days=90), today)
    assert result["petitions.received"][ward.pk] == 3
    assert result["petitions.received.feedback"][ward.pk] == 3
    assert result["petitions.received.field.trat-tu-do-thi"][ward.pk] == 3
    assert result["petitions.accepted"][ward.pk] == 1
    assert result["petitions.resolved"][ward.pk] == 1
    assert result["petitions.resolved_on_time"][ward.pk] == 1
    assert result["petitions.overdue_open"][ward.pk] == 1
    assert result["petitions.avg_days_to_resolve"][ward.pk] == 0
    codes = {spec.code for spec in figures.INDICATORS}
    assert set(result) <= codes


def test_demo_is_idempotent(demo_org):
    demo.load(io.StringIO())
    n = Petition.objects.count()
    assert n >= 18
    demo.load(io.StringIO())
    assert Petition.objects.count() == n
    assert Petition.objects.overdue().exists()
    assert Petition.objects.filter(kind="denunciation").exists()
    assert Petition.objects.filter(is_collective=True, field__code="boi-thuong-gpmb").exists()
    result = figures.compute(clock.today() - timedelta(days=365), clock.today())
    assert sum(result["petitions.rated"].values()) == 1
