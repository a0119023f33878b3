"""Every kind of outgoing document passes the Decree 30/2020 format check, and each is signed by the issuing
unit's leader as its level requires — never by the officer who prints it.

Kinds: plan (KH), plan progress report (BC), a unit's report (BC), the consolidated report (BC), the petition
register (BC), the reception book extract (BC), dialogue minutes (BB), and the three notices of a case
(acceptance TB, non-acceptance TB, forwarding slip PC). Each .docx is reopened with python-docx.
"""

from __future__ import annotations

from datetime import date, datetime
from io import BytesIO
from zoneinfo import ZoneInfo

import docx
import pytest
from docx.shared import Mm

from danvan.documents.render import check_docx
from danvan.org import clock
from danvan.org.models import Staff
from danvan.petitions import notices
from danvan.petitions import services as petition_services
from danvan.petitions.models import Field
from danvan.plans import demo as plan_demo
from danvan.plans import export as plan_export
from danvan.reception import exports as reception_exports
from danvan.reception import services as reception_services
from danvan.reporting import exports as report_exports
from danvan.reporting import services as report_services
from danvan.reporting.catalogue import PLAN_307_CODE
from danvan.reporting.models import DeadlinePolicy, ReportTemplate
from tests.documents.helpers import signer_lines

WHEN = datetime(2026, 11, 20, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
CHAIRMAN = ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]


def place_line(data: bytes) -> str:
    document = docx.Document(BytesIO(data))
    cells = document.tables[0].rows[0].cells
    return next(p.text for p in cells[1].paragraphs if ", ngày " in p.text)


def orientation(data: bytes) -> str:
    section = docx.Document(BytesIO(data)).sections[0]
    return "landscape" if section.page_width > Mm(250) else "portrait"


def _petition(demo_org, users, decision: str, **kw):
    canbo = users["canbo"]
    sub = petition_services.submit_petition(
        actor=canbo, kind="feedback", field=Field.objects.get(code="trat-tu-do-thi"), unit=demo_org["tx-thuong-dinh"],
        channel="web", received_on=clock.today(), subject="Đèn đường hỏng ngõ 12",
        content="Đèn đường ngõ 12 hỏng đã 2 tuần.", petitioners=[{"full_name": "Lê Văn Tám", "address": "Tổ 3"}])
    return petition_services.triage(actor=canbo, petition=sub.petition, decision=decision, **kw)


@pytest.fixture
def documents(demo_org, users):
    """kind → (bytes, expected signer lines, expected place) — one of each outgoing document."""
    canbo, ward, district = users["canbo"], demo_org["tx-thuong-dinh"], demo_org["tx-ubnd"]
    out: dict[str, tuple[bytes, list[str], str]] = {}

    plan = plan_demo.load_plan_307()
    out["plan"] = (plan_export.plan_docx(plan), None, "Thanh Xuân")
    out["plan progress"] = (plan_export.progress_docx(plan, today=date(2026, 11, 27)), [*CHAIRMAN, "Trần Văn Minh"],
                            "Thanh Xuân")

    template = ReportTemplate.objects.get(code=PLAN_307_CODE)
    request = report_services.create_request(
        actor=users["noivu"], template=template, requesting_unit=district, period_kind="yearly", year=2026,
        deadline=date(2026, 11, 30), deadline_policy=DeadlinePolicy.NEXT_WORKDAY, plan_reference="307/KH-UBND")
    submission = report_services.open_submission(actor=None, request=request, unit=ward)
    report_services.save_draft(actor=None, submission=submission, values={"commendation.individuals": "2"},
                               narratives={"II.5": "Tiếp 52 lượt công dân."})
    submission = report_services.submit(actor=users["phuong"], submission=submission, now=WHEN)
    out["unit report"] = (report_exports.submission_docx(submission), [*CHAIRMAN, "Vũ Thị Mai"], "Thượng Đình")
    vhtt = report_services.open_submission(actor=None, request=request, unit=demo_org["tx-vhtt"])
    vhtt = report_services.submit(actor=users["truongphong"], submission=vhtt, now=WHEN)
    out["department report"] = (report_exports.submission_docx(vhtt), ["TRƯỞNG PHÒNG", "Phạm Thị Lan"], "Thanh Xuân")
    report_services.issue_consolidated(actor=users["noivu"], request=request, on=date(2026, 12, 3))
    out["consolidated report"] = (report_exports.consolidated_docx(request), [*CHAIRMAN, "Trần Văn Minh"],
                                  "Thanh Xuân")

    accepted = _petition(demo_org, users, "accept")
    out["petition register"] = (notices.register_docx([accepted], unit=ward), [*CHAIRMAN, "Vũ Thị Mai"],
                                "Thượng Đình")
    for kind, petition in (("acceptance", accepted),
                           ("rejection", _petition(demo_org, users, "archive", reason="duplicate")),
                           ("forwarding", _petition(demo_org, users, "forward",
                                                    forwarded_to="Công an quận Thanh Xuân"))):
        notice = petition_services.issue_notice(actor=canbo, petition=petition, kind=kind)
        people = list(petition.identities.all())
        out[f"notice {kind}"] = (notices.notice_docx(notice, people=people), [*CHAIRMAN, "Vũ Thị Mai"], "Thượng Đình")

    session, _warnings = reception_services.create_session(
        actor=canbo, unit=ward, leader=users["phuong"], date=date(2026, 2, 10), place="Trụ sở UBND phường",
        posted_on=date(2026, 2, 2))
    entry = reception_services.record_entry(
        actor=canbo, session=session, citizen_name="Nguyễn Văn An", citizen_address="Tổ 5, Thượng Đình",
        kind="feedback", summary="Phản ánh đèn chiếu sáng ngõ 72 hỏng.")
    out["reception book"] = (reception_exports.book_docx([entry], canbo, unit=ward, start=date(2026, 1, 1),
                                                         end=date(2026, 12, 31)), [*CHAIRMAN, "Vũ Thị Mai"],
                             "Thượng Đình")

    dialogue = reception_services.create_dialogue(
        actor=canbo, unit=ward, kind="conference", topic="Đối thoại với Nhân dân về chỉnh trang đô thị",
        held_on=date(2026, 6, 12), chaired_by=users["phuong"], participants_count=40,
        minutes="\n".join(f"Ý kiến thứ {i}: người dân phản ánh về vỉa hè, chiếu sáng và thu gom rác." for i in
                          range(1, 30)))
    reception_services.add_commitment(actor=canbo, dialogue=dialogue, text="Lắp đèn ngõ 72", owner_unit=ward,
                                      due_on=date(2026, 6, 30))
    out["dialogue minutes"] = (reception_exports.minutes_docx(dialogue), ["CHỦ TRÌ", "Vũ Thị Mai"], "Thượng Đình")
    return out


def test_every_outgoing_document_passes_the_format_check_and_is_signed_by_the_leader(documents, users):
    # One fixture builds the eleven documents (a minute of work): the three checks share it.
    assert len(documents) == 11
    failing = {kind: check_docx(data) for kind, (data, _signer, _place) in documents.items()}
    assert {kind: v for kind, v in failing.items() if v} == {}

    officer = users["canbo"].full_name
    for kind, (data, expected, place) in documents.items():
        lines = signer_lines(data)
        assert officer not in lines, kind  # the officer who prints never signs
        assert place_line(data).startswith(f"{place}, ngày "), kind
        if expected is not None:
            assert lines == expected, kind
    plan_lines = signer_lines(documents["plan"][0])  # the plan as issued in 2021 keeps its printed signer
    assert plan_lines[-1] == "Võ Đăng Dũng"

    orientations = {kind: orientation(data) for kind, (data, _s, _p) in documents.items()}
    assert orientations.pop("petition register") == "landscape"  # wide tables: landscape pages
    assert orientations.pop("reception book") == "landscape"
    assert set(orientations.values()) == {"portrait"}


def test_a_ward_of_2025_prints_its_own_place_name(demo_org):
    from danvan.documents.issuer import issuer_for

    assert issuer_for(demo_org["hn-khuong-dinh"]).place == "Khương Đình"
    assert issuer_for(demo_org["tx-noi-vu"]).place == "Thanh Xuân"  # a department: its committee's place
    assert issuer_for(demo_org["hn"]).place == "Hà Nội"
    chairman = Staff.objects.get(username="ct-hn-khuong-dinh")
    assert issuer_for(demo_org["hn-khuong-dinh"]).signer.heading_lines == CHAIRMAN
    assert issuer_for(demo_org["hn-khuong-dinh"]).leader == chairman
