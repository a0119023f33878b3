"""``danvan workdays add|between|year``: ask the working-day calendar in force.

Lets an administrator check the calendar after a correction (``year 2026`` lists every day off
and make-up working day with its reason and source) without opening the application.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from danvan.core.vntext import format_date
from danvan.core.workdays import CalendarError
from danvan.legal import selectors
from danvan.legal.management.commands._common import integer, iso_date

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


def _day(d) -> str:
    return f"{WEEKDAYS[d.weekday()]} {format_date(d)}"


class Command(BaseCommand):
    help = _("Lịch ngày làm việc của cơ quan nhà nước: cộng ngày làm việc, đếm ngày làm việc, ngày nghỉ của năm.")

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, title=_("thao tác"))
        add = sub.add_parser("add", help=_("ngày làm việc thứ N sau (hoặc trước, N âm) một ngày"))
        add.add_argument("date", type=iso_date)
        add.add_argument("n", type=integer)
        between = sub.add_parser("between", help=_("số ngày làm việc trong khoảng (A, B]"))
        between.add_argument("a", type=iso_date)
        between.add_argument("b", type=iso_date)
        year = sub.add_parser("year", help=_("các ngày nghỉ và ngày làm việc bù của một năm"))
        year.add_argument("year", type=integer)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, f"do_{options['action']}")(options)
        except (CalendarError, OverflowError, ValueError) as exc:
            raise CommandError(str(exc)) from None

    def do_add(self, options: dict[str, Any]) -> None:
        start, n = options["date"], options["n"]
        result = selectors.current_calendar().add_workdays(start, n)
        if n >= 0:
            text = _("%(n)s ngày làm việc sau %(start)s là %(result)s.")
        else:
            text = _("%(n)s ngày làm việc trước %(start)s là %(result)s.")
        self.stdout.write(text % {"n": abs(n), "start": _day(start), "result": _day(result)})

    def do_between(self, options: dict[str, Any]) -> None:
        a, b = options["a"], options["b"]
        count = selectors.current_calendar().workdays_between(a, b)
        self.stdout.write(_("Từ sau %(a)s đến hết %(b)s có %(n)s ngày làm việc.") % {
            "a": _day(a), "b": _day(b), "n": count})

    def do_year(self, options: dict[str, Any]) -> None:
        year = options["year"]
        if not 1900 <= year <= 2200:
            raise CommandError(_("Năm ngoài phạm vi lịch hỗ trợ (1900-2200): %(year)s.") % {"year": year})
        entries = selectors.calendar_year(year)
        self.stdout.write(_("Ngày nghỉ và ngày làm việc bù năm %(year)s của cơ quan nhà nước:") % {"year": year})
        for entry in entries:
            state = _("nghỉ") if entry.kind == "off" else _("làm việc bù")
            line = f"{_day(entry.date)}: {state} — {entry.reason}"
            if entry.source:
                line += f" ({entry.source})"
            if entry.origin == "override":
                line += " " + _("[điều chỉnh của quản trị viên]")
            elif entry.verify:
                line += " " + _("[cần kiểm tra]")
            self.stdout.write(line)
        self.stdout.write("")
        self.stdout.write(_("Các đợt nghỉ (kể cả cuối tuần liền kề):"))
        for period in selectors.holiday_periods(year):
            self.stdout.write(_("%(start)s – %(end)s: %(reasons)s (%(n)s ngày)") % {
                "start": _day(period.start), "end": _day(period.end), "reasons": "; ".join(period.reasons),
                "n": period.length})
        make_up = [e for e in entries if e.kind == "work"]
        for entry in make_up:
            self.stdout.write(_("Làm việc bù: %(day)s — %(reason)s") % {
                "day": _day(entry.date), "reason": entry.reason})
