"""Cursor pagination: stable under inserts, the same cost on page 1 and page 1,000 (no OFFSET, no COUNT)."""

from __future__ import annotations

from rest_framework.pagination import CursorPagination


class Cursor(CursorPagination):
    ordering = "-pk"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    cursor_query_description = "Con trỏ trang (lấy từ `next`/`previous` của trang trước)."
    page_size_query_description = "Số bản ghi mỗi trang (tối đa 200)."
