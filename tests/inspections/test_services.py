"""An inspection from plan to conclusion, as the Internal Affairs office and the wards live it."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document as DocxDocument

from danvan.documents.render.check import check_docx
from danvan.inspections import exports, selectors, services
from danvan.inspections.models import (
    Assessment,
    Inspection,
    InspectionStatus,
    ProposalKind,
    RecommendationStatus,
    TeamRole,
)
from danvan.legal.selectors import current_calendar
from danvan.org.audit import StaleEditError
from danvan.plans.models import TaskStatus

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def pdf(name="bien-ban.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def record_all(inspection, wards, actor, assessment=Assessment.MET):
    for ward in wards:
        for line in inspection.checklist.all():
            services.record_finding(actor=actor, inspection=inspection, line=line, unit=ward, assessment=assessment,
                                    note="" if assessment == Assessment.MET else "Còn thiếu sót.")


def test_the_checklist_is_prefilled_from_the_plan_items_text(drafted):
    lines = list(drafted.checklist.select_related("item"))
    assert {line.item.path for line in lines} == {"II.5", "II.7"}
    texts = [line.text for line in lines]
    assert any("tiếp dân, đối thoại trực tiếp với nhân dân" in t for t in texts)
    assert all(t.endswith(".") and t[0].isupper() for t in texts)
    assert drafted.status == InspectionStatus.DRAFTED
    assert drafted.history.last().history_change_reason == "Lập kế hoạch kiểm tra"


def test_approval_needs_a_head_and_a_checklist(plan, wards, users, demo_org):
    inspection = services.create_inspection(
        actor=users["kiemtra"], title="Kiểm tra đột xuất", lead_unit=demo_org["tx-van-phong"], units=wards[:1],
        start_on=date(2026, 10, 1), end_on=date(2026, 10, 2), period_start=date(2026, 1, 1),
        period_end=date(2026, 9, 30))
    with pytest.raises(ValidationError, match="trưởng đoàn, tiêu chí kiểm tra"):
        services.approve(actor=users["kiemtra"], inspection=inspection)


def test_only_planners_in_scope_plan_and_wards_cannot(plan, wards, users, demo_org):
    values = dict(title="Kiểm tra", lead_unit=demo_org["tx-thuong-dinh"], units=wards[:1], start_on=date(2026, 10, 1),
                  end_on=date(2026, 10, 2), period_start=date(2026, 1, 1), period_end=date(2026, 9, 30))
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.create_inspection(actor=users["phuong"], **values)
    with pytest.raises(ValidationError) as caught:
        services.create_inspection(actor=users["noivu"], **{**values, "units": [], "end_on": date(2026, 9, 1)})
    assert set(caught.value.message_dict) == {"units", "end_on"}
    assert not Inspection.objects.exists()


def test_steps_follow_each_other_and_refuse_a_stale_page(drafted, users):
    drafted.refresh_from_db()
    with pytest.raises(ValidationError, match="bắt đầu kiểm tra"):
        services.start(actor=users["noivu"], inspection=drafted)
    with pytest.raises(StaleEditError):
        services.approve(actor=users["noivu"], inspection=drafted, version=drafted.version - 1)
    approved = services.approve(actor=users["noivu"], inspection=drafted, version=drafted.version)
    assert approved.approved_by == users["noivu"]
    services.start(actor=users["noivu"], inspection=approved)
    with pytest.raises(ValidationError, match="sửa đoàn kiểm tra"):
        services.add_team_member(actor=users["noivu"], inspection=approved, staff=users["chutich"],
                                 role=TeamRole.MEMBER)


def test_a_team_has_one_head(drafted, users):
    with pytest.raises(ValidationError, match="đã có trưởng đoàn"):
        services.add_team_member(actor=users["noivu"], inspection=drafted, staff=users["chutich"], role=TeamRole.HEAD)


def test_findings_keep_the_units_own_figures_and_checked_evidence(running, wards, users, plan):
    from danvan.reception import services as reception

    reception.create_dialogue(actor=None, unit=wards[0], kind="conference", topic="Hội nghị đối thoại năm 2026",
                              held_on=date(2026, 3, 20))
    line = running.checklist.filter(item__path="II.5").order_by("order").first()
    finding = services.record_finding(actor=users["kiemtra"], inspection=running, line=line, unit=wards[0],
                                      assessment=Assessment.MET, files=[pdf()])
    figures = {f["label"]: f["value"] for f in finding.figures}
    assert figures["Số cuộc đối thoại trực tiếp với Nhân dân"] == 1
    assert figures["Số hội nghị đối thoại với Nhân dân (Luật Dân chủ ở cơ sở)"] == 1
    assert "Số đơn thư tiếp nhận" in figures
    evidence = finding.evidence.get()
    assert evidence.content_type == "application/pdf" and evidence.original_name == "bien-ban.pdf"

    fake = SimpleUploadedFile("anh.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg")
    with pytest.raises(ValidationError, match="không đúng loại"):
        services.record_finding(actor=users["kiemtra"], inspection=running, line=line, unit=wards[1],
                                assessment=Assessment.MET, files=[fake])
    with pytest.raises(ValidationError, match="Hãy ghi tồn tại"):
        services.record_finding(actor=users["kiemtra"], inspection=running, line=line, unit=wards[1],
                                assessment=Assessment.NOT_MET)
    assert not running.findings.filter(unit=wards[1]).exists()


def test_a_correction_of_a_finding_refuses_a_stale_version(running, wards, users):
    line = running.checklist.first()
    finding = services.record_finding(actor=users["kiemtra"], inspection=running, line=line, unit=wards[0],
                                      assessment=Assessment.MET)
    services.record_finding(actor=users["kiemtra"], inspection=running, line=line, unit=wards[0],
                            assessment=Assessment.PARTLY, note="Thiếu biên bản.", version=finding.version)
    with pytest.raises(StaleEditError):
        services.record_finding(actor=users["kiemtra"], inspection=running, line=line, unit=wards[0],
                                assessment=Assessment.MET, version=finding.version)
    assert running.findings.get().assessment == Assessment.PARTLY


def test_the_team_records_findings_but_a_ward_does_not(running, wards, users, demo_org):
    from django.core.exceptions import PermissionDenied

    line = running.checklist.first()
    with pytest.raises(PermissionDenied):
        services.record_finding(actor=users["phuong"], inspection=running, line=line, unit=wards[0],
                                assessment=Assessment.MET)
    # A district officer named in the team records too, though not a planner.
    from danvan.org.models import Role, Staff

    member = Staff.objects.create(username="tv-doan", full_name="Phan Thị Yến", unit=demo_org["tx-tu-phap"],
                                  role=Role.OFFICER)
    running.status = InspectionStatus.APPROVED
    running.save()
    services.add_team_member(actor=users["noivu"], inspection=running, staff=member, role=TeamRole.SECRETARY)
    running.refresh_from_db()
    running.status = InspectionStatus.IN_PROGRESS
    running.save()
    services.record_finding(actor=member, inspection=Inspection.objects.get(pk=running.pk), line=line,
                            unit=wards[0], assessment=Assessment.MET)


def test_conclusion_is_numbered_rendered_and_ticks_the_plans_iii3_task(running, wards, users, iii3_task,
                                                                        freeze_clock):
    with pytest.raises(ValidationError, match="chưa ghi kết quả kiểm tra tại"):
        services.conclude(actor=users["kiemtra"], inspection=running, summary="Tốt.")
    record_all(running, wards, users["kiemtra"])
    rec = services.add_recommendation(actor=users["noivu"], inspection=running, unit=wards[1], owner=users["canbo2"],
                                      text="Tổ chức hội nghị đối thoại năm 2026.", due_workdays=20)
    services.add_proposal(actor=users["noivu"], inspection=running, kind=ProposalKind.COMMENDATION,
                          subject_unit=wards[0], facts="Tiếp công dân đủ buổi, đúng hạn.")
    freeze_clock(date(2026, 10, 5))
    concluded = services.conclude(actor=users["kiemtra"], inspection=running,
                                  summary="Các phường thực hiện cơ bản tốt.\nCòn tồn tại về đối thoại.")
    assert concluded.number_text == "01/TB-UBND"
    assert concluded.signer_name == "Trần Văn Minh"
    rec.refresh_from_db()
    assert rec.due_on == current_calendar().add_workdays(date(2026, 10, 5), 20) == date(2026, 11, 2)

    data = exports.conclusion_docx(concluded)
    assert check_docx(data) == []
    reopened = DocxDocument(io.BytesIO(data))
    text = "\n".join([p.text for p in reopened.paragraphs]
                     + [c.text for t in reopened.tables for r in t.rows for c in r.cells])
    assert "Số: 01/TB-UBND" in text and "THÔNG BÁO" in text
    assert "Kết luận kiểm tra: Kiểm tra công tác dân vận chính quyền năm 2026" in text
    assert "TM. ỦY BAN NHÂN DÂN" in text and "Trần Văn Minh" in text
    assert "Đề xuất biểu dương, khen thưởng đối với UBND phường Thượng Đình" in text

    # The inspector may not change the Internal Affairs office's task, yet the conclusion ticks it.
    iii3_task.refresh_from_db()
    assert iii3_task.status == TaskStatus.DONE and iii3_task.completed_on == date(2026, 10, 5)
    assert "kết luận số 01/TB-UBND ngày 05/10/2026" in iii3_task.note
    assert iii3_task.history.first().history_change_reason == "Cập nhật tiến độ nhiệm vụ"

    # A second inspection of the year takes the next number of the same register.
    from danvan.documents.services import reserve_number

    assert reserve_number(issuer=concluded.issuer, type_code="TB", year=2026) == 2


def test_recommendations_are_answered_and_done_with_evidence_by_their_own_unit(running, wards, users, freeze_clock):
    from django.core.exceptions import PermissionDenied

    record_all(running, wards, users["kiemtra"])
    mine = services.add_recommendation(actor=users["noivu"], inspection=running, unit=wards[0],
                                       text="Niêm yết lịch tiếp công dân.", due_workdays=10)
    with pytest.raises(ValidationError, match="sau khi đã ban hành kết luận"):
        services.answer_recommendation(actor=users["phuong"], recommendation=mine, answer="Tiếp thu.")
    freeze_clock(date(2026, 10, 5))
    services.conclude(actor=users["noivu"], inspection=running, summary="Tốt.")
    mine.refresh_from_db()
    assert mine.due_on == date(2026, 10, 19)
    with pytest.raises(PermissionDenied):
        services.answer_recommendation(actor=users["canbo2"], recommendation=mine, answer="Không phải phường tôi.")
    with pytest.raises(PermissionDenied):
        services.complete_recommendation(actor=users["kiemtra"], recommendation=mine, done_on=date(2026, 10, 5),
                                         note="Xong.", files=[pdf()])
    services.answer_recommendation(actor=users["canbo"], recommendation=mine, answer="Phường tiếp thu.")
    freeze_clock(date(2026, 10, 14))
    mine.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        services.complete_recommendation(actor=users["phuong"], recommendation=mine, done_on=date(2026, 10, 20),
                                         note="", files=[])
    assert set(caught.value.message_dict) == {"done_on", "note", "files"}
    done = services.complete_recommendation(actor=users["phuong"], recommendation=mine, done_on=date(2026, 10, 13),
                                            note="Đã niêm yết.", files=[pdf("thong-bao.pdf")],
                                            version=mine.version)
    assert done.status == RecommendationStatus.DONE and not done.done_late
    assert done.evidence.get().original_name == "thong-bao.pdf"
    reasons = [h.history_change_reason for h in done.history.order_by("history_date")]
    assert reasons[-2:] == ["Đơn vị trả lời kiến nghị", "Báo cáo hoàn thành kiến nghị"]


def test_an_open_recommendation_past_its_due_date_is_overdue(running, wards, users, freeze_clock):
    record_all(running, wards, users["kiemtra"])
    rec = services.add_recommendation(actor=users["noivu"], inspection=running, unit=wards[1],
                                      text="Đối thoại với Nhân dân.", due_workdays=10)
    freeze_clock(date(2026, 10, 5))
    services.conclude(actor=users["noivu"], inspection=running, summary="Tốt.")
    rec.refresh_from_db()
    assert not rec.overdue
    freeze_clock(date(2026, 10, 20))
    assert rec.overdue
    assert list(selectors.recommendation_list(users["canbo2"], state="overdue")) == [rec]
    assert list(selectors.recommendation_list(users["canbo"], state="overdue")) == []


def test_proposals_are_read_by_the_emulation_work(running, wards, users, freeze_clock):
    record_all(running, wards, users["kiemtra"])
    services.add_proposal(actor=users["noivu"], inspection=running, kind=ProposalKind.ACCOUNTABILITY,
                          subject_person=users["canbo2"], facts="Chưa tham mưu tổ chức đối thoại.")
    services.add_proposal(actor=users["noivu"], inspection=running, kind=ProposalKind.COMMENDATION,
                          subject_unit=wards[0], facts="Làm tốt công tác tiếp dân.")
    with pytest.raises(ValidationError, match="tập thể hoặc cá nhân"):
        services.add_proposal(actor=users["noivu"], inspection=running, kind=ProposalKind.COMMENDATION, facts="x y")
    assert selectors.proposals(date(2026, 1, 1), date(2026, 12, 31)) == []  # not concluded yet
    freeze_clock(date(2026, 10, 5))
    services.conclude(actor=users["noivu"], inspection=running, summary="Tốt.")
    rows = selectors.proposals(date(2026, 1, 1), date(2026, 12, 31))
    assert [(r.kind, r.subject_person_name or r.subject_unit_name) for r in rows] == [
        ("accountability", "Hoàng Đức Anh"), ("commendation", "UBND phường Thượng Đình")]
    assert rows[0].conclusion_number == "01/TB-UBND"
    assert [r.kind for r in selectors.proposals(date(2026, 1, 1), date(2026, 12, 31),
                                                unit_ids=[wards[1].pk])] == ["accountability"]
    assert [r.kind for r in selectors.proposals(date(2026, 1, 1), date(2026, 12, 31),
                                                kind="commendation")] == ["commendation"]
