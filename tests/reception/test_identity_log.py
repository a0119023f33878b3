"""Every view of a denouncer's identity on a reception line is recorded; only the unit head reads the log."""

from __future__ import annotations

import pytest

from danvan.reception import services
from danvan.reception.models import EntryIdentityView


@pytest.fixture
def denunciation(session, users):
    return services.record_entry(actor=users["canbo"], session=session, citizen_name="Hoàng Minh Đức",
                                 citizen_address="Tổ 12", id_number="001078099999", kind="denunciation",
                                 summary="Tố cáo cán bộ địa chính thu tiền ngoài quy định")


def test_each_page_that_shows_the_identity_records_who_when_which_and_where(client_for, users, session,
                                                                             denunciation):
    services.record_entry(actor=users["canbo"], session=session, citizen_name="Lê Văn Phản Ánh", kind="feedback",
                          summary="Đèn hỏng")
    client = client_for(users["canbo"])
    for url in (denunciation.get_absolute_url() + "?danh-tinh=1", f"/tiep-cong-dan/so/{denunciation.pk}/sua/",
                session.get_absolute_url(), "/tiep-cong-dan/so/", "/tiep-cong-dan/so/xuat.xlsx",
                "/tiep-cong-dan/so/xuat.docx"):
        assert client.get(url).status_code == 200, url
    views = list(EntryIdentityView.objects.order_by("pk"))
    assert [v.context for v in views] == [
        "Trang lượt tiếp công dân", "Sửa lượt tiếp công dân", "Trang buổi tiếp công dân", "Sổ tiếp công dân",
        "Xuất sổ tiếp công dân (.xlsx)", "Xuất sổ tiếp công dân (.docx)"]
    assert {(v.entry_id, v.staff_id) for v in views} == {(denunciation.pk, users["canbo"].pk)}
    assert all(v.at is not None for v in views)


def test_nothing_is_logged_where_the_identity_is_not_shown(client_for, users, session, denunciation):
    for username in ("chutich", "kiemtra"):
        client = client_for(users[username])
        for url in (denunciation.get_absolute_url(), session.get_absolute_url(), "/tiep-cong-dan/so/"):
            client.get(url)
    assert not EntryIdentityView.objects.exists()


def test_entry_page_hides_the_identity_until_asked_then_logs_each_reveal(client_for, users, denunciation):
    url = denunciation.get_absolute_url()
    for username in ("canbo", "phuong"):  # the receiving officer and the ward's head: hidden by default all the same
        html = client_for(users[username]).get(url).content.decode()
        assert "Hoàng Minh Đức" not in html and "001078099999" not in html and "Tổ 12" not in html, username
        assert 'data-testid="reveal-identity"' in html, username
    assert not EntryIdentityView.objects.exists()
    client = client_for(users["canbo"])
    for _i in range(2):
        html = client.get(url + "?danh-tinh=1").content.decode()
        assert "Hoàng Minh Đức" in html and "001078099999" in html and 'data-testid="reveal-identity"' not in html
    views = list(EntryIdentityView.objects.all())
    assert len(views) == 2 and {(v.entry_id, v.staff_id, v.context) for v in views} == {
        (denunciation.pk, users["canbo"].pk, "Trang lượt tiếp công dân")}
    # Whoever may not see it gets neither the identity nor the button, however they ask; nothing is logged.
    for username in ("chutich", "kiemtra", "admin"):
        html = client_for(users[username]).get(url + "?danh-tinh=1").content.decode()
        assert "Hoàng Minh Đức" not in html and "001078099999" not in html, username
        assert 'data-testid="reveal-identity"' not in html, username
    assert EntryIdentityView.objects.count() == 2


def test_other_kinds_show_who_came_straight_away_without_a_log(client_for, users, session):
    entry = services.record_entry(actor=users["canbo"], session=session, citizen_name="Lê Văn Phản Ánh",
                                  kind="feedback", summary="Đèn hỏng")
    html = client_for(users["canbo"]).get(entry.get_absolute_url()).content.decode()
    assert "Lê Văn Phản Ánh" in html and 'data-testid="reveal-identity"' not in html
    assert not EntryIdentityView.objects.exists()


def test_log_is_listed_for_the_unit_head_only(client_for, users, denunciation):
    client_for(users["canbo"]).get(denunciation.get_absolute_url() + "?danh-tinh=1")
    head = client_for(users["phuong"]).get(denunciation.get_absolute_url() + "?danh-tinh=1").content.decode()
    assert 'data-testid="identity-log"' in head
    log = head.split('data-testid="identity-log"')[1].split("</ul>")[0]
    assert "Đỗ Minh Tuấn" in log and "Vũ Thị Mai" in log and "Trang lượt tiếp công dân" in log
    for username in ("canbo", "chutich", "kiemtra", "admin"):
        html = client_for(users[username]).get(denunciation.get_absolute_url()).content.decode()
        assert 'data-testid="identity-log"' not in html, username


def test_no_log_section_on_other_kinds(client_for, users, session):
    entry = services.record_entry(actor=users["canbo"], session=session, citizen_name="A", kind="complaint",
                                  summary="Khiếu nại")
    html = client_for(users["phuong"]).get(entry.get_absolute_url()).content.decode()
    assert 'data-testid="identity-log"' not in html
    assert not EntryIdentityView.objects.exists()


def test_book_logs_in_one_query_whatever_the_number_of_lines(client_for, users, session,
                                                             django_assert_max_num_queries):
    def add(n):
        for i in range(n):
            services.record_entry(actor=users["canbo"], session=session, citizen_name=f"Người {i}",
                                  kind="denunciation", summary=f"Tố cáo {i}")

    client = client_for(users["canbo"])
    add(2)
    with django_assert_max_num_queries(20) as few:
        client.get("/tiep-cong-dan/so/")
    add(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/tiep-cong-dan/so/")
    assert EntryIdentityView.objects.count() == 2 + 22


def test_lists_and_exports_never_show_a_denouncer_to_anyone_without_the_permission(client_for, users, session,
                                                                                  denunciation):
    """The book, the session page, search and both exports, for every demo user who may not see the identity."""
    from io import BytesIO

    import docx
    import openpyxl

    from danvan.org import policy

    urls = ("/tiep-cong-dan/so/", session.get_absolute_url(), "/tiep-cong-dan/so/?q=hoang+minh+duc",
            "/tiep-cong-dan/so/?q=00107809", "/tiep-cong-dan/so/xuat.xlsx", "/tiep-cong-dan/so/xuat.docx",
            denunciation.get_absolute_url() + "?danh-tinh=1")
    others = [u for u in users.values() if not policy.can(u, "reception.identity", denunciation)]
    assert {"chutich", "kiemtra", "canbo2"} <= {u.username for u in others}
    for user in others:
        client = client_for(user)
        for url in urls:
            response = client.get(url)
            body = response.content
            if response.status_code == 200 and url.endswith(".xlsx"):
                body = "".join(str(c.value) for row in openpyxl.load_workbook(BytesIO(body)).active.iter_rows()
                               for c in row).encode()
            if response.status_code == 200 and url.endswith(".docx"):
                document = docx.Document(BytesIO(body))
                body = "".join([p.text for p in document.paragraphs] + [
                    c.text for t in document.tables for r in t.rows for c in r.cells]).encode()
            assert "Hoàng Minh Đức".encode() not in body and b"001078099999" not in body, (user.username, url)
    assert not EntryIdentityView.objects.exists()
