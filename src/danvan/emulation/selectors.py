"""Reads of the emulation app: the scheme's ranking, a unit's sheet and the records behind each point.

One counting path: the numbers come from the apps' ``figures`` modules through
``reporting.sources`` and are rolled up the unit tree exactly as a unit's report is pre-filled, so a
ward's sheet shows the same numbers as its report for the same period. Scoring every unit of a
scheme runs a fixed number of queries whatever the number of units (the figures modules group by
unit; the roll-up is Python over small dicts). A frozen year is read from what was stored.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from danvan.core import scoring
from danvan.core.vntext import fold, format_date
from danvan.emulation import figures as own_figures
from danvan.emulation import permissions as perms
from danvan.emulation.models import (
    GOOD_OR_BETTER,
    CouncilMember,
    Criterion,
    CriterionKind,
    Evidence,
    ExemplaryModel,
    FrozenScore,
    ManualPoints,
    ModelStatus,
    Proposal,
    Scheme,
    SchemeStatus,
    Vote,
)
from danvan.inspections import figures as inspection_figures
from danvan.org import clock, policy
from danvan.org.models import Staff, Unit, UnitKind
from danvan.petitions.models import OPEN_STATUSES, Petition, Rating
from danvan.plans import figures as plan_figures
from danvan.reception.models import Dialogue, ReceptionSession, SessionStatus
from danvan.reporting import sources


@dataclass(frozen=True)
class SheetRef:
    """A unit's sheet of a scheme, as the policy is asked about it (``emulation.sheet.view``)."""

    scheme: Scheme
    unit: Unit


@dataclass
class Ref:
    """One record counted behind a point, as a line of the sheet (never the denouncer, never an id)."""

    label: str
    url: str = ""
    note: str = ""
    counted: bool = True  # False: shown for context (a case resolved late among the resolved ones)

    def as_dict(self) -> dict[str, Any]:
        return {"label": self.label, "url": self.url, "note": self.note, "counted": self.counted}


@dataclass
class Line:
    criterion: Criterion
    points: Decimal
    value: Decimal | None = None
    due: Decimal | None = None
    not_applicable: bool = False
    reason: str = ""  # a manual criterion's reason
    missing: bool = False  # a manual criterion not scored yet
    records: list[Ref] | None = None

    @property
    def formula(self) -> scoring.Formula | None:
        return scoring.FORMULAS.get(self.criterion.formula)

    @property
    def explanation(self) -> str:
        """How the points were reached, in words for the sheet."""
        c, f = self.criterion, self.formula
        if c.kind == CriterionKind.MANUAL:
            return _("Chưa chấm") if self.missing else _("Hội đồng chấm: %(reason)s") % {"reason": self.reason}
        if f is None:
            return ""
        n = _number(self.value)
        if self.not_applicable:
            return _("Không phát sinh trong kỳ: được điểm tối đa")
        if f.shape == "ratio" and f.scale == 1:
            return _("%(n)s/%(due)s %(measure)s") % {"n": n, "due": _number(self.due), "measure": f.measure}
        if f.shape == "ratio":
            return _("%(n)s trên thang %(scale)s") % {"n": n, "scale": _number(f.scale)}
        if f.shape == "deduction":
            return _("%(n)s %(measure)s × %(per)s điểm, trừ tối đa %(max)s") % {
                "n": n, "measure": f.measure, "per": _number(c.per_item), "max": _number(c.max_points)}
        if f.shape == "count":
            return _("%(n)s %(measure)s × %(per)s điểm, tối đa %(max)s") % {
                "n": n, "measure": f.measure, "per": _number(c.per_item), "max": _number(c.max_points)}
        return _("%(n)s %(measure)s") % {"n": n, "measure": f.measure}


def _number(value: Any) -> str:
    if value is None:
        return "0"
    d = Decimal(str(value))
    if d == d.to_integral_value():
        return f"{int(d):,}".replace(",", ".")
    return f"{d.quantize(Decimal('0.01')).normalize():f}".replace(".", ",")


@dataclass
class UnitResult:
    unit: Unit
    lines: list[Line]
    total: Decimal = Decimal(0)
    deductions: Decimal = Decimal(0)
    rank: int = 0
    decided_by: str = ""
    figures: dict[str, Any] = field(default_factory=dict)


@dataclass
class Ranking:
    scheme: Scheme
    criteria: list[Criterion]
    rows: list[UnitResult]
    frozen: bool
    cutoff: date

    def row_for(self, unit: Unit) -> UnitResult | None:
        return next((r for r in self.rows if r.unit.pk == unit.pk), None)


# --- which units, which figures ----------------------------------------------------------------


def scored_units(scheme: Scheme, level: str | None = None) -> QuerySet[Unit]:
    """The units a scheme ranks: those directly under its committee at the scheme's level."""
    return Unit.objects.filter(parent=scheme.unit_id, level=level or scheme.level).order_by("name", "pk")


def _codes(criteria: list[Criterion]) -> set[str]:
    codes: set[str] = set()
    for c in criteria:
        f = scoring.FORMULAS.get(c.formula)
        if c.kind == CriterionKind.FORMULA and f is not None:
            codes.add(f.numerator)
            if f.denominator:
                codes.add(f.denominator)
    return codes


def rolled_figures(units: list[Unit], codes: set[str], start: date, end: date) -> dict[int, dict[str, Any]]:
    """Figures of each unit and its subtree, as a unit's report is pre-filled (reporting.sources)."""
    if not units:
        return {}
    registry = sources.figure_modules()
    specs = {code: registry[code][1] for code in codes if code in registry}
    weight_codes = {s.weight_code for s in specs.values()} - {""}
    q = Q()
    for u in units:
        q |= Q(path__startswith=u.path)
    subtree = list(Unit.objects.filter(q).values_list("pk", "path"))
    members: dict[int, set[int]] = {u.pk: set() for u in units}
    by_path = sorted(((u.path, u.pk) for u in units), key=lambda x: -len(x[0]))
    for pk, path in subtree:
        for prefix, owner in by_path:
            if path.startswith(prefix):
                members[owner].add(pk)
                break
    raw = sources.raw_figures(set(specs) | weight_codes, start, end, [pk for pk, _path in subtree])
    out: dict[int, dict[str, Any]] = {}
    for u in units:
        values: dict[str, Any] = {}
        for code, spec in specs.items():
            if code not in raw:
                continue
            values[code] = sources.roll_up(spec.value_type, spec.aggregate, raw[code], raw.get(spec.weight_code),
                                           u.pk, members[u.pk])
        out[u.pk] = values
    return out


# --- the ranking -------------------------------------------------------------------------------


def _score_line(criterion: Criterion, figures: dict[str, Any], manual: ManualPoints | None) -> Line:
    if criterion.kind == CriterionKind.MANUAL:
        if manual is None:
            return Line(criterion, Decimal(0), missing=True)
        return Line(criterion, manual.points, reason=manual.reason)
    formula = scoring.FORMULAS[criterion.formula]
    p = scoring.score(formula, figures, max_points=criterion.max_points, per_item=criterion.per_item)
    return Line(criterion, p.points, p.value, p.due, p.not_applicable)


def _finish(rows: list[UnitResult]) -> None:
    entries = []
    for r in rows:
        r.total = scoring.q2(sum((line.points for line in r.lines), Decimal(0)))
        r.deductions = sum((line.points for line in r.lines if line.points < 0), Decimal(0))
        entries.append((r.unit.pk, r.total, r.deductions, [line.points for line in r.lines], fold(r.unit.name)))
    ranked = {x.key: x for x in scoring.rank(entries)}
    for r in rows:
        r.rank, r.decided_by = ranked[r.unit.pk].rank, ranked[r.unit.pk].decided_by
    rows.sort(key=lambda r: r.rank)


def ranking(scheme: Scheme, *, level: str | None = None, only: Unit | None = None) -> Ranking:
    """Every scored unit's points, total and place. A frozen scheme is read from what was stored.

    ``level`` narrows to another level of units directly under the committee; ``only`` keeps the
    ranking of all units but gives figures for that one only (a unit's sheet: the place needs the
    others' totals, which need their figures too, so it is the same fixed set of queries).
    """
    criteria = list(scheme.criteria.order_by("order", "pk"))
    if scheme.status == SchemeStatus.FROZEN:
        return _frozen_ranking(scheme, criteria, level)
    units = list(scored_units(scheme, level))
    cutoff = min(scheme.period_end, clock.today())
    figures = rolled_figures(units, _codes(criteria), scheme.period_start, scheme.period_end)
    manual = {(m.criterion_id, m.unit_id): m for m in ManualPoints.objects.filter(criterion__scheme=scheme)}
    rows = []
    for u in units:
        f = figures.get(u.pk, {})
        rows.append(UnitResult(u, [_score_line(c, f, manual.get((c.pk, u.pk))) for c in criteria], figures=f))
    _finish(rows)
    return Ranking(scheme, criteria, rows, frozen=False, cutoff=cutoff)


def _frozen_ranking(scheme: Scheme, criteria: list[Criterion], level: str | None) -> Ranking:
    scores = FrozenScore.objects.filter(scheme=scheme).select_related("unit").prefetch_related("points")
    if level:
        scores = scores.filter(unit__level=level)
    by_criterion = {c.pk: c for c in criteria}
    rows = []
    for s in scores.order_by("rank"):
        stored = {p.criterion_id: p for p in s.points.all()}
        lines = []
        for c in criteria:
            p = stored.get(c.pk)
            if p is None:
                lines.append(Line(c, Decimal(0), missing=True))
                continue
            lines.append(Line(by_criterion[c.pk], p.points, p.value, p.due, p.not_applicable, p.reason,
                              missing=c.kind == CriterionKind.MANUAL and not p.reason,
                              records=[Ref(**r) for r in p.records]))
        rows.append(UnitResult(s.unit, lines, s.total, s.deductions, s.rank, s.decided_by))
    frozen_on = timezone.localtime(scheme.frozen_at).date() if scheme.frozen_at else scheme.period_end
    cutoff = min(scheme.period_end, frozen_on)
    return Ranking(scheme, criteria, rows, frozen=True, cutoff=cutoff)


def sheet(scheme: Scheme, unit: Unit) -> tuple[Ranking, UnitResult | None]:
    """A unit's sheet: its row of the ranking with the records behind each formula's points."""
    result = ranking(scheme)
    row = result.row_for(unit)
    if row is not None and not result.frozen:
        found = records(scheme, [unit], result.cutoff)
        for line in row.lines:
            line.records = found.get(line.criterion.pk, {}).get(unit.pk, [])
    return result, row


# --- the records behind the points -------------------------------------------------------------


def _owners(units: list[Unit]) -> dict[int, int]:
    """Subtree unit id → the scored unit it counts for."""
    q = Q()
    for u in units:
        q |= Q(path__startswith=u.path)
    by_path = sorted(((u.path, u.pk) for u in units), key=lambda x: -len(x[0]))
    out = {}
    for pk, path in Unit.objects.filter(q).values_list("pk", "path"):
        for prefix, owner in by_path:
            if path.startswith(prefix):
                out[pk] = owner
                break
    return out


def records(scheme: Scheme, units: list[Unit], cutoff: date) -> dict[int, dict[int, list[Ref]]]:
    """criterion id → scored unit id → the records counted, with the same filters as the figures modules.

    One query per formula criterion for all ``units`` together (a test holds each list's length
    equal to the figure it explains).
    """
    start, end = scheme.period_start, scheme.period_end
    owners = _owners(units)
    ids = list(owners)
    out: dict[int, dict[int, list[Ref]]] = {}
    for c in scheme.criteria.filter(kind=CriterionKind.FORMULA).order_by("order", "pk"):
        found: dict[int, list[Ref]] = defaultdict(list)
        code = c.formula
        if code == "cases_overdue":
            for p in (Petition.objects.filter(handling_unit_id__in=ids, status__in=OPEN_STATUSES, received_on__lte=end,
                                              next_due__lt=cutoff).order_by("next_due", "pk")):
                found[owners[p.handling_unit_id]].append(Ref(
                    _("Hồ sơ %(code)s (%(kind)s)") % {"code": p.code, "kind": p.get_kind_display()},
                    p.get_absolute_url(), _("quá hạn từ %(d)s, %(n)s ngày") % {
                        "d": format_date(p.next_due), "n": (cutoff - p.next_due).days}))
        elif code == "cases_on_time":
            for p in (Petition.objects.filter(handling_unit_id__in=ids, resolved_on__gte=start, resolved_on__lte=end)
                      .order_by("resolved_on", "pk")):
                on_time = p.resolve_due is not None and p.resolved_on <= p.resolve_due
                found[owners[p.handling_unit_id]].append(Ref(
                    _("Hồ sơ %(code)s (%(kind)s)") % {"code": p.code, "kind": p.get_kind_display()},
                    p.get_absolute_url(), (_("giải quyết ngày %(d)s, đúng hạn") if on_time else
                                           _("giải quyết ngày %(d)s, quá hạn")) % {"d": format_date(p.resolved_on)},
                    counted=on_time))
        elif code == "reception_days":
            seen = set()
            for s in (ReceptionSession.objects.filter(unit_id__in=ids, status=SessionStatus.HELD, leader__isnull=False,
                                                      date__gte=start, date__lte=end)
                      .select_related("leader").order_by("date", "pk")):
                if (s.unit_id, s.date) in seen:
                    continue
                seen.add((s.unit_id, s.date))
                found[owners[s.unit_id]].append(Ref(
                    _("Ngày tiếp công dân %(d)s") % {"d": format_date(s.date)}, s.get_absolute_url(),
                    s.leader.full_name))
        elif code == "dialogue_held":
            for d in Dialogue.objects.filter(unit_id__in=ids, held_on__gte=start, held_on__lte=end).order_by(
                    "held_on", "pk"):
                found[owners[d.unit_id]].append(Ref(d.topic, d.get_absolute_url(), format_date(d.held_on)))
        elif code == "citizen_ratings":
            for r in (Rating.objects.filter(petition__handling_unit_id__in=ids, created_at__date__gte=start,
                                            created_at__date__lte=end)
                      .select_related("petition").order_by("created_at", "pk")):
                found[owners[r.petition.handling_unit_id]].append(Ref(
                    _("Hồ sơ %(code)s") % {"code": r.petition.code}, r.petition.get_absolute_url(),
                    _("công dân đánh giá %(n)s/5") % {"n": r.score}))
        elif code == "plan_progress":
            for t in plan_figures.period_tasks(start, end).filter(lead_unit_id__in=ids).order_by("due_date", "pk"):
                found[owners[t.lead_unit_id]].append(Ref(t.title, t.get_absolute_url(), _(
                    "tiến độ %(p)s%%, trọng số %(w)s") % {"p": t.progress, "w": t.weight}))
        elif code == "models_recognised":
            for m in own_figures.recognised_models(start, end, ids).order_by("decision_date", "pk"):
                found[owners[m.unit_id]].append(Ref(m.name, m.get_absolute_url(), _(
                    "công nhận ngày %(d)s") % {"d": format_date(m.decision_date)}))
        elif code == "recommendations_done":
            for rec in inspection_figures.due_recommendations(start, end, ids, today=cutoff).order_by("due_on", "pk"):
                kept = rec.done_on_time
                if kept:
                    note = _("hạn %(d)s, xong ngày %(x)s, đúng hạn")
                elif rec.done_on:
                    note = _("hạn %(d)s, xong ngày %(x)s, quá hạn")
                else:
                    note = _("hạn %(d)s, chưa xong")
                found[owners[rec.unit_id]].append(Ref(
                    _("Kiến nghị: %(t)s") % {"t": Truncator(rec.text).chars(90)}, rec.get_absolute_url(),
                    note % {"d": format_date(rec.due_on), "x": format_date(rec.done_on)}, counted=kept))
        elif code == "staff_rated_good":
            # Personal data: one anonymous line per rating (the level only); the names are on the unit's staff
            # page, for those allowed to see them.
            for r in own_figures.ratings(start, end, ids).order_by("level", "pk"):
                good = r.level in GOOD_OR_BETTER
                found[owners[r.unit_id]].append(Ref(
                    _("Một cán bộ, công chức xếp loại năm %(y)s") % {"y": r.year},
                    _staff_url(owners[r.unit_id], r.year), r.get_level_display(), counted=good))
        elif code == "staff_trained":
            trained: dict[int, Any] = {}
            for t in own_figures.trainings(start, end, ids).select_related("plan_item").order_by("end_on", "pk"):
                trained.setdefault(t.staff_id, t)
            for person in Staff.objects.filter(unit_id__in=ids, is_active=True).order_by("full_name", "pk"):
                t = trained.get(person.pk)
                note = (_("%(c)s, xong ngày %(d)s") % {"c": t.course, "d": format_date(t.end_on)} if t
                        else _("chưa được bồi dưỡng về công tác dân vận trong kỳ"))
                found[owners[person.unit_id]].append(Ref(person.full_name, _staff_url(owners[person.unit_id],
                                                                                      end.year), note,
                                                         counted=t is not None))
        elif code == "reports_on_time":
            sent = set(own_figures.reports_on_time(start, end, ids).values_list("request_id", "unit_id"))
            for row in own_figures.reports_due(start, end, ids).select_related("reportrequest").order_by(
                    "reportrequest__due_date", "pk"):
                r = row.reportrequest
                ok = (r.pk, row.unit_id) in sent
                found[owners[row.unit_id]].append(Ref(r.title, r.get_absolute_url(), (
                    _("hạn %(d)s, đã nộp đúng hạn") if ok else _("hạn %(d)s, nộp muộn hoặc chưa nộp")) % {
                    "d": format_date(r.due_date)}, counted=ok))
        out[c.pk] = dict(found)
    return out


def _staff_url(unit_id: int, year: int) -> str:
    from django.urls import reverse

    return f"{reverse('emulation:staff_quality')}?don-vi={unit_id}&nam={year}"


# --- lists -------------------------------------------------------------------------------------


def schemes_for(user: Any) -> list[Scheme]:
    """Schemes whose ranking ``user`` may open, newest first (one query, then the policy in Python)."""
    rows = Scheme.objects.select_related("unit").exclude(status=SchemeStatus.SUPERSEDED).order_by(
        "-year", "unit__name", "-revision")
    return [s for s in rows if policy.can(user, "emulation.ranking.view", s)
            or policy.can(user, "emulation.scheme.manage", s)]


def schemes_managed(user: Any) -> list[Scheme]:
    return [s for s in Scheme.objects.select_related("unit").order_by("-year", "-revision")
            if policy.can(user, "emulation.scheme.manage", s)]


def visible_models(user: Any) -> QuerySet[ExemplaryModel]:
    """Models of the user's scope, and those nominated to the user's committee for review."""
    q = policy.unit_q(user, "unit")
    if not policy.is_administrator(user):
        q |= policy.unit_q(user, "reviewing_unit")
    return ExemplaryModel.objects.filter(q).select_related("unit", "reviewing_unit").order_by("-year", "name")


def public_models(*, year: int | None = None) -> QuerySet[ExemplaryModel]:
    """What the coming public portal shows: recognised models marked public, with their evidence photos."""
    qs = ExemplaryModel.objects.filter(public=True, status=ModelStatus.RECOGNISED).select_related(
        "unit").prefetch_related("evidence").order_by("-decision_date", "name")
    return qs.filter(year=year) if year else qs


def vote_tally(votes: Any) -> dict[str, int]:
    """Votes counted by choice (a model's or a proposal's: the same council, the same shape)."""
    counts = dict.fromkeys(Vote.values, 0)
    for v in votes:
        counts[v.vote] += 1
    return counts



# --- staff: ratings and training of a unit --------------------------------------------------------

STAFF_CODES = ("emulation.staff_rated", "emulation.staff_good_or_better", "emulation.staff_trained",
               "org.staff_count", *own_figures.LEVEL_CODES.values())


@dataclass
class StaffQuality:
    """A unit's year: the counts everyone in scope sees (read through the figures path that scoring and reports
    use), and — for those allowed — each person with their rating."""

    unit: Unit
    year: int
    start: date
    end: date
    figures: dict[str, Any]
    levels: list[tuple[str, str, int]]  # (level, label, count)
    people: list[tuple[Any, Any]] | None  # (staff, rating or None); None: individual ratings not shown
    trainings: list[Any]

    @property
    def rated(self) -> int:
        return int(self.figures.get("emulation.staff_rated") or 0)

    @property
    def good_share(self) -> Decimal | None:
        if not self.rated:
            return None
        good = Decimal(str(self.figures.get("emulation.staff_good_or_better") or 0))
        return (good * 100 / self.rated).quantize(Decimal("0.1"))

    @property
    def trained(self) -> int:
        return int(self.figures.get("emulation.staff_trained") or 0)


def staff_quality(user: Any, unit: Unit, year: int) -> StaffQuality:
    """Ratings and training of ``unit`` and its subtree in ``year`` (the yearly report period, 15/12 to 14/12)."""
    from danvan.core.deadlines import report_period
    from danvan.emulation.models import RatingLevel, StaffRating, Training
    from danvan.org.models import Staff

    period = report_period("yearly", year)
    figures = rolled_figures([unit], set(STAFF_CODES), period.start, period.end).get(unit.pk, {})
    levels = [(level, label, int(figures.get(own_figures.LEVEL_CODES[level]) or 0))
              for level, label in RatingLevel.choices]
    people = None
    subtree = Unit.objects.subtree_of(unit).values("pk")
    if policy.can(user, "staff.rating.view", unit):
        ratings = {r.staff_id: r for r in StaffRating.objects.filter(year=year).filter(
            Q(unit__in=subtree) | Q(staff__unit__in=subtree)).select_related("staff__unit", "entered_by")}
        staff = list(Staff.objects.filter(unit__in=subtree, is_active=True).select_related("unit").order_by(
            "unit__path", "full_name", "pk"))
        people = [(s, ratings.pop(s.pk, None)) for s in staff]
        people += [(r.staff, r) for r in ratings.values()]  # rated here, since moved or no longer active
    trainings = list(Training.objects.filter(unit__in=subtree, end_on__gte=period.start, end_on__lte=period.end)
                     .select_related("staff", "plan_item").order_by("-end_on", "staff__full_name", "pk"))
    return StaffQuality(unit, year, period.start, period.end, figures, levels, people, trainings)


def staff_record(user: Any, person: Any) -> tuple[list[Any] | None, list[Any]]:
    """A person's ratings by year (``None`` when the reader may not see them) and courses."""
    from danvan.emulation.models import StaffRating, Training

    ratings = None
    if policy.can(user, "staff.rating.view", person.unit):
        ratings = list(StaffRating.objects.filter(staff=person).select_related("unit", "entered_by").order_by("-year"))
    trainings = list(Training.objects.filter(staff=person).select_related("plan_item").order_by("-end_on", "pk"))
    return ratings, trainings


# --- one record by its number, 404 when there is none (the page then asks the policy) -------------


def scheme_or_404(pk: int) -> Scheme:
    return get_object_or_404(Scheme.objects.select_related("unit"), pk=pk)


def model_or_404(pk: int) -> ExemplaryModel:
    return get_object_or_404(ExemplaryModel.objects.select_related("unit", "reviewing_unit"), pk=pk)


def evidence_or_404(pk: int) -> Evidence:
    return get_object_or_404(Evidence.objects.select_related("model__unit", "model__reviewing_unit"), pk=pk)


def proposal_or_404(pk: int) -> Proposal:
    return get_object_or_404(Proposal.objects.select_related(
        "unit", "reviewing_unit", "award", "nominee_unit", "nominee_staff"), pk=pk)


def manual_points(scheme: Scheme, unit: Unit) -> dict[int, ManualPoints]:
    """The points entered by hand on ``unit``'s sheet, by criterion."""
    return {m.criterion_id: m for m in ManualPoints.objects.filter(criterion__scheme=scheme, unit=unit)}


def reviewer_committees(model: ExemplaryModel) -> list[Unit]:
    """Committees that may review the model: the unit's own committee and the committees above it."""
    return list(Unit.objects.filter(pk__in=model.unit.ancestor_ids(), kind=UnitKind.COMMITTEE).order_by("-depth"))


def is_council_member(unit: Unit, staff: Any) -> bool:
    return CouncilMember.objects.filter(unit=unit, staff=staff).exists()


def council_size(unit: Unit) -> int:
    return CouncilMember.objects.filter(unit=unit).count()


def visible_proposals(user: Any, limit: int = 300) -> list[Proposal]:
    """The latest proposals of the units ``user`` sees or reviews, each one the policy lets them see."""
    q = policy.unit_q(user, "unit")
    if not policy.is_administrator(user):
        q |= policy.unit_q(user, "reviewing_unit")
    rows = Proposal.objects.filter(q).select_related("unit", "reviewing_unit", "award", "nominee_unit",
                                                     "nominee_staff").order_by("-year", "-pk")[:limit]
    return [p for p in rows if policy.can(user, perms.PROPOSAL_VIEW, p)]
