"""How to send a petition: which kind is which and what the law asks of each, with the time limits
read from the rules table in force today (so the page changes when a rule changes)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from danvan.core.deadlines import DeadlineError
from danvan.legal.selectors import current_rules


@dataclass
class KindGuide:
    name: str
    what: str
    how: str
    must_contain: list[str] = field(default_factory=list)
    limits: list[str] = field(default_factory=list)
    online: bool = False


def _limit(kind: str, milestone: str, on: date, text: str) -> str | None:
    try:
        rule = current_rules().select(kind, milestone, on)
    except (DeadlineError, LookupError, KeyError):
        return None
    unit = _("ngày làm việc") if rule.unit == "working" else _("ngày")
    source = rule.source.replace("(cần kiểm tra)", "").strip()
    return text % {"n": rule.days, "unit": unit} + f" ({source})."


def kinds(on: date) -> list[KindGuide]:
    def limits(*items: tuple[str, str, str]) -> list[str]:
        return [x for x in (_limit(k, m, on, t) for k, m, t in items) if x]

    return [
        KindGuide(
            name=_("Phản ánh"),
            what=_("Báo cho cơ quan nhà nước biết một vụ việc, một vi phạm hay một điều bất hợp lý "
                   "(đường hỏng, lấn chiếm vỉa hè, ô nhiễm, thái độ của cán bộ…)."),
            how=_("Gửi trực tuyến ngay trên cổng này, không cần tài khoản; hoặc đến nơi tiếp công dân."),
            must_contain=[_("nội dung sự việc, địa điểm"), _("họ tên và cách liên lạc để nhận trả lời")],
            limits=limits(("petition", "triage", _("Cơ quan xem xét, phân loại đơn trong %(n)s %(unit)s"))),
            online=True),
        KindGuide(
            name=_("Kiến nghị"),
            what=_("Đề xuất với cơ quan nhà nước một cách làm, một chính sách hay việc cần giải quyết."),
            how=_("Gửi trực tuyến ngay trên cổng này, không cần tài khoản; hoặc đến nơi tiếp công dân."),
            must_contain=[_("nội dung kiến nghị, lý do"), _("họ tên và cách liên lạc để nhận trả lời")],
            limits=limits(("petition", "triage", _("Cơ quan xem xét, phân loại đơn trong %(n)s %(unit)s"))),
            online=True),
        KindGuide(
            name=_("Khiếu nại"),
            what=_("Đề nghị xem xét lại một quyết định hành chính, hành vi hành chính mà bạn cho là trái "
                   "pháp luật, xâm phạm trực tiếp quyền, lợi ích hợp pháp của mình."),
            how=_("Gửi đơn có chữ ký hoặc điểm chỉ qua bưu chính, hoặc trình bày trực tiếp tại nơi tiếp công dân "
                  "(Điều 8 Luật Khiếu nại 2011)."),
            must_contain=[_("ngày, tháng, năm khiếu nại"), _("họ tên, địa chỉ người khiếu nại"),
                          _("tên cơ quan, người có quyết định, hành vi bị khiếu nại"),
                          _("nội dung, lý do khiếu nại và yêu cầu"), _("chữ ký hoặc điểm chỉ")],
            limits=limits(("complaint", "file", _("Thời hiệu khiếu nại: %(n)s %(unit)s kể từ khi nhận hoặc biết "
                                                  "quyết định, hành vi")),
                          ("complaint", "accept", _("Cơ quan thụ lý khiếu nại lần đầu trong %(n)s %(unit)s")),
                          ("complaint", "resolve", _("Giải quyết khiếu nại lần đầu trong %(n)s %(unit)s kể từ "
                                                     "ngày thụ lý")))),
        KindGuide(
            name=_("Tố cáo"),
            what=_("Báo cho cơ quan có thẩm quyền biết hành vi vi phạm pháp luật của cán bộ, công chức hay "
                   "cơ quan, tổ chức, cá nhân gây thiệt hại đến lợi ích của Nhà nước, quyền, lợi ích hợp pháp "
                   "của người khác."),
            how=_("Gửi đơn có ghi rõ họ tên, địa chỉ qua bưu chính, hoặc tố cáo trực tiếp tại nơi tiếp công dân. "
                  "Tố cáo nặc danh không được xử lý như tố cáo (Điều 25 Luật Tố cáo 2018). Danh tính người tố "
                  "cáo được giữ bí mật (Điều 47 Luật Tố cáo 2018)."),
            must_contain=[_("ngày, tháng, năm tố cáo"), _("họ tên, địa chỉ, cách liên hệ của người tố cáo"),
                          _("hành vi vi phạm pháp luật bị tố cáo"), _("người bị tố cáo và thông tin liên quan")],
            limits=limits(("denunciation", "triage", _("Cơ quan vào sổ, phân loại, kiểm tra điều kiện thụ lý "
                                                       "trong %(n)s %(unit)s")),
                          ("denunciation", "resolve", _("Giải quyết tố cáo trong %(n)s %(unit)s kể từ ngày "
                                                        "thụ lý")))),
    ]
