"""Pagination whose cost does not grow with history: the count stops at a cap.

An exact ``COUNT(*)`` over everything a coordinator may see reads every row of years of cases on
every view. :class:`CappedPaginator` counts at most ``cap + 1`` rows (``SELECT COUNT(*) FROM
(… LIMIT cap + 1)``): below the cap the page shows the exact number as before; above it the page
says "hơn 1.000 dòng" and keeps offering the next page while there are rows, without a total.

:class:`UnionRows` pages rows that match in any of several ways (a search by the case's text or by
its petitioner's name) without reading every match: each way's query is ordered and limited on its
own, so PostgreSQL serves each with the index that suits it, and only their union is sorted.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import QuerySet
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
        count_upto = getattr(self.object_list, "count_upto", None)
        if count_upto is not None:
            return count_upto(self.cap + 1)
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


class UnionRows:
    """The rows of several querysets of one model (``parts``, each a way to match), without repeats, in
    ``ordering`` (which must end with the primary key, so that it is total), for a paginator.

    The first ``n`` rows of the union are among the first ``n`` rows of each part: a slice asks every
    part for its own first ``stop`` rows (``ORDER BY … LIMIT stop``, the plan PostgreSQL picks for that
    part alone: the date index walked until enough rows match a common word, a trigram index for a rare
    one) and sorts only their union. Likewise at most ``limit`` rows of the union are counted as the
    union of each part's first ``limit`` ids, in whatever order is cheapest: every part holds fewer
    than ``limit`` rows (then the union is whole) or one part alone already reaches ``limit``.

    Needs a database that orders and limits the members of a UNION (PostgreSQL; not SQLite).
    """

    ordered = True

    def __init__(self, parts: list[QuerySet], ordering: list[str]) -> None:
        if not parts:
            raise ValueError("UnionRows needs at least one queryset")
        self.parts = parts
        self.ordering = ordering

    def count_upto(self, limit: int) -> int:
        """The number of rows, or ``limit`` if there are at least that many."""
        ids = [part.order_by().values("pk")[:limit] for part in self.parts]
        return ids[0].union(*ids[1:])[:limit].count() if len(ids) > 1 else ids[0].count()

    def count(self) -> int:
        ids = [part.order_by().values("pk") for part in self.parts]
        return ids[0].union(*ids[1:]).count() if len(ids) > 1 else ids[0].count()

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, int):
            return self[key: key + 1][0]
        if not isinstance(key, slice) or key.stop is None or key.step is not None:
            raise TypeError("UnionRows takes a bounded slice")
        start, stop = key.start or 0, key.stop
        if stop <= start:
            return []
        if len(self.parts) == 1:
            return list(self.parts[0].order_by(*self.ordering)[start:stop])
        firsts = [part.order_by(*self.ordering)[:stop] for part in self.parts]
        return list(firsts[0].union(*firsts[1:]).order_by(*self.ordering)[start:stop])
