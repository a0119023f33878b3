"""Pagination whose cost does not grow with history: the count stops at a cap.

An exact ``COUNT(*)`` over everything a coordinator may see reads every row of years of cases on
every view. :class:`CappedPaginator` counts at most ``cap + 1`` rows (``SELECT COUNT(*) FROM
(… LIMIT cap + 1)``): below the cap the page shows the exact number as before; above it the page
says "hơn 1.000 dòng" and keeps offering the next page while there are rows, without a total.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.utils.formats import number_format
from django.utils.functional import cached_property

DEFAULT_CAP = 1000


class CappedPage(Page):
    def __init__(self, object_list: Any, number: int, paginator: Paginator, *, has_more: bool) -> None:
        super().__init__(object_list, number, paginator)
        self._has_more = has_more

    def has_next(self) -> bool:
        return self._has_more

    def end_index(self) -> int:
        return (self.number - 1) * self.paginator.per_page + len(self.object_list)


class CappedPaginator(Paginator):
    """A paginator that never counts more than ``cap + 1`` rows (same page URLs as Django's)."""

    def __init__(self, object_list: Any, per_page: int, *, cap: int | None = None, **kwargs: Any) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self.cap = DEFAULT_CAP if cap is None else cap

    @cached_property
    def count(self) -> int:
        rows = self.object_list[: self.cap + 1]
        return rows.count() if hasattr(rows, "count") and not isinstance(rows, list) else len(rows)

    @property
    def capped(self) -> bool:
        """True when there are more rows than the cap (the total is then not known)."""
        return self.count > self.cap

    @property
    def cap_label(self) -> str:
        return number_format(self.cap, force_grouping=True)

    @cached_property
    def num_pages(self) -> int:
        if self.capped:
            return 10**9  # unknown: any page number is accepted, an empty one falls back to page 1
        return super().num_pages

    def page(self, number: Any) -> Page:
        if not self.capped:
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom: bottom + self.per_page + 1])
        if not rows and number > 1:
            raise EmptyPage
        return CappedPage(rows[: self.per_page], number, self, has_more=len(rows) > self.per_page)

    def get_page(self, number: Any) -> Page:
        try:
            number = self.validate_number(number)
        except (PageNotAnInteger, EmptyPage):
            number = 1
        try:
            return self.page(number)
        except EmptyPage:
            return self.page(1 if self.capped else self.num_pages)
