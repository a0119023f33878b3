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
    for url in (denunciation.get_absolute_url(), f"/tiep-cong-dan/so/{denunciation.pk}/sua/",
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


def test_log_is_listed_for_the_unit_head_only(client_for, users, denunciation):
    client_for(users["canbo"]).get(denunciation.get_absolute_url())
    head = client_for(users["phuong"]).get(denunciation.get_absolute_url()).content.decode()
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
