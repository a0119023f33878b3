"""A strict Content-Security-Policy is coming: scripts and styles are static files, never inline."""

from __future__ import annotations

import re
from pathlib import Path

import danvan

TEMPLATES = sorted(Path(danvan.__file__).parent.rglob("templates/**/*.html"))
INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"<style[\s>]", re.I), "<style> block"),
    (re.compile(r"\sstyle\s*=", re.I), 'style="…" attribute'),
    (re.compile(r"\son[a-z]+\s*=", re.I), "event handler attribute"),
]


def test_templates_are_found():
    assert len(TEMPLATES) > 40


def test_no_template_has_inline_scripts_or_styles():
    found = [f"{path.relative_to(Path(danvan.__file__).parent)}: {what}"
             for path in TEMPLATES for pattern, what in INLINE if pattern.search(path.read_text())]
    assert found == []


def test_pages_have_no_inline_scripts_or_styles(client, demo_org):
    for url in ["/dang-nhap/", "/cong-thong-tin/gui/", "/cong-thong-tin/tra-cuu/", "/tiep-can/"]:
        html = client.get(url).content.decode()
        for pattern, what in INLINE:
            assert not pattern.search(html), f"{url}: {what}"
