"""Vietnamese names of the rules table's codes: the kinds of case and the milestones.

The rules table (``core/data/deadline_rules.json`` and the database rows) keys each time limit by a
kind and a milestone written as short English codes; pages show these names instead.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

KIND_LABELS = {
    "complaint": _("Khiếu nại lần đầu"),
    "complaint-2": _("Khiếu nại lần hai"),
    "denunciation": _("Tố cáo"),
    "petition": _("Kiến nghị, phản ánh"),
    "reception": _("Tiếp công dân"),
    "disclosure": _("Công khai thông tin"),
}

MILESTONE_LABELS = {
    "file": _("Gửi đơn"),
    "accept": _("Thụ lý"),
    "resolve": _("Giải quyết"),
    "send": _("Gửi quyết định giải quyết"),
    "appeal": _("Khiếu nại tiếp hoặc khởi kiện"),
    "final": _("Quyết định có hiệu lực pháp luật"),
    "triage": _("Xử lý ban đầu"),
    "forward": _("Chuyển đơn"),
    "notify": _("Thông báo thụ lý"),
    "extend": _("Gia hạn"),
    "conclude": _("Gửi kết luận"),
    "publish": _("Công khai"),
    "reply": _("Trả lời người được tiếp"),
    "forwarded": _("Thông báo kết quả cho nơi chuyển đến"),
    "post": _("Niêm yết lịch tiếp"),
}


def kind_label(code: str) -> str:
    return str(KIND_LABELS.get(code, code))


def milestone_label(code: str) -> str:
    return str(MILESTONE_LABELS.get(code, code))
