"""`danvan plan import` on the seed: the JSON the issue asks for, the save, the cascade, idempotency."""

from __future__ import annotations

import io
import json
from pathlib import Path

from django.core.management import call_command

from danvan.documents.models import Citation, Document
from danvan.org.models import Level, Unit, UnitKind
from danvan.plans.models import Assignment, Plan, PlanItem, Task, TaskKind, UnitPlan

SEED = Path(__file__).resolve().parents[2] / "src/danvan/plans/data/plan-307-KH-UBND-thanh-xuan-2021.txt"


def _import(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("plan", "import", str(SEED), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_json_dry_run_prints_the_issue_shape(demo_org):
    out, _err = _import("--dry-run", "--json")
    data = json.loads(out)
    assert list(data) == ["full_number", "type", "place", "date", "subject", "issuer", "signer", "recipients",
                          "archive", "references", "sections", "assignments", "deadlines"]
    assert data["full_number"] == "307/KH-UBND" and data["date"] == "2021-12-16"
    assert data["signer"] == {"authority": "TM.", "title": "CHỦ TỊCH", "name": "Võ Đăng Dũng"}
    assert len(data["recipients"]) == 10 and data["archive"] == "Lưu: VT, NV."
    assert len(data["references"]) == 10
    refs = {r["full_number"]: r for r in data["references"]}
    assert refs["07-CT/TU"]["issuer"] == "Ban Thường vụ Thành ủy Hà Nội"
    assert refs["18-NQ/TW"]["date"] == "2017-10-25"
    assert [len(s["items"]) for s in data["sections"]] == [3, 7, 3]
    ids = {(a["item"], a["unit_text"]): a["unit_id"] for a in data["assignments"]}
    assert ids[("III.2", "Phòng Văn hóa và Thông tin")] == demo_org["tx-vhtt"].pk
    assert ids[("III.3", "Phòng Nội vụ")] == demo_org["tx-noi-vu"].pk
    assert ids[("III.3", "Văn phòng HĐND và UBND quận")] == demo_org["tx-van-phong"].pk
    wards = sorted(u.pk for u in Unit.objects.wards_of(demo_org["tx-ubnd"]))
    assert len(wards) == 11 and sorted(ids[("III.1", "11 phường")]) == wards
    assert data["deadlines"] == [{"item": "closing", "text": "trước ngày 30/11 hàng năm", "rule": "yearly",
                                  "month": 11, "day": 30, "date": None}]
    assert not Plan.objects.exists()


def test_import_saves_plan_registry_and_cascade(demo_org):
    out, _err = _import()
    assert "307/KH-UBND" in out
    units = Task.objects.values("lead_unit").distinct().count()
    assert f"{Task.objects.count()} nhiệm vụ giao cho {units} đơn vị" in out
    plan = Plan.objects.get()
    district = demo_org["tx-ubnd"]
    assert plan.issuer == district and plan.signer_name == "Võ Đăng Dũng" and plan.signer_body == "ỦY BAN NHÂN DÂN"
    assert plan.preamble.startswith("Thực hiện Chỉ thị số 07-CT/TU")
    assert plan.closing.startswith("Các phòng, ban, đơn vị thuộc quận báo cáo")
    assert Citation.objects.filter(citing=plan.document).count() == 10
    assert Document.objects.count() == 11
    decree = Document.objects.get(number_key="4/2015/nd-cp")
    assert decree.issuer == "Chính phủ" and decree.year == 2015
    # Every department, office and ward of the district gets a unit plan (III.1).
    expected = set(Unit.objects.filter(parent=district, kind__in=[UnitKind.DEPARTMENT, UnitKind.OFFICE])
                   .values_list("pk", flat=True))
    expected |= set(Unit.objects.filter(parent=district, kind=UnitKind.COMMITTEE, level=Level.COMMUNE)
                    .values_list("pk", flat=True))
    got = set(UnitPlan.objects.filter(parent_plan=plan).values_list("unit_id", flat=True))
    assert expected <= got
    assert Task.objects.filter(kind=TaskKind.DRAFT_PLAN).count() == len(got)
    vhtt = Task.objects.get(item__path="III.2", lead_unit=demo_org["tx-vhtt"])
    assert vhtt.kind == TaskKind.DUTY
    report = Task.objects.get(kind=TaskKind.REPORT, lead_unit=demo_org["tx-thuong-dinh"])
    assert (report.recurrence, report.recurrence_month, report.recurrence_day) == ("yearly", 11, 30)
    assert report.due_date.isoformat() == "2022-11-30"
    assert Assignment.objects.filter(item__path="III.1", unit__isnull=False).count() == len(got)


def test_import_twice_does_not_duplicate(demo_org):
    _import()
    counts = (Plan.objects.count(), PlanItem.objects.count(), Assignment.objects.count(), UnitPlan.objects.count(),
              Task.objects.count(), Document.objects.count(), Citation.objects.count())
    out, _err = _import()
    assert "Đã cập nhật" in out
    assert counts == (Plan.objects.count(), PlanItem.objects.count(), Assignment.objects.count(),
                      UnitPlan.objects.count(), Task.objects.count(), Document.objects.count(),
                      Citation.objects.count())
