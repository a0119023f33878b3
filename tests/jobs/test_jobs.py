"""Long jobs: each kind run through the database task queue with its progress, its result reopened; who may
see a job; the page when no worker runs; a failure that writes nothing; the notification when done."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from io import BytesIO

import docx
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from danvan.documents.models import Document
from danvan.jobs import services
from danvan.jobs.models import Job, State, WorkerBeat
from danvan.notifications.models import Kind, Notification
from danvan.plans import demo as plans_demo
from danvan.plans import services as plan_services
from danvan.plans.models import Plan, Task
from tests.jobs.helpers import post, run_queued


def _text(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _file(client, job: Job) -> bytes:
    response = client.get(reverse("jobs:download", args=[job.pk]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_consolidation_runs_in_the_worker_with_its_progress_and_files(client_for, users, request_2026):
    client = client_for(users["noivu"])
    response = post(client, reverse("reporting:consolidation_job", args=[request_2026.pk, "xlsx"]))
    job = Job.objects.get()
    assert response["Location"] == job.get_absolute_url()
    page = client.get(job.get_absolute_url())
    html = page.content.decode()
    assert '<progress id="job-progress"' in html and 'role="status"' in html and 'aria-live="polite"' in html
    assert 'http-equiv="refresh"' in html and "Tải lại trang để xem tiến độ mới" in _text(page)
    assert client.get(reverse("jobs:status", args=[job.pk])).json()["state"] == State.QUEUED

    assert run_queued() >= 1
    job.refresh_from_db()
    assert job.state == State.DONE and job.done == job.total == 3
    assert job.steps[0].startswith("Tổng hợp số liệu") and any("đơn vị đã báo cáo" in s for s in job.steps)
    status = client.get(reverse("jobs:status", args=[job.pk])).json()
    assert status["finished"] and status["percent"] == 100
    page = _text(client.get(job.get_absolute_url()))
    assert "Tải tệp kết quả" in page and "http-equiv" not in client.get(job.get_absolute_url()).content.decode()
    book = load_workbook(BytesIO(_file(client, job)), read_only=True)
    rows = [r for r in book.worksheets[0].iter_rows(values_only=True)]
    assert any(r and "Tổng hợp" in r for r in rows)
    assert sum(1 for r in rows if any("Thượng Đình" in str(c) for c in r if c)) == 1

    post(client, reverse("reporting:consolidation_job", args=[request_2026.pk, "docx"]))
    run_queued()
    job = Job.objects.get(params__fmt="docx")
    text = "\n".join(p.text for p in docx.Document(BytesIO(_file(client, job))).paragraphs)
    assert "Đã có 0/" in text and job.result_name.endswith(".docx")
    # Told when done, in the bell's list, once per job.
    told = Notification.objects.filter(recipient=users["noivu"], kind=Kind.JOB_DONE)
    assert told.count() == 2 and told.filter(url=job.get_absolute_url()).exists()


def test_only_the_person_who_started_a_job_and_administrators_see_it(client_for, users, request_2026):
    post(client_for(users["noivu"]), reverse("reporting:consolidation_job", args=[request_2026.pk, "xlsx"]))
    run_queued()
    job = Job.objects.get()
    urls = [reverse(name, args=[job.pk]) for name in ("jobs:detail", "jobs:status", "jobs:download")]
    for other in ("chutich", "canbo", "phuong"):
        client = client_for(users[other])
        assert [client.get(u).status_code for u in urls] == [404, 404, 404], other
        assert job.title not in client.get(reverse("jobs:list")).content.decode()
    admin = client_for(users["admin"])
    assert [admin.get(u).status_code for u in urls] == [200, 200, 200]
    # A ward's chairman may not start the district's consolidation at all.
    response = post(client_for(users["phuong"]), reverse("reporting:consolidation_job", args=[request_2026.pk, "docx"]))
    assert response.status_code == 403 and Job.objects.count() == 1


def test_a_job_waiting_without_a_worker_says_so(client_for, users, request_2026, settings):
    client = client_for(users["noivu"])
    post(client, reverse("reporting:consolidation_job", args=[request_2026.pk, "docx"]))
    job = Job.objects.get()
    assert "Đang chờ tiến trình nền nhận việc" in _text(client.get(job.get_absolute_url()))
    Job.objects.filter(pk=job.pk).update(
        created_at=timezone.now() - timedelta(seconds=settings.DANVAN_JOB_WAIT_SECONDS + 5)
    )
    page = _text(client.get(job.get_absolute_url()))
    assert "tiến trình nền (danvan worker) không chạy" in page
    assert client.get(reverse("jobs:status", args=[job.pk])).json()["stalled"] is True
    services.beat("worker-1")  # a worker is alive: the job only waits its turn
    assert "không chạy" not in _text(client.get(job.get_absolute_url()))
    WorkerBeat.objects.update(seen_at=timezone.now() - timedelta(seconds=settings.DANVAN_WORKER_SILENT_AFTER + 1))
    assert client.get(reverse("jobs:status", args=[job.pk])).json()["stalled"] is True


def test_with_the_immediate_backend_the_job_is_done_before_the_page_opens(client_for, users, request_2026, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    client = client_for(users["noivu"])
    response = post(client, reverse("reporting:consolidation_job", args=[request_2026.pk, "docx"]))
    job = Job.objects.get()
    assert job.state == State.DONE
    assert "Tải tệp kết quả" in _text(client.get(response["Location"]))


def test_a_failing_plan_import_writes_nothing_and_says_why(demo_org, users, client_for):
    noivu = users["noivu"]
    parsed, issuer = plan_services.parse_with_registry(plans_demo.seed_text())
    data = parsed.as_dict()
    data["assignments"][-1]["unit_text"] += "\x01"  # the last thing the save writes cannot be stored
    documents = Document.objects.count()
    job = services.start(
        actor=noivu,
        kind="plans.import",
        title="Lưu kế hoạch 307/KH-UBND nhập từ tệp",
        params={
            "parsed": data,
            "frame": {},
            "text": plans_demo.seed_text(),
            "issuer": issuer.pk,
            "update_existing": False,
        },
    )
    assert services.run(job.pk) == "failed"
    job.refresh_from_db()
    assert job.state == State.FAILED and "Chưa lưu gì" in job.error and "U+0001" in job.error
    assert job.steps and "một lần ghi" in job.steps[-1]  # it got as far as the write
    assert not Plan.objects.exists() and not Task.objects.exists() and Document.objects.count() == documents
    page = _text(client_for(noivu).get(job.get_absolute_url()))
    assert "Không thành công: Chưa lưu gì" in page
    assert Notification.objects.filter(recipient=noivu, kind=Kind.JOB_FAILED).count() == 1
    assert services.run(job.pk) == "taken"  # a job runs once


def test_the_job_pages_run_a_fixed_number_of_queries(client_for, users, request_2026):
    client = client_for(users["noivu"])

    def counts() -> tuple[int, int]:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        job = Job.objects.order_by("-pk").first()
        with CaptureQueriesContext(connection) as page:
            assert client.get(job.get_absolute_url()).status_code == 200
        with CaptureQueriesContext(connection) as listing:
            assert client.get(reverse("jobs:list")).status_code == 200
        return len(page), len(listing)

    post(client, reverse("reporting:consolidation_job", args=[request_2026.pk, "docx"]))
    run_queued()
    one = counts()
    for fmt in ("xlsx", "docx", "xlsx", "docx"):
        post(client, reverse("reporting:consolidation_job", args=[request_2026.pk, fmt]))
    run_queued()
    assert counts() == one


def test_old_finished_jobs_are_forgotten_with_their_files(client_for, users, request_2026):
    from django.core.files.storage import default_storage
    from django.core.management import call_command

    client = client_for(users["noivu"])
    post(client, reverse("reporting:consolidation_job", args=[request_2026.pk, "xlsx"]))
    run_queued()
    old = Job.objects.get()
    name = old.result.name
    assert default_storage.exists(name)
    Job.objects.filter(pk=old.pk).update(finished_at=timezone.now() - timedelta(days=31))
    post(client, reverse("reporting:consolidation_job", args=[request_2026.pk, "docx"]))  # still waiting
    out = io.StringIO()
    call_command("prune_jobs", stdout=out)
    assert "Đã xóa 1 việc chạy nền" in out.getvalue()
    assert not Job.objects.filter(pk=old.pk).exists() and not default_storage.exists(name)
    assert Job.objects.filter(state=State.QUEUED).count() == 1
    assert client.get(old.get_absolute_url()).status_code == 404
