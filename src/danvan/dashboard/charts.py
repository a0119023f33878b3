"""Charts drawn on the server as SVG pictures (pygal), served as images under the strict CSP.

No script (``js=[]``), a font family with Vietnamese letters, dark lines on white so that a
printed page reads as well as the screen; each chart has a title and a description, and the page
shows the same numbers in a table beside it.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from xml.sax.saxutils import escape

import pygal
from django.core.cache import cache
from pygal.style import Style

FONT = "'Noto Sans', 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif"

STYLE = Style(
    font_family=FONT,
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1f2328",
    foreground_strong="#1f2328",
    foreground_subtle="#57606a",
    opacity="1",
    opacity_hover="1",
    transition="none",
    colors=("#9f1d20", "#1d4f91", "#4d4d4d", "#8a5a00"),
    title_font_size=16,
    label_font_size=12,
    major_label_font_size=12,
    legend_font_size=13,
    value_font_size=11,
)

CONFIG = {"style": STYLE, "js": [], "width": 760, "height": 360, "print_values": True,
          "legend_at_bottom": True, "show_y_guides": True, "truncate_label": -1, "truncate_legend": -1,
          "no_data_text": "Không có số liệu", "dots_size": 4,
          "min_scale": 2, "max_scale": 8, "value_formatter": lambda v: f"{v:g}"}


_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_STYLE_ATTRIBUTE = re.compile(r'\s+style="[^"]*"')


def _with_description(svg: str, description: str) -> str:
    """pygal writes a <title>; add the <desc> that screen readers announce with it.

    pygal's tooltip configuration script is removed (a picture runs no code), so is the style
    attribute of its (then unused) tooltip, and so are its comments (which carry the day it was drawn).
    """
    svg = _STYLE_ATTRIBUTE.sub("", _COMMENT.sub("", _SCRIPT.sub("", svg)))
    marker = "</title>"
    at = svg.find(marker)
    if at < 0:
        return svg
    at += len(marker)
    return svg[:at] + f"<desc>{escape(description)}</desc>" + svg[at:]


#: Drawing is the slowest part of the dashboard (pygal takes longer for four charts than all the
#: figures' queries together: `make bench`); a chart is a pure function of its words and numbers,
#: so the same chart is drawn once and kept in the shared cache for a day.
CACHE_SECONDS = 24 * 3600
_VERSION = f"danvan-chart-1-pygal-{pygal.__version__}"


def _cached(kind: str, title: str, description: str, labels: list[str],
            series: list[tuple[str, list[float]]], draw: Callable[[], str]) -> str:
    inputs = json.dumps([_VERSION, kind, title, description, labels, series], ensure_ascii=False, default=str)
    key = "dashboard-chart:" + hashlib.sha256(inputs.encode()).hexdigest()
    svg = cache.get(key)
    if svg is None:
        svg = draw()
        cache.set(key, svg, CACHE_SECONDS)
    return svg


def line(title: str, description: str, labels: list[str], series: list[tuple[str, list[float]]]) -> str:
    def draw() -> str:
        chart = pygal.Line(title=title, x_labels=labels, **CONFIG)
        for name, values in series:
            chart.add(name, values)
        return _with_description(chart.render(is_unicode=True), description)

    return _cached("line", title, description, labels, series, draw)


def bars(title: str, description: str, labels: list[str], series: list[tuple[str, list[float]]]) -> str:
    def draw() -> str:
        # pygal draws the first label at the bottom: reversed, the chart reads top-down in the
        # table's order (units with overdue cases first).
        chart = pygal.HorizontalBar(title=title, x_labels=labels[::-1],
                                    **{**CONFIG, "height": max(240, 90 + 34 * len(labels) * max(1, len(series)))})
        for name, values in series:
            chart.add(name, values[::-1])
        return _with_description(chart.render(is_unicode=True), description)

    return _cached("bars", title, description, labels, series, draw)
