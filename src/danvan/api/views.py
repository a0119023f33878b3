"""The REST endpoints of /api/v1/: thin views over the apps' selectors and services.

Each list is the same queryset the pages use, filtered with ``policy.unit_q`` (or the app's own
``visible_*`` selector built on it), read in a fixed number of queries; each object is checked
with ``policy.require`` under the pages' permission names; each write calls the app's service
(same checks, history, optimistic version).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import BooleanField, Case, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from danvan.api import filters as api_filters
from danvan.api import serializers as s
from danvan.api.models import Scope
from danvan.org import clock, policy
from danvan.org.models import Role, Staff, Unit
from danvan.petitions import selectors as petition_selectors
from danvan.petitions import services as petition_services
from danvan.petitions.models import Kind, Note, Petition
from danvan.plans import selectors as plan_selectors
from danvan.plans.models import Plan, Task
from danvan.reception import permissions as reception_permissions
from danvan.reception.models import Dialogue, ReceptionEntry
from danvan.reporting import selectors as report_selectors
from danvan.reporting import services as report_services
from danvan.reporting import sources
from danvan.reporting.models import ReportRequest, Submission, SubmissionStatus


class ScopedViewSet(viewsets.GenericViewSet):
    """A resource read through the policy: ``visible()`` for lists, ``view_permission`` for each object."""

    view_permission = ""
    list_permission = ""  # asked with no object before a list, when the app has such a name

    def visible(self) -> QuerySet:
        raise NotImplementedError

    def get_queryset(self) -> QuerySet:
        if getattr(self, "swagger_fake_view", False):
            return self.queryset_model.objects.none()
        return self.visible()

    def subject(self, obj: Any) -> Any:
        return obj

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if self.list_permission:
            policy.require(request.user, self.list_permission, None)
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def get_object(self) -> Any:
        obj = super().get_object()
        policy.require(self.request.user, self.view_permission, self.subject(obj))
        return obj

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(self.get_serializer(self.get_object()).data)


class UnitViewSet(ScopedViewSet):
    """Units in the caller's scope (the whole unit tree below it), former units included."""

    queryset_model = Unit
    serializer_class = s.UnitSerializer
    filterset_class = api_filters.UnitFilter
    view_permission = "unit.view"

    def visible(self) -> QuerySet:
        return policy.visible_units(self.request.user).select_related("parent")


class StaffViewSet(ScopedViewSet):
    """Staff in the caller's scope: name, position, role and unit only (no account or contact details)."""

    queryset_model = Staff
    serializer_class = s.StaffSerializer
    filterset_class = api_filters.StaffFilter
    view_permission = "staff.view"

    def visible(self) -> QuerySet:
        return policy.visible_staff(self.request.user).select_related("unit")


IDENTITY_PARAM = OpenApiParameter(
    "identity", OpenApiTypes.BOOL, description="Đơn tố cáo: xin xem người tố cáo (chỉ cán bộ xử lý và thủ trưởng "
                                              "đơn vị xử lý được xem; mỗi lần xem được ghi nhật ký).")


@extend_schema_view(retrieve=extend_schema(parameters=[IDENTITY_PARAM], responses=s.PetitionDetailSerializer),
                    create=extend_schema(request=s.PetitionCreateSerializer,
                                         responses={201: s.PetitionCreatedSerializer}))
class PetitionViewSet(mixins.CreateModelMixin, ScopedViewSet):
    """Cases (đơn thư) the caller may see. Lists never carry who filed a case; the detail shows the
    petitioners only where the policy allows, as the case page does."""

    queryset_model = Petition
    serializer_class = s.PetitionSerializer
    filterset_class = api_filters.PetitionFilter
    view_permission = "petition.view"
    write_scope = Scope.PETITIONS_WRITE

    def visible(self) -> QuerySet:
        return petition_selectors.visible_petitions(self.request.user).select_related(
            "field", "unit", "handling_unit", "assigned_to")

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        petition = self.get_object()
        wants = str(request.query_params.get("identity", "")).lower() in ("1", "true")
        people = None
        if (wants or petition.kind != Kind.DENUNCIATION) and policy.can(request.user, "petition.identity", petition):
            # The one door to a petitioner: asks the policy and logs each view of a denouncer.
            people = petition_services.identities_for(actor=request.user, petition=petition,
                                                      context=_("API: hồ sơ đơn thư"))
        serializer = s.PetitionDetailSerializer(petition, context={"request": request, "petitioners": people})
        return Response(serializer.data)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = s.PetitionCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        values["petitioners"] = [dict(p) for p in values.get("petitioners") or []]
        submitted = petition_services.submit_petition(actor=request.user, **values)
        body = s.PetitionSerializer(submitted.petition).data
        body["tracking_secret"] = submitted.secret
        return Response(body, status=status.HTTP_201_CREATED)


@extend_schema_view(create=extend_schema(responses={201: s.NoteSerializer}))
class NoteViewSet(mixins.CreateModelMixin, ScopedViewSet):
    """Notes on the cases the caller sees (internal and public); writing one needs the right to handle the case."""

    queryset_model = Note
    serializer_class = s.NoteSerializer
    filterset_class = api_filters.NoteFilter
    view_permission = "petition.view"
    write_scope = Scope.PETITIONS_WRITE

    def visible(self) -> QuerySet:
        cases = petition_selectors.visible_petitions(self.request.user).order_by().values("pk")
        return Note.objects.filter(petition__in=cases).select_related("author")

    def subject(self, obj: Note) -> Petition:
        return obj.petition

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = s.NoteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        petition = get_object_or_404(petition_selectors.visible_petitions(request.user),
                                     pk=data.validated_data["petition"].pk)
        note = petition_services.add_note(actor=request.user, petition=petition, text=data.validated_data["text"],
                                          is_public=data.validated_data.get("is_public", False))
        return Response(s.NoteSerializer(note).data, status=status.HTTP_201_CREATED)


class ReceptionEntryViewSet(ScopedViewSet):
    """Lines of the reception book in scope. The citizen who came is never here; the summary of a
    denunciation only for those who may see the denouncer (it can name them)."""

    queryset_model = ReceptionEntry
    serializer_class = s.ReceptionEntrySerializer
    filterset_class = api_filters.ReceptionEntryFilter
    view_permission = reception_permissions.VIEW
    list_permission = reception_permissions.VIEW

    def visible(self) -> QuerySet:
        user = self.request.user
        shown = Case(When(reception_permissions.identity_shown_q(user), then=Value(True)), default=Value(False),
                     output_field=BooleanField())
        return (ReceptionEntry.objects.filter(policy.unit_q(user, "unit")).select_related("unit")
                .annotate(identity_shown=shown))

    def subject(self, obj: ReceptionEntry) -> Unit:
        return obj.unit


class DialogueViewSet(ScopedViewSet):
    """Dialogues held by units in scope."""

    queryset_model = Dialogue
    serializer_class = s.DialogueSerializer
    filterset_class = api_filters.DialogueFilter
    view_permission = reception_permissions.VIEW
    list_permission = reception_permissions.VIEW

    def visible(self) -> QuerySet:
        return Dialogue.objects.filter(policy.unit_q(self.request.user, "unit")).select_related("unit", "chaired_by")

    def subject(self, obj: Dialogue) -> Unit:
        return obj.unit


class PlanViewSet(ScopedViewSet):
    """Plans issued in the caller's scope or above their unit."""

    queryset_model = Plan
    serializer_class = s.PlanSerializer
    filterset_class = api_filters.PlanFilter
    view_permission = "plan.view"

    def visible(self) -> QuerySet:
        return plan_selectors.plan_list(self.request.user)


class TaskViewSet(ScopedViewSet):
    """Tasks led by units in scope."""

    queryset_model = Task
    serializer_class = s.TaskSerializer
    filterset_class = api_filters.TaskFilter
    view_permission = "task.view"

    def visible(self) -> QuerySet:
        return Task.objects.filter(policy.unit_q(self.request.user, "lead_unit")).select_related("lead_unit")


class ReportRequestViewSet(ScopedViewSet):
    """Report requests made in the caller's scope, or asking the caller's unit to report."""

    queryset_model = ReportRequest
    serializer_class = s.ReportRequestSerializer
    filterset_class = api_filters.ReportRequestFilter
    view_permission = "report.request.view"

    def visible(self) -> QuerySet:
        return (report_selectors.visible_requests(self.request.user)
                .select_related("template", "requesting_unit").prefetch_related("units"))

    @extend_schema(responses=s.ConsolidationSerializer)
    @action(detail=True, methods=["get"], pagination_class=None, filterset_class=None)
    def consolidation(self, request: Request, pk: str | None = None) -> Response:
        """The consolidated figures of the request: per indicator across the reports that count."""
        report_request = self.get_object()
        policy.require(request.user, "report.request.manage", report_request)
        result = report_selectors.consolidate(report_request, with_units=False, compare=False)
        return Response(s.ConsolidationSerializer({
            "request": report_request.pk, "unit_count": result.unit_count, "reported_count": result.reported_count,
            "rows": [{"code": r.indicator.code, "label": r.indicator.label, "measure": r.indicator.measure,
                      "value": _plain(r.value), "display": r.display, "reported": r.reported} for r in result.rows],
            "units": [{"unit": u.unit.pk, "unit_name": u.unit.name, "status": u.status,
                       "status_label": str(u.status_label), "submitted_at": u.submitted_at, "is_late": u.is_late,
                       "overdue": u.overdue} for u in result.units],
        }).data)


def _plain(value: Any) -> Any:
    from decimal import Decimal

    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


@extend_schema_view(
    retrieve=extend_schema(responses=s.SubmissionDetailSerializer),
    create=extend_schema(request=s.SubmissionOpenSerializer, responses={201: s.SubmissionDetailSerializer}),
    partial_update=extend_schema(request=s.SubmissionDraftSerializer, responses=s.SubmissionDetailSerializer),
)
class SubmissionViewSet(ScopedViewSet):
    """Units' reports: read them, open the unit's report for a request (pre-filled from danvan's
    records), save what the unit types, and submit it — through reporting's services, with the same
    checks as the pages (only the unit's head submits, a changed automatic figure needs a reason)."""

    queryset_model = Submission
    serializer_class = s.SubmissionSerializer
    filterset_class = api_filters.SubmissionFilter
    view_permission = "report.view"
    write_scope = Scope.REPORTS_SUBMIT
    http_method_names = ["get", "post", "patch", "head", "options"]

    def visible(self) -> QuerySet:
        user = self.request.user
        q = policy.unit_q(user, "unit")
        if policy.is_administrator(user) or getattr(user, "role", None) in (Role.COORDINATOR, Role.LEADER,
                                                                             Role.INSPECTOR):
            q |= policy.unit_q(user, "request__requesting_unit")
        return Submission.objects.filter(q).select_related("unit", "request")

    def _detail(self, submission: Submission) -> Response:
        submission = (Submission.objects.select_related("unit", "request")
                      .prefetch_related("values__indicator", "narratives__section").get(pk=submission.pk))
        return Response(s.SubmissionDetailSerializer(submission).data)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._detail(self.get_object())

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = s.SubmissionOpenSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        report_request = get_object_or_404(report_selectors.visible_requests(request.user),
                                           pk=data.validated_data["request"].pk)
        submission = report_services.open_submission(actor=request.user, request=report_request,
                                                     unit=data.validated_data["unit"])
        response = self._detail(submission)
        response.status_code = status.HTTP_201_CREATED
        return response

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        submission = self.get_object()
        data = s.SubmissionDraftSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        submission = report_services.save_draft(actor=request.user, submission=submission, values=d["values"],
                                                reasons=d["reasons"], narratives=d["narratives"],
                                                version=d["version"])
        return self._detail(submission)

    @extend_schema(request=s.VersionSerializer, responses=s.SubmissionDetailSerializer)
    @action(detail=True, methods=["post"], filterset_class=None)
    def submit(self, request: Request, pk: str | None = None) -> Response:
        """Send the report to the requesting unit (the unit's head; late after the due date)."""
        submission = self.get_object()
        data = s.VersionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        if submission.status == SubmissionStatus.SUBMITTED:
            raise serializers.ValidationError({"status": _("Báo cáo đã được nộp, đang chờ đơn vị tổng hợp xem xét.")})
        submission = report_services.submit(actor=request.user, submission=submission,
                                            version=data.validated_data["version"])
        return self._detail(submission)


class IndicatorViewSet(viewsets.ViewSet):
    """The figures danvan computes from its records (codes that report templates name as their source)."""

    pagination_class = None

    @extend_schema(responses=s.IndicatorSerializer(many=True))
    def list(self, request: Request) -> Response:
        specs = sorted(sources.known_specs().values(), key=lambda spec: spec.code)
        return Response(s.IndicatorSerializer([{
            "code": spec.code, "label": spec.label, "measure": spec.measure, "value_type": spec.value_type,
            "aggregate": spec.aggregate, "plan_item": spec.plan_item} for spec in specs], many=True).data)


class _SpecRow:
    """A figures spec in the shape ``sources.figures_for_unit`` reads from a template indicator."""

    def __init__(self, spec: Any) -> None:
        self.code = self.source_code = spec.code
        self.value_type = spec.value_type
        self.aggregate = spec.aggregate


FIGURE_PARAMS = [
    OpenApiParameter("unit", OpenApiTypes.INT, description="Đơn vị (mặc định: phạm vi của người gọi)."),
    OpenApiParameter("start", OpenApiTypes.DATE, description="Từ ngày (mặc định: đầu năm)."),
    OpenApiParameter("end", OpenApiTypes.DATE, description="Đến ngày (mặc định: hôm nay)."),
]


class FiguresView(APIView):
    """Every indicator's value for a unit and its subtree over a period, as reports pre-fill it."""

    @extend_schema(parameters=FIGURE_PARAMS, responses=s.FiguresSerializer, operation_id="figures_retrieve")
    def get(self, request: Request) -> Response:
        user = request.user
        errors: dict[str, str] = {}
        today = clock.today()
        start = _date_param(request, "start", date(today.year, 1, 1), errors)
        end = _date_param(request, "end", today, errors)
        if start and end and start > end:
            errors["end"] = _("Ngày kết thúc phải từ ngày bắt đầu trở đi.")
        raw_unit = request.query_params.get("unit", "")
        unit = None
        if raw_unit:
            if not raw_unit.isdigit() or len(raw_unit) > 15:
                errors["unit"] = _("Mã đơn vị là một số.")
            else:
                unit = get_object_or_404(policy.visible_units(user), pk=int(raw_unit))
        else:
            unit = policy.scope_root(user) if not policy.is_administrator(user) else Unit.objects.filter(
                parent=None).order_by("pk").first()
        if errors:
            raise serializers.ValidationError(errors)
        if unit is None:
            raise serializers.ValidationError({"unit": _("Hãy chọn đơn vị.")})
        policy.require(user, "unit.view", unit)
        specs = sources.known_specs()
        figures = sources.figures_for_unit(unit, [_SpecRow(spec) for spec in specs.values()], start, end)
        rows = [{"code": code, "label": specs[code].label, "measure": specs[code].measure,
                 "value": _plain(figure.value), "description": figure.description}
                for code, figure in sorted(figures.items())]
        return Response(s.FiguresSerializer({"unit": unit.pk, "unit_name": unit.name, "start": start, "end": end,
                                             "figures": rows}).data)


def _date_param(request: Request, name: str, default: date, errors: dict[str, str]) -> date | None:
    raw = request.query_params.get(name, "")
    if not raw:
        return default
    try:
        return date.fromisoformat(raw)
    except ValueError:
        errors[name] = _("Ngày không đúng: hãy viết YYYY-MM-DD.")
        return None
