"""Reception pages: scope (403, empty lists), fixed query counts, exports reopened, identity of denouncers."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import docx
import openpyxl
import pytest

from danvan.documents.render import check_docx
from danvan.reception import services
from danvan.reception.models import ReceptionEntry

PAGES = ["/tiep-cong-dan/", "/tiep-cong-dan/so/", "/tiep-cong-dan/tan-suat/", "/tiep-cong-dan/doi-thoai/",
         "/tiep-cong-dan/doi-thoai/hoi-nghi/?year=2025", "/tiep-cong-dan/buoi/them/", "/tiep-cong-dan/so/them/",
         "/tiep-cong-dan/doi-thoai/them/"]


def _book(session, users, n: int, kind: str = "feedback") -> list[ReceptionEntry]:
    return [services.record_entry(actor=users["canbo"], session=session, citizen_name=f"Công dân {i}",
                                  citizen_address="Thượng Đình", kind=kind, summary=f"Nội dung số {i}")
            for i in range(n)]


@pytest.mark.parametrize("url", PAGES)
def test_pages_render_in_vietnamese(client_for, users, session, url):
    response = client_for(users["canbo"]).get(url)
    assert response.status_code == 200, url
    assert 'lang="vi"' in response.content.decode()


def test_session_list_is_reachable_from_the_menu(client_for, users):
    html = client_for(users["canbo"]).get("/").content.decode()
    assert 'href="/tiep-cong-dan/"' in html


def test_officer_of_another_ward_gets_403_and_empty_lists(client_for, users, session):
    entry = _book(session, users, 1)[0]
    client = client_for(users["canbo2"])
    assert client.get(f"/tiep-cong-dan/buoi/{session.pk}/").status_code == 403
    assert client.get(f"/tiep-cong-dan/so/{entry.pk}/").status_code == 403
    assert client.post(f"/tiep-cong-dan/buoi/{session.pk}/ghi-so/", {}).status_code == 403
    for url in ("/tiep-cong-dan/", "/tiep-cong-dan/so/", "/tiep-cong-dan/so/xuat.xlsx"):
        body = client.get(url).content
        assert "Công dân 0".encode() not in body
    workbook = openpyxl.load_workbook(BytesIO(client.get("/tiep-cong-dan/so/xuat.xlsx").content))
    assert workbook.active.max_row == 3  # title, blank, header


def test_inspector_sees_but_cannot_write(client_for, users, session):
    client = client_for(users["kiemtra"])
    assert client.get(f"/tiep-cong-dan/buoi/{session.pk}/").status_code == 200
    assert client.get(f"/tiep-cong-dan/buoi/{session.pk}/ghi-so/").status_code == 403


def test_book_runs_a_fixed_number_of_queries(client_for, users, session, django_assert_max_num_queries):
    client = client_for(users["chutich"])
    _book(session, users, 2)
    detail = f"/tiep-cong-dan/buoi/{session.pk}/"
    with django_assert_max_num_queries(12) as captured:
        book = client.get("/tiep-cong-dan/so/")
    small = len(captured.captured_queries)  # read now: the next request resets the connection's log
    with django_assert_max_num_queries(14) as captured:
        assert client.get(detail).status_code == 200
    small_detail = len(captured.captured_queries)
    assert book.context["page"].paginator.count == 2
    _book(session, users, 30, kind="complaint")
    with django_assert_max_num_queries(small):
        book = client.get("/tiep-cong-dan/so/")
    with django_assert_max_num_queries(small_detail):
        page = client.get(detail)
    # What the pages say: the 32 lines of the session, the complaints under their label, never the code.
    assert book.context["page"].paginator.count == 32
    html = book.content.decode()
    assert "Khiếu nại" in html and ">complaint<" not in html
    assert page.content.decode().count("Công dân ") >= 32


LISTS = ["/tiep-cong-dan/", "/tiep-cong-dan/doi-thoai/", "/tiep-cong-dan/tan-suat/?start=2025-01-01&end=2025-06-30",
         "/tiep-cong-dan/doi-thoai/hoi-nghi/?year=2025"]


@pytest.mark.parametrize("url", LISTS)
def test_lists_run_a_fixed_number_of_queries(client_for, users, ward, url, django_assert_max_num_queries):
    client = client_for(users["chutich"])
    services.create_session(actor=None, unit=ward, leader=users["phuong"], date=date(2025, 3, 6), status="held")
    d = services.create_dialogue(actor=None, unit=ward, kind="case", held_on=date(2025, 3, 6), topic="Đối thoại 0")
    services.add_commitment(actor=None, dialogue=d, owner_unit=ward, due_on=date(2025, 4, 1), text="Cam kết")
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        client.get(url)
    for i in range(1, 25):
        day = date(2025, 1, 2 + i % 20)
        services.create_session(actor=None, unit=ward, leader=users["phuong"], date=day, status="held")
        d = services.create_dialogue(actor=None, unit=ward, kind="conference", held_on=day, topic=f"Đối thoại {i}")
        services.add_commitment(actor=None, dialogue=d, owner_unit=ward, due_on=date(2025, 4, 1), text="Cam kết")
    with django_assert_max_num_queries(len(first.captured_queries)):
        assert client.get(url).status_code == 200


def test_entry_form_records_and_shows_the_reply_deadline(client_for, users, session):
    client = client_for(users["canbo"])
    response = client.post(f"/tiep-cong-dan/buoi/{session.pk}/ghi-so/", {
        "received_on": "10/02/2026", "citizen_name": "Lê Thị Thu", "kind": "complaint", "people_count": "1",
        "summary": "Khiếu nại <script>x</script>mức bồi thường", "within_competence": "on"}, follow=True)
    html = response.content.decode()
    assert "Hạn trả lời công dân: 03/03/2026" in html
    assert "<script>x" not in html
    assert ReceptionEntry.objects.get().summary == "Khiếu nại xmức bồi thường"


def test_entry_form_errors_in_vietnamese(client_for, users, session):
    response = client_for(users["canbo"]).post(f"/tiep-cong-dan/buoi/{session.pk}/ghi-so/", {
        "received_on": "31/02/2026", "citizen_name": "", "kind": "feedback", "people_count": "0", "summary": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ngày không hợp lệ" in html and "Hãy nhập họ tên người đến" in html
    assert not ReceptionEntry.objects.exists()
    response = client_for(users["canbo"]).post(f"/tiep-cong-dan/buoi/{session.pk}/ghi-so/", {
        "received_on": "10/02/2026", "citizen_name": "A", "kind": "feedback", "people_count": "0", "summary": "x"})
    assert "Số người phải từ 1" in response.content.decode()


def test_denouncer_identity_hidden_from_the_wider_tree(client_for, users, session):
    entry = services.record_entry(actor=users["canbo"], session=session, citizen_name="Hoàng Minh Đức",
                                  citizen_address="Tổ 12", id_number="001078099999", kind="denunciation",
                                  summary="Tố cáo cán bộ địa chính thu tiền ngoài quy định")
    own = client_for(users["canbo"])
    assert "Hoàng Minh Đức" not in own.get(f"/tiep-cong-dan/so/{entry.pk}/").content.decode()  # until revealed
    assert "Hoàng Minh Đức" in own.get(f"/tiep-cong-dan/so/{entry.pk}/?danh-tinh=1").content.decode()
    for username in ("chutich", "kiemtra"):
        client = client_for(users[username])
        for url in (f"/tiep-cong-dan/so/{entry.pk}/", "/tiep-cong-dan/so/", f"/tiep-cong-dan/buoi/{session.pk}/",
                    f"/tiep-cong-dan/so/{entry.pk}/?danh-tinh=1", "/tiep-cong-dan/so/?q=hoang+minh+duc",
                    "/tiep-cong-dan/so/xuat.xlsx",
                    "/tiep-cong-dan/so/xuat.docx"):
            response = client.get(url)
            assert response.status_code == 200, url
            body = response.content
            if url.endswith(".xlsx"):
                body = "".join(str(c.value) for row in openpyxl.load_workbook(BytesIO(body)).active.iter_rows()
                               for c in row).encode()
            if url.endswith(".docx"):
                body = "".join(c.text for t in docx.Document(BytesIO(body)).tables for r in t.rows
                               for c in r.cells).encode()
            assert "Hoàng Minh Đức".encode() not in body and b"001078099999" not in body, (username, url)
        assert "Hoàng Minh Đức" not in client.get("/tiep-cong-dan/so/?q=hoang").content.decode()
        assert "Tố cáo cán bộ" in client.get("/tiep-cong-dan/so/?q=dia+chinh").content.decode()


def test_book_exports_reopen(client_for, users, session):
    _book(session, users, 3)
    services.record_entry(actor=users["canbo"], session=session, citizen_name="Đoàn hộ dân", kind="recommendation",
                          people_count=12, representatives="A\nB", summary="Kiến nghị bồi thường")
    client = client_for(users["canbo"])
    response = client.get("/tiep-cong-dan/so/xuat.xlsx?start=2026-01-01&end=2026-12-31")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(BytesIO(response.content)).active
    assert "SỔ TIẾP CÔNG DÂN" in sheet["A1"].value
    header = [c.value for c in sheet[3]]
    assert header[:3] == ["STT", "Ngày tiếp", "Họ tên, địa chỉ"] and "Hạn trả lời" in header
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=4)]
    assert len(rows) == 4
    assert rows[0][1].date() == date(2026, 2, 10)
    assert any("(đoàn 12 người)" in r[2] for r in rows)

    response = client.get("/tiep-cong-dan/so/xuat.docx")
    assert check_docx(response.content) == []
    document = docx.Document(BytesIO(response.content))
    assert any("TRÍCH SỔ TIẾP CÔNG DÂN" in p.text.upper() for p in document.paragraphs)
    book = [t for t in document.tables if t.rows[0].cells[0].text == "STT"]
    assert len(book) == 1 and len(book[0].rows) == 5


def test_dialogue_pages_minutes_and_mark_done(client_for, users, ward):
    client = client_for(users["phuong"])
    response = client.post("/tiep-cong-dan/doi-thoai/them/", {
        "unit": ward.pk, "kind": "case", "topic": "Bồi thường GPMB ngõ 72", "held_on": "12/03/2026",
        "chaired_by": users["phuong"].pk, "participants_count": "25"}, follow=True)
    assert "Bồi thường GPMB ngõ 72" in response.content.decode()
    dialogue = response.context["dialogue"]
    client.post(f"/tiep-cong-dan/doi-thoai/{dialogue.pk}/y-kien/", {"issue-raised": "Đơn giá thấp",
                                                                   "issue-answer": "Sẽ rà soát"})
    client.post(f"/tiep-cong-dan/doi-thoai/{dialogue.pk}/cam-ket/", {
        "c-text": "Rà soát đơn giá", "c-owner_unit": ward.pk, "c-due_on": "30/06/2026"})
    commitment = dialogue.commitments.get()
    html = client.get(dialogue.get_absolute_url()).content.decode()
    assert "Đơn giá thấp" in html and "quá hạn" in html
    minutes = client.get(f"/tiep-cong-dan/doi-thoai/{dialogue.pk}/bien-ban.docx").content
    assert check_docx(minutes) == []
    text = "\n".join(p.text for p in docx.Document(BytesIO(minutes)).paragraphs)
    assert "BIÊN BẢN" in text and "Đơn giá thấp" in text
    assert client_for(users["canbo2"]).post(f"/tiep-cong-dan/cam-ket/{commitment.pk}/xong/",
                                            {"done_on": "01/07/2026"}).status_code == 403
    client_for(users["canbo"]).post(f"/tiep-cong-dan/cam-ket/{commitment.pk}/xong/",
                                    {"done_on": "01/07/2026", "note": "Đã trả lời", "version": "1"})
    commitment.refresh_from_db()
    assert commitment.status == "done" and commitment.done_on == date(2026, 7, 1)


def test_conference_page_lists_who_has_not_held_one(client_for, users, demo_org):
    services.create_dialogue(actor=None, unit=demo_org["tx-khuong-dinh"], kind="conference",
                             held_on=date(2025, 4, 18), topic="Hội nghị đối thoại")
    html = client_for(users["noivu"]).get("/tiep-cong-dan/doi-thoai/hoi-nghi/?year=2025").content.decode()
    missing = html.split('data-testid="missing-conferences"')[1].split("</div>")[0]
    assert "10 xã, phường chưa tổ chức" in missing
    assert "UBND phường Thượng Đình" in missing and "UBND phường Khương Đình" not in missing


def test_frequency_page_lists_missed_weeks(client_for, users, ward):
    for day in (date(2025, 6, 5), date(2025, 6, 19)):
        services.create_session(actor=None, unit=ward, leader=users["phuong"], date=day, status="held")
    html = client_for(users["phuong"]).get("/tiep-cong-dan/tan-suat/?start=2025-06-02&end=2025-06-22").content.decode()
    assert "Tuần 24/2025" in html and "Tuần 23/2025" not in html.split("Tuần/tháng chưa tiếp đủ")[1].split(
        "Không tính")[0].replace("Tuần 24/2025", "")


def test_an_entry_page_puts_first_the_step_the_line_calls_for(client_for, users, session):
    """Within competence and no case yet: open the case first (the reply is folded below); guided
    elsewhere: record the answer given; answered: no step left."""
    client = client_for(users["canbo"])
    base = {"received_on": "10/02/2026", "citizen_name": "Lê Thị Thu", "kind": "complaint", "people_count": "1",
            "summary": "Khiếu nại mức bồi thường khi thu hồi đất"}
    client.post(f"/tiep-cong-dan/buoi/{session.pk}/ghi-so/", {**base, "within_competence": "on"})
    ours = ReceptionEntry.objects.get()
    html = client.get(f"/tiep-cong-dan/so/{ours.pk}/").content.decode()
    step = html[html.index('data-testid="next-step"'):].split("</section>")[0]
    assert 'data-testid="create-petition-next"' in step and 'data-testid="reply-form"' not in step
    assert html.index('data-testid="next-step"') < html.index('data-testid="other-actions"')

    client_for(users["canbo"]).post(f"/tiep-cong-dan/buoi/{session.pk}/ghi-so/", {
        **base, "citizen_name": "Trần Văn Bình", "guided_to": "Tòa án nhân dân quận Thanh Xuân"})
    guided = ReceptionEntry.objects.exclude(pk=ours.pk).get()
    html = client.get(f"/tiep-cong-dan/so/{guided.pk}/").content.decode()
    step = html[html.index('data-testid="next-step"'):].split("</section>")[0]
    assert 'data-testid="reply-form"' in step and "create-petition-next" not in step

    client.post(f"/tiep-cong-dan/so/{guided.pk}/tra-loi/", {"replied_on": "12/02/2026", "result": "Đã hướng dẫn",
                                                             "version": guided.version})
    guided.refresh_from_db()
    assert guided.replied_on is not None
    assert 'data-testid="next-step"' not in client.get(f"/tiep-cong-dan/so/{guided.pk}/").content.decode()
