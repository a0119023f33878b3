"""The satisfaction index computed the SIPAS way (pure Python, no Django).

SIPAS (Chỉ số hài lòng về sự phục vụ hành chính, Bộ Nội vụ) judges a unit by what the people it
served answer about five aspects of the service. danvan applies the same arithmetic to its own
surveys:

- a question's score is the share of its valid answers that are satisfied: 4 or 5 on the 1–5
  scale, or one of the options the survey marks as satisfied for a choice question;
- an aspect's score is the plain mean of the scores of its questions that have valid answers;
- the overall index is the weighted mean of the aspects that have a score (equal weights by
  default); an aspect nobody answered is left out and the other weights are renormalised;
- a result counted on fewer responses than a threshold carries a low-sample flag.

Scores are exact fractions (0–1); :func:`percent` turns one into the percentage shown on pages.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction

ACCESS = "access"
PROCEDURES = "procedures"
CIVIL_SERVANTS = "civil_servants"
RESULTS = "results"
FEEDBACK = "feedback"

#: The five aspects, in the order SIPAS reports them.
ASPECTS: tuple[str, ...] = (ACCESS, PROCEDURES, CIVIL_SERVANTS, RESULTS, FEEDBACK)

#: A scale answer at or above this counts as satisfied (4 "hài lòng", 5 "rất hài lòng").
SATISFIED_FROM = 4
SCALE = range(1, 6)

DEFAULT_MIN_SAMPLE = 30


@dataclass(frozen=True)
class QuestionTally:
    """What a question got: valid answers and how many of them were satisfied."""

    question: object  # the caller's key (an id); never read here
    aspect: str
    valid: int
    satisfied: int

    def __post_init__(self) -> None:
        if self.aspect not in ASPECTS:
            raise ValueError(f"unknown aspect {self.aspect!r}")
        if self.valid < 0 or not 0 <= self.satisfied <= self.valid:
            raise ValueError("satisfied answers must be between 0 and the valid answers")


@dataclass(frozen=True)
class IndexResult:
    sample: int                                   # responses counted
    questions: dict[object, Fraction | None]      # question key → score (None: no valid answer)
    aspects: dict[str, Fraction | None]           # aspect → score (None: no scored question)
    overall: Fraction | None                      # None when no aspect has a score
    low_sample: bool
    weights: dict[str, Fraction] = field(default_factory=dict)  # the weights actually applied (sum 1)


def is_satisfied_scale(value: int) -> bool:
    return value >= SATISFIED_FROM


def question_score(valid: int, satisfied: int) -> Fraction | None:
    """Share of valid answers that are satisfied; ``None`` when nobody answered validly."""
    if valid <= 0:
        return None
    return Fraction(satisfied, valid)


def normalise_weights(weights: Mapping[str, float | int | str | Fraction] | None) -> dict[str, Fraction]:
    """Aspect weights as fractions; equal weights when none are given. Unknown aspects or a negative
    or all-zero set of weights raise ValueError (a setting someone typed wrong must not pass silently)."""
    if not weights:
        return {aspect: Fraction(1) for aspect in ASPECTS}
    unknown = set(weights) - set(ASPECTS)
    if unknown:
        raise ValueError(f"unknown aspects in weights: {sorted(unknown)}")
    out = {aspect: Fraction(str(weights.get(aspect, 0))) for aspect in ASPECTS}
    if any(w < 0 for w in out.values()) or not any(out.values()):
        raise ValueError("weights must be non-negative and not all zero")
    return out


def compute(tallies: Iterable[QuestionTally], *, sample: int,
            weights: Mapping[str, float | int | str | Fraction] | None = None,
            min_sample: int = DEFAULT_MIN_SAMPLE) -> IndexResult:
    """The index of one unit (or one survey) over a period from its questions' tallies."""
    raw_weights = normalise_weights(weights)
    questions: dict[object, Fraction | None] = {}
    by_aspect: dict[str, list[Fraction]] = {aspect: [] for aspect in ASPECTS}
    for tally in tallies:
        score = question_score(tally.valid, tally.satisfied)
        questions[tally.question] = score
        if score is not None:
            by_aspect[tally.aspect].append(score)
    aspects: dict[str, Fraction | None] = {
        aspect: (sum(scores, Fraction(0)) / len(scores)) if scores else None for aspect, scores in by_aspect.items()}
    present = {aspect: raw_weights[aspect] for aspect, score in aspects.items()
               if score is not None and raw_weights[aspect] > 0}
    total_weight = sum(present.values(), Fraction(0))
    if total_weight:
        applied = {aspect: w / total_weight for aspect, w in present.items()}
        overall: Fraction | None = sum((aspects[a] * w for a, w in applied.items()), Fraction(0))
    else:
        applied, overall = {}, None
    return IndexResult(sample=sample, questions=questions, aspects=aspects, overall=overall,
                       low_sample=sample < min_sample, weights=applied)


def percent(score: Fraction | None, places: int = 1) -> float | None:
    """A score as a percentage rounded for pages and reports (half away from zero)."""
    if score is None:
        return None
    scaled = score * 100 * 10 ** places
    rounded = int(scaled + Fraction(1, 2)) if scaled >= 0 else -int(-scaled + Fraction(1, 2))
    return rounded / 10 ** places
