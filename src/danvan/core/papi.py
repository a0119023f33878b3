"""PAPI (Chỉ số Hiệu quả Quản trị và Hành chính công cấp tỉnh): which dimensions a year's report has.

danvan stores the dimension scores exactly as the yearly report prints them and never recomputes
them; this module only knows the shape of the reports: six dimensions from the first national
report (2011) to 2017, eight since 2018 (environmental governance and e-governance added). Each
dimension is scored from 1 to 10.
"""

from __future__ import annotations

PARTICIPATION = "participation"
TRANSPARENCY = "transparency"
ACCOUNTABILITY = "accountability"
CORRUPTION_CONTROL = "corruption_control"
PROCEDURES = "procedures"
SERVICES = "services"
ENVIRONMENT = "environment"
E_GOVERNANCE = "e_governance"

DIMENSIONS_SIX: tuple[str, ...] = (PARTICIPATION, TRANSPARENCY, ACCOUNTABILITY, CORRUPTION_CONTROL, PROCEDURES,
                                   SERVICES)
DIMENSIONS_EIGHT: tuple[str, ...] = (*DIMENSIONS_SIX, ENVIRONMENT, E_GOVERNANCE)

FIRST_YEAR = 2011          # the first report covering every province
EIGHT_FROM = 2018          # environmental governance and e-governance counted from this report
MIN_SCORE, MAX_SCORE = 1, 10


def dimensions_for(year: int) -> tuple[str, ...]:
    """The dimensions the report of ``year`` prints (ValueError before the first national report)."""
    if year < FIRST_YEAR:
        raise ValueError(f"no national PAPI report for {year}")
    return DIMENSIONS_EIGHT if year >= EIGHT_FROM else DIMENSIONS_SIX
