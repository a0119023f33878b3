"""Error pages speak Vietnamese and the 403 page says why: the unit is out of scope, or the role."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import path

from danvan.urls import urlpatterns as project_urls


def _boom(request):
    raise RuntimeError("lỗi thử")


urlpatterns = [*project_urls, path("loi-thu/", _boom)]


def test_403_says_the_record_is_outside_the_users_scope(users, demo_org, client_for):
    other_ward = demo_org["tx-khuong-dinh"]
    response = client_for(users["canbo"]).get(f"/don-vi/{other_ward.pk}/sua/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Bạn không được thêm, sửa đơn vị: bản ghi thuộc một đơn vị ngoài phạm vi của bạn" in html
    assert "UBND phường Thượng Đình và các đơn vị trực thuộc" in html
    assert "Khương Đình" not in html  # nothing about what the refused page guards


def test_403_names_the_role(users, client_for):
    response = client_for(users["canbo"]).get("/thoi-han/quy-tac/them/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "sửa quy tắc thời hạn" in html and "vai trò của bạn là “Cán bộ, công chức”" in html


def test_404_in_vietnamese_with_debug_off(users, client_for, settings):
    settings.DEBUG = False
    response = client_for(users["canbo"]).get("/don-thu/999999/")
    assert response.status_code == 404
    assert "Không tìm thấy trang hoặc bản ghi này" in response.content.decode()


@pytest.mark.urls(__name__)
def test_500_in_vietnamese_with_debug_off(db, settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    response = client.get("/loi-thu/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Hệ thống gặp lỗi" in html and 'lang="vi"' in html and "Server Error" not in html


def test_a_post_too_large_to_read_gets_a_vietnamese_400(users, client_for, settings):
    """A text field over DATA_UPLOAD_MAX_MEMORY_SIZE (10 MB pasted in a note) is refused unread, in Vietnamese."""
    settings.DEBUG = False
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024  # the same refusal as 5 MB, without building 5 MB in a test
    response = client_for(users["canbo"]).post("/don-thu/tiep-nhan/", {"subject": "Đèn hỏng", "content": "x" * 4096})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nội dung gửi quá lớn" in html and "Bad Request" not in html
