"""The REST endpoints of /api/v1/: thin views over the apps' selectors and services.

Each list is the same queryset the pages use, filtered with ``policy.unit_q`` (or the app's own
``visible_*`` selector built on it), read in a fixed number of queries; each object is checked
with ``policy.require`` under the pages' permission names; each write calls the app's service
(same checks, history, optimistic version).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import BooleanField, Case, Prefetch, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from danvan.api import filters as api_filters
from danvan.api import serializers as s
from danvan.api.models import Scope
from danvan.core import sipas
from danvan.emulation import permissions as emulation_permissions
from danvan.emulation import selectors as emulation_selectors
from danvan.emulation.models import Criterion, Scheme
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
from danvan.surveys import figures as survey_figures
from danvan.surveys import permissions as survey_permissions
from danvan.surveys import selectors as survey_selectors
from danvan.surveys.models import Aspect, PapiScore, Survey
from danvan.surveys.models import Response as SurveyResponse


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


# --- emulation: schemes, the ranking, a unit's sheet ------------------------------------------------

UNIT_PK_PARAM = OpenApiParameter("unit_pk", OpenApiTypes.INT, OpenApiParameter.PATH,
                                 description="Đơn vị được chấm điểm.")


def _points(value: Any) -> float | None:
    return None if value is None else float(value)


class SchemeViewSet(ScopedViewSet):
    """Emulation scoring schemes (bộ tiêu chí chấm điểm thi đua) with their criteria. The list is what the
    emulation page lists for the caller: the council's own schemes and, for the scored units, the
    schemes whose ranking is published. A scheme's ranking and a unit's sheet are asked of the policy
    as on the pages: the ranking for the council and, once published, the scored units; a unit's
    sheet for the unit's own people and whoever sees the unit."""

    queryset_model = Scheme
    serializer_class = s.SchemeSerializer
    filterset_class = api_filters.SchemeFilter
    list_permission = emulation_permissions.RANKING_VIEW

    def visible(self) -> QuerySet:
        ids = [scheme.pk for scheme in emulation_selectors.schemes_for(self.request.user)]
        criteria = Prefetch("criteria", queryset=Criterion.objects.order_by("order", "pk"))
        return Scheme.objects.filter(pk__in=ids).select_related("unit").prefetch_related(criteria)

    def _scheme(self, pk: str | None) -> Scheme:
        """A scheme by its id (any revision, as the pages open it); the caller's rights are asked next."""
        return generics.get_object_or_404(Scheme.objects.select_related("unit"), pk=pk)

    def _require_ranking(self, scheme: Scheme) -> None:
        user = self.request.user
        if not policy.can(user, emulation_permissions.SCHEME_MANAGE, scheme):
            policy.require(user, emulation_permissions.RANKING_VIEW, scheme)

    def get_object(self) -> Scheme:
        scheme = self._scheme(self.kwargs.get("pk"))
        self._require_ranking(scheme)
        return scheme

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        scheme = self.get_object()
        scheme = Scheme.objects.select_related("unit").prefetch_related(
            Prefetch("criteria", queryset=Criterion.objects.order_by("order", "pk"))).get(pk=scheme.pk)
        return Response(s.SchemeSerializer(scheme).data)

    @extend_schema(responses=s.RankingSerializer)
    @action(detail=True, methods=["get"], pagination_class=None, filterset_class=None)
    def ranking(self, request: Request, pk: str | None = None) -> Response:
        """Every scored unit's place, total, deductions and points per criterion (provisional until the year
        is frozen: computed from the same figures as the units' reports)."""
        scheme = self.get_object()
        result = emulation_selectors.ranking(scheme)
        rows = [{
            "rank": r.rank, "unit": r.unit.pk, "unit_name": r.unit.name, "total": float(r.total),
            "deductions": float(r.deductions), "decided_by": r.decided_by or "",
            "sheet_visible": policy.can(request.user, emulation_permissions.SHEET_VIEW,
                                        emulation_selectors.SheetRef(scheme, r.unit)),
            "points": [{"criterion": line.criterion.pk, "points": float(line.points),
                        "not_applicable": line.not_applicable, "missing": line.missing} for line in r.lines],
        } for r in result.rows]
        return Response(s.RankingSerializer({
            **_scheme_head(scheme, result), "unit": scheme.unit_id, "unit_name": scheme.unit.name,
            "published": scheme.published, "criteria": result.criteria, "rows": rows}).data)

    @extend_schema(parameters=[UNIT_PK_PARAM], responses=s.SheetSerializer)
    @action(detail=True, methods=["get"], url_path=r"units/(?P<unit_pk>[0-9]+)", pagination_class=None,
            filterset_class=None)
    def sheet(self, request: Request, pk: str | None = None, unit_pk: str | None = None) -> Response:
        """A unit's sheet: each criterion's points, how they were reached and the records counted."""
        scheme = self._scheme(pk)
        unit = generics.get_object_or_404(Unit, pk=unit_pk)
        policy.require(request.user, emulation_permissions.SHEET_VIEW, emulation_selectors.SheetRef(scheme, unit))
        result, row = emulation_selectors.sheet(scheme, unit)
        if row is None:
            raise NotFound(_("Đơn vị này không thuộc diện chấm điểm của bộ tiêu chí."))
        lines = [{
            "criterion": line.criterion.pk, "name": line.criterion.name, "kind": line.criterion.kind,
            "kind_label": str(line.criterion.get_kind_display()), "max_points": float(line.criterion.max_points),
            "deduction": line.criterion.deduction, "points": float(line.points), "value": _points(line.value),
            "due": _points(line.due), "not_applicable": line.not_applicable, "missing": line.missing,
            "reason": line.reason or "", "explanation": str(line.explanation or ""),
            "records": [ref.as_dict() for ref in line.records or []],
        } for line in row.lines]
        return Response(s.SheetSerializer({
            **_scheme_head(scheme, result), "unit": unit.pk, "unit_name": unit.name, "total": float(row.total),
            "deductions": float(row.deductions), "rank": row.rank, "ranked_units": len(result.rows),
            "decided_by": row.decided_by or "", "lines": lines}).data)


def _scheme_head(scheme: Scheme, result: Any) -> dict[str, Any]:
    return {"scheme": scheme.pk, "scheme_name": scheme.name, "year": scheme.year, "frozen": result.frozen,
            "cutoff": result.cutoff}


# --- surveys: results, satisfaction per unit and period, PAPI --------------------------------------

PERIOD_PARAMS = [
    OpenApiParameter("start", OpenApiTypes.DATE, description="Từ ngày trả lời."),
    OpenApiParameter("end", OpenApiTypes.DATE, description="Đến ngày trả lời."),
    OpenApiParameter("unit", OpenApiTypes.INT, description="Chỉ đơn vị này và các đơn vị trực thuộc."),
]


def _aspects(scores: dict[str, float | None]) -> list[dict[str, Any]]:
    return [{"aspect": a, "label": str(Aspect(a).label), "score": scores.get(a)} for a in sipas.ASPECTS]


def _period(request: Request, default_start: date, default_end: date) -> tuple[date, date, Unit | None]:
    """The period and unit of a results call, or a 400 naming each bad parameter."""
    errors: dict[str, str] = {}
    start = _date_param(request, "start", default_start, errors)
    end = _date_param(request, "end", default_end, errors)
    if start and end and start > end:
        errors["end"] = _("Ngày kết thúc phải từ ngày bắt đầu trở đi.")
    raw_unit = request.query_params.get("unit", "")
    unit = None
    if raw_unit and (not raw_unit.isdigit() or len(raw_unit) > 15):
        errors["unit"] = _("Mã đơn vị là một số.")
    if errors:
        raise serializers.ValidationError(errors)
    if raw_unit:
        unit = get_object_or_404(policy.visible_units(request.user), pk=int(raw_unit))
    return start, end, unit


class SurveyViewSet(ScopedViewSet):
    """Satisfaction surveys of units in scope, with their number of questions and responses."""

    queryset_model = Survey
    serializer_class = s.SurveySerializer
    filterset_class = api_filters.SurveyFilter
    view_permission = survey_permissions.VIEW
    list_permission = survey_permissions.VIEW

    def visible(self) -> QuerySet:
        return survey_selectors.survey_list(self.request.user)

    def subject(self, obj: Survey) -> Unit:
        return obj.unit

    @extend_schema(parameters=PERIOD_PARAMS, responses=s.SurveyResultsSerializer)
    @action(detail=True, methods=["get"], pagination_class=None, filterset_class=None)
    def results(self, request: Request, pk: str | None = None) -> Response:
        """The survey's answers in the period (default: the survey's own dates), for the caller's scope or one
        unit's subtree: sample sizes, each question's spread and score, the SIPAS-style index per aspect and
        overall with the low-sample flag, and a row per unit. Free-text answers stay on the results page:
        a citizen may name people in them."""
        survey = self.get_object()
        start, end, unit = _period(request, survey.starts_on, survey.ends_on)
        questions = list(survey.questions.order_by("order", "pk"))
        r = survey_selectors.results(survey, questions, request.user, start, end, unit)
        labels = {a: str(Aspect(a).label) for a in sipas.ASPECTS}
        by_label = {name: a for a, name in labels.items()}
        return Response(s.SurveyResultsSerializer({
            "survey": survey.pk, "title": survey.title, "start": start, "end": end,
            "unit": unit.pk if unit else None, "sample": r.sample, "index": r.overall, "low_sample": r.low_sample,
            "min_sample": r.min_sample,
            "aspects": [{"aspect": a, "label": str(name), "score": score}
                        for a, (name, score, _n) in zip(sipas.ASPECTS, r.aspects, strict=True)],
            "weights": [{"aspect": by_label[str(name)], "label": str(name), "score": weight}
                        for name, weight in r.weights],
            "units": [{"unit": u.unit.pk, "unit_name": u.unit.name, "sample": u.sample, "index": u.overall,
                       "low_sample": u.low_sample,
                       "aspects": _aspects(dict(zip(sipas.ASPECTS, u.aspects, strict=True)))} for u in r.units],
            "questions": [{
                "question": q.question.pk, "text": q.question.text, "kind": q.question.kind,
                "kind_label": str(q.question.get_kind_display()), "aspect": q.question.aspect,
                "aspect_label": labels.get(q.question.aspect, ""), "valid": q.valid, "satisfied": q.satisfied,
                "score": q.score, "counts": [{"answer": str(a), "count": n} for a, n in q.counts],
            } for q in r.questions],
        }).data)


@extend_schema_view(list=extend_schema(parameters=PERIOD_PARAMS))
class SatisfactionViewSet(viewsets.GenericViewSet):
    """Each unit's own satisfaction index over a period (default: from the start of the year to today), across
    every survey answered about it: the number of responses, the SIPAS-style index and its five aspects,
    the low-sample flag. Units in the caller's scope that were answered about in the period."""

    serializer_class = s.SatisfactionSerializer
    filterset_class = None

    def get_queryset(self) -> QuerySet:
        if getattr(self, "swagger_fake_view", False):
            return Unit.objects.none()
        return policy.visible_units(self.request.user)

    def list(self, request: Request) -> Response:
        policy.require(request.user, survey_permissions.VIEW, None)
        today = clock.today()
        start, end, unit = _period(request, date(today.year, 1, 1), today)
        answered = SurveyResponse.objects.filter(answered_on__gte=start, answered_on__lte=end).values("unit_id")
        units = self.get_queryset().filter(pk__in=answered)
        if unit is not None:
            units = units.filter(path__startswith=unit.path)
        page = self.paginate_queryset(units.only("pk", "name"))
        values = survey_figures.satisfaction(start, end, [u.pk for u in page])
        minimum = survey_selectors.min_sample()
        rows = []
        for u in page:
            v = values.get(u.pk)
            if v is None:  # answered only before or after the period's responses were counted: nothing to show
                continue
            rows.append({"unit": u.pk, "unit_name": u.name, "start": start, "end": end, "sample": v.sample,
                         "index": v.index, "low_sample": v.low_sample, "min_sample": minimum,
                         "aspects": _aspects(v.aspects)})
        return self.get_paginated_response(s.SatisfactionSerializer(rows, many=True).data)


class PapiScoreViewSet(ScopedViewSet):
    """PAPI scores as printed in the published reports, per province, year and dimension (6 dimensions until
    2017, 8 since 2018; never recomputed). Published figures: every officer reads them."""

    queryset_model = PapiScore
    serializer_class = s.PapiScoreSerializer
    filterset_class = api_filters.PapiScoreFilter
    view_permission = survey_permissions.PAPI_VIEW
    list_permission = survey_permissions.PAPI_VIEW

    def visible(self) -> QuerySet:
        return PapiScore.objects.all()
