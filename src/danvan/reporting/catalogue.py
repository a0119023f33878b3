"""The report templates danvan ships, as data: the yearly report Plan 307/KH-UBND asks for.

The plan ends "Các phòng, ban, đơn vị thuộc quận báo cáo kết quả thực hiện về UBND quận (qua phòng
Nội vụ) trước ngày 30/11 hàng năm": its report covers the seven contents of part II and the
implementation duties of part III. Each indicator names the figure that fills it (``source``, a code
of a ``figures`` module) when danvan keeps the records; the others are typed by the unit. A source
whose app is not installed yet leaves the indicator manual — no error.

:func:`install` takes the model classes as arguments, so the data migration (historical models)
and the demo (real models) share it. It is idempotent: it adds what is missing and updates labels.
"""

from __future__ import annotations

PLAN_307_CODE = "dan-van-chinh-quyen-nam"

# code, title, guidance
SECTIONS_307 = [
    ("II.1", "Tuyên truyền, phổ biến, quán triệt chủ trương, chính sách về công tác dân vận",
     "Các văn bản đã quán triệt (Quyết định 23-QĐ/TW, Kết luận 114-KL/TW, Chỉ thị 16/CT-TTg, Chỉ thị 07-CT/TU…), "
     "hình thức, số buổi, số lượt người tham dự; chuyển biến trong nhận thức của cán bộ, công chức."),
    ("II.2", "Rà soát, sắp xếp tổ chức bộ máy, bố trí công chức, viên chức",
     "Kết quả rà soát chức năng, nhiệm vụ; bố trí theo vị trí việc làm; tinh giản biên chế."),
    ("II.3", "Thực hiện mô hình chính quyền đô thị; hiệu lực, hiệu quả quản lý nhà nước",
     "Kết quả thực hiện nhiệm vụ chính trị, các vấn đề dân sinh, bảo đảm quyền, lợi ích hợp pháp của nhân dân."),
    ("II.4", "Cải cách hành chính; trách nhiệm người đứng đầu; đào tạo, bồi dưỡng; kỷ cương công vụ",
     "Dịch vụ công trực tuyến, chỉ số PAPI, SIPAS; phân công người phụ trách công tác dân vận; kiểm tra công vụ, "
     "xử lý vi phạm."),
    ("II.5", "Tiếp công dân, đối thoại, giải quyết khiếu nại, tố cáo, kiến nghị, phản ánh",
     "Số ngày tiếp công dân của người đứng đầu, số cuộc đối thoại, số đơn nhận và đã giải quyết, tỷ lệ đúng hạn; "
     "các vụ việc an sinh xã hội, bồi thường giải phóng mặt bằng, phòng chống dịch bệnh."),
    ("II.6", "Phối hợp với Mặt trận Tổ quốc và các tổ chức chính trị - xã hội",
     "Các chương trình phối hợp, nội dung tuyên truyền, vận động, giám sát tại địa bàn dân cư."),
    ("II.7", "Thực hiện dân chủ ở cơ sở; phong trào thi đua “Dân vận khéo”",
     "Hội nghị cán bộ, công chức; công khai thông tin; mô hình “Dân vận khéo” được công nhận; điển hình tiên tiến."),
    ("III", "Công tác chỉ đạo, tổ chức thực hiện, kiểm tra, biểu dương, khen thưởng",
     "Kế hoạch cụ thể của đơn vị; kiểm tra việc thực hiện; đề xuất biểu dương, khen thưởng, xử lý trách nhiệm."),
    ("IV", "Khó khăn, vướng mắc và đề xuất, kiến nghị", ""),
    ("V", "Phương hướng, nhiệm vụ năm tới", ""),
]

# code, label, measure, value_type, aggregate, weight_code, source, plan_item
INDICATORS_307 = [
    ("dissemination.sessions", "Số buổi tuyên truyền, phổ biến, quán triệt", "buổi", "integer", "sum", "",
     "plans.dissemination_sessions", "II.1"),
    ("dissemination.attendees", "Số lượt người tham dự tuyên truyền, phổ biến", "lượt người", "integer", "sum", "",
     "plans.dissemination_attendees", "II.1"),
    ("staff.count", "Số cán bộ, công chức, viên chức", "người", "integer", "sum", "", "org.staff_count", "II.2"),
    ("responsible.assigned", "Đã phân công người phụ trách công tác dân vận", "", "boolean", "count_yes", "",
     "org.responsible_assigned", "II.4"),
    ("training.courses", "Số lớp đào tạo, bồi dưỡng đã tổ chức, cử tham gia", "lớp", "integer", "sum", "",
     "plans.trainings", "II.4"),
    ("online_services.rate", "Tỷ lệ hồ sơ thủ tục hành chính nộp trực tuyến", "%", "percentage", "avg", "", "",
     "II.4"),
    ("reception.days_held", "Số ngày người đứng đầu tiếp công dân định kỳ", "ngày", "integer", "sum", "",
     "reception.days_held", "II.5"),
    ("reception.days_required", "Số ngày tiếp công dân định kỳ theo quy định", "ngày", "integer", "sum", "",
     "reception.days_required", "II.5"),
    ("reception.entries", "Số lượt tiếp công dân", "lượt", "integer", "sum", "", "reception.entries", "II.5"),
    ("reception.dialogues", "Số cuộc đối thoại trực tiếp với nhân dân", "cuộc", "integer", "sum", "",
     "reception.dialogues", "II.5"),
    ("petitions.received", "Số đơn khiếu nại, tố cáo, kiến nghị, phản ánh đã nhận", "đơn", "integer", "sum", "",
     "petitions.received", "II.5"),
    ("petitions.resolved", "Số đơn đã giải quyết", "đơn", "integer", "sum", "", "petitions.resolved", "II.5"),
    ("petitions.resolved_on_time", "Số đơn giải quyết đúng hạn", "đơn", "integer", "sum", "",
     "petitions.resolved_on_time", "II.5"),
    ("petitions.overdue", "Số đơn quá hạn chưa giải quyết", "đơn", "integer", "sum", "", "petitions.overdue_open",
     "II.5"),
    ("petitions.on_time_rate", "Tỷ lệ đơn giải quyết đúng hạn", "%", "percentage", "weighted_avg",
     "petitions.resolved", "", "II.5"),
    ("coordination.programmes", "Số chương trình phối hợp với MTTQ và các đoàn thể", "chương trình", "integer", "sum",
     "", "plans.coordination_programs", "II.6"),
    ("democracy.staff_conferences", "Số hội nghị cán bộ, công chức, viên chức", "hội nghị", "integer", "sum", "",
     "plans.staff_conferences", "II.7"),
    ("democracy.disclosures", "Số nội dung công khai theo quy định về dân chủ ở cơ sở", "nội dung", "integer", "sum",
     "", "plans.public_disclosures", "II.7"),
    ("emulation.models", "Số mô hình “Dân vận khéo” được công nhận", "mô hình", "integer", "sum", "",
     "emulation.exemplary_models", "II.7"),
    ("plan.unit_plan_issued", "Đã ban hành kế hoạch cụ thể của đơn vị", "", "boolean", "count_yes", "",
     "plans.unit_plan_issued", "III"),
    ("plan.task_progress", "Tiến độ thực hiện nhiệm vụ của kế hoạch (bình quân gia quyền)", "%", "percentage",
     "weighted_avg", "plan.task_weight", "plans.task_progress", "III"),
    ("plan.task_weight", "Tổng trọng số nhiệm vụ trong kỳ", "điểm", "decimal", "sum", "", "plans.task_weight", "III"),
    ("plan.tasks_overdue", "Số nhiệm vụ quá hạn chưa hoàn thành", "nhiệm vụ", "integer", "sum", "",
     "plans.tasks_overdue", "III"),
    ("inspection.count", "Số cuộc kiểm tra việc thực hiện công tác dân vận", "cuộc", "integer", "sum", "",
     "emulation.inspections", "III"),
    ("commendation.collectives", "Số tập thể được biểu dương, khen thưởng", "tập thể", "integer", "sum", "",
     "emulation.commended_collectives", "III"),
    ("commendation.individuals", "Số cá nhân được biểu dương, khen thưởng", "người", "integer", "sum", "",
     "emulation.commended_individuals", "III"),
    ("proposals", "Đề xuất, kiến nghị", "", "text", "concat", "", "", "IV"),
]

TEMPLATES = [
    {
        "code": PLAN_307_CODE,
        "name": "Báo cáo kết quả công tác dân vận chính quyền",
        "subject": "Kết quả thực hiện công tác dân vận chính quyền {period}",
        "period_kind": "yearly",
        "basis": "Kế hoạch số 307/KH-UBND ngày 16/12/2021 của UBND quận Thanh Xuân về đẩy mạnh, nâng cao chất "
                 "lượng, hiệu quả công tác dân vận của các cơ quan nhà nước thuộc quận Thanh Xuân",
        "sections": SECTIONS_307,
        "indicators": INDICATORS_307,
    },
]


def install(template_model, section_model, indicator_model) -> list:
    """Create the shipped templates with the given model classes; returns the templates.

    Add-only: a template, section or indicator that exists (perhaps edited by an administrator) is
    left as it is; only missing rows are created."""
    installed = []
    for data in TEMPLATES:
        template, _created = template_model.objects.get_or_create(
            code=data["code"], defaults={k: data[k] for k in ("name", "subject", "period_kind", "basis")})
        for order, (code, title, guidance) in enumerate(data["sections"], start=1):
            section_model.objects.get_or_create(template=template, code=code,
                                                   defaults={"title": title, "guidance": guidance, "order": order})
        for order, row in enumerate(data["indicators"], start=1):
            code, label, measure, value_type, aggregate, weight_code, source, plan_item = row
            indicator_model.objects.get_or_create(template=template, code=code, defaults={
                "label": label, "measure": measure, "value_type": value_type, "aggregate": aggregate,
                "weight_code": weight_code, "source_code": source, "plan_item": plan_item, "order": order})
        installed.append(template)
    return installed


def install_templates():
    """Install with the real models (demo, tests)."""
    from .models import ReportTemplate, TemplateIndicator, TemplateSection

    return install(ReportTemplate, TemplateSection, TemplateIndicator)
