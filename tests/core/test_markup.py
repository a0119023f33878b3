"""Text with < and > is ordinary writing; only real markup is refused."""

from __future__ import annotations

import pytest

from danvan.core.vntext import looks_like_markup

TEXT = [
    "a<b và c>d",
    "diện tích < 50 m² và chiều cao > 3 m",
    "x<y",
    "1 < 2 > 0",
    "<<Đơn khiếu nại>>",
    "Điều 28 <Luật Tiếp công dân>",
    "a <b và c> d",
    "mũi tên -> và <-",
    "ông A <ông B",
    "",
]
MARKUP = [
    "<script>alert(1)</script> đèn hỏng",
    "<SCRIPT src=//x.example/a.js></SCRIPT>",
    "<b>đậm</b>",
    "xuống dòng<br/>",
    "<img src=x onerror=alert(1)>",
    '<a href="https://x.example">bấm</a>',
    "<iframe src=//x>",
    "<svg onload=alert(1)>",
    "<!-- ghi chú -->",
    "<div class='x'>",
    "bấm vào đây javascript:alert(1)",
    '<p onclick="alert(1)">',
    "< script >",
]


@pytest.mark.parametrize("text", TEXT)
def test_ordinary_writing_is_not_markup(text):
    assert not looks_like_markup(text)


@pytest.mark.parametrize("text", MARKUP)
def test_markup_is_recognised(text):
    assert looks_like_markup(text)
