"""The PAPI trend chart, drawn on the server as an SVG picture (pygal) the same way as the dashboard's:
no script, a title and a description for screen readers, and the page shows the numbers as a table."""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

import pygal
from pygal.style import Style

FONT = "'Noto Sans', 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif"
STYLE = Style(font_family=FONT, background="#ffffff", plot_background="#ffffff", foreground="#1f2328",
              foreground_strong="#1f2328", foreground_subtle="#57606a", opacity="1", opacity_hover="1",
              transition="none",
              colors=("#9f1d20", "#1d4f91", "#4d4d4d", "#8a5a00", "#1b6e3a", "#6b2c91", "#00607a", "#7a3b00"),
              title_font_size=16, label_font_size=12, major_label_font_size=12, legend_font_size=12,
              value_font_size=11)
_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_STYLE_ATTRIBUTE = re.compile(r'\s+style="[^"]*"')


def trend(title: str, description: str, years: list[int], series: list[tuple[str, list[float | None]]]) -> str:
    chart = pygal.Line(title=title, x_labels=[str(y) for y in years], style=STYLE, js=[], width=760, height=420,
                       legend_at_bottom=True, legend_at_bottom_columns=2, show_y_guides=True, truncate_label=-1,
                       truncate_legend=-1, no_data_text="Không có số liệu", dots_size=3, range=(1, 10),
                       value_formatter=lambda v: f"{v:.2f}".replace(".", ","), allow_interruptions=True)
    for name, values in series:
        chart.add(str(name), values)
    svg = chart.render(is_unicode=True)
    svg = _STYLE_ATTRIBUTE.sub("", _COMMENT.sub("", _SCRIPT.sub("", svg)))
    at = svg.find("</title>")
    if at < 0:
        return svg
    at += len("</title>")
    return svg[:at] + f"<desc>{escape(description)}</desc>" + svg[at:]
