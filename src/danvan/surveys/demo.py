"""Demo satisfaction surveys: each Thanh Xuân ward surveys this year the people whose case it closed
and the people who came to it, with the same ten questions (SIPAS aspects, a conditional question, a
free comment); realistic answers spread over the year, some wards with fewer than the low-sample
threshold; every closed demo case answered but one (so the offer on the tracking page can be seen).
A PAPI series for Hà Nội, marked on every page as demo numbers (not the published ones).

Add-only: a ward's survey is looked up by unit and title and made (with its questions and answers)
only when missing; PAPI rows only for a year that has none. Nothing existing is changed.
"""

from __future__ import annotations

import random
import zlib
from datetime import date, timedelta

from danvan.core import papi
from danvan.org import clock
from danvan.org.models import Unit
from danvan.petitions.demo import MARKER
from danvan.petitions.models import Petition, Status
from danvan.surveys import services
from danvan.surveys.models import PapiScore, QuestionKind, Response, Survey, SurveyStatus, Target

WARDS = ["tx-thuong-dinh", "tx-khuong-dinh", "tx-phuong-liet", "tx-ha-dinh", "tx-khuong-mai", "tx-kim-giang",
         "tx-nhan-chinh", "tx-thanh-xuan-bac", "tx-thanh-xuan-nam", "tx-thanh-xuan-trung", "tx-khuong-trung"]
# responses through the general link and how well each ward serves (probability of a 4–5)
WARD_SHAPE = {"tx-thuong-dinh": (42, 0.82), "tx-khuong-dinh": (36, 0.71), "tx-phuong-liet": (33, 0.76),
              "tx-ha-dinh": (31, 0.88), "tx-khuong-mai": (24, 0.65), "tx-kim-giang": (34, 0.79),
              "tx-nhan-chinh": (38, 0.84), "tx-thanh-xuan-bac": (18, 0.69), "tx-thanh-xuan-nam": (30, 0.74),
              "tx-thanh-xuan-trung": (35, 0.8), "tx-khuong-trung": (12, 0.6)}

RESULT_OPTIONS = ["Có, đáp ứng đầy đủ", "Đáp ứng một phần", "Không đáp ứng"]
QUESTIONS = [
    dict(text="Việc liên hệ với cơ quan (địa điểm, giờ làm việc, cách gửi đơn, số điện thoại) có thuận tiện không?",
         kind=QuestionKind.SCALE, aspect="access"),
    dict(text="Nơi tiếp đón (chỗ ngồi, nước uống, bảng hướng dẫn) có đáp ứng nhu cầu của bạn không?",
         kind=QuestionKind.SCALE, aspect="access"),
    dict(text="Cách xử lý đơn, thủ tục và giấy tờ phải nộp có được công khai, dễ hiểu không?",
         kind=QuestionKind.SCALE, aspect="procedures"),
    dict(text="Cán bộ, công chức tiếp nhận có thái độ lịch sự, tôn trọng bạn không?",
         kind=QuestionKind.SCALE, aspect="civil_servants"),
    dict(text="Cán bộ, công chức có hướng dẫn đầy đủ, dễ hiểu, không gây phiền hà không?",
         kind=QuestionKind.SCALE, aspect="civil_servants"),
    dict(text="Kết quả có được trả lời đúng hẹn không?", kind=QuestionKind.SCALE, aspect="results"),
    dict(text="Kết quả giải quyết có đáp ứng yêu cầu của bạn không?", kind=QuestionKind.SINGLE, aspect="results",
         options="\n".join(RESULT_OPTIONS), satisfied_options=RESULT_OPTIONS[0]),
    dict(text="Cơ quan có tiếp nhận và trả lời góp ý, phản ánh của người dân kịp thời không?",
         kind=QuestionKind.SCALE, aspect="feedback"),
    dict(text="Điều gì chưa đáp ứng yêu cầu của bạn?", kind=QuestionKind.MULTIPLE,
         options="Thời gian giải quyết\nThái độ của cán bộ\nNội dung trả lời\nThủ tục, giấy tờ",
         condition=6, condition_values="Đáp ứng một phần\nKhông đáp ứng"),
    dict(text="Bạn có góp ý gì để cơ quan phục vụ người dân tốt hơn?", kind=QuestionKind.TEXT, required=False),
]
COMMENTS = ["Đề nghị bố trí thêm ghế chờ ở bộ phận một cửa.", "Cán bộ nhiệt tình, hướng dẫn rõ ràng.",
            "Nên nhắn tin báo khi có kết quả.", "Thời gian chờ còn lâu vào sáng thứ Hai.",
            "Đề nghị công khai số điện thoại đường dây nóng của phường.", "Cảm ơn phường đã xử lý nhanh.",
            "Bãi gửi xe máy chật, khó tìm chỗ.", "Trang thông tin của phường nên cập nhật thường xuyên hơn."]
DEFICITS = ["Thời gian giải quyết", "Thái độ của cán bộ", "Nội dung trả lời", "Thủ tục, giấy tờ"]

PAPI_SOURCE = "Số liệu minh họa để thử phần mềm, không phải số liệu của báo cáo PAPI"
# Illustrative scores only (is_demo=True; the pages say so): 6 dimensions to 2017, 8 since 2018.
PAPI_DEMO = {
    2016: ["5,21", "5,62", "5,18", "6,34", "7,05", "7,28"],
    2017: ["5,30", "5,71", "5,25", "6,52", "7,12", "7,35"],
    2018: ["5,12", "5,48", "4,96", "6,61", "7,20", "7,41", "3,92", "1,45"],
    2019: ["5,25", "5,60", "5,02", "6,70", "7,31", "7,52", "3,84", "2,02"],
    2020: ["5,33", "5,52", "4,88", "6,82", "7,38", "7,60", "3,70", "2,61"],
    2021: ["5,08", "5,41", "4,75", "6,64", "7,29", "7,55", "3,66", "3,10"],
    2022: ["5,19", "5,57", "4,91", "6,77", "7,44", "7,68", "3,79", "3,45"],
    2023: ["5,27", "5,66", "5,03", "6,85", "7,50", "7,71", "3,88", "3,72"],
}


def _title(year: int) -> str:
    return f"Khảo sát sự hài lòng của người dân về tiếp nhận, giải quyết phản ánh, kiến nghị năm {year}"


def _scale(rng: random.Random, quality: float) -> str:
    if rng.random() < quality:
        return "5" if rng.random() < 0.45 else "4"
    return rng.choice(["3", "3", "2", "1"])


def _answers(survey: Survey, rng: random.Random, quality: float) -> dict[int, list[str]]:
    questions = list(survey.questions.order_by("order"))
    raw: dict[int, list[str]] = {}
    for q in questions:
        if q.kind == QuestionKind.SCALE:
            raw[q.pk] = [_scale(rng, quality)]
        elif q.kind == QuestionKind.SINGLE:
            roll = rng.random()
            raw[q.pk] = [RESULT_OPTIONS[0] if roll < quality else RESULT_OPTIONS[1] if roll < 0.93 else
                         RESULT_OPTIONS[2]]
        elif q.kind == QuestionKind.MULTIPLE:
            raw[q.pk] = rng.sample(DEFICITS, rng.choice([1, 1, 2]))
        elif rng.random() < 0.3:
            raw[q.pk] = [rng.choice(COMMENTS)]
    return raw


def _ward_survey(unit: Unit, year: int, today: date, closed: list[Petition]) -> int:
    survey = services.create_survey(actor=None, unit=unit, title=_title(year), target=Target.CASES,
                                    starts_on=date(year, 1, 1), ends_on=date(year, 12, 31),
                                    intro="Phiếu không hỏi tên. Ý kiến của bạn giúp phường phục vụ người dân "
                                          "tốt hơn; mỗi người, mỗi hồ sơ trả lời một lần.")
    made = {}
    for order, values in enumerate(QUESTIONS):
        values = dict(values)
        condition = values.pop("condition", None)
        made[order] = services.add_question(actor=None, survey=survey,
                                            condition_question=made[condition] if condition is not None else None,
                                            **values)
    survey = services.set_status(actor=None, survey=survey, version=None, status=SurveyStatus.OPEN)
    count, quality = WARD_SHAPE.get(unit.code, (20, 0.75))
    rng = random.Random(zlib.crc32(f"{unit.code}:{year}".encode()))
    span = max((today - date(year, 1, 1)).days, 0)
    for i in range(count):
        answered_on = date(year, 1, 1) + timedelta(days=rng.randint(0, span))
        services.submit_response(survey=survey, token=f"demo:{unit.code}:{year}:{i}",
                                 raw=_answers(survey, rng, quality), on=answered_on)
    for petition in closed:
        if petition.subject == MARKER or Response.objects.filter(petition=petition).exists():
            continue
        services.submit_response(survey=survey, token=services.case_response_token(petition),
                                 raw=_answers(survey, rng, quality), petition=petition,
                                 on=max(petition.closed_on or today, date(year, 1, 1)))
    return 1


def _papi() -> int:
    made = 0
    for year, printed in PAPI_DEMO.items():
        if PapiScore.objects.filter(province="Hà Nội", year=year).exists():
            continue
        services.save_papi_year(actor=None, province="Hà Nội", year=year, source=PAPI_SOURCE, is_demo=True,
                                printed=dict(zip(papi.dimensions_for(year), printed, strict=True)))
        made += 1
    return made


def load(out) -> None:
    today = clock.today()
    year = today.year
    units = {u.code: u for u in Unit.objects.filter(code__in=WARDS)}
    closed_by_unit: dict[int, list[Petition]] = {}
    for petition in Petition.objects.filter(status=Status.CLOSED, handling_unit__code__in=WARDS,
                                            closed_on__year=year).select_related("handling_unit").order_by("pk"):
        closed_by_unit.setdefault(petition.handling_unit_id, []).append(petition)
    made = 0
    for code in WARDS:
        unit = units.get(code)
        if unit is None or Survey.objects.filter(unit=unit, title=_title(year)).exists():
            continue
        made += _ward_survey(unit, year, today, closed_by_unit.get(unit.pk, []))
    papi_years = _papi()
    out.write(f"Khảo sát sự hài lòng mẫu: {made} phiếu khảo sát mới; PAPI minh họa: {papi_years} năm.\n")
