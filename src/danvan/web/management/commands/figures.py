"""``danvan figures --check [--from D --to D]`` / ``danvan figures --rebuild``: the figures kept on write.

``--check`` compares the daily figures (danvan.petitions.daily, danvan.reception.daily) with the
cases and the reception book counted one by one, for this year so far unless a period is given,
and exits with status 1 on any difference. ``--rebuild`` makes them again from the records (after
loading data by hand into the tables).
"""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from danvan.org import clock
from danvan.org.models import Unit
from danvan.petitions import daily
from danvan.reception import daily as reception_daily


def _day(text: str) -> date:
    try:
        day, month, year = (int(part) for part in text.split("/"))
        return date(year, month, day)
    except ValueError as exc:
        raise CommandError(_("Ngày “%(text)s” không hợp lệ: hãy viết dd/mm/yyyy, ví dụ 01/01/2026.")
                           % {"text": text}) from exc


class Command(BaseCommand):
    help = _("Số liệu theo ngày của đơn thư và sổ tiếp công dân (bảng điều hành, báo cáo): kiểm tra, hoặc dựng lại.")

    def add_arguments(self, parser):
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument("--check", action="store_true", help=_("So sánh số liệu đã lưu với số đếm lại từ hồ sơ."))
        action.add_argument("--rebuild", action="store_true", help=_("Dựng lại số liệu từ hồ sơ."))
        parser.add_argument("--from", dest="start", default="", help=_("Từ ngày (dd/mm/yyyy); mặc định 01/01 năm nay."))
        parser.add_argument("--to", dest="end", default="", help=_("Đến ngày (dd/mm/yyyy); mặc định hôm nay."))

    def handle(self, *args, **options):
        if options["rebuild"]:
            made = daily.rebuild()
            self.stdout.write(_("Đã dựng lại %(days)d dòng theo ngày và %(fields)d dòng theo ngày và lĩnh vực.")
                              % {"days": made["days"], "fields": made["by_field"]})
            made = reception_daily.rebuild()
            self.stdout.write(_("Sổ tiếp công dân: đã dựng lại %(days)d dòng theo ngày.") % {"days": made["days"]})
            return
        today = clock.today()
        start = _day(options["start"]) if options["start"] else date(today.year, 1, 1)
        end = _day(options["end"]) if options["end"] else today
        if end < start:
            raise CommandError(_("Ngày kết thúc phải sau ngày bắt đầu."))
        wrong = {**daily.differences(start, end), **reception_daily.differences(start, end)}
        if not wrong:
            self.stdout.write(_("Số liệu khớp với đơn thư và sổ tiếp công dân từ %(start)s đến %(end)s.")
                              % {"start": f"{start:%d/%m/%Y}", "end": f"{end:%d/%m/%Y}"})
            return
        names = dict(Unit.objects.filter(pk__in={unit for units in wrong.values() for unit in units})
                     .values_list("pk", "name"))
        for code, units in wrong.items():
            for unit, (kept, counted) in sorted(units.items()):
                self.stdout.write(_("%(code)s, đơn vị %(unit)s: đã lưu %(kept)s, đếm lại %(counted)s")
                                  % {"code": code, "unit": names.get(unit, unit), "kept": kept, "counted": counted})
        raise CommandError(_("Số liệu đã lưu khác số đếm lại: chạy `danvan figures --rebuild`."))
