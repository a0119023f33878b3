"""Inspection pages: who sees what, refusals on direct links, one record per form, fixed query counts."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.inspections import selectors, services
from danvan.inspections.models import (
    Assessment,
    ChecklistLine,
    EvidenceFile,
    Finding,
    Inspection,
    Proposal,
    ProposalKind,
    Recommendation,
    TeamMember,
    TeamRole,
)
from danvan.org.models import Role, Staff

from ..once_helpers import post_twice

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture
def concluded(running, wards, users, freeze_clock):
    """Findings at both wards (a shortfall at Khương Đình), one recommendation each, concluded on 05/10/2026."""
    for ward in wards:
        for index, line in enumerate(running.checklist.all()):
            bad = ward.code == "tx-khuong-dinh" and index == 1
            services.record_finding(
                actor=users["kiemtra"], inspection=running, line=line, unit=ward,
                assessment=Assessment.NOT_MET if bad else Assessment.MET,
                note="Sổ tiếp công dân ghi thiếu kết quả ở 6 lượt." if bad else "",
                files=[SimpleUploadedFile(f"bb-{ward.code}.pdf", PDF)] if index == 0 else [])
    services.add_recommendation(actor=users["noivu"], inspection=running, unit=wards[0], owner=users["phuong"],
                                text="Niêm yết lịch tiếp công dân trên trang thông tin điện tử.", due_workdays=10)
    services.add_recommendation(actor=users["noivu"], inspection=running, unit=wards[1],
                                text="Bổ sung kết quả giải quyết vào sổ tiếp công dân.", due_workdays=10)
    services.add_proposal(actor=users["noivu"], inspection=running, kind=ProposalKind.ACCOUNTABILITY,
                          subject_unit=wards[1], facts="Sổ tiếp công dân ghi không đầy đủ.")
    freeze_clock(date(2026, 10, 5))
    services.conclude(actor=users["noivu"], inspection=running, summary="Cơ bản tốt.")
    freeze_clock(date(2026, 11, 27))
    return Inspection.objects.get(pk=running.pk)


def test_planners_see_every_unit_and_the_proposals(client_for, concluded, users):
    page = client_for(users["noivu"]).get(concluded.get_absolute_url()).content.decode()
    assert "UBND phường Thượng Đình" in page and "UBND phường Khương Đình" in page
    assert "Sổ tiếp công dân ghi thiếu kết quả ở 6 lượt." in page
    assert "Đề xuất xử lý trách nhiệm" in page
    assert "Số 01/TB-UBND ngày 05/10/2026" in page
    assert "quá hạn" in page  # both recommendations were due 19/10/2026


def test_an_inspected_ward_sees_its_own_findings_and_recommendations_only(client_for, concluded, users):
    client = client_for(users["canbo"])  # an officer of Thượng Đình
    page = client.get(concluded.get_absolute_url()).content.decode()
    assert "Bạn xem kết quả kiểm tra của đơn vị mình." in page
    assert "Sổ tiếp công dân ghi thiếu kết quả ở 6 lượt." not in page
    assert "Niêm yết lịch tiếp công dân" in page and "Bổ sung kết quả giải quyết" not in page
    assert "Đề xuất xử lý trách nhiệm" not in page
    other = Recommendation.objects.get(unit__code="tx-khuong-dinh")
    assert client.get(other.get_absolute_url()).status_code == 403
    khuong_dinh = concluded.units.get(code="tx-khuong-dinh")
    assert client.get(f"/kiem-tra/{concluded.pk}/don-vi/{khuong_dinh.pk}/").status_code == 403
    listing = client.get("/kiem-tra/kien-nghi/").content.decode()
    assert "Niêm yết lịch tiếp công dân" in listing and "Bổ sung kết quả giải quyết" not in listing


def test_evidence_of_another_units_finding_is_refused(client_for, concluded, users):
    mine = EvidenceFile.objects.get(finding__unit__code="tx-thuong-dinh")
    theirs = EvidenceFile.objects.get(finding__unit__code="tx-khuong-dinh")
    client = client_for(users["canbo"])
    response = client.get(f"/kiem-tra/minh-chung/{mine.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert "minh-chung-kiem-tra-ubnd-phuong-thuong-dinh" in response["Content-Disposition"]
    assert client.get(f"/kiem-tra/minh-chung/{theirs.pk}/").status_code == 403
    outsider = users["ct-tx-ha-dinh"]
    assert client_for(outsider).get(f"/kiem-tra/minh-chung/{mine.pk}/").status_code == 403
    assert client_for(outsider).get(concluded.get_absolute_url()).status_code == 403
    assert "Kiểm tra công tác dân vận chính quyền" not in client_for(outsider).get("/kiem-tra/").content.decode()


def test_the_conclusion_downloads_as_a_checked_docx(client_for, concluded, users):
    from danvan.documents.render.check import check_docx

    response = client_for(users["canbo2"]).get(f"/kiem-tra/{concluded.pk}/ket-luan.docx")
    assert response.status_code == 200
    assert check_docx(response.content) == []
    assert "ket-luan-kiem-tra-01-TB-UBND-20261005.docx" in response["Content-Disposition"]


def test_a_ward_answers_and_reports_done_through_its_page(client_for, concluded, users):
    rec = Recommendation.objects.get(unit__code="tx-thuong-dinh")
    client = client_for(users["phuong"])
    page = client.get(rec.get_absolute_url()).content.decode()
    assert "19/10/2026 — 10 ngày làm việc kể từ ngày kết luận" in page
    response = client.post(f"/kiem-tra/kien-nghi/{rec.pk}/hoan-thanh/", {
        "done_on": "20/11/2026", "note": "Đã niêm yết.", "version": rec.version,
        "files": SimpleUploadedFile("thong-bao.pdf", PDF)})
    assert response.status_code == 302
    rec.refresh_from_db()
    assert rec.status == "rec_done" and rec.done_late
    page = client.get(rec.get_absolute_url()).content.decode()
    assert "sau hạn" in page and "thong-bao.pdf" in page


def test_creating_an_inspection_posted_twice_is_one_inspection(client_for, plan, wards, users, demo_org):
    items = plan.items.filter(path__in=["II.5"])
    post_twice(client_for(users["noivu"]), "/kiem-tra/them/", {
        "title": "Kiểm tra việc tiếp công dân quý IV", "lead_unit": demo_org["tx-noi-vu"].pk,
        "units": [w.pk for w in wards], "plan": plan.pk, "items": [i.pk for i in items],
        "start_on": "01/12/2026", "end_on": "05/12/2026", "period_start": "01/01/2026",
        "period_end": "30/11/2026"}, Inspection)
    assert Inspection.objects.get().checklist.count() >= 3


def test_bad_input_says_what_to_fix_and_saves_nothing(client_for, plan, wards, users, demo_org):
    response = client_for(users["noivu"]).post("/kiem-tra/them/", {
        "title": "<script>alert(1)</script>", "lead_unit": demo_org["tx-noi-vu"].pk, "units": [wards[0].pk],
        "start_on": "05/12/2026", "end_on": "01/12/2026", "period_start": "2026-13-01", "period_end": "30/11/2026"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "không được chứa thẻ HTML" in page or "Ngày không hợp lệ" in page
    assert "Ngày không hợp lệ: hãy nhập theo dạng dd/mm/yyyy." in page
    assert not Inspection.objects.exists()


def test_team_lines_recommendations_and_proposals_posted_twice_make_one_each(client_for, running, wards, users):
    client = client_for(users["noivu"])
    page = running.get_absolute_url()
    post_twice(client, page, {"line-text": "Có sổ theo dõi kiến nghị của Nhân dân."}, ChecklistLine,
               action=f"/kiem-tra/{running.pk}/tieu-chi/")
    post_twice(client, page, {"rec-unit": wards[0].pk, "rec-text": "Lập sổ theo dõi.", "rec-due_workdays": "15"},
               Recommendation, action=f"/kiem-tra/{running.pk}/kien-nghi/")
    post_twice(client, page, {"prop-kind": "commendation", "prop-subject_unit": wards[0].pk,
                              "prop-facts": "Tiếp dân tốt."}, Proposal, action=f"/kiem-tra/{running.pk}/de-xuat/")
    line = running.checklist.first()
    post_twice(client_for(users["kiemtra"]), f"/kiem-tra/{running.pk}/don-vi/{wards[0].pk}/", {
        "line": line.pk, f"f{line.pk}-assessment": "met"}, Finding)


def test_team_member_added_once(client_for, drafted, users):
    post_twice(client_for(users["noivu"]), drafted.get_absolute_url(), {
        "team-staff": users["chutich"].pk, "team-role": "team_member"}, TeamMember,
        action=f"/kiem-tra/{drafted.pk}/doan/")


def test_pages_read_a_fixed_number_of_queries(concluded, users, wards, django_assert_max_num_queries):
    def count(fn):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            fn()
        return len(ctx.captured_queries)

    user = users["noivu"]
    page_before = count(lambda: selectors.inspection_page(user, concluded.pk))
    list_before = count(lambda: list(selectors.recommendation_list(user)))
    inspections_before = count(lambda: [list(i.units.all()) for i in selectors.inspection_list(user)])
    for n in range(5):
        line = ChecklistLine.objects.create(inspection=concluded, text=f"Tiêu chí thêm {n}", order=100 + n)
        for ward in wards:
            Finding.objects.create(inspection=concluded, line=line, unit=ward, assessment="met")
        Recommendation.objects.create(inspection=concluded, unit=wards[n % 2], text=f"Kiến nghị {n}",
                                      due_on=date(2026, 12, 1))
    with django_assert_max_num_queries(page_before):
        selectors.inspection_page(user, concluded.pk)
    with django_assert_max_num_queries(list_before):
        list(selectors.recommendation_list(user))
    with django_assert_max_num_queries(inspections_before):
        [list(i.units.all()) for i in selectors.inspection_list(user)]


def test_a_team_member_from_another_office_reads_every_inspected_units_findings(client_for, drafted, users, wards,
                                                                               freeze_clock):
    """The team is named by the inspection, not by the unit tree: a member seconded from an office that neither
    issued the inspection nor holds the wards in its scope still reads and records what the team found."""
    services.add_team_member(actor=users["noivu"], inspection=drafted, staff=users["truongphong"],
                             role=TeamRole.MEMBER)
    running = services.approve(actor=users["noivu"], inspection=drafted, today=date(2026, 9, 5))
    freeze_clock(date(2026, 9, 14))
    running = services.start(actor=users["noivu"], inspection=running)
    line = running.checklist.first()
    services.record_finding(actor=users["truongphong"], inspection=running, line=line, unit=wards[1],
                            assessment=Assessment.NOT_MET, note="Chưa niêm yết nội quy tiếp công dân.",
                            files=[SimpleUploadedFile("bien-ban.pdf", PDF)])
    evidence = EvidenceFile.objects.get(finding__unit=wards[1])
    member = client_for(users["truongphong"])
    response = member.get(f"/kiem-tra/minh-chung/{evidence.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    page = member.get(f"/kiem-tra/{running.pk}/don-vi/{wards[1].pk}/").content.decode()
    assert "Chưa niêm yết nội quy tiếp công dân." in page
    # Another head of office, not on the team, reads none of it.
    outsider = Staff.objects.create(username="tp-tu-phap", full_name="Trưởng phòng Tư pháp", role=Role.UNIT_HEAD,
                                    unit=wards[1].parent.children.get(code="tx-tu-phap"))
    assert client_for(outsider).get(f"/kiem-tra/minh-chung/{evidence.pk}/").status_code == 403
