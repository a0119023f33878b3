"""Demo plans: Plan 307/KH-UBND imported from its text, cascaded to every department and ward,
with some tasks done, in progress or overdue, and a few activities (II.1, II.6, II.7, II.4).

The seed text ships as package data (``plans/data``) so the demo works in a fresh clone.
Add-only: when Plan 307 is already in the database it is left exactly as officers keep it (no
re-import, no status set, no period rolled); activities are keyed by title and unit and only the
missing ones are recorded.
"""

from __future__ import annotations

from datetime import date
from importlib import resources

from danvan.core.references import number_key
from danvan.documents import services as documents
from danvan.documents.models import Document, DocumentStatus
from danvan.org.models import Unit
from danvan.plans import services
from danvan.plans.models import (
    Audience,
    CoordinationProgram,
    DemocracyKind,
    DisseminationEvent,
    GrassrootsDemocracyEvent,
    Plan,
    Task,
    TaskKind,
    TaskStatus,
    Training,
    UnitPlan,
    UnitPlanStatus,
)

SEED_NAME = "plan-307-KH-UBND-thanh-xuan-2021.txt"


def seed_text() -> str:
    return resources.files("danvan.plans").joinpath("data", SEED_NAME).read_text(encoding="utf-8")


def load_plan_307() -> Plan:
    """Plan 307 as it is in the database, or imported from the seed text (and cascaded) when missing."""
    return _plan_307()[0]


def _plan_307() -> tuple[Plan, bool]:
    district = Unit.objects.get(code="tx-ubnd")
    existing = Plan.objects.filter(issuer=district, number_key=number_key("307/KH-UBND")).first()
    if existing is not None:
        return existing, False
    text = seed_text()
    parsed, _issuer = services.parse_with_registry(text, unit=district)
    return services.import_plan(parsed, issuer=district, source_text=text)


def load(out) -> None:
    plan, created = _plan_307()
    units = {u.code: u for u in Unit.objects.filter(code__startswith="tx-")}
    if created:
        _progress(plan, units)
    _activities(plan, units)
    out.write(f"  Kế hoạch {plan.full_number}: {plan.unit_plans.count()} kế hoạch đơn vị, "
              f"{plan.tasks.count()} nhiệm vụ{'' if created else ' (đã có, giữ nguyên)'}.\n")


def _progress(plan: Plan, units: dict[str, Unit]) -> None:
    """Where the units stood in 2022, set once when the plan is first imported."""
    # Decree 04/2015 was replaced under the 2022 law on grassroots democracy: keep the citation, show the basis.
    if not Document.objects.filter(number_key=number_key("10/2022/QH15")).exists():
        law, _c = documents.register_document(full_number="10/2022/QH15", type_name="Luật",
                                              date=date(2022, 11, 10), issuer="Quốc hội",
                                              subject="Luật Thực hiện dân chủ ở cơ sở")
        decree = Document.objects.filter(number_key="4/2015/nd-cp").first()
        if decree is not None and decree.status == DocumentStatus.IN_FORCE:
            documents.set_status(actor=None, document=decree, status=DocumentStatus.REPLACED, replaced_by=law,
                                 note="Thay thế theo Luật Thực hiện dân chủ ở cơ sở (hiệu lực từ 01/7/2023).")

    # Unit plans: most issued in early 2022, some drafting, the rest still to write.
    drafted = {"tx-khuong-dinh", "tx-kim-giang", "tx-y-te"}
    waiting = {"tx-thuong-dinh", "tx-nhan-chinh", "tx-kinh-te"}
    for unit_plan in UnitPlan.objects.filter(parent_plan=plan).select_related("unit"):
        code = unit_plan.unit.code
        if code in waiting or unit_plan.status != UnitPlanStatus.TO_DRAFT:
            continue
        status = UnitPlanStatus.DRAFTED if code in drafted else UnitPlanStatus.ISSUED
        services.set_unit_plan_status(actor=None, unit_plan=unit_plan, status=status,
                                      issued_on=date(2022, 1, 14) if status == UnitPlanStatus.ISSUED else None)
    for code, status, progress in (("tx-vhtt", TaskStatus.IN_PROGRESS, 60), ("tx-noi-vu", TaskStatus.IN_PROGRESS, 40),
                                   ("tx-van-phong", TaskStatus.DONE, None)):
        task = Task.objects.filter(plan=plan, lead_unit=units.get(code), kind=TaskKind.DUTY).first()
        if task is not None and task.status == TaskStatus.NOT_STARTED:
            services.set_task_status(actor=None, task=task, status=status, progress=progress,
                                     today=date(2022, 6, 30))
    # Yearly reports (due 30/11/2022): most units reported; two wards are late.
    for task in Task.objects.filter(plan=plan, kind=TaskKind.REPORT, status=TaskStatus.NOT_STARTED).select_related(
            "lead_unit"):
        if task.lead_unit.code in {"tx-thuong-dinh", "tx-khuong-dinh", "tx-kinh-te"}:
            continue
        services.set_task_status(actor=None, task=task, status=TaskStatus.DONE, today=date(2022, 11, 25))
    # The yearly duties done for 2022 come back for the current period, as the daily roll does.
    services.roll_recurring_tasks()


def _activities(plan: Plan, units: dict[str, Unit]) -> None:
    items = {i.path: i for i in plan.items.all()}
    activities = [
        (DisseminationEvent, "tx-thuong-dinh", dict(
            date=date(2022, 3, 18), title="Hội nghị quán triệt Chỉ thị 07-CT/TU cho cán bộ phường",
            topic="Công tác dân vận chính quyền", audience=Audience.STAFF, attendees=42, item=items.get("II.1"))),
        (DisseminationEvent, "tx-thuong-dinh", dict(
            date=date(2022, 4, 9), title="Tuyên truyền Quy chế dân chủ ở cơ sở tại tổ dân phố số 5",
            topic="Dân chủ ở cơ sở", audience=Audience.CITIZENS, attendees=120, item=items.get("II.1"))),
        (DisseminationEvent, "tx-vhtt", dict(
            date=date(2022, 5, 20), title="Giới thiệu mô hình “Dân vận khéo” trên Cổng thông tin điện tử quận",
            topic="Dân vận khéo", audience=Audience.BOTH, attendees=0, item=items.get("III.2"))),
        (CoordinationProgram, "tx-ubnd", dict(
            date=date(2022, 2, 15), end_date=date(2022, 12, 31),
            title="Chương trình phối hợp giữa UBND quận và Ủy ban MTTQ quận năm 2022",
            partner_text="Ủy ban MTTQ Việt Nam quận", item=items.get("II.6"))),
        (GrassrootsDemocracyEvent, "tx-noi-vu", dict(
            date=date(2022, 1, 20), kind=DemocracyKind.STAFF_CONFERENCE,
            title="Hội nghị cán bộ, công chức Phòng Nội vụ năm 2022", participants=14, item=items.get("II.7"))),
        (GrassrootsDemocracyEvent, "tx-khuong-dinh", dict(
            date=date(2022, 3, 1), kind=DemocracyKind.PUBLIC_DISCLOSURE,
            title="Công khai dự toán ngân sách phường năm 2022", participants=0, item=items.get("II.7"))),
        (Training, "tx-noi-vu", dict(
            date=date(2022, 8, 10), title="Bồi dưỡng kỹ năng dân vận cho công chức phường",
            topic="Kỹ năng dân vận", trainees=66, item=items.get("II.4"))),
        # The 2026 reporting year (15/12/2025 – 14/12/2026): what the wards' yearly reports pre-fill.
        (DisseminationEvent, "tx-thuong-dinh", dict(
            date=date(2026, 3, 12), title="Quán triệt Luật Thực hiện dân chủ ở cơ sở cho cán bộ, tổ trưởng dân phố",
            topic="Dân chủ ở cơ sở", audience=Audience.STAFF, attendees=56, item=items.get("II.1"))),
        (DisseminationEvent, "tx-thuong-dinh", dict(
            date=date(2026, 9, 5), title="Tuyên truyền chính sách an sinh xã hội tại tổ dân phố số 3",
            topic="An sinh xã hội", audience=Audience.CITIZENS, attendees=85, item=items.get("II.1"))),
        (DisseminationEvent, "tx-khuong-dinh", dict(
            date=date(2026, 4, 22), title="Phổ biến phương án bồi thường, hỗ trợ tái định cư dự án đường vành đai",
            topic="Bồi thường, giải phóng mặt bằng", audience=Audience.CITIZENS, attendees=140,
            item=items.get("II.1"))),
        (DisseminationEvent, "tx-ha-dinh", dict(
            date=date(2026, 5, 14), title="Hội nghị quán triệt Quy chế công tác dân vận của hệ thống chính trị",
            topic="Công tác dân vận", audience=Audience.STAFF, attendees=38, item=items.get("II.1"))),
        (CoordinationProgram, "tx-thuong-dinh", dict(
            date=date(2026, 1, 20), end_date=date(2026, 12, 31),
            title="Chương trình phối hợp giữa UBND phường và Ủy ban MTTQ phường năm 2026",
            partner_text="Ủy ban MTTQ Việt Nam phường Thượng Đình", item=items.get("II.6"))),
        (GrassrootsDemocracyEvent, "tx-thuong-dinh", dict(
            date=date(2026, 1, 28), kind=DemocracyKind.STAFF_CONFERENCE,
            title="Hội nghị cán bộ, công chức UBND phường Thượng Đình năm 2026", participants=31,
            item=items.get("II.7"))),
        (GrassrootsDemocracyEvent, "tx-khuong-dinh", dict(
            date=date(2026, 2, 3), kind=DemocracyKind.PUBLIC_DISCLOSURE,
            title="Công khai dự toán ngân sách phường năm 2026", participants=0, item=items.get("II.7"))),
    ]
    for model, code, values in activities:
        unit = units.get(code)
        if unit is None or model.objects.filter(unit=unit, title=values["title"]).exists():
            continue
        m2m = {}
        if model is CoordinationProgram and "tx-mttq" in units:
            m2m["partners"] = [units["tx-mttq"]]
        if model is DisseminationEvent and values["title"].startswith("Hội nghị quán triệt"):
            m2m["documents"] = list(Document.objects.filter(number_key="7-ct/tu"))
        services.record_activity(actor=None, model=model, unit=unit, m2m=m2m, **values)
