"""Report pages: who sees what, the pre-filled form with its sources, actions, downloads, fixed queries."""

from __future__ import annotations

from io import BytesIO

import docx

from danvan.documents.render import check_docx
from danvan.reporting import services
from danvan.reporting.models import Submission, SubmissionStatus


def test_ward_head_opens_prefilled_report_and_submits(client_for, request_2026, users, demo_org):
    client = client_for(users["phuong"])
    html = client.get("/bao-cao/").content.decode()
    assert request_2026.title in html and "Chưa lập" in html
    response = client.post(f"/bao-cao/{request_2026.pk}/lap/")
    submission = Submission.objects.get(request=request_2026, unit=demo_org["tx-thuong-dinh"])
    assert response["Location"] == f"/bao-cao/nop/{submission.pk}/"
    html = client.get(response["Location"]).content.decode()
    assert "Tự động từ dữ liệu danvan: Đã phân công người phụ trách" in html and "Nhập tay" in html
    response = client.post(f"/bao-cao/nop/{submission.pk}/", {
        "version": submission.version, "v-staff.count": "9", "n-II.5": "Tiếp 52 lượt công dân.", "then": "submit"})
    assert "hãy ghi lý do khi sửa" in response.content.decode()  # nothing saved half
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.DRAFT
    response = client.post(f"/bao-cao/nop/{submission.pk}/", {
        "version": submission.version, "v-staff.count": "9", "r-staff.count": "Tính cả hợp đồng",
        "n-II.5": "Tiếp 52 lượt công dân.", "then": "submit"})
    assert response["Location"] == f"/bao-cao/nop/{submission.pk}/?xac-nhan=nop"
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.DRAFT  # saved, waiting for the confirmation
    html = client.get(response["Location"]).content.decode()
    assert 'data-testid="confirm-submit"' in html and "không sửa được báo cáo nữa" in html
    client.post(f"/bao-cao/nop/{submission.pk}/nop/", {"version": submission.version})
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED


def test_officer_saves_but_cannot_submit_and_other_ward_gets_403(client_for, request_2026, users, demo_org):
    submission = services.open_submission(actor=None, request=request_2026, unit=demo_org["tx-thuong-dinh"])
    response = client_for(users["canbo"]).post(f"/bao-cao/nop/{submission.pk}/", {"n-II.1": "x", "then": "submit",
                                                                                        "version": submission.version})
    assert "Chỉ thủ trưởng đơn vị" in response.content.decode()
    assert client_for(users["canbo2"]).get(f"/bao-cao/nop/{submission.pk}/").status_code == 403
    assert client_for(users["canbo2"]).get(f"/bao-cao/{request_2026.pk}/tong-hop/").status_code == 403


def test_coordinator_returns_and_accepts(client_for, request_2026, users, demo_org):
    submission = services.open_submission(actor=None, request=request_2026, unit=demo_org["tx-thuong-dinh"])
    services.submit(actor=users["phuong"], submission=submission)
    client = client_for(users["noivu"])
    client.post(f"/bao-cao/nop/{submission.pk}/tra-lai/", {"comment": ""})
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED
    client.post(f"/bao-cao/nop/{submission.pk}/tra-lai/", {"comment": "Bổ sung số liệu đối thoại."})
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.RETURNED
    html = client_for(users["phuong"]).get(f"/bao-cao/nop/{submission.pk}/").content.decode()
    assert "Bổ sung số liệu đối thoại." in html
    html = client_for(users["canbo"]).get(f"/bao-cao/nop/{submission.pk}/").content.decode()
    assert "thủ trưởng đơn vị (Vũ Thị Mai) nộp lại." in html  # the officer learns who submits


def test_issuing_a_number_asks_for_confirmation(client_for, request_2026, users):
    client = client_for(users["noivu"])
    url = f"/bao-cao/{request_2026.pk}/tong-hop/cap-so/"
    html = client.post(url).content.decode()
    assert 'data-testid="confirm"' in html and "Số đã cấp không thu hồi được" in html
    assert not request_2026.submissions.exclude(doc_number=None).filter(kind="consolidated").exists()
    assert client.post(url, {"confirm": "1"}).status_code == 302
    assert request_2026.submissions.exclude(doc_number=None).filter(kind="consolidated").exists()


def test_pages_run_a_fixed_number_of_queries(client_for, request_2026, users, demo_org,
                                             django_assert_max_num_queries):
    for code in ("tx-thuong-dinh", "tx-khuong-dinh", "tx-ha-dinh", "tx-kim-giang"):
        submission = services.open_submission(actor=None, request=request_2026, unit=demo_org[code])
        services.submit(actor=None, submission=submission)
    client = client_for(users["noivu"])
    submission = Submission.objects.filter(request=request_2026).first()
    for url, limit in [("/bao-cao/", 12), (f"/bao-cao/{request_2026.pk}/", 14),
                       (f"/bao-cao/{request_2026.pk}/tong-hop/", 18), (f"/bao-cao/nop/{submission.pk}/", 20)]:
        with django_assert_max_num_queries(limit):
            assert client.get(url).status_code == 200, url


def test_consolidation_page_and_download(client_for, request_2026, users, demo_org):
    submission = services.open_submission(actor=None, request=request_2026, unit=demo_org["tx-thuong-dinh"])
    services.save_draft(actor=None, submission=submission, values={"commendation.individuals": "3"})
    services.submit(actor=None, submission=submission)
    client = client_for(users["noivu"])
    html = client.get(f"/bao-cao/{request_2026.pk}/tong-hop/").content.decode()
    assert "Đã có 1/" in html and "UBND phường Khương Đình" in html
    response = client.get(f"/bao-cao/{request_2026.pk}/tong-hop.docx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert check_docx(response.content) == []
    assert "BÁO CÁO" in "\n".join(p.text for p in docx.Document(BytesIO(response.content)).paragraphs)
    assert client.get(f"/bao-cao/{request_2026.pk}/tong-hop.xlsx").status_code == 200
    assert client_for(users["chutich"]).get("/bao-cao/tao/").status_code == 200
    assert client_for(users["canbo"]).get("/bao-cao/tao/").status_code == 403


def test_demo_request_shows_three_wards_and_eight_missing_wards(db, demo_org, users, client_for):
    import io

    from danvan.reporting import demo
    from danvan.reporting.models import ReportRequest
    from danvan.reporting.selectors import consolidate

    demo.load(io.StringIO())
    demo.load(io.StringIO())  # idempotent
    request = ReportRequest.objects.get(year=2026)
    result = consolidate(request)
    assert {u.unit.code for u in result.units if not u.is_missing} == {"tx-thuong-dinh", "tx-khuong-dinh",
                                                                       "tx-ha-dinh"}
    missing_wards = [u for u in result.missing if u.unit.level == "commune"]
    assert len(missing_wards) == 8
    assert next(r for r in result.rows if r.indicator.code == "commendation.individuals").display == "8"
    html = client_for(users["noivu"]).get(f"/bao-cao/{request.pk}/tong-hop/").content.decode()
    assert "Đơn vị chưa nộp" in html and "UBND phường Kim Giang" in html
