"""What each resource shows. Stored codes travel with their Vietnamese label (``*_label``);
people and units with their name beside the id. No private field of a person is ever here (staff:
no username, e-mail or telephone), and a petitioner only on a case's detail where the policy allows."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from danvan.emulation.models import Criterion, Scheme
from danvan.org.models import Staff, Unit
from danvan.petitions.models import Channel, Field, Kind, Note, Petition
from danvan.plans.models import Plan, Task
from danvan.reception.models import Dialogue, ReceptionEntry
from danvan.reporting.models import ReportRequest, Submission
from danvan.surveys.models import PapiScore, Survey


def label(source: str) -> serializers.CharField:
    return serializers.CharField(source=f"get_{source}_display", read_only=True)


def name_of(source: str) -> serializers.CharField:
    return serializers.CharField(source=source, read_only=True, default=None, allow_null=True)


class UnitSerializer(serializers.ModelSerializer):
    level_label = label("level")
    kind_label = label("kind")
    parent_name = name_of("parent.name")

    class Meta:
        model = Unit
        fields = ["id", "code", "name", "short_name", "level", "level_label", "kind", "kind_label", "parent",
                  "parent_name", "address", "phone", "email", "valid_from", "valid_to"]


class StaffSerializer(serializers.ModelSerializer):
    role_label = label("role")
    unit_name = name_of("unit.name")

    class Meta:
        model = Staff
        fields = ["id", "full_name", "position", "role", "role_label", "unit", "unit_name", "is_active"]


class PetitionSerializer(serializers.ModelSerializer):
    kind_label = label("kind")
    status_label = label("status")
    channel_label = label("channel")
    field_name = name_of("field.name")
    unit_name = name_of("unit.name")
    handling_unit_name = name_of("handling_unit.name")
    assigned_to_name = name_of("assigned_to.full_name")
    is_overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = Petition
        fields = ["id", "code", "kind", "kind_label", "field", "field_name", "unit", "unit_name", "handling_unit",
                  "handling_unit_name", "assigned_to", "assigned_to_name", "channel", "channel_label",
                  "received_on", "subject", "content", "requested_outcome", "location", "is_collective",
                  "signers_count", "status", "status_label", "triage_due", "resolve_due", "notify_due", "next_due",
                  "is_overdue", "resolved_on", "closed_on", "answer", "version", "created_at", "updated_at"]
        read_only_fields = fields


class PetitionerSerializer(serializers.Serializer):
    full_name = serializers.CharField(max_length=150)
    address = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    id_number = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    is_representative = serializers.BooleanField(required=False, default=False)


class PetitionDetailSerializer(PetitionSerializer):
    petitioners = serializers.SerializerMethodField(
        help_text="Người gửi đơn: chỉ khi người gọi được xem (với đơn tố cáo: cán bộ xử lý và thủ trưởng đơn vị "
                  "xử lý, khi gọi kèm ?identity=1; mỗi lần xem được ghi nhật ký). Không được xem: null.")

    class Meta(PetitionSerializer.Meta):
        fields = [*PetitionSerializer.Meta.fields, "petitioners"]
        read_only_fields = fields

    @extend_schema_field(PetitionerSerializer(many=True, allow_null=True))
    def get_petitioners(self, petition: Petition) -> list[dict[str, Any]] | None:
        people = self.context.get("petitioners")
        if people is None:
            return None
        return PetitionerSerializer(people, many=True).data


class PetitionCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Kind.choices)
    field = serializers.PrimaryKeyRelatedField(queryset=Field.objects.filter(is_active=True))
    unit = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.all(),
                                              help_text="Đơn vị bị phản ánh, liên quan (cũng là đơn vị xử lý).")
    channel = serializers.ChoiceField(choices=Channel.choices)
    received_on = serializers.DateField()
    subject = serializers.CharField(max_length=255)
    content = serializers.CharField(max_length=20000)
    requested_outcome = serializers.CharField(required=False, allow_blank=True, default="", max_length=20000)
    location = serializers.CharField(required=False, allow_blank=True, default="", max_length=255)
    petitioners = PetitionerSerializer(many=True, required=False, default=list)
    is_signed = serializers.BooleanField(required=False, default=False)
    is_anonymous = serializers.BooleanField(required=False, default=False)
    is_collective = serializers.BooleanField(required=False, default=False)
    signers_count = serializers.IntegerField(required=False, default=1, min_value=1, max_value=100000)
    representatives_count = serializers.IntegerField(required=False, default=0, min_value=0, max_value=100)
    forwarded_by = serializers.CharField(required=False, allow_blank=True, default="", max_length=255)
    forwarding_document = serializers.CharField(required=False, allow_blank=True, default="", max_length=255)


class PetitionCreatedSerializer(PetitionSerializer):
    tracking_secret = serializers.CharField(read_only=True, help_text="Mã bí mật để công dân tra cứu: chỉ trả "
                                                                      "về một lần, danvan không lưu bản rõ.")

    class Meta(PetitionSerializer.Meta):
        fields = [*PetitionSerializer.Meta.fields, "tracking_secret"]
        read_only_fields = fields


class NoteSerializer(serializers.ModelSerializer):
    author_name = name_of("author.full_name")

    class Meta:
        model = Note
        fields = ["id", "petition", "text", "is_public", "author", "author_name", "created_at"]
        read_only_fields = ["id", "author", "author_name", "created_at"]
        extra_kwargs = {"text": {"max_length": 20000}}


class ReceptionEntrySerializer(serializers.ModelSerializer):
    unit_name = name_of("unit.name")
    kind_label = label("kind")
    summary = serializers.SerializerMethodField(
        help_text="Nội dung vụ việc; null với lượt tố cáo mà người gọi không được xem người tố cáo.")

    class Meta:
        model = ReceptionEntry
        fields = ["id", "unit", "unit_name", "session", "received_on", "kind", "kind_label", "people_count",
                  "is_collective", "within_competence", "summary", "reply_due", "replied_on", "petition", "version"]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.STR)
    def get_summary(self, entry: ReceptionEntry) -> str | None:
        return entry.summary if getattr(entry, "identity_shown", False) else None


class DialogueSerializer(serializers.ModelSerializer):
    unit_name = name_of("unit.name")
    kind_label = label("kind")
    chaired_by_name = name_of("chaired_by.full_name")

    class Meta:
        model = Dialogue
        fields = ["id", "unit", "unit_name", "kind", "kind_label", "topic", "held_on", "place", "chaired_by",
                  "chaired_by_name", "participants_count", "minutes", "petition", "version"]
        read_only_fields = fields


class PlanSerializer(serializers.ModelSerializer):
    issuer_name = name_of("issuer.name")
    status_label = label("status")

    class Meta:
        model = Plan
        fields = ["id", "issuer", "issuer_name", "full_number", "date", "title", "status", "status_label"]
        read_only_fields = fields


class TaskSerializer(serializers.ModelSerializer):
    lead_unit_name = name_of("lead_unit.name")
    kind_label = label("kind")
    status_label = label("status")

    class Meta:
        model = Task
        fields = ["id", "plan", "title", "kind", "kind_label", "lead_unit", "lead_unit_name", "due_date", "status",
                  "status_label", "progress", "completed_on", "version"]
        read_only_fields = fields


class ReportRequestSerializer(serializers.ModelSerializer):
    template_name = name_of("template.name")
    requesting_unit_name = name_of("requesting_unit.name")
    period_kind_label = label("period_kind")
    units = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = ReportRequest
        fields = ["id", "title", "template", "template_name", "requesting_unit", "requesting_unit_name",
                  "period_kind", "period_kind_label", "year", "part", "period_start", "period_end", "due_date",
                  "units", "version"]
        read_only_fields = fields


class SubmissionSerializer(serializers.ModelSerializer):
    unit_name = name_of("unit.name")
    status_label = label("status")
    kind_label = label("kind")

    class Meta:
        model = Submission
        fields = ["id", "request", "unit", "unit_name", "kind", "kind_label", "status", "status_label",
                  "submitted_at", "is_late", "doc_number", "doc_date", "review_comment", "version"]
        read_only_fields = fields


class SubmissionValueSerializer(serializers.Serializer):
    code = serializers.CharField(source="indicator.code")
    label = serializers.CharField(source="indicator.label")
    measure = serializers.CharField(source="indicator.measure")
    value_type = serializers.CharField(source="indicator.value_type")
    value = serializers.JSONField(allow_null=True)
    display = serializers.CharField()
    source = serializers.CharField(source="source_description")
    overridden = serializers.BooleanField()
    reason = serializers.CharField()


class NarrativeSerializer(serializers.Serializer):
    code = serializers.CharField(source="section.code")
    title = serializers.CharField(source="section.title")
    text = serializers.CharField()


class SubmissionDetailSerializer(SubmissionSerializer):
    values = SubmissionValueSerializer(many=True, read_only=True)
    narratives = NarrativeSerializer(many=True, read_only=True)

    class Meta(SubmissionSerializer.Meta):
        fields = [*SubmissionSerializer.Meta.fields, "values", "narratives"]
        read_only_fields = fields


class SubmissionOpenSerializer(serializers.Serializer):
    request = serializers.PrimaryKeyRelatedField(queryset=ReportRequest.objects.all())
    unit = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.all())


class SubmissionDraftSerializer(serializers.Serializer):
    version = serializers.IntegerField(help_text="Phiên bản báo cáo đang sửa (chống ghi đè).")
    values = serializers.DictField(child=serializers.JSONField(allow_null=True), required=False, default=dict,
                                   help_text="Mã chỉ tiêu → giá trị.")
    reasons = serializers.DictField(child=serializers.CharField(allow_blank=True, max_length=5000), required=False,
                                    default=dict, help_text="Mã chỉ tiêu → lý do sửa số liệu tự động.")
    narratives = serializers.DictField(child=serializers.CharField(allow_blank=True, max_length=50000),
                                       required=False, default=dict, help_text="Mã mục → nội dung.")


class VersionSerializer(serializers.Serializer):
    version = serializers.IntegerField(help_text="Phiên bản báo cáo đang nộp (chống ghi đè).")


class IndicatorSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    measure = serializers.CharField()
    value_type = serializers.CharField()
    aggregate = serializers.CharField()
    plan_item = serializers.CharField()


class FigureSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    measure = serializers.CharField()
    value = serializers.JSONField(allow_null=True)
    description = serializers.CharField()


class FiguresSerializer(serializers.Serializer):
    unit = serializers.IntegerField()
    unit_name = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    figures = FigureSerializer(many=True)


class ConsolidationRowSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    measure = serializers.CharField()
    value = serializers.JSONField(allow_null=True)
    display = serializers.CharField()
    reported = serializers.IntegerField()


class ConsolidationUnitSerializer(serializers.Serializer):
    unit = serializers.IntegerField()
    unit_name = serializers.CharField()
    status = serializers.CharField(allow_null=True)
    status_label = serializers.CharField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    is_late = serializers.BooleanField()
    overdue = serializers.BooleanField()


class ConsolidationSerializer(serializers.Serializer):
    request = serializers.IntegerField()
    unit_count = serializers.IntegerField()
    reported_count = serializers.IntegerField()
    rows = ConsolidationRowSerializer(many=True)
    units = ConsolidationUnitSerializer(many=True)


# --- emulation: schemes, the ranking, a unit's sheet ------------------------------------------------


class CriterionSerializer(serializers.ModelSerializer):
    kind_label = label("kind")
    formula_label = serializers.SerializerMethodField()
    max_points = serializers.FloatField(read_only=True)
    per_item = serializers.FloatField(read_only=True)

    class Meta:
        model = Criterion
        fields = ["id", "order", "name", "kind", "kind_label", "formula", "formula_label", "deduction", "max_points",
                  "per_item"]
        read_only_fields = fields

    def get_formula_label(self, criterion: Criterion) -> str:
        return str(criterion.get_formula_display()) if criterion.formula else ""


class SchemeSerializer(serializers.ModelSerializer):
    unit_name = name_of("unit.name")
    level_label = label("level")
    status_label = label("status")
    criteria = CriterionSerializer(many=True, read_only=True)

    class Meta:
        model = Scheme
        fields = ["id", "unit", "unit_name", "year", "revision", "name", "level", "level_label", "period_start",
                  "period_end", "status", "status_label", "published", "frozen_at", "criteria"]
        read_only_fields = fields


class RankingPointSerializer(serializers.Serializer):
    criterion = serializers.IntegerField()
    points = serializers.FloatField()
    not_applicable = serializers.BooleanField(help_text="Không phát sinh trong kỳ: được điểm tối đa.")
    missing = serializers.BooleanField(help_text="Tiêu chí hội đồng chấm mà chưa chấm (0 điểm).")


class RankingRowSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    unit = serializers.IntegerField()
    unit_name = serializers.CharField()
    total = serializers.FloatField()
    deductions = serializers.FloatField()
    decided_by = serializers.CharField(help_text="Khi bằng tổng điểm: căn cứ phân định thứ hạng.")
    sheet_visible = serializers.BooleanField(help_text="Người gọi được xem phiếu chấm điểm của đơn vị này.")
    points = RankingPointSerializer(many=True)


class RankingSerializer(serializers.Serializer):
    scheme = serializers.IntegerField()
    scheme_name = serializers.CharField()
    year = serializers.IntegerField()
    unit = serializers.IntegerField(help_text="Cơ quan chấm điểm.")
    unit_name = serializers.CharField()
    published = serializers.BooleanField()
    frozen = serializers.BooleanField(help_text="Kết quả đã chốt năm (không tính lại).")
    cutoff = serializers.DateField(help_text="Số liệu tính đến ngày.")
    criteria = CriterionSerializer(many=True)
    rows = RankingRowSerializer(many=True)


class SheetRecordSerializer(serializers.Serializer):
    label = serializers.CharField()
    url = serializers.CharField(help_text="Trang của bản ghi trong danvan (đường dẫn).")
    note = serializers.CharField()
    counted = serializers.BooleanField(help_text="false: nêu để đối chiếu, không được tính điểm.")


class SheetLineSerializer(serializers.Serializer):
    criterion = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    max_points = serializers.FloatField()
    deduction = serializers.BooleanField()
    points = serializers.FloatField()
    value = serializers.FloatField(allow_null=True, help_text="Số liệu tính điểm (tử số).")
    due = serializers.FloatField(allow_null=True, help_text="Mẫu số, với tiêu chí tỷ lệ.")
    not_applicable = serializers.BooleanField()
    missing = serializers.BooleanField()
    reason = serializers.CharField(help_text="Lý do của hội đồng, với tiêu chí hội đồng chấm.")
    explanation = serializers.CharField(help_text="Cách ra số điểm, bằng lời.")
    records = SheetRecordSerializer(many=True, help_text="Các bản ghi được tính.")


class SheetSerializer(serializers.Serializer):
    scheme = serializers.IntegerField()
    scheme_name = serializers.CharField()
    year = serializers.IntegerField()
    unit = serializers.IntegerField()
    unit_name = serializers.CharField()
    frozen = serializers.BooleanField()
    cutoff = serializers.DateField()
    total = serializers.FloatField()
    deductions = serializers.FloatField()
    rank = serializers.IntegerField()
    ranked_units = serializers.IntegerField(help_text="Số đơn vị được xếp hạng.")
    decided_by = serializers.CharField()
    lines = SheetLineSerializer(many=True)


# --- surveys: results, satisfaction per unit, PAPI --------------------------------------------------


class SurveySerializer(serializers.ModelSerializer):
    unit_name = name_of("unit.name")
    target_label = label("target")
    status_label = label("status")
    field_name = name_of("field.name")
    responses = serializers.IntegerField(source="n_responses", read_only=True, default=0)
    questions = serializers.IntegerField(source="n_questions", read_only=True, default=0)

    class Meta:
        model = Survey
        fields = ["id", "title", "unit", "unit_name", "target", "target_label", "field", "field_name", "starts_on",
                  "ends_on", "status", "status_label", "responses", "questions"]
        read_only_fields = fields


class AspectScoreSerializer(serializers.Serializer):
    aspect = serializers.CharField()
    label = serializers.CharField()
    score = serializers.FloatField(allow_null=True, help_text="Phần trăm (một chữ số thập phân); null: chưa có câu "
                                                              "trả lời hợp lệ.")


class CountSerializer(serializers.Serializer):
    answer = serializers.CharField()
    count = serializers.IntegerField()


class QuestionResultSerializer(serializers.Serializer):
    question = serializers.IntegerField()
    text = serializers.CharField()
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    aspect = serializers.CharField()
    aspect_label = serializers.CharField()
    valid = serializers.IntegerField(help_text="Số câu trả lời hợp lệ.")
    satisfied = serializers.IntegerField(help_text="Số câu trả lời hài lòng (4–5 hoặc phương án hài lòng).")
    score = serializers.FloatField(allow_null=True)
    counts = CountSerializer(many=True)


class UnitIndexSerializer(serializers.Serializer):
    unit = serializers.IntegerField()
    unit_name = serializers.CharField()
    sample = serializers.IntegerField(help_text="Số phiếu trả lời.")
    index = serializers.FloatField(allow_null=True, help_text="Chỉ số hài lòng (cách tính SIPAS), phần trăm.")
    low_sample = serializers.BooleanField(help_text="Số phiếu ít hơn mức tối thiểu: chỉ số chỉ để tham khảo.")
    aspects = AspectScoreSerializer(many=True)


class SurveyResultsSerializer(serializers.Serializer):
    survey = serializers.IntegerField()
    title = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    unit = serializers.IntegerField(allow_null=True, help_text="Đơn vị đã lọc (null: cả phạm vi của người gọi).")
    sample = serializers.IntegerField()
    index = serializers.FloatField(allow_null=True)
    low_sample = serializers.BooleanField()
    min_sample = serializers.IntegerField()
    aspects = AspectScoreSerializer(many=True)
    weights = AspectScoreSerializer(many=True, help_text="Trọng số từng yếu tố (phần trăm) trong chỉ số chung.")
    units = UnitIndexSerializer(many=True)
    questions = QuestionResultSerializer(many=True)


class SatisfactionSerializer(UnitIndexSerializer):
    start = serializers.DateField()
    end = serializers.DateField()
    min_sample = serializers.IntegerField()


class PapiScoreSerializer(serializers.ModelSerializer):
    dimension_label = label("dimension")
    score = serializers.FloatField(read_only=True)

    class Meta:
        model = PapiScore
        fields = ["id", "province", "year", "dimension", "dimension_label", "score", "printed", "source", "is_demo"]
        read_only_fields = fields
