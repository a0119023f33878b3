"""``danvan worker`` runs a queued job and gives a heartbeat while it runs (gone when it stops)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import TestCase

from danvan.jobs import services
from danvan.jobs.models import State, WorkerBeat
from danvan.org.models import Role, Staff

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_worker_command_runs_a_queued_job_and_beats_while_it_runs():
    person = Staff.objects.create_user(username="thu-viec", password="x", full_name="Người thử", role=Role.OFFICER)
    with TestCase.captureOnCommitCallbacks(execute=True):
        job = services.start(actor=person, kind="plans.import", title="Lưu kế hoạch thử", params={"issuer": 0})
    beats: list[str] = []
    real_beat = services.beat

    def beat(worker_id: str) -> None:
        beats.append(worker_id)
        real_beat(worker_id)

    services.beat = beat
    try:
        call_command("worker", batch=True, interval=0, stdout=io.StringIO())
    finally:
        services.beat = real_beat
    job.refresh_from_db()
    assert job.state == State.FAILED and "Cơ quan ban hành kế hoạch không còn" in job.error
    assert beats and beats[0].startswith("danvan-")
    assert not WorkerBeat.objects.exists()  # a worker that stopped is not counted alive
