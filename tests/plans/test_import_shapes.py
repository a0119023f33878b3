"""A ward's plan that cites laws by name and names coordinating units, saved through the service."""

from __future__ import annotations

from pathlib import Path

from danvan.core.planparse import read_plan_file
from danvan.documents.models import Citation, Document
from danvan.org import services as org
from danvan.org.models import Level, UnitKind
from danvan.plans import services
from danvan.plans.models import Assignment, Plan, Task

FIXTURES = Path(__file__).resolve().parents[1] / "core/fixtures"


def _ward_with_offices(demo_org):
    ward = demo_org["hn-thanh-xuan"]
    made = {}
    for code, name, kind in [
        ("hn-tx-vp", "Văn phòng HĐND và UBND phường", UnitKind.OFFICE),
        ("hn-tx-mttq", "Ủy ban MTTQ Việt Nam phường", UnitKind.MASS_ORGANIZATION),
        ("hn-tx-ca", "Công an phường", UnitKind.PUBLIC_SERVICE_UNIT),
        ("hn-tx-kt", "Phòng Kinh tế", UnitKind.DEPARTMENT),
        ("hn-tx-yt", "Trạm Y tế phường", UnitKind.PUBLIC_SERVICE_UNIT),
        ("hn-tx-phu-nu", "Hội Liên hiệp Phụ nữ phường", UnitKind.MASS_ORGANIZATION),
        ("hn-tx-doan", "Đoàn Thanh niên phường", UnitKind.MASS_ORGANIZATION),
    ]:
        made[code] = org.create_unit(actor=None, code=code, name=f"{name} Thanh Xuân", aliases=name,
                                     level=Level.COMMUNE, kind=kind, parent=ward)
    return ward, made


def test_ward_plan_saves_laws_and_coordinating_units(demo_org):
    ward, units = _ward_with_offices(demo_org)
    text = read_plan_file(FIXTURES / "ward_dialogue_laws.txt")
    parsed, issuer = services.parse_with_registry(text, unit=ward)
    plan, created = services.import_plan(parsed, issuer=issuer, source_text=text)
    assert created and plan.place == "Thanh Xuân"
    law = Document.objects.get(number_key="42/2013/qh13")
    assert (law.type_name, law.issuer, law.subject) == ("Luật", "Quốc hội", "Luật Tiếp công dân")
    assert Citation.objects.get(citing=plan.document, cited=law).text == "Luật Tiếp công dân số 42/2013/QH13"
    coordinating = set(Assignment.objects.filter(item__plan=plan, role="coordinate", unit__isnull=False)
                       .values_list("item__path", "unit__code"))
    # "Ủy ban MTTQ Việt Nam phường và các tổ chức chính trị - xã hội phường": the Front and the
    # ward's mass organisations other than the Front.
    front_and_unions = {"hn-tx-mttq", "hn-tx-phu-nu", "hn-tx-doan"}
    assert coordinating == {
        *(("II.1.a", code) for code in front_and_unions), ("II.1.b", "hn-tx-ca"), ("III.1", "hn-tx-yt"),
        *(("III.2", code) for code in front_and_unions),
    }
    task = Task.objects.get(plan=plan, item__path="II.1.a", lead_unit=units["hn-tx-vp"])
    assert set(task.coordinating_units.values_list("code", flat=True)) == front_and_unions
    # Coordinating units do not get a task of their own for the item.
    assert not Task.objects.filter(plan=plan, lead_unit=units["hn-tx-ca"]).exists()
    assert Plan.objects.count() == 1
