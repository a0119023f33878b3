"""What each resource shows. Stored codes travel with their Vietnamese label (``*_label``);
people and units with their name beside the id. No private field of a person is ever here (staff:
no username, e-mail or telephone), and a petitioner only on a case's detail where the policy allows."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from danvan.org.models import Staff, Unit
from danvan.petitions.models import Channel, Field, Kind, Note, Petition
from danvan.plans.models import Plan, Task
from danvan.reception.models import Dialogue, ReceptionEntry
from danvan.reporting.models import ReportRequest, Submission


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
