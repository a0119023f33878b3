"""Reads of surveys shaped for pages, each in a fixed number of queries whatever the number of answers."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from danvan.core import papi, sipas
from danvan.org import policy
from danvan.org.models import Unit
from danvan.petitions.models import Petition
from danvan.surveys.models import (
    SCALE_LABELS,
    Answer,
    Aspect,
    Dimension,
    PapiScore,
    Question,
    QuestionKind,
    Response,
    Survey,
    SurveyStatus,
    Target,
)


def weights() -> dict[str, Any] | None:
    return getattr(settings, "DANVAN_SIPAS_WEIGHTS", None) or None


def min_sample() -> int:
    return int(getattr(settings, "DANVAN_SIPAS_MIN_SAMPLE", sipas.DEFAULT_MIN_SAMPLE))


def survey_list(user: Any) -> QuerySet[Survey]:
    return (Survey.objects.filter(policy.unit_q(user, "unit")).select_related("unit", "field")
            .annotate(n_responses=Count("responses", distinct=True), n_questions=Count("questions", distinct=True))
            .order_by("-starts_on", "-pk"))


def survey_with_questions(pk: int) -> tuple[Survey, list[Question]]:
    survey = Survey.objects.select_related("unit", "field").get(pk=pk)
    questions = list(survey.questions.select_related("condition_question").order_by("order", "pk"))
    return survey, questions


# --- results --------------------------------------------------------------------------------------


@dataclass
class QuestionResult:
    question: Question
    valid: int = 0
    satisfied: int = 0
    score: float | None = None
    counts: list[tuple[str, int]] = field(default_factory=list)  # (option or scale label, answers)
    texts: list[str] = field(default_factory=list)


@dataclass
class UnitRow:
    unit: Unit
    sample: int
    aspects: list[float | None]
    overall: float | None
    low_sample: bool


@dataclass
class Results:
    survey: Survey
    start: date
    end: date
    sample: int
    questions: list[QuestionResult]
    aspects: list[tuple[str, float | None, int]]  # (label, score %, number of questions)
    overall: float | None
    low_sample: bool
    min_sample: int
    units: list[UnitRow]
    weights: list[tuple[str, float]]


TEXT_LIMIT = 50


def _index(tallies: list[sipas.QuestionTally], sample: int) -> sipas.IndexResult:
    return sipas.compute(tallies, sample=sample, weights=weights(), min_sample=min_sample())


def results(survey: Survey, questions: list[Question], user: Any, start: date, end: date,
            unit: Unit | None = None) -> Results:
    """A survey's answers in [start, end], for the viewer's scope (or one unit's subtree): sample sizes,
    each question's spread and score, the index per aspect and overall, and a row per unit. Five queries."""
    responses = Response.objects.filter(survey=survey, answered_on__gte=start, answered_on__lte=end).filter(
        policy.unit_q(user, "unit"))
    if unit is not None:
        responses = responses.filter(unit__path__startswith=unit.path)
    per_unit = dict(responses.values_list("unit_id").annotate(n=Count("pk")).order_by())
    answers = Answer.objects.filter(response__in=responses.values("pk"))
    tallies_by_unit: dict[int, dict[int, tuple[int, int]]] = defaultdict(dict)
    for row in (answers.filter(question__survey=survey).exclude(question__aspect="")
                .values("response__unit_id", "question_id")
                .annotate(valid=Count("response", distinct=True),
                          satisfied=Count("response", filter=Q(satisfied=True), distinct=True)).order_by()):
        tallies_by_unit[row["response__unit_id"]][row["question_id"]] = (row["valid"], row["satisfied"])
    spread: dict[int, dict[Any, int]] = defaultdict(dict)
    for row in (answers.exclude(question__kind=QuestionKind.TEXT).values("question_id", "number", "text")
                .annotate(n=Count("pk")).order_by()):
        key = row["number"] if row["number"] is not None else row["text"]
        spread[row["question_id"]][key] = row["n"]
    texts: dict[int, list[str]] = defaultdict(list)
    for qid, text in (answers.filter(question__kind=QuestionKind.TEXT).order_by("-response__answered_on", "-pk")
                      .values_list("question_id", "text")[:TEXT_LIMIT * max(1, len(questions))]):
        if len(texts[qid]) < TEXT_LIMIT:
            texts[qid].append(text)
    units = {u.pk: u for u in Unit.objects.filter(pk__in=per_unit)}

    by_question = {q.pk: q for q in questions}
    totals: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for tallies in tallies_by_unit.values():
        for qid, (valid, satisfied) in tallies.items():
            totals[qid][0] += valid
            totals[qid][1] += satisfied
    sample = sum(per_unit.values())
    overall = _index([sipas.QuestionTally(qid, by_question[qid].aspect, v, s) for qid, (v, s) in totals.items()
                      if qid in by_question], sample)

    question_rows = []
    for q in questions:
        row = QuestionResult(q)
        if q.pk in totals:
            row.valid, row.satisfied = totals[q.pk]
            row.score = sipas.percent(overall.questions.get(q.pk))
        got = spread.get(q.pk, {})
        if q.kind == QuestionKind.SCALE:
            row.counts = [(f"{v} – {SCALE_LABELS[v]}", got.get(v, 0)) for v in sipas.SCALE]
        elif q.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            row.counts = [(o, got.get(o, 0)) for o in q.option_list]
        row.texts = texts.get(q.pk, [])
        question_rows.append(row)
    n_questions = defaultdict(int)
    for q in questions:
        if q.scored:
            n_questions[q.aspect] += 1
    unit_rows = []
    for uid, n in sorted(per_unit.items(), key=lambda item: units[item[0]].name):
        res = _index([sipas.QuestionTally(qid, by_question[qid].aspect, v, s)
                      for qid, (v, s) in tallies_by_unit.get(uid, {}).items() if qid in by_question], n)
        unit_rows.append(UnitRow(units[uid], n, [sipas.percent(res.aspects[a]) for a in sipas.ASPECTS],
                                 sipas.percent(res.overall), res.low_sample))
    return Results(
        survey=survey, start=start, end=end, sample=sample, questions=question_rows,
        aspects=[(Aspect(a).label, sipas.percent(overall.aspects[a]), n_questions[a]) for a in sipas.ASPECTS],
        overall=sipas.percent(overall.overall), low_sample=overall.low_sample, min_sample=min_sample(),
        units=unit_rows,
        weights=[(Aspect(a).label, round(float(w) * 100, 1)) for a, w in overall.weights.items()],
    )


# --- the offer on a closed case -------------------------------------------------------------------


def survey_by_key_or_404(key: str) -> Survey:
    """The survey behind a general answering link."""
    survey = Survey.objects.filter(public_key=key).select_related("unit").first()
    if survey is None:
        raise Http404
    return survey


def survey_and_case_or_404(survey_pk: int, petition_pk: int) -> tuple[Survey, Petition]:
    """The survey and the case a case-answering link names (both must still exist)."""
    survey = Survey.objects.filter(pk=survey_pk).select_related("unit").first()
    petition = Petition.objects.filter(pk=petition_pk).select_related("handling_unit").first()
    if survey is None or petition is None:
        raise Http404
    return survey, petition


def survey_for_case(petition: Petition) -> Survey | None:
    """The open survey of closed cases that covers this case's handling unit (nearest unit first), if the
    case has no response yet. Two queries."""
    if Response.objects.filter(petition=petition).exists():
        return None
    unit = petition.handling_unit
    ancestors = [int(x) for x in unit.path.strip("/").split("/") if x]
    candidates = (Survey.objects.filter(status=SurveyStatus.OPEN, target=Target.CASES, unit_id__in=ancestors)
                  .filter(Q(field__isnull=True) | Q(field_id=petition.field_id)).select_related("unit"))
    found = sorted(candidates, key=lambda s: (-len(s.unit.path), -s.pk))
    return found[0] if found else None


def case_answered(petition: Petition) -> bool:
    return Response.objects.filter(petition=petition).exists()


# --- PAPI -----------------------------------------------------------------------------------------


@dataclass
class PapiTable:
    province: str
    years: list[int]
    rows: list[tuple[str, list[str]]]  # (dimension label, printed score per year or "")
    series: list[tuple[str, list[float | None]]]
    sources: list[tuple[int, str, bool]]


def papi_provinces() -> list[str]:
    return list(PapiScore.objects.order_by("province").values_list("province", flat=True).distinct())


def papi_table(province: str) -> PapiTable:
    """A province's scores by dimension and year, as printed (one query)."""
    scores = list(PapiScore.objects.filter(province=province).order_by("year", "dimension"))
    years = sorted({s.year for s in scores})
    printed = {(s.dimension, s.year): s for s in scores}
    rows, series = [], []
    for dimension in papi.DIMENSIONS_EIGHT:
        label = str(Dimension(dimension).label)
        cells = [printed[(dimension, y)].printed if (dimension, y) in printed else "" for y in years]
        if any(cells):
            rows.append((label, cells))
            series.append((label, [float(printed[(dimension, y)].score) if (dimension, y) in printed else None
                                   for y in years]))
    sources = []
    for year in years:
        first = next(s for s in scores if s.year == year)
        sources.append((year, first.source, first.is_demo))
    return PapiTable(province, years, rows, series, sources)
