"""Figures of satisfaction surveys for reports, the dashboard and emulation (see danvan.core.indicators).

Per unit that served the people who answered (the case's handling unit, else the survey's unit),
over every survey answered in the period: the number of responses and the SIPAS-style index
(:mod:`danvan.core.sipas`) with its five aspects. Two GROUP BY queries whatever the number of answers.

Reports roll a unit's index up its tree as the mean of its units weighted by their responses;
:func:`satisfaction` gives a unit's own index with its sample size and low-sample flag.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q

from danvan.core import sipas
from danvan.core.indicators import IndicatorSpec
from danvan.surveys.models import Answer, Aspect, Response
from danvan.surveys.selectors import min_sample, weights

PLAN_ITEM = "II.4"

INDICATORS = [
    IndicatorSpec("surveys.responses", "Số phiếu khảo sát sự hài lòng của người dân", measure="phiếu",
                  plan_item=PLAN_ITEM),
    IndicatorSpec("surveys.sipas_index", "Chỉ số hài lòng của người dân (cách tính SIPAS)", measure="%",
                  value_type="percentage", aggregate="weighted_avg", weight_code="surveys.responses",
                  plan_item=PLAN_ITEM),
    *[IndicatorSpec(f"surveys.sipas.{aspect}", f"Chỉ số hài lòng về {Aspect(aspect).label.lower()}", measure="%",
                    value_type="percentage", aggregate="weighted_avg", weight_code="surveys.responses",
                    plan_item=PLAN_ITEM) for aspect in sipas.ASPECTS],
]


@dataclass(frozen=True)
class Satisfaction:
    index: float | None        # overall, percent with one decimal
    sample: int                # responses counted
    low_sample: bool
    aspects: dict[str, float | None]


def satisfaction(start: date, end: date, unit_ids: list[int] | None = None) -> dict[int, Satisfaction]:
    """Each unit's own index over [start, end] (units without responses are absent)."""
    responses = Response.objects.filter(answered_on__gte=start, answered_on__lte=end)
    if unit_ids is not None:
        responses = responses.filter(unit_id__in=unit_ids)
    samples = dict(responses.values_list("unit_id").annotate(n=Count("pk")).order_by())
    tallies: dict[int, list[sipas.QuestionTally]] = defaultdict(list)
    for row in (Answer.objects.filter(response__in=responses.values("pk")).exclude(question__aspect="")
                .values("response__unit_id", "question_id", "question__aspect")
                .annotate(valid=Count("response", distinct=True),
                          satisfied=Count("response", filter=Q(satisfied=True), distinct=True)).order_by()):
        tallies[row["response__unit_id"]].append(sipas.QuestionTally(
            row["question_id"], row["question__aspect"], row["valid"], row["satisfied"]))
    out = {}
    for unit_id, sample in samples.items():
        result = sipas.compute(tallies.get(unit_id, []), sample=sample, weights=weights(), min_sample=min_sample())
        out[unit_id] = Satisfaction(sipas.percent(result.overall), sample, result.low_sample,
                                    {a: sipas.percent(s) for a, s in result.aspects.items()})
    return out


def compute(start: date, end: date, unit_ids: list[int] | None = None) -> dict[str, dict[int, object]]:
    out: dict[str, dict[int, object]] = {spec.code: {} for spec in INDICATORS}
    for unit_id, value in satisfaction(start, end, unit_ids).items():
        out["surveys.responses"][unit_id] = value.sample
        if value.index is not None:
            out["surveys.sipas_index"][unit_id] = value.index
        for aspect, score in value.aspects.items():
            if score is not None:
                out[f"surveys.sipas.{aspect}"][unit_id] = score
    return out
