"""``danvan generate``: realistic bulk data on top of the demo, for load tests and benchmarks.

What one run adds under a committee of the demo (by default UBND quận Thanh Xuân, ``tx-ubnd``):

- ``units`` new units: about three wards (commune committees) for one department or public service
  unit, with Vietnamese names, their leader and officers (Vietnamese full names, unusable passwords)
  and the person in charge of mass-mobilisation work;
- ``petitions`` petitions spread over the new units, kinds, fields, channels and dates of the year,
  each walked through a plausible life (triage, acceptance, resolution, closing; some late, some
  still open, some anonymous denunciations archived), with the petitioners' identities and some
  ratings;
- reception: weekly (wards) or monthly (departments) sessions of the unit's leader, with some weeks
  missed, about one reception-book line for four petitions, dialogues with issues and commitments;
- plans: a yearly plan of the committee with its items, each new unit's own plan, tasks and
  activities (dissemination, trainings, grassroots democracy, coordination programmes);
- reports: a yearly report request to the new units with a 60-indicator template, and their
  submissions (most sent, some returned, some late, some missing), pre-filled from the figures.

Rows are written by :class:`danvan.datagen.writer.Writer` (COPY on PostgreSQL, ``bulk_create``
elsewhere) and have no history (bulk generated data has no author), but every derived column
is computed with the functions the services use: unit paths, search keys, petition
deadlines (:func:`danvan.petitions.services.recompute_deadlines`), reception reply and posting due
dates, task progress. The same seed on the same database and day gives the same data; a second
run adds a new batch ("đợt") with new codes.
"""

from __future__ import annotations

import hashlib
import random
import sys
from bisect import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import accumulate
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from danvan.core.references import number_key
from danvan.core.vntext import fold
from danvan.datagen.texts import vary
from danvan.datagen.writer import Writer, new, relate
from danvan.legal.selectors import compute_due, current_calendar, pinned
from danvan.org import clock
from danvan.org.models import Level, MobilizationResponsibility, Role, Staff, Unit, UnitKind
from danvan.petitions import daily
from danvan.petitions import services as petition_services
from danvan.petitions.models import (
    COMPLAINT_KINDS,
    Channel,
    Field,
    Kind,
    Outcome,
    Petition,
    PetitionerIdentity,
    Rating,
    Status,
    TriageReason,
)
from danvan.petitions.selectors import invalidate_public_choices
from danvan.plans.models import (
    Audience,
    CoordinationProgram,
    DemocracyKind,
    DisseminationEvent,
    GrassrootsDemocracyEvent,
    Plan,
    PlanItem,
    PlanSection,
    PlanStatus,
    Task,
    TaskKind,
    TaskStatus,
    Training,
    UnitPlan,
    UnitPlanStatus,
)
from danvan.plans.progress import progress_for
from danvan.reception import daily as reception_daily
from danvan.reception import services as reception_services
from danvan.reception.models import (
    Commitment,
    CommitmentStatus,
    Dialogue,
    DialogueIssue,
    DialogueKind,
    EntryKind,
    ReceptionEntry,
    ReceptionSession,
    SessionKind,
    SessionStatus,
    max_representatives,
)
from danvan.reporting import services as report_services
from danvan.reporting import sources
from danvan.reporting.models import (
    DeadlinePolicy,
    NarrativeSection,
    ReportTemplate,
    Submission,
    SubmissionEvent,
    SubmissionKind,
    SubmissionStatus,
    SubmissionValue,
    TemplateIndicator,
    TemplateSection,
)

CODE_PREFIX = "sinh"
BATCH = 2000
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
TEMPLATE_CODE = "du-lieu-sinh-60-chi-tieu"
TEMPLATE_INDICATORS = 60

# --- Vietnamese names ---------------------------------------------------------------------------

SURNAMES = [("Nguyễn", 38), ("Trần", 11), ("Lê", 9), ("Phạm", 7), ("Hoàng", 5), ("Phan", 4), ("Vũ", 4),
            ("Võ", 3), ("Đặng", 2), ("Bùi", 2), ("Đỗ", 2), ("Hồ", 1), ("Ngô", 1), ("Dương", 1), ("Lý", 1),
            ("Đinh", 1), ("Đào", 1), ("Trịnh", 1), ("Mai", 1), ("Lương", 1), ("Tạ", 1), ("Chu", 1), ("Kiều", 1),
            ("Đoàn", 1), ("Lưu", 1), ("Hà", 1), ("Tô", 1), ("Cao", 1)]
MIDDLE_MALE = ["Văn", "Văn", "Văn", "Minh", "Đức", "Quốc", "Hữu", "Công", "Thành", "Xuân", "Ngọc", "Quang", "Mạnh",
               "Tiến", "Đình", "Trọng", "Anh", "Hoàng"]
MIDDLE_FEMALE = ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Phương", "Hồng", "Kim", "Thùy", "Bích",
                 "Mai", "Lan", "Diệu", "Khánh"]
GIVEN_MALE = ["Hùng", "Dũng", "Minh", "Tuấn", "Nam", "Hải", "Long", "Sơn", "Thắng", "Cường", "Hiếu", "Phong",
              "Khánh", "Bình", "Trung", "Quân", "Đạt", "Huy", "Thành", "Tùng", "Việt", "Hoàng", "Phúc", "Lâm",
              "Toàn", "Kiên", "Vinh", "Quyết", "Tài", "Đức"]
GIVEN_FEMALE = ["Hoa", "Lan", "Hương", "Mai", "Hạnh", "Thảo", "Linh", "Trang", "Ngọc", "Hà", "Nga", "Yến", "Oanh",
                "Huyền", "Thủy", "Phương", "Dung", "Loan", "Vân", "Nhung", "Thu", "Quỳnh", "Giang", "Chi", "Anh",
                "Hằng", "Liên", "Tâm", "Duyên", "Nhàn"]

# Ward names of Hà Nội (as they were before or after the 2025 reform); the generator numbers them
# when it runs out ("Phường Yên Hòa 2") and, like many cities, also has numbered wards ("Phường 12").
WARD_NAMES = ["Yên Hòa", "Trung Hòa", "Nghĩa Đô", "Quan Hoa", "Dịch Vọng", "Mai Dịch", "Cát Linh", "Văn Miếu",
              "Láng Thượng", "Ô Chợ Dừa", "Kim Liên", "Trung Liệt", "Thịnh Quang", "Ngã Tư Sở", "Phương Mai",
              "Trung Tự", "Văn Chương", "Hàng Bột", "Quốc Tử Giám", "Khâm Thiên", "Bạch Mai", "Minh Khai",
              "Vĩnh Tuy", "Thanh Lương", "Mai Động", "Tương Mai", "Giáp Bát", "Định Công", "Đại Kim", "Hoàng Liệt",
              "Thịnh Liệt", "Yên Sở", "Lĩnh Nam", "Trần Phú", "Long Biên", "Bồ Đề", "Ngọc Lâm", "Gia Thụy",
              "Phúc Đồng", "Việt Hưng", "Thạch Bàn", "Cự Khối", "Xuân La", "Phú Thượng", "Nhật Tân", "Tứ Liên",
              "Quảng An", "Thụy Khuê", "Bưởi", "Đông Ngạc", "Xuân Đỉnh", "Cổ Nhuế", "Phúc Diễn", "Tây Mỗ",
              "Mễ Trì", "Mỹ Đình", "Phú Đô", "Đại Mỗ", "Kiến Hưng", "Phú Lãm", "Yên Nghĩa", "Văn Quán",
              "Mộ Lao", "Phúc La", "Dương Nội", "La Khê", "Vạn Phúc", "Quang Trung", "Nguyễn Trãi"]
# (name stem, kind, short stem)
AGENCY_NAMES = [
    ("Trung tâm Phục vụ hành chính công khu vực", UnitKind.PUBLIC_SERVICE_UNIT, "TT PVHCC KV"),
    ("Đội Quản lý trật tự đô thị số", UnitKind.DEPARTMENT, "Đội QLTTĐT số"),
    ("Ban Quản lý chợ khu vực", UnitKind.PUBLIC_SERVICE_UNIT, "BQL chợ KV"),
    ("Trạm Y tế khu vực", UnitKind.PUBLIC_SERVICE_UNIT, "Trạm YT KV"),
    ("Phòng Kinh tế, Hạ tầng và Đô thị khu vực", UnitKind.DEPARTMENT, "Phòng KT-HT-ĐT KV"),
    ("Phòng Văn hóa - Xã hội khu vực", UnitKind.DEPARTMENT, "Phòng VH-XH KV"),
    ("Trường Tiểu học số", UnitKind.PUBLIC_SERVICE_UNIT, "TH số"),
    ("Trường Trung học cơ sở số", UnitKind.PUBLIC_SERVICE_UNIT, "THCS số"),
]
HEAD_TITLES = {"Trung tâm": "Giám đốc", "Đội": "Đội trưởng", "Ban": "Trưởng ban", "Trạm": "Trạm trưởng",
               "Phòng": "Trưởng phòng", "Trường": "Hiệu trưởng"}
STREETS = ["Nguyễn Trãi", "Khuất Duy Tiến", "Lê Văn Lương", "Nguyễn Tuân", "Vũ Trọng Phụng", "Kim Giang",
           "Nguyễn Xiển", "Trường Chinh", "Giải Phóng", "Lê Trọng Tấn", "Hoàng Văn Thái", "Khương Trung",
           "Nguyễn Huy Tưởng", "Quan Nhân", "Cự Lộc", "Vương Thừa Vũ", "Chính Kinh", "Nguyễn Ngọc Nại",
           "Tô Vĩnh Diện", "Hạ Đình", "Bùi Xương Trạch", "Lương Thế Vinh", "Nguyễn Văn Trỗi", "Phan Đình Giót"]

# --- petition texts, per field code ("{street}", "{lane}", "{group}" filled in) -------------------

SUBJECTS: dict[str, list[tuple[str, str]]] = {
    "an-sinh-xa-hoi": [
        ("Đề nghị xét trợ cấp xã hội cho người cao tuổi tổ dân phố {group}",
         "Gia đình có người cao tuổi trên 80 tuổi sống một mình tại tổ dân phố {group}, chưa được xét hưởng trợ cấp "
         "xã hội hằng tháng; đề nghị phường xem xét."),
        ("Chậm chi trả trợ cấp hộ nghèo tại ngõ {lane} {street}",
         "Các hộ nghèo ngõ {lane} phố {street} chưa nhận được tiền trợ cấp quý này, đề nghị kiểm tra và chi trả."),
        ("Đề nghị hỗ trợ người khuyết tật đặc biệt nặng",
         "Con tôi khuyết tật đặc biệt nặng, gia đình đã nộp hồ sơ từ lâu nhưng chưa có quyết định hưởng chế độ."),
    ],
    "boi-thuong-gpmb": [
        ("Khiếu nại đơn giá bồi thường đất ở dự án mở rộng đường {street}",
         "Đơn giá bồi thường đất ở của dự án mở rộng đường {street} thấp hơn giá thị trường, đề nghị xem xét lại "
         "phương án bồi thường, hỗ trợ."),
        ("Đề nghị bố trí tái định cư tại chỗ cho các hộ ngõ {lane} {street}",
         "Các hộ bị thu hồi toàn bộ đất ở tại ngõ {lane} phố {street} đề nghị được bố trí tái định cư tại chỗ."),
        ("Chưa nhận tiền hỗ trợ di chuyển mồ mả, tài sản trên đất",
         "Gia đình đã bàn giao mặt bằng đúng hạn nhưng chưa nhận khoản hỗ trợ di chuyển tài sản trên đất."),
    ],
    "phong-chong-dich-benh": [
        ("Ổ dịch sốt xuất huyết tại tổ dân phố {group}",
         "Tổ dân phố {group} có nhiều người mắc sốt xuất huyết, đề nghị phun thuốc diệt muỗi và xử lý ổ bọ gậy."),
        ("Đề nghị tiêm vắc xin cho trẻ tại trạm y tế phường",
         "Trạm y tế thường xuyên hết vắc xin, phụ huynh phải đi nhiều lần; đề nghị bố trí lịch tiêm hợp lý."),
    ],
    "dat-dai": [
        ("Tố cáo việc xây dựng trái phép trên đất nông nghiệp gần đường {street}",
         "Một số hộ xây dựng nhà trên đất nông nghiệp gần đường {street}, chính quyền chưa xử lý dứt điểm."),
        ("Khiếu nại việc chậm cấp giấy chứng nhận quyền sử dụng đất",
         "Gia đình nộp hồ sơ cấp giấy chứng nhận quyền sử dụng đất đã quá thời hạn nhưng chưa có kết quả."),
        ("Tranh chấp ranh giới đất giữa các hộ ngõ {lane} {street}",
         "Hai hộ liền kề ngõ {lane} phố {street} tranh chấp ranh giới đất, đề nghị phường hòa giải, "
         "xác định mốc giới."),
    ],
    "moi-truong": [
        ("Rác thải tồn đọng tại đầu ngõ {lane} {street}",
         "Rác sinh hoạt tồn đọng nhiều ngày tại đầu ngõ {lane} phố {street}, bốc mùi, đề nghị thu gom."),
        ("Xưởng sản xuất gây ô nhiễm tiếng ồn, khói bụi trong khu dân cư",
         "Xưởng gia công trong khu dân cư tổ {group} hoạt động cả đêm, gây ồn và khói bụi."),
        ("Cống thoát nước bị tắc gây ngập phố {street}",
         "Đoạn cống trên phố {street} bị tắc, mưa nhỏ cũng ngập, đề nghị nạo vét."),
    ],
    "trat-tu-do-thi": [
        ("Lấn chiếm vỉa hè kinh doanh trên phố {street}",
         "Các hộ kinh doanh bày hàng kín vỉa hè phố {street}, người đi bộ phải xuống lòng đường."),
        ("Quán karaoke gây ồn sau 23 giờ tại ngõ {lane} {street}",
         "Quán karaoke tại ngõ {lane} phố {street} hát đến khuya nhiều đêm liền, ảnh hưởng đến sinh hoạt "
         "của người dân."),
        ("Xây dựng sai phép tại số {lane} {street}",
         "Công trình tại số {lane} phố {street} xây vượt số tầng được cấp phép, đề nghị kiểm tra xử lý."),
        ("Xe ô tô đỗ tràn lòng đường ngõ {lane} {street}",
         "Ô tô đỗ kín hai bên ngõ {lane} phố {street}, xe cứu hỏa không vào được."),
    ],
    "thu-tuc-hanh-chinh": [
        ("Trả kết quả hồ sơ hộ tịch chậm so với giấy hẹn",
         "Hồ sơ trích lục hộ tịch hẹn 3 ngày nhưng đã 7 ngày chưa có kết quả, đề nghị kiểm tra."),
        ("Cán bộ một cửa yêu cầu bổ sung giấy tờ ngoài quy định",
         "Cán bộ tiếp nhận yêu cầu nộp thêm giấy tờ không có trong danh mục thủ tục đã công khai."),
        ("Đề nghị hướng dẫn nộp hồ sơ trực tuyến",
         "Người cao tuổi không biết nộp hồ sơ trên Cổng dịch vụ công, đề nghị bố trí cán bộ hướng dẫn."),
    ],
    "khac": [
        ("Đề nghị lắp đèn chiếu sáng ngõ {lane} {street}",
         "Ngõ {lane} phố {street} không có đèn chiếu sáng, buổi tối mất an toàn."),
        ("Đề nghị sửa chữa nhà văn hóa tổ dân phố {group}",
         "Nhà văn hóa tổ dân phố {group} xuống cấp, mái dột, đề nghị phường bố trí kinh phí sửa chữa."),
        ("Phản ánh thái độ của cán bộ khi tiếp công dân",
         "Cán bộ tiếp công dân có thái độ thiếu tôn trọng, không hướng dẫn đầy đủ."),
    ],
}
DENOUNCED = [
    ("Tố cáo cán bộ địa chính nhận tiền để xác nhận nguồn gốc đất",
     "Người tố cáo cho biết cán bộ địa chính nhận tiền để xác nhận nguồn gốc đất cho một số hộ tại tổ {group}."),
    ("Tố cáo cán bộ phường làm sai lệch danh sách hộ nghèo",
     "Danh sách hộ nghèo có tên người không đủ điều kiện, người tố cáo cho rằng cán bộ phụ trách đã làm sai lệch."),
    ("Tố cáo việc thu tiền ngoài quy định khi làm thủ tục hành chính",
     "Cán bộ một cửa thu thêm tiền ngoài lệ phí quy định khi làm thủ tục chứng thực."),
]
ANSWERS = {
    Outcome.FIXED: "Đơn vị đã kiểm tra thực tế, xử lý dứt điểm nội dung phản ánh và thông báo cho công dân.",
    Outcome.PARTLY: "Đơn vị đã giải quyết một phần kiến nghị; phần còn lại báo cáo cấp trên xem xét.",
    Outcome.EXPLAINED: "Đơn vị đã giải thích chính sách, quy định pháp luật; không có cơ sở đáp ứng yêu cầu.",
    Outcome.UNFOUNDED: "Kết luận nội dung tố cáo là không đúng; đã thông báo kết quả cho người tố cáo.",
}
ENTRY_SUMMARIES = [
    (EntryKind.COMPLAINT, "Khiếu nại quyết định thu hồi đất và mức bồi thường, hỗ trợ khi giải phóng mặt bằng."),
    (EntryKind.COMPLAINT, "Khiếu nại quyết định xử phạt vi phạm hành chính về trật tự xây dựng."),
    (EntryKind.DENUNCIATION, "Tố cáo cán bộ thu tiền ngoài quy định khi làm thủ tục cấp giấy chứng nhận."),
    (EntryKind.RECOMMENDATION, "Kiến nghị xem xét hỗ trợ người cao tuổi neo đơn theo chính sách an sinh xã hội."),
    (EntryKind.RECOMMENDATION, "Kiến nghị về đơn giá bồi thường đất ở và bố trí tái định cư tại chỗ."),
    (EntryKind.FEEDBACK, "Phản ánh đèn chiếu sáng ngõ hỏng nhiều ngày, gây mất an toàn."),
    (EntryKind.FEEDBACK, "Phản ánh rác thải xây dựng đổ trộm ven đường."),
    (EntryKind.FEEDBACK, "Phản ánh hộ kinh doanh lấn chiếm vỉa hè, gây cản trở giao thông."),
]
PLAN_ITEMS = [
    ("II.1", "Tuyên truyền, phổ biến, quán triệt chủ trương, chính sách về công tác dân vận chính quyền", 2),
    ("II.2", "Rà soát, sắp xếp tổ chức bộ máy, bố trí công chức theo vị trí việc làm", 1),
    ("II.3", "Nâng cao hiệu lực, hiệu quả quản lý nhà nước, giải quyết các vấn đề dân sinh bức xúc", 2),
    ("II.4", "Đẩy mạnh cải cách hành chính, chuyển đổi số; đào tạo, bồi dưỡng kỹ năng dân vận", 2),
    ("II.5", "Tiếp công dân, đối thoại, giải quyết kịp thời khiếu nại, tố cáo, kiến nghị, phản ánh", 3),
    ("II.6", "Phối hợp với Mặt trận Tổ quốc và các tổ chức chính trị - xã hội", 1),
    ("II.7", "Thực hiện dân chủ ở cơ sở; phong trào thi đua “Dân vận khéo”", 2),
]
# Manual indicators that top the generated template up to TEMPLATE_INDICATORS.
# code, label, measure, value_type, aggregate
MANUAL_INDICATORS = [
    ("proposals", "Đề xuất, kiến nghị", "", "text", "concat"),
    ("online_services.rate", "Tỷ lệ hồ sơ thủ tục hành chính nộp trực tuyến", "%", "percentage", "avg"),
    ("emulation.models", "Số mô hình “Dân vận khéo” được công nhận", "mô hình", "integer", "sum"),
    ("inspection.count", "Số cuộc kiểm tra việc thực hiện công tác dân vận", "cuộc", "integer", "sum"),
    ("commendation.collectives", "Số tập thể được biểu dương, khen thưởng", "tập thể", "integer", "sum"),
    ("commendation.individuals", "Số cá nhân được biểu dương, khen thưởng", "người", "integer", "sum"),
    ("papi.score", "Điểm chỉ số PAPI tự đánh giá", "điểm", "decimal", "avg"),
    ("sipas.rate", "Tỷ lệ hài lòng của người dân (SIPAS)", "%", "percentage", "avg"),
    ("conference.delegates", "Số đại biểu dự hội nghị đối thoại đông nhất", "người", "integer", "max"),
    ("hotline.calls", "Số cuộc gọi đường dây nóng", "cuộc", "integer", "sum"),
    ("mediation.cases", "Số vụ việc hòa giải ở cơ sở", "vụ", "integer", "sum"),
    ("mediation.success", "Số vụ việc hòa giải thành", "vụ", "integer", "sum"),
    ("volunteers", "Số tình nguyện viên tham gia các phong trào", "người", "integer", "sum"),
    ("community.meetings", "Số buổi sinh hoạt tổ dân phố có lãnh đạo phường dự", "buổi", "integer", "sum"),
    ("digital.accounts", "Số tài khoản định danh điện tử được hướng dẫn kích hoạt", "tài khoản", "integer", "sum"),
    ("difficulties", "Khó khăn, vướng mắc", "", "text", "concat"),
    ("model.registered", "Đã đăng ký mô hình “Dân vận khéo”", "", "boolean", "count_yes"),
    ("budget.million", "Kinh phí bố trí cho công tác dân vận", "triệu đồng", "decimal", "sum"),
    ("smallest.group", "Số hộ của tổ dân phố nhỏ nhất", "hộ", "integer", "min"),
    ("security.incidents", "Số vụ việc phức tạp về an ninh trật tự", "vụ", "integer", "sum"),
]
REPORT_SECTIONS = [
    ("II.1", "Tuyên truyền, phổ biến, quán triệt"),
    ("II.5", "Tiếp công dân, giải quyết khiếu nại, tố cáo, kiến nghị, phản ánh"),
    ("II.7", "Thực hiện dân chủ ở cơ sở; phong trào “Dân vận khéo”"),
    ("IV", "Khó khăn, vướng mắc và đề xuất, kiến nghị"),
]



class Weighted:
    """``rng.choices(population, weights)[0]`` with the cumulative weights summed once, not at every draw.

    The same arithmetic as :meth:`random.Random.choices` (one ``random()``, a bisection), so
    a seed draws exactly what ``choices`` drew; a case makes about eight such draws.
    """

    __slots__ = ("cum", "hi", "population", "total")

    def __init__(self, population: Sequence[Any], weights: Sequence[float]) -> None:
        self.population = list(population)
        self.cum = list(accumulate(weights))
        self.total = self.cum[-1] + 0.0
        self.hi = len(self.population) - 1

    def __call__(self, rng: random.Random) -> Any:
        return self.population[bisect(self.cum, rng.random() * self.total, 0, self.hi)]


SURNAME_DRAW = Weighted([s for s, _w in SURNAMES], [w for _s, w in SURNAMES])
SCORE_DRAW = Weighted([2, 3, 4, 5], [1, 2, 5, 4])
KIND_DRAW = Weighted([Kind.FEEDBACK, Kind.RECOMMENDATION, Kind.COMPLAINT_FIRST, Kind.COMPLAINT_SECOND,
                      Kind.DENUNCIATION], [45, 25, 15, 3, 12])
CHANNEL_DRAW = Weighted([Channel.IN_PERSON, Channel.WEB, Channel.POST, Channel.HOTLINE, Channel.EMAIL,
                         Channel.FORWARDED], [30, 30, 15, 10, 5, 10])
_OPEN = [Status.ACCEPTED, Status.VERIFYING, Status.DIALOGUE, Status.SUSPENDED]
OPEN_COMPLAINT_DRAW = Weighted(_OPEN, [40, 45, 10, 5])
OPEN_DRAW = Weighted(_OPEN, [40, 45, 0, 5])  # no dialogue outside complaints
DENUNCIATION_OUTCOME_DRAW = Weighted([Outcome.FIXED, Outcome.PARTLY, Outcome.UNFOUNDED], [3, 3, 4])
OUTCOME_DRAW = Weighted([Outcome.FIXED, Outcome.PARTLY, Outcome.EXPLAINED], [6, 2, 2])

def head_title(name: str) -> str:
    """The title of an agency's head: "Hiệu trưởng" of a school, "Giám đốc" of a centre…"""
    for stem, title in HEAD_TITLES.items():
        if name.startswith(stem):
            return title
    return "Thủ trưởng"


def lower_first(text: str) -> str:
    """ "Phường Yên Hòa" → "phường Yên Hòa": only the common noun loses its capital."""
    return text[:1].lower() + text[1:]


def vn_number(n: int) -> str:
    """10000 → "10.000", the Vietnamese thousands separator."""
    return f"{n:,}".replace(",", ".")


@dataclass
class Summary:
    run: int = 0
    units: int = 0
    staff: int = 0
    petitions: int = 0
    identities: int = 0
    ratings: int = 0
    sessions: int = 0
    entries: int = 0
    dialogues: int = 0
    commitments: int = 0
    tasks: int = 0
    activities: int = 0
    submissions: int = 0
    values: int = 0
    unit_ids: list[int] = field(default_factory=list)
    request_id: int | None = None
    plan_id: int | None = None

    def lines(self) -> list[str]:
        return [
            f"Đợt sinh dữ liệu số {self.run}:",
            f"  {vn_number(self.units)} đơn vị, {vn_number(self.staff)} cán bộ",
            f"  {vn_number(self.petitions)} đơn thư ({vn_number(self.identities)} người gửi, "
            f"{vn_number(self.ratings)} lượt đánh giá)",
            f"  {vn_number(self.sessions)} buổi tiếp công dân, {vn_number(self.entries)} lượt tiếp, "
            f"{vn_number(self.dialogues)} cuộc đối thoại ({vn_number(self.commitments)} cam kết)",
            f"  {vn_number(self.tasks)} nhiệm vụ kế hoạch, {vn_number(self.activities)} hoạt động",
            f"  {vn_number(self.submissions)} báo cáo của đơn vị ({vn_number(self.values)} giá trị chỉ tiêu)",
        ]


class Generator:
    def __init__(self, *, units: int, petitions: int, seed: int = 2026, year: int | None = None,
                 parent_code: str = "tx-ubnd", every: int = 10_000,
                 progress: Callable[[str], Any] | None = None, today: date | None = None) -> None:
        if units < 0 or petitions < 0:
            raise ValidationError("Số đơn vị và số đơn thư phải không âm.")
        self.today = today or clock.today()
        self.year = year or self.today.year
        if self.year > self.today.year:
            raise ValidationError(f"Năm {self.year} chưa đến: không sinh được dữ liệu của tương lai.")
        self.n_units, self.n_petitions = units, petitions
        self.rng = random.Random(seed)
        # Tracking codes draw from their own stream: a code taken by an earlier run is redrawn there,
        # so the cases themselves stay the same for the same seed.
        self.code_rng = random.Random(f"{seed}-codes")
        # Wording (phrasings, typos, text without diacritics) and recurring matters draw from a third
        # stream, so that the rest of the data is what the same seed gave before texts were varied.
        self.text_rng = random.Random(f"{seed}-texts")
        self.matters: list[tuple[Unit, Field, tuple[str, str], dict[str, Any]]] = []
        self.seed = seed
        self.every = max(1, every)
        self.progress = progress or (lambda text: sys.stderr.write(text + "\n"))
        self.parent = Unit.objects.filter(code=parent_code).first()
        if self.parent is None:
            raise ValidationError(f"Không thấy đơn vị “{parent_code}”: hãy chạy `danvan demo` trước.")
        self.year_start = date(self.year, 1, 1)
        self.year_end = min(date(self.year, 12, 31), self.today)
        self.calendar = current_calendar()
        self.summary = Summary()
        self.staff_by_unit: dict[int, dict[str, list[Staff]]] = {}
        self.writer = Writer()

    # --- helpers ---------------------------------------------------------------------------------

    def person(self) -> tuple[str, bool]:
        """A Vietnamese full name and whether it is a man's."""
        rng = self.rng
        surname = SURNAME_DRAW(rng)
        male = rng.random() < 0.5
        middle = rng.choice(MIDDLE_MALE if male else MIDDLE_FEMALE)
        given = rng.choice(GIVEN_MALE if male else GIVEN_FEMALE)
        if rng.random() < 0.15:  # a second middle name ("Nguyễn Thị Thu Hà")
            extra = rng.choice(MIDDLE_MALE[3:] if male else MIDDLE_FEMALE[3:])
            if extra != middle:
                middle = f"{middle} {extra}"
        return f"{surname} {middle} {given}", male

    def day_in_year(self, workday: bool = False) -> date:
        span = (self.year_end - self.year_start).days
        day = self.year_start + timedelta(days=self.rng.randint(0, max(span, 0)))
        if workday and not self.calendar.is_workday(day):
            day = self.calendar.previous_workday(day)
            if day < self.year_start:
                day = self.calendar.next_workday(self.year_start)
        return min(day, self.year_end)

    def address(self, unit: Unit) -> str:
        rng = self.rng
        return (f"Số {rng.randint(1, 180)} ngõ {rng.randint(2, 320)} {rng.choice(STREETS)}, "
                f"tổ dân phố {rng.randint(1, 40)}, {unit.short_name or unit.name}")

    def id_number(self) -> str:
        # CCCD: 3-digit province code (001 = Hà Nội), gender/century digit, 2-digit year, 6 digits.
        rng = self.rng
        return f"001{rng.choice('0123')}{rng.randint(40, 99):02d}{rng.randint(0, 999999):06d}"

    def phone(self) -> str:
        return f"0{self.rng.choice(['9', '8', '3', '7'])}{self.rng.randint(10_000_000, 99_999_999)}"

    def place_values(self) -> dict[str, Any]:
        """A street, a lane number and a residents' group, drawn as :meth:`fill` draws them."""
        rng = self.rng
        return {"street": rng.choice(STREETS), "lane": rng.randint(2, 320), "group": rng.randint(1, 40)}

    def fill(self, text: str) -> str:
        rng = self.rng
        return text.format(street=rng.choice(STREETS), lane=rng.randint(2, 320), group=rng.randint(1, 40))

    # --- run -------------------------------------------------------------------------------------

    def next_run(self) -> int:
        runs = [0]
        for code in Unit.objects.filter(code__startswith=CODE_PREFIX).values_list("code", flat=True):
            head = code.split("-", 1)[0][len(CODE_PREFIX):]
            if head.isdigit():
                runs.append(int(head))
        return max(runs) + 1

    def run(self) -> Summary:
        """One batch, in one transaction: a run that fails leaves nothing half-made."""
        # The calendar and rules as they are now for the whole run: the deadline engine must not query
        # its tables while a COPY streams the cases (see Writer.stream).
        with pinned(), transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    # Generated data can be made again: the commit need not wait for the WAL to reach the disk.
                    cursor.execute("SET LOCAL synchronous_commit = off")
            # A run without new units adds to the latest batch instead of opening one.
            self.summary.run = self.run_no = self.next_run() if self.n_units else max(1, self.next_run() - 1)
            units = self.make_units()
            self.make_staff(units)
            if not units:
                units = list(Unit.objects.filter(parent=self.parent, code__startswith=CODE_PREFIX).order_by("pk"))
                self.load_staff(units)
            if not units:
                raise ValidationError("Chưa có đơn vị nào để gán dữ liệu: hãy chạy với --units lớn hơn 0.")
            self.make_petitions(units)
            # The cases went in by COPY, which sends no signal: the daily figures are made again from them.
            daily.rebuild()
            self.make_reception(units)
            reception_daily.rebuild()  # the book's lines went in by COPY too
            if self.summary.units:
                self.make_plans(units)
                self.make_reports(units)
        if connection.vendor == "postgresql":
            # Fresh statistics, so the next queries are planned for the rows just loaded: every table the
            # run wrote, through COPY or the ORM (units, officers). Stale unit statistics (38 units
            # estimated, 238 there) made a ward officer's list at 1,000,000 cases take 176 ms instead of
            # 0.14 ms where autovacuum had not run yet.
            tables = set(self.writer.tables) | {Unit._meta.db_table, Staff._meta.db_table}
            with connection.cursor() as cursor:
                for table in sorted(tables):
                    cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
        return self.summary

    # --- units and staff -------------------------------------------------------------------------

    def make_units(self) -> list[Unit]:
        existing_wards = Unit.objects.filter(code__startswith=CODE_PREFIX, kind=UnitKind.COMMITTEE).count()
        existing_agencies = Unit.objects.filter(code__startswith=CODE_PREFIX).exclude(
            kind=UnitKind.COMMITTEE).count()
        taken_codes = set(Unit.objects.filter(code__startswith=f"{CODE_PREFIX}{self.run_no}-").values_list(
            "code", flat=True))
        units: list[Unit] = []
        wards = agencies = 0
        for index in range(self.n_units):
            if index % 4 == 3:
                k = existing_agencies + agencies
                agencies += 1
                stem, kind, short = AGENCY_NAMES[k % len(AGENCY_NAMES)]
                number = k // len(AGENCY_NAMES) + 1
                name, short_name = f"{stem} {number}", f"{short} {number}"
                unit = Unit(name=name, short_name=short_name, level=Level.DISTRICT, kind=kind, parent=self.parent,
                            aliases="", phone=self.phone())
            else:
                k = existing_wards + wards
                wards += 1
                if k % 3 == 2:
                    label = str(k // 3 + 1)  # numbered wards: "Phường 7"
                else:
                    j = k - k // 3
                    label = WARD_NAMES[j % len(WARD_NAMES)]
                    if j >= len(WARD_NAMES):
                        label = f"{label} {j // len(WARD_NAMES) + 1}"
                unit = Unit(name=f"UBND phường {label}", short_name=f"Phường {label}",
                            aliases=f"phường {label}\nP. {label}", level=Level.COMMUNE, kind=UnitKind.COMMITTEE,
                            parent=self.parent, phone=self.phone(),
                            address=f"Số {self.rng.randint(1, 200)} {self.rng.choice(STREETS)}")
            code = f"{CODE_PREFIX}{self.run_no}-{slugify(fold(unit.short_name))}"[:80]
            base, n = code[:74], 1
            while code in taken_codes:
                n += 1
                code = f"{base}-{n}"
            taken_codes.add(code)
            unit.code = code
            unit.email = f"{code}@generated.danvan.vn"
            unit.refresh_search_key()
            units.append(unit)
        Unit.objects.bulk_create(units, batch_size=BATCH)
        invalidate_public_choices()  # bulk_create sends no signal: the public form lists the new wards
        if units and units[0].pk is None:  # a backend that does not return ids
            by_code = dict(Unit.objects.filter(code__in=[u.code for u in units]).values_list("code", "pk"))
            for unit in units:
                unit.pk = unit.id = by_code[unit.code]
        for unit in units:
            unit.path = f"{self.parent.path}{unit.pk}/"
            unit.depth = unit.path.count("/") - 2
        Unit.objects.bulk_update(units, ["path", "depth"], batch_size=BATCH)
        self.summary.units = len(units)
        self.summary.unit_ids = [u.pk for u in units]
        return units

    def make_staff(self, units: list[Unit]) -> None:
        taken = set(Staff.objects.values_list("username", flat=True))
        people: list[Staff] = []
        for unit in units:
            ward = unit.kind == UnitKind.COMMITTEE
            roles = [(Role.LEADER if ward else Role.UNIT_HEAD,
                      f"Chủ tịch {unit.name}" if ward else f"{head_title(unit.name)} {unit.name}")]
            for _i in range(self.rng.randint(2, 4) if ward else self.rng.randint(1, 2)):
                roles.append((Role.OFFICER, self.rng.choice(
                    ["Công chức Văn phòng - Thống kê", "Công chức Tư pháp - Hộ tịch", "Công chức Địa chính - Xây dựng",
                     "Công chức Văn hóa - Xã hội"]) + f" {lower_first(unit.short_name)}" if ward
                    else f"Chuyên viên {unit.name}"))
            for role, position in roles:
                full_name, _male = self.person()
                parts = fold(full_name).split()
                base = parts[-1] + "".join(p[0] for p in parts[:-1])
                username = base
                n = 1
                while username in taken:
                    n += 1
                    username = f"{base}{n}"
                taken.add(username)
                staff = Staff(username=username, full_name=full_name, unit=unit, role=role, position=position,
                              email=f"{username}@generated.danvan.vn", phone=self.phone(), is_active=True,
                              password="!" + "".join(self.rng.choices("abcdefghijkmnpqrstuvwxyz23456789", k=40)))
                staff.refresh_search_key()
                people.append(staff)
        Staff.objects.bulk_create(people, batch_size=BATCH)
        if people and people[0].pk is None:
            by_name = dict(Staff.objects.filter(username__in=[s.username for s in people]).values_list(
                "username", "pk"))
            for staff in people:
                staff.pk = staff.id = by_name[staff.username]
        self.summary.staff = len(people)
        for staff in people:
            group = self.staff_by_unit.setdefault(staff.unit_id, {"lead": [], "officers": []})
            group["officers" if staff.role == Role.OFFICER else "lead"].append(staff)
        MobilizationResponsibility.objects.bulk_create([
            MobilizationResponsibility(unit_id=unit_id, staff=group["lead"][0], valid_from=date(self.year, 1, 5),
                                       decision=f"Quyết định phân công năm {self.year}")
            for unit_id, group in self.staff_by_unit.items() if group["lead"]], batch_size=BATCH)

    def load_staff(self, units: list[Unit]) -> None:
        for staff in Staff.objects.filter(unit__in=units).order_by("pk"):
            group = self.staff_by_unit.setdefault(staff.unit_id, {"lead": [], "officers": []})
            group["officers" if staff.role == Role.OFFICER else "lead"].append(staff)

    def officer_of(self, unit: Unit) -> Staff | None:
        group = self.staff_by_unit.get(unit.pk)
        if not group:
            return None
        return self.rng.choice(group["officers"] or group["lead"])

    def leader_of(self, unit: Unit) -> Staff | None:
        group = self.staff_by_unit.get(unit.pk)
        return (group["lead"] or group["officers"] or [None])[0] if group else None

    # --- petitions -------------------------------------------------------------------------------

    def make_petitions(self, units: list[Unit]) -> None:
        if not self.n_petitions:
            return
        from danvan.petitions.demo import ensure_fields

        ensure_fields()
        fields = list(Field.objects.filter(is_active=True).order_by("order", "pk"))
        field_weights = [{"trat-tu-do-thi": 6, "moi-truong": 5, "dat-dai": 4, "an-sinh-xa-hoi": 4,
                          "thu-tuc-hanh-chinh": 3, "boi-thuong-gpmb": 2, "phong-chong-dich-benh": 1}.get(f.code, 2)
                         for f in fields]
        field_draw = Weighted(fields, field_weights)
        wards = [u for u in units if u.kind == UnitKind.COMMITTEE] or units
        agencies = [u for u in units if u.kind != UnitKind.COMMITTEE]
        self.codes = set(Petition.objects.filter(code__startswith=f"DT{self.year % 100:02d}-").values_list(
            "code", flat=True))
        # A load at least as large as the table builds its secondary indexes once at the end instead.
        with self.writer.indexes_set_aside([Petition, PetitionerIdentity], self.n_petitions) as aside:
            made = 0
            while made < self.n_petitions:
                size = min(BATCH, self.n_petitions - made, self.every - made % self.every)
                batch: list[Petition] = []
                people: list[list[PetitionerIdentity]] = []
                # Each case is sent as soon as it is drawn: PostgreSQL stores it while the next one is drawn.
                with self.writer.stream(Petition, size) as add:
                    for _i in range(size):
                        unit = self.rng.choice(wards) if not agencies or self.rng.random() < 0.8 \
                            else self.rng.choice(agencies)
                        petition, persons = self.petition(unit, field_draw(self.rng))
                        add(petition)
                        batch.append(petition)
                        people.append(persons)
                identities, ratings = [], []
                for p, persons in zip(batch, people, strict=True):
                    for person in persons:
                        person.petition_id = p.pk
                        identities.append(person)
                    if (p.status == Status.CLOSED and p.kind in (Kind.FEEDBACK, Kind.RECOMMENDATION)
                            and self.rng.random() < 0.3):
                        ratings.append(new(Rating, petition_id=p.pk, score=SCORE_DRAW(self.rng)))
                self.writer.insert(PetitionerIdentity, identities, keys=False)
                self.writer.insert(Rating, ratings, keys=False)
                before = made
                made += size
                self.summary.petitions += size
                self.summary.identities += len(identities)
                self.summary.ratings += len(ratings)
                if made // self.every > before // self.every or made == self.n_petitions:
                    self.progress(_("Đã tạo %(made)s/%(total)s đơn…")
                                  % {"made": vn_number(made), "total": vn_number(self.n_petitions)})
            if aside:
                self.progress(_("Dựng lại %(count)d chỉ mục của bảng đơn thư…") % {"count": len(aside)})

    def new_code(self, year: int) -> str:
        alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
        while True:
            code = f"DT{year % 100:02d}-" + "".join(self.code_rng.choices(alphabet, k=6))
            if code not in self.codes:
                self.codes.add(code)
                return code

    def petition(self, unit: Unit, field_: Field) -> tuple[Petition, list[PetitionerIdentity]]:
        rng = self.rng
        kind = KIND_DRAW(rng)
        channel = CHANNEL_DRAW(rng)
        if kind == Kind.COMPLAINT_SECOND:
            channel = Channel.FORWARDED
        received = self.day_in_year(workday=channel == Channel.IN_PERSON)
        if kind == Kind.DENUNCIATION:
            template = rng.choice(DENOUNCED)
        else:
            template = rng.choice(SUBJECTS.get(field_.code) or SUBJECTS["khac"])
        values = self.place_values()
        self.place_values()  # the draws of the subject's and the content's places before they were one matter
        # About a quarter of the letters raise a matter already raised (the same karaoke bar, the same
        # ditch), in the words of another person, to the same unit.
        if kind != Kind.DENUNCIATION and self.matters and self.text_rng.random() < 0.25:
            unit, field_, template, values = self.text_rng.choice(self.matters)
        elif kind != Kind.DENUNCIATION:
            self.matters.append((unit, field_, template, values))
        subject, content = vary(*template, values, self.text_rng)
        street_draw = rng.choice(STREETS)
        if "{street}" in template[0] + template[1]:
            place = f"ngõ {values['lane']} {values['street']}" if "{lane}" in template[0] + template[1] \
                else str(values["street"])
        else:
            place = f"tổ dân phố {values['group']}" if "{group}" in template[0] + template[1] else street_draw
        anonymous = kind == Kind.DENUNCIATION and rng.random() < 0.2
        collective = not anonymous and rng.random() < 0.05
        signers = rng.randint(5, 40) if collective else 1
        reps = rng.randint(1, petition_services._representative_limit(signers)) if collective else 0
        complex_ = kind in (*COMPLAINT_KINDS, Kind.DENUNCIATION) and rng.random() < 0.12
        p = new(Petition,
            kind=kind, field=field_, unit=unit, handling_unit=unit, channel=channel, received_on=received,
            subject=subject[:255], content=content, location=f"{unit.short_name}, {place}",
            requested_outcome="" if kind == Kind.FEEDBACK
            else "Đề nghị cơ quan có thẩm quyền xem xét, giải quyết theo quy định.",
            is_collective=collective, signers_count=signers, representatives_count=reps,
            is_signed=kind in COMPLAINT_KINDS or (not anonymous and rng.random() < 0.7), is_anonymous=anonymous,
            is_complex=complex_, is_remote=False, several_places=complex_ and rng.random() < 0.3,
            code=self.new_code(received.year),
        )
        if channel == Channel.FORWARDED:
            p.forwarded_by = rng.choice(["Ban Tiếp công dân Thành phố", "Thanh tra Thành phố",
                                         "Ủy ban MTTQ Việt Nam quận", "Đoàn đại biểu Quốc hội Thành phố"])
            p.forwarding_document = f"Văn bản số {rng.randint(10, 999)}/CV ngày {received:%d/%m/%Y}"
        salt = f"{rng.getrandbits(64):016x}"
        secret = "".join(rng.choices("ABCDEFGHJKLMNPQRSTUVWXYZ23456789", k=10))
        p.secret_hash = f"{salt}${hashlib.sha256(f'{salt}:{secret}'.encode()).hexdigest()}"
        self.lifecycle(p)
        petition_services.recompute_deadlines(p)
        p.refresh_search_key()
        persons: list[PetitionerIdentity] = []
        if not anonymous:
            for index in range(max(1, reps)):
                name, _male = self.person()
                person = new(PetitionerIdentity,
                    full_name=name, address=self.address(unit), phone=self.phone(),
                    id_number=self.id_number() if rng.random() < 0.7 else "",
                    is_representative=collective or index == 0)
                person.refresh_identity_key()
                persons.append(person)
        return p, persons

    def lifecycle(self, p: Petition) -> None:
        """Walk the case through a plausible life up to today; dates never pass today."""
        rng, cal, today = self.rng, self.calendar, self.today
        triage_on = cal.add_workdays(p.received_on, rng.randint(1, 8))
        if triage_on > today:
            p.status = Status.TRIAGED if rng.random() < 0.2 else Status.RECEIVED
            return
        p.triaged_on = triage_on
        r = rng.random()
        if p.is_anonymous:
            decision = "archive"
            p.triage_reason = TriageReason.ANONYMOUS
        elif r < 0.06:
            decision = "forward"
        elif r < 0.10:
            decision = "guide"
        elif r < 0.14:
            decision = "archive"
            p.triage_reason = (rng.choice([TriageReason.OUT_OF_TIME, TriageReason.ALREADY_RESOLVED,
                                           TriageReason.IN_COURT]) if p.kind in COMPLAINT_KINDS
                               else TriageReason.DUPLICATE)
        else:
            decision = "accept"
        if decision != "accept":
            p.status = {"forward": Status.FORWARDED, "guide": Status.GUIDED, "archive": Status.ARCHIVED}[decision]
            p.closed_on = triage_on
            if decision in ("forward", "guide"):
                p.forwarded_to = rng.choice(["Văn phòng đăng ký đất đai Hà Nội - Chi nhánh Thanh Xuân",
                                             "Tòa án nhân dân khu vực", "Công an phường", "Ban quản lý dự án"])
            return
        p.accepted_on = triage_on
        officer = self.officer_of(p.handling_unit)
        relate(p, "assigned_to", officer)
        p.status = Status.ACCEPTED
        petition_services.recompute_deadlines(p)
        span = max(1, ((p.resolve_due or triage_on) - triage_on).days)
        factor = rng.uniform(1.05, 1.7) if rng.random() < 0.12 else rng.uniform(0.25, 1.0)
        resolved = triage_on + timedelta(days=max(1, round(span * factor)))
        if rng.random() < 0.02:
            p.status, p.closed_on = Status.WITHDRAWN, min(today, triage_on + timedelta(days=rng.randint(1, 20)))
            return
        if resolved > today:
            p.status = (OPEN_COMPLAINT_DRAW if p.kind in COMPLAINT_KINDS else OPEN_DRAW)(rng)
            if p.status == Status.SUSPENDED:
                p.suspended_from = Status.VERIFYING
            return
        if p.kind == Kind.DENUNCIATION:
            outcome = DENUNCIATION_OUTCOME_DRAW(rng)
            p.status = Status.CONCLUDED
        else:
            outcome = OUTCOME_DRAW(rng)
            p.status = Status.RESOLVED
        p.resolved_on, p.outcome, p.answer = resolved, outcome, ANSWERS[outcome]
        notified = resolved + timedelta(days=rng.randint(1, 10))
        closed = notified + timedelta(days=rng.randint(0, 20))
        if closed <= today and rng.random() < 0.85:
            p.status, p.closed_on = Status.CLOSED, closed
        elif notified <= today:
            p.status = Status.NOTIFIED

    # --- reception -------------------------------------------------------------------------------

    def make_reception(self, units: list[Unit]) -> None:
        rng, cal = self.rng, self.calendar
        sessions: list[ReceptionSession] = []
        first_monday = self.year_start - timedelta(days=self.year_start.weekday())
        # Units of an earlier run already have their sessions and dialogues: only book lines are added.
        fresh = units if self.summary.units else []
        for unit in fresh:
            leader = self.leader_of(unit)
            ward = unit.kind == UnitKind.COMMITTEE
            place = f"Trụ sở tiếp công dân {unit.name}"
            if ward:  # a Thursday a week (or the nearest working day), some weeks missed
                candidates = []
                monday = first_monday
                while monday <= self.year_end:
                    for offset in (3, 4, 2, 1, 0):
                        day = monday + timedelta(days=offset)
                        if self.year_start <= day <= self.year_end and cal.is_workday(day):
                            candidates.append(day)
                            break
                    monday += timedelta(days=7)
            else:  # the first working Tuesday-ish of each month
                candidates = []
                for month in range(1, 13):
                    day = date(self.year, month, 1) + timedelta(days=rng.randint(2, 8))
                    day = day if cal.is_workday(day) else cal.next_workday(day)
                    if day <= self.year_end:
                        candidates.append(day)
            for day in candidates:
                if day >= self.today or rng.random() < 0.08:
                    continue
                session = new(ReceptionSession, unit=unit, leader=leader, date=day, place=place,
                                           kind=SessionKind.REGULAR, status=SessionStatus.HELD)
                session.post_due = compute_due("reception", "post", day).due
                session.posted_on = session.post_due if rng.random() < 0.9 else cal.add_workdays(session.post_due, 2)
                sessions.append(session)
        self.writer.insert(ReceptionSession, sessions)
        self.summary.sessions = len(sessions)
        if not fresh:
            sessions = list(ReceptionSession.objects.filter(
                unit__in=units, status=SessionStatus.HELD, date__gte=self.year_start, date__lte=self.year_end,
            ).order_by("pk"))
        by_unit: dict[int, list[ReceptionSession]] = {}
        for session in sessions:
            by_unit.setdefault(session.unit_id, []).append(session)

        n_entries = self.n_petitions // 4 + (len(units) if fresh else 0)
        # Streamed like the cases (nothing refers to a book line, so PostgreSQL numbers them).
        with self.writer.indexes_set_aside([ReceptionEntry], n_entries), \
                self.writer.stream(ReceptionEntry, n_entries, keys=False) as add:
            for _i in range(n_entries):
                unit = rng.choice(units)
                held = by_unit.get(unit.pk)
                session = rng.choice(held) if held and rng.random() < 0.9 else None
                received = session.date if session else self.day_in_year(workday=True)
                kind, summary = rng.choice(ENTRY_SUMMARIES)
                name, _male = self.person()
                people = rng.randint(5, 30) if rng.random() < 0.04 else 1
                entry = new(ReceptionEntry, unit=unit, session=session, received_on=received, citizen_name=name,
                            citizen_address=self.address(unit), kind=kind, summary=summary,
                            people_count=people, id_number=self.id_number() if rng.random() < 0.8 else "")
                if people >= 5:
                    entry.representatives = "\n".join(self.person()[0]
                                                      for _r in range(rng.randint(1, max_representatives(people))))
                if rng.random() < 0.15:
                    entry.within_competence = False
                    entry.forwarded_to = rng.choice(["Thanh tra Thành phố", "Tòa án nhân dân khu vực",
                                                     "Văn phòng đăng ký đất đai"])
                    entry.forward_document = f"{rng.randint(10, 400)}/UBND-TCD"
                reception_services._derive_entry(entry)
                if rng.random() < 0.85:
                    replied = cal.add_workdays(received, rng.randint(2, 14))
                    if replied <= self.today:
                        entry.replied_on = replied
                        entry.result = "Đã trả lời công dân bằng văn bản."
                add(entry)
        self.summary.entries = n_entries

        dialogues: list[Dialogue] = []
        for unit in fresh:
            if unit.kind != UnitKind.COMMITTEE:
                continue
            leader = self.leader_of(unit)
            conference = Dialogue(unit=unit, kind=DialogueKind.CONFERENCE, held_on=self.day_in_year(workday=True),
                                  topic=f"Hội nghị đối thoại với Nhân dân năm {self.year}", chaired_by=leader,
                                  participants_count=rng.randint(60, 200),
                                  place=f"Hội trường {unit.name}",
                                  participants="Lãnh đạo UBND, Ủy ban MTTQ, đại diện các tổ dân phố",
                                  minutes="Đối thoại về trật tự đô thị, vệ sinh môi trường, an sinh xã hội.")
            dialogues.append(conference)
            for _d in range(rng.randint(0, 2)):
                subject, _content = rng.choice(SUBJECTS["boi-thuong-gpmb"] + SUBJECTS["trat-tu-do-thi"])
                dialogues.append(Dialogue(unit=unit, kind=DialogueKind.CASE, held_on=self.day_in_year(workday=True),
                                          topic=f"Đối thoại: {self.fill(subject)}"[:255], chaired_by=leader,
                                          participants_count=rng.randint(5, 40), place=f"Trụ sở {unit.name}",
                                          minutes="Các hộ dân nêu ý kiến; lãnh đạo giải thích và tiếp thu."))
        for dialogue in dialogues:
            dialogue.refresh_search_key()
        self.writer.insert(Dialogue, dialogues)
        issues, commitments = [], []
        for dialogue in dialogues:
            for _k in range(rng.randint(1, 3)):
                issues.append(DialogueIssue(dialogue=dialogue, raised_by=f"Ông/bà {self.person()[0]}",
                                            raised=self.fill(rng.choice(ENTRY_SUMMARIES)[1]),
                                            answer="Lãnh đạo phường tiếp thu, giao bộ phận chuyên môn xử lý."))
            for _k in range(rng.randint(1, 2)):
                due = dialogue.held_on + timedelta(days=rng.randint(20, 90))
                commitment = Commitment(dialogue=dialogue, owner_unit_id=dialogue.unit_id, due_on=due,
                                        text="Kiểm tra, xử lý và trả lời bằng văn bản các kiến nghị của người dân.")
                done = dialogue.held_on + timedelta(days=rng.randint(10, 100))
                if done <= self.today and rng.random() < 0.65:
                    commitment.status, commitment.done_on = CommitmentStatus.DONE, done
                    commitment.done_note = "Đã thực hiện, có văn bản trả lời."
                commitments.append(commitment)
        self.writer.insert(DialogueIssue, issues)
        self.writer.insert(Commitment, commitments)
        self.summary.dialogues, self.summary.commitments = len(dialogues), len(commitments)

    # --- plans -----------------------------------------------------------------------------------

    def make_plans(self, units: list[Unit]) -> None:
        rng = self.rng
        number = 400 + self.run_no
        full_number = f"{number}/KH-UBND"
        plan_day = date(self.year, 1, 8)
        plan = Plan.objects.create(
            issuer=self.parent, full_number=full_number, number_key=number_key(full_number), date=plan_day,
            place="Hà Nội", status=PlanStatus.ISSUED,
            title=f"Kế hoạch triển khai công tác dân vận chính quyền năm {self.year} (dữ liệu sinh, đợt {self.run_no})",
            signer_authority="TM.", signer_body=self.parent.name, signer_title="CHỦ TỊCH",
            signer_name=self.person()[0])
        self.summary.plan_id = plan.pk
        section = PlanSection.objects.create(plan=plan, label="II", title="Nhiệm vụ và giải pháp", order=2)
        items = PlanItem.objects.bulk_create([
            PlanItem(plan=plan, section=section, label=path.split(".")[-1], path=path, text=text, order=i,
                     weight=weight) for i, (path, text, weight) in enumerate(PLAN_ITEMS, start=1)])
        items = list(PlanItem.objects.filter(plan=plan).order_by("order"))
        self.plan_items = {i.path: i for i in items}

        unit_plans = []
        for unit in units:
            r = rng.random()
            status = UnitPlanStatus.ISSUED if r < 0.8 else (UnitPlanStatus.DRAFTED if r < 0.9
                                                            else UnitPlanStatus.TO_DRAFT)
            issued = plan_day + timedelta(days=rng.randint(5, 45)) if status == UnitPlanStatus.ISSUED else None
            unit_plans.append(UnitPlan(parent_plan=plan, unit=unit, status=status,
                                       issued_on=min(issued, self.today) if issued else None))
        self.writer.insert(UnitPlan, unit_plans)
        unit_plans = list(UnitPlan.objects.filter(parent_plan=plan).order_by("pk"))
        through = UnitPlan.items.through
        through.objects.bulk_create([through(unitplan_id=up.pk, planitem_id=item.pk)
                                     for up in unit_plans for item in items], batch_size=BATCH)

        def status_by_due(due: date) -> str:
            if due < self.today:
                return rng.choices([TaskStatus.DONE, TaskStatus.IN_PROGRESS, TaskStatus.NOT_STARTED,
                                    TaskStatus.CANCELLED], weights=[75, 12, 8, 5])[0]
            return rng.choices([TaskStatus.DONE, TaskStatus.IN_PROGRESS, TaskStatus.NOT_STARTED],
                               weights=[20, 50, 30])[0]

        tasks: list[Task] = []
        for unit_plan in unit_plans:
            draft_status = {UnitPlanStatus.ISSUED: TaskStatus.DONE, UnitPlanStatus.DRAFTED: TaskStatus.IN_PROGRESS,
                            UnitPlanStatus.TO_DRAFT: TaskStatus.NOT_STARTED}[unit_plan.status]
            tasks.append(Task(plan=plan, item=items[0], unit_plan=unit_plan, kind=TaskKind.DRAFT_PLAN,
                              lead_unit_id=unit_plan.unit_id, due_date=date(self.year, 1, 31), status=draft_status,
                              progress=progress_for(draft_status), completed_on=unit_plan.issued_on,
                              title=f"Xây dựng kế hoạch cụ thể triển khai Kế hoạch {full_number}"))
            for item in rng.sample(items, k=rng.randint(3, len(items))):
                due = date(self.year, rng.randint(2, 12), rng.randint(1, 28))
                status = status_by_due(due)
                entered = rng.randint(10, 90) if status == TaskStatus.IN_PROGRESS else None
                tasks.append(Task(plan=plan, item=item, unit_plan=unit_plan, kind=TaskKind.DUTY,
                                  lead_unit_id=unit_plan.unit_id, title=item.text, due_date=due, status=status,
                                  progress=progress_for(status, entered), weight=item.weight,
                                  completed_on=min(due, self.today) if status == TaskStatus.DONE else None))
            tasks.append(Task(plan=plan, item=self.plan_items["II.7"], unit_plan=unit_plan, kind=TaskKind.REPORT,
                              lead_unit_id=unit_plan.unit_id, due_date=date(self.year, 11, 30),
                              recurrence="yearly", recurrence_month=11, recurrence_day=30,
                              status=status_by_due(date(self.year, 11, 30)),
                              title=f"Báo cáo kết quả thực hiện Kế hoạch {full_number} (trước ngày 30/11 hằng năm)"))
        for task in tasks:
            if task.status != TaskStatus.DONE:
                task.completed_on = None
        self.writer.insert(Task, tasks)
        self.summary.tasks = len(tasks)

        activities = {DisseminationEvent: [], GrassrootsDemocracyEvent: [], Training: [], CoordinationProgram: []}
        for unit in units:
            creator = self.leader_of(unit)
            for _k in range(rng.randint(1, 6)):
                audience = rng.choice([Audience.STAFF, Audience.CITIZENS, Audience.BOTH])
                activities[DisseminationEvent].append(DisseminationEvent(
                    unit=unit, item=self.plan_items["II.1"], date=self.day_in_year(workday=True),
                    title=rng.choice(["Hội nghị quán triệt Quy chế công tác dân vận",
                                      "Tuyên truyền Luật Thực hiện dân chủ ở cơ sở tại tổ dân phố",
                                      "Phổ biến chính sách an sinh xã hội cho người dân",
                                      "Tuyên truyền phòng, chống sốt xuất huyết"]),
                    topic="Công tác dân vận", audience=audience, attendees=rng.randint(20, 180),
                    created_by=creator))
            activities[GrassrootsDemocracyEvent].append(GrassrootsDemocracyEvent(
                unit=unit, item=self.plan_items["II.7"], date=date(self.year, 1, rng.randint(10, 31)),
                kind=DemocracyKind.STAFF_CONFERENCE, title=f"Hội nghị cán bộ, công chức năm {self.year}",
                participants=rng.randint(12, 45), created_by=creator))
            for _k in range(rng.randint(1, 4)):
                activities[GrassrootsDemocracyEvent].append(GrassrootsDemocracyEvent(
                    unit=unit, item=self.plan_items["II.7"], date=self.day_in_year(workday=True),
                    kind=DemocracyKind.PUBLIC_DISCLOSURE,
                    title=rng.choice(["Công khai dự toán ngân sách", "Công khai quy hoạch sử dụng đất",
                                      "Công khai danh sách hộ nghèo, cận nghèo"]), created_by=creator))
            if rng.random() < 0.5:
                activities[Training].append(Training(
                    unit=unit, item=self.plan_items["II.4"], date=self.day_in_year(workday=True),
                    title="Bồi dưỡng kỹ năng dân vận cho công chức", topic="Kỹ năng dân vận",
                    trainees=rng.randint(10, 60), created_by=creator))
            if unit.kind == UnitKind.COMMITTEE:
                activities[CoordinationProgram].append(CoordinationProgram(
                    unit=unit, item=self.plan_items["II.6"], date=date(self.year, 1, rng.randint(15, 31)),
                    end_date=date(self.year, 12, 31),
                    title=f"Chương trình phối hợp giữa {unit.name} và Ủy ban MTTQ năm {self.year}",
                    partner_text=f"Ủy ban MTTQ Việt Nam {lower_first(unit.short_name)}", created_by=creator))
        for model, rows in activities.items():
            self.writer.insert(model, rows)
            self.summary.activities += len(rows)

    # --- reports ---------------------------------------------------------------------------------

    def template(self) -> ReportTemplate:
        """A 60-indicator yearly template: every figure the apps compute, topped up with manual ones."""
        template, _created = ReportTemplate.objects.get_or_create(code=TEMPLATE_CODE, defaults={
            "name": "Báo cáo số liệu công tác dân vận chính quyền (mẫu mở rộng, dữ liệu sinh)",
            "subject": "Số liệu công tác dân vận chính quyền {period}", "period_kind": "yearly",
            "basis": "Mẫu dùng cho dữ liệu sinh và đo hiệu năng tổng hợp."})
        if template.indicators.count() >= TEMPLATE_INDICATORS:
            return template
        specs = sorted(sources.known_specs().values(), key=lambda s: (s.plan_item or "~", s.code))
        rows: list[tuple[str, str, str, str, str, str, str]] = []
        for spec in specs:
            if spec.weight_code and spec.weight_code not in sources.known_specs():
                continue
            rows.append((spec.code, spec.label, spec.measure, spec.value_type, spec.aggregate, spec.weight_code,
                         spec.code))
        rows = rows[:TEMPLATE_INDICATORS - 2]
        kept = {r[0] for r in rows}
        rows = [r for r in rows if not r[5] or r[5] in kept]  # a weight must be in the template
        for code, label, measure, value_type, aggregate in MANUAL_INDICATORS:
            if len(rows) >= TEMPLATE_INDICATORS:
                break
            if code not in kept:
                rows.append((code, label, measure, value_type, aggregate, "", ""))
        for order, (code, label, measure, value_type, aggregate, weight, source) in enumerate(rows, start=1):
            TemplateIndicator.objects.update_or_create(template=template, code=code, defaults={
                "label": label[:255], "measure": measure, "value_type": value_type, "aggregate": aggregate,
                "weight_code": weight, "source_code": source, "order": order})
        for order, (code, title) in enumerate(REPORT_SECTIONS, start=1):
            TemplateSection.objects.update_or_create(template=template, code=code,
                                                     defaults={"title": title, "order": order})
        return template

    def manual_value(self, indicator: TemplateIndicator) -> Any:
        rng = self.rng
        if indicator.value_type == "text":
            return rng.choice(["Đề nghị bố trí kinh phí bồi dưỡng kỹ năng dân vận cho cán bộ tổ dân phố.",
                               "Đề nghị hướng dẫn thống nhất biểu mẫu báo cáo.", ""])
        if indicator.value_type == "boolean":
            return rng.random() < 0.6
        if indicator.value_type == "percentage":
            return round(rng.uniform(55, 99), 1)
        if indicator.value_type == "decimal":
            return round(rng.uniform(1, 100), 2)
        return rng.randint(0, 30)

    def make_reports(self, units: list[Unit]) -> None:
        rng = self.rng
        template = self.template()
        indicators = list(template.indicators.all())
        sections = list(template.sections.all())
        request = report_services.create_request(
            actor=None, template=template, requesting_unit=self.parent, period_kind="yearly", year=self.year,
            deadline=date(self.year, 11, 30), deadline_policy=DeadlinePolicy.NEXT_WORKDAY, units=units,
            title=f"{template.name} năm {self.year} (đợt {self.run_no})",
            plan_id=self.summary.plan_id, plan_reference=f"{400 + self.run_no}/KH-UBND")
        self.summary.request_id = request.pk
        raw = sources.raw_figures({i.source_code for i in indicators if i.source_code}, request.period_start,
                                  request.period_end, [u.pk for u in units])
        description = "Tự động từ dữ liệu danvan: {label}, {unit}, kỳ " + \
            f"{request.period_start:%d/%m/%Y}–{request.period_end:%d/%m/%Y}"
        now = timezone.now()
        due_moment = datetime.combine(request.due_date, time(17, 0), tzinfo=HANOI)
        submissions = []
        for unit in units:
            status = rng.choices([SubmissionStatus.ACCEPTED, SubmissionStatus.SUBMITTED, SubmissionStatus.RETURNED,
                                  SubmissionStatus.DRAFT, None], weights=[50, 30, 5, 8, 7])[0]
            if status is None:
                continue  # not opened yet
            submission = Submission(request=request, unit=unit, kind=SubmissionKind.UNIT, status=status)
            if status != SubmissionStatus.DRAFT:
                sent = due_moment - timedelta(days=rng.randint(-4, 20), hours=rng.randint(0, 8))
                sent = min(sent, now)
                submission.submitted_at = submission.first_submitted_at = sent
                submission.submitted_by = self.leader_of(unit)
                submission.is_late = report_services._local_date(sent) > request.due_date
                if status in (SubmissionStatus.ACCEPTED, SubmissionStatus.RETURNED):
                    submission.reviewed_at = min(sent + timedelta(days=rng.randint(1, 4)), now)
                    submission.review_comment = ("Báo cáo đầy đủ." if status == SubmissionStatus.ACCEPTED else
                                                 "Đề nghị bổ sung số liệu tiếp công dân và đối thoại.")
            submissions.append(submission)
        self.writer.insert(Submission, submissions)
        submissions = list(Submission.objects.filter(request=request).select_related("unit").order_by("pk"))
        values, narratives, events = [], [], []
        for submission in submissions:
            unit = submission.unit
            for indicator in indicators:
                value = new(SubmissionValue, submission=submission, indicator=indicator)
                if indicator.source_code and indicator.source_code in raw:
                    figure = raw[indicator.source_code].get(unit.pk)
                    if figure is None and indicator.value_type in ("integer", "decimal"):
                        figure = 0
                    if figure is None and indicator.value_type == "boolean":
                        figure = False
                    report_services._set_value(value, indicator, figure)
                    value.source_number, value.source_flag, value.source_text = value.number, value.flag, value.text
                    value.source_code = indicator.source_code
                    value.source_description = description.format(label=indicator.label, unit=unit.name)[:500]
                else:
                    report_services._set_value(value, indicator, self.manual_value(indicator))
                values.append(value)
            for section in sections:
                text = "" if submission.status == SubmissionStatus.DRAFT else (
                    f"{unit.name} đã triển khai đầy đủ nội dung “{section.title}” theo kế hoạch.")
                narratives.append(NarrativeSection(submission=submission, section=section, text=text))
            events.append(SubmissionEvent(submission=submission, action=SubmissionEvent.Action.OPENED))
            if submission.submitted_at:
                events.append(SubmissionEvent(submission=submission, action=SubmissionEvent.Action.SUBMITTED,
                                              actor=submission.submitted_by))
            if submission.status in (SubmissionStatus.ACCEPTED, SubmissionStatus.RETURNED):
                events.append(SubmissionEvent(
                    submission=submission, comment=submission.review_comment,
                    action=SubmissionEvent.Action.ACCEPTED if submission.status == SubmissionStatus.ACCEPTED
                    else SubmissionEvent.Action.RETURNED))
        self.writer.insert(SubmissionValue, values)
        self.writer.insert(NarrativeSection, narratives)
        self.writer.insert(SubmissionEvent, events)
        self.summary.submissions, self.summary.values = len(submissions), len(values)


def generate(*, units: int, petitions: int, seed: int = 2026, year: int | None = None, parent_code: str = "tx-ubnd",
             every: int = 10_000, progress: Callable[[str], Any] | None = None,
             today: date | None = None) -> Summary:
    """Add one batch of generated data; see the module docstring. Raises ValidationError on bad input."""
    return Generator(units=units, petitions=petitions, seed=seed, year=year, parent_code=parent_code, every=every,
                     progress=progress, today=today).run()


__all__ = ["Generator", "Summary", "generate", "vn_number"]
