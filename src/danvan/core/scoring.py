"""Emulation scoring rules (thi đua): points of one criterion from a unit's figures, and the ranking.

Pure Python, no Django: the emulation app hands in the figures a report would show for the unit
(the same ``figures`` modules, rolled up the same way) and gets points back. Each built-in formula
names the figure codes it reads, so the sheet can print the numbers behind every point.

Conventions (written in the user guide):

- a *ratio* criterion gives ``max × done / due``; when nothing was due ("không phát sinh") the unit
  gets the maximum, as scoring rules of Vietnamese emulation councils usually say;
- a *deduction* takes ``per_item`` points for each record counted, never more than its maximum;
- a *count* criterion gives ``per_item`` points for each record, never more than its maximum;
- a *yes/no* criterion gives the maximum when at least one record exists.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

Shape = str  # "ratio", "deduction", "count", "yes_no"

TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class Formula:
    code: str
    label: str
    shape: Shape
    numerator: str  # the figure code counted (the records behind the points)
    denominator: str = ""  # for a ratio: the figure code of what was due
    scale: Decimal = Decimal(1)  # a ratio's numerator is already a rate on this scale (5 for ratings, 100 for %)
    measure: str = ""


FORMULAS: dict[str, Formula] = {f.code: f for f in (
    Formula("reports_on_time", "Báo cáo đúng hạn, đầy đủ", "ratio", "emulation.reports_on_time",
            "emulation.reports_due", measure="báo cáo"),
    Formula("cases_on_time", "Giải quyết đơn thư đúng hạn", "ratio", "petitions.resolved_on_time",
            "petitions.resolved", measure="đơn"),
    Formula("cases_overdue", "Đơn thư quá hạn chưa giải quyết", "deduction", "petitions.overdue_open",
            measure="đơn"),
    Formula("reception_days", "Tiếp công dân định kỳ đủ số ngày theo luật", "ratio", "reception.days_held",
            "reception.days_required", measure="ngày"),
    Formula("dialogue_held", "Tổ chức đối thoại với Nhân dân trong năm", "yes_no", "reception.dialogues",
            measure="cuộc"),
    Formula("citizen_ratings", "Mức hài lòng của công dân với câu trả lời", "ratio", "petitions.rating_mean",
            "petitions.rated", scale=Decimal(5), measure="điểm"),
    Formula("plan_progress", "Tiến độ thực hiện nhiệm vụ của kế hoạch", "ratio", "plans.task_progress",
            "plans.task_weight", scale=Decimal(100), measure="%"),
    Formula("models_recognised", "Mô hình “Dân vận khéo” được công nhận", "count", "emulation.exemplary_models",
            measure="mô hình"),
    Formula("recommendations_done", "Thực hiện xong đúng hạn kiến nghị sau kiểm tra", "ratio",
            "inspections.recommendations_due_kept", "inspections.recommendations_due", measure="kiến nghị"),
    Formula("staff_rated_good", "Tỷ lệ cán bộ, công chức xếp loại “Hoàn thành tốt nhiệm vụ” trở lên", "ratio",
            "emulation.staff_good_or_better", "emulation.staff_rated", measure="người"),
    Formula("staff_trained", "Cán bộ, công chức được bồi dưỡng về công tác dân vận", "ratio",
            "emulation.staff_trained", "org.staff_count", measure="người"),
)}


@dataclass(frozen=True)
class Points:
    points: Decimal  # signed: a deduction is negative
    value: Decimal | None  # the numerator figure
    due: Decimal | None  # the denominator figure (ratios)
    not_applicable: bool = False  # nothing was due: the maximum is given


def _d(value: object) -> Decimal | None:
    if value is None or isinstance(value, str):
        return None
    if isinstance(value, bool):
        return Decimal(int(value))
    return Decimal(str(value))


def q2(value: Decimal) -> Decimal:
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def score(formula: Formula, figures: Mapping[str, object], *, max_points: Decimal,
          per_item: Decimal = Decimal(1)) -> Points:
    """Points of ``formula`` for a unit whose (rolled-up) figures are ``figures``."""
    value = _d(figures.get(formula.numerator)) or Decimal(0)
    if formula.shape == "ratio":
        due = _d(figures.get(formula.denominator)) or Decimal(0)
        if due <= 0:
            return Points(q2(max_points), value, due, not_applicable=True)
        if formula.scale != 1:
            rate = value / formula.scale  # the numerator is a rate (mean rating, weighted progress)
        else:
            rate = value / due
        rate = max(Decimal(0), min(Decimal(1), rate))
        return Points(q2(max_points * rate), value, due)
    if formula.shape == "deduction":
        return Points(-q2(min(max_points, per_item * value)), value, None)
    if formula.shape == "count":
        return Points(q2(min(max_points, per_item * value)), value, None)
    if formula.shape == "yes_no":
        return Points(q2(max_points if value > 0 else Decimal(0)), value, None)
    raise ValueError(f"unknown shape {formula.shape!r}")


def manual(points: Decimal, *, max_points: Decimal, deduction: bool = False) -> Decimal:
    """A council's manual points, checked against the criterion's maximum (a deduction is negative)."""
    if points < 0 or points > max_points:
        raise ValueError("out of range")
    return -q2(points) if deduction else q2(points)


@dataclass(frozen=True)
class Ranked:
    key: object  # the unit's identity (an id)
    total: Decimal
    rank: int
    decided_by: str  # "" when the total alone decides, else the tie-break that separated it from a tied unit


TIE_BREAKS = (
    ("total", "tổng điểm"),
    ("deductions", "ít điểm trừ hơn"),
    ("criteria", "điểm cao hơn ở tiêu chí đứng trước trong bộ tiêu chí"),
    ("name", "tên đơn vị theo thứ tự chữ cái"),
)


def rank(entries: Sequence[tuple[object, Decimal, Decimal, Sequence[Decimal], str]]) -> list[Ranked]:
    """Rank units: ``(key, total, deductions (≤ 0), points per criterion in scheme order, folded name)``.

    Ties on the total are broken, in this order, by fewer deduction points, then by more points on
    the criteria in the scheme's order, then by the unit's name — so no two units share a place
    and the reason is printed next to each place decided by a tie-break.
    """
    def sort_key(e):
        _key, total, deductions, criteria, name = e
        return (-total, -deductions, tuple(-c for c in criteria), name)

    ordered = sorted(entries, key=sort_key)
    out: list[Ranked] = []
    for index, entry in enumerate(ordered):
        # What separates the unit from its tied neighbour: the one just below first, else the one just above.
        reason = ""
        for i in (index + 1, index - 1):
            if 0 <= i < len(ordered) and ordered[i][1] == entry[1]:
                other = ordered[i]
                if other[2] != entry[2]:
                    reason = TIE_BREAKS[1][1]
                elif tuple(other[3]) != tuple(entry[3]):
                    reason = TIE_BREAKS[2][1]
                else:
                    reason = TIE_BREAKS[3][1]
                break
        out.append(Ranked(entry[0], entry[1], index + 1, reason))
    return out
