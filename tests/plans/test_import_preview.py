"""The import preview says what the save will do, in the officer's words, and asks before updating."""

from __future__ import annotations

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.jobs.models import Job
from danvan.plans import demo
from danvan.plans.models import Plan, Task, TaskKind
from tests.jobs.helpers import post, run_queued

SUBJECT = ("Về đẩy mạnh, nâng cao chất lượng, hiệu quả công tác dân vận của các cơ quan nhà nước "
           "thuộc quận Thanh Xuân")


def _upload(client, text: str, name: str = "kh307.txt", **extra):
    """Upload a plan as the page does; the worker prepares the preview and the job's page opens it."""
    upload = SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/plain")
    response = post(client, reverse("plans:plan_import"), {"stage": "upload", "file": upload, **extra})
    if response.status_code != 302:
        return response
    run_queued()
    return client.get(response["Location"], follow=True)


def _visible(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _closing_row(response) -> dict:
    return next(row for row in response.context["assignments"] if row["a"].item == "closing")


def test_preview_and_save_agree_on_who_gets_tasks(demo_org, users, client_for):
    client = client_for(users["noivu"])
    response = _upload(client, demo.seed_text())
    assert response.status_code == 200
    result = response.context["result"]
    closing = _closing_row(response)
    # The closing duty ("các phòng, ban, đơn vị … báo cáo … hằng năm") goes to every unit that
    # receives the plan: the preview says so instead of "Không xác định".
    assert len(closing["receivers"]) >= 20
    page = response.content.decode()
    assert f"Các đơn vị nhận kế hoạch ({len(closing['receivers'])} đơn vị)" in page
    assert f"Khi lưu, kế hoạch sẽ giao {result.tasks} nhiệm vụ cho {result.units} đơn vị." in _visible(response)
    assert not Plan.objects.exists()  # the preview wrote nothing

    response = post(client, reverse("plans:plan_import"), {"stage": "save", f"unit:{closing['index']}": "keep"})
    assert response.status_code == 302
    job = Job.objects.get(kind="plans.import")
    assert response["Location"] == job.get_absolute_url()
    assert not Plan.objects.exists()  # saved by the worker
    assert run_queued() >= 1
    plan = Plan.objects.get()
    tasks = Task.objects.filter(plan=plan)
    assert tasks.count() == result.tasks
    assert tasks.values("lead_unit").distinct().count() == result.units
    reports = tasks.filter(item__path="closing", kind=TaskKind.REPORT)
    assert sorted(reports.values_list("lead_unit__name", flat=True)) == sorted(closing["receivers"])
    job.refresh_from_db()
    assert job.result_label == (f"Đã lưu kế hoạch 307/KH-UBND: {result.tasks} nhiệm vụ đã giao cho "
                                f"{result.units} đơn vị.")
    assert job.result_label in _visible(client.get(job.get_absolute_url()))


def test_preview_shows_no_internals(demo_org, users, client_for):
    response = _upload(client_for(users["noivu"]), demo.seed_text())
    text = _visible(response)
    assert "16/12/2021" in text and "2021-12-16" not in text
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", text)  # no ISO dates anywhere
    for internal in ("closing", "(yearly)", "yearly", '"full_number"', "JSON", "None"):
        assert internal not in text, internal
    assert "Đoạn kết: trước ngày 30/11 hàng năm (Hằng năm)" in text
    assert "Chỉ thị số 07-CT/TU ngày 01/10/2021 — Ban Thường vụ Thành ủy Hà Nội" in text
    assert 'style="' not in response.content.decode()
    # Reached from the worker's job at its own address, the preview still posts to the import page.
    assert response.redirect_chain[-1][0].startswith("/ke-hoach/nhap/xem-truoc/")
    assert f'action="{reverse("plans:plan_import")}"' in response.content.decode()
    # Another person's direct link to this preview finds nothing; an administrator's opens it.
    other = client_for(users["admin"]).get(response.redirect_chain[-1][0])
    assert other.status_code == 200
    assert client_for(users["kiemtra"]).get(response.redirect_chain[-1][0]).status_code in (403, 404)


def test_preview_names_laws_and_dates_of_a_ward_plan(demo_org, users, client_for):
    from pathlib import Path

    text = (Path(__file__).resolve().parents[1] / "core/fixtures/webpost_date_first.txt").read_text(encoding="utf-8")
    client = client_for(users["admin"])
    response = _upload(client, text, "kh35.txt", unit=demo_org["hn-khuong-dinh"].pk)
    assert response.status_code == 200
    visible = _visible(response)
    assert "10/03/2026" in visible and "Khương Đình" in visible
    assert "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 — Quốc hội" in visible
    assert "II.2: hoàn thành trong tháng 6/2026 (Một lần, 30/06/2026)" in visible


def test_existing_number_shows_changes_and_asks_before_updating(demo_org, users, client_for):
    plan = demo.load_plan_307()
    version, tasks = plan.version, plan.tasks.count()
    client = client_for(users["noivu"])
    changed = demo.seed_text().replace(SUBJECT, SUBJECT + " năm 2022").replace(
        "Các phòng, ban, đơn vị thuộc quận báo cáo kết quả", "Các phòng, ban, đơn vị thuộc quận báo cáo đầy đủ kết quả")
    response = _upload(client, changed)
    assert response.context["existing"] == plan
    changes = {c.what: (c.before, c.after) for c in response.context["result"].changes}
    assert changes["Trích yếu"] == (SUBJECT, SUBJECT + " năm 2022")
    assert "báo cáo đầy đủ kết quả" in changes["Đoạn kết"][1]
    text = _visible(response)
    assert "Kế hoạch 307/KH-UBND đã có trong hệ thống" in text
    assert "Tôi đã xem các thay đổi và đồng ý cập nhật kế hoạch đã có" in text
    assert Plan.objects.get().title == SUBJECT  # the preview changed nothing

    # Saving without confirming updates nothing and asks again.
    response = client.post(reverse("plans:plan_import"), {"stage": "save"})
    assert response.status_code == 200
    assert "hãy xem những thay đổi và xác nhận cập nhật" in response.context["confirm_error"]
    plan.refresh_from_db()
    assert (plan.title, plan.version) == (SUBJECT, version)

    response = post(client, reverse("plans:plan_import"), {"stage": "save", "confirm_update": "1"})
    assert response.status_code == 302
    run_queued()
    plan.refresh_from_db()
    assert plan.title == SUBJECT + " năm 2022" and plan.version == version + 1
    assert plan.tasks.count() == tasks and Plan.objects.count() == 1
    assert Job.objects.get(kind="plans.import").result_label.startswith("Đã cập nhật kế hoạch 307/KH-UBND:")


def test_same_text_again_says_nothing_changes(demo_org, users, client_for):
    demo.load_plan_307()
    response = _upload(client_for(users["noivu"]), demo.seed_text())
    assert response.context["existing"] is not None
    assert "Không có thay đổi nào so với kế hoạch đã lưu." in _visible(response)


def test_double_click_on_save_makes_one_plan(demo_org, users, client_for):
    client = client_for(users["noivu"])
    response = _upload(client, demo.seed_text())
    token = re.search(r'name="once" value="([^"]+)"', response.content.decode()).group(1)
    first = post(client, reverse("plans:plan_import"), {"stage": "save", "once": token})
    second = post(client, reverse("plans:plan_import"), {"stage": "save", "once": token})
    assert first.status_code == second.status_code == 302
    run_queued()
    assert second["Location"] == first["Location"] == Job.objects.get(kind="plans.import").get_absolute_url()
    assert Plan.objects.count() == 1
