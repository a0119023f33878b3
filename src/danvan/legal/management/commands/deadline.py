"""``danvan deadline KIND MILESTONE --from DATE ...``: compute one legal due date.

For administrators checking a case by hand and for scripts (``--json``). It uses the calendar and
rules in force, database corrections included, exactly as the application does.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from danvan.core.deadlines import DeadlineError
from danvan.core.workdays import CalendarError
from danvan.legal import selectors
from danvan.legal.management.commands._common import integer, iso_date


class Command(BaseCommand):
    help = _("Tính hạn theo luật: loại việc, mốc, ngày bắt đầu tính và các tình tiết của vụ việc.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("kind", help=_("complaint, complaint-2, denunciation, petition, reception"))
        parser.add_argument("milestone", help=_("file, accept, resolve, appeal, triage, forward, notify…"))
        parser.add_argument("--from", dest="from_date", type=iso_date, required=True,
                            help=_("ngày của sự kiện bắt đầu tính (YYYY-MM-DD)"))
        parser.add_argument("--received", type=iso_date, default=None,
                            help=_("ngày nhận đơn, để chọn phiên bản quy tắc (mặc định: --from)"))
        parser.add_argument("--complex", action="store_true", help=_("vụ việc phức tạp"))
        parser.add_argument("--very-complex", action="store_true", help=_("vụ việc đặc biệt phức tạp"))
        parser.add_argument("--remote", action="store_true", help=_("vùng sâu, vùng xa, đi lại khó khăn"))
        parser.add_argument("--several-places", action="store_true", help=_("cần xác minh ở nhiều nơi"))
        parser.add_argument("--extensions", type=integer, default=0, help=_("số lần gia hạn"))
        parser.add_argument("--json", action="store_true", help=_("in một đối tượng JSON"))

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            due = selectors.compute_due(
                options["kind"], options["milestone"], options["from_date"],
                received=options["received"], complex=options["complex"], very_complex=options["very_complex"],
                remote=options["remote"], several_places=options["several_places"],
                extensions=options["extensions"],
            )
        except (DeadlineError, CalendarError) as exc:
            raise CommandError(str(exc)) from None
        notices = selectors.calendar_notices(options["from_date"], due.due)
        if options["json"]:
            # The notices only when there are some: the JSON of a confirmed year stays as it was.
            extra = {"calendar_notices": notices} if notices else {}
            self.stdout.write(json.dumps({**due.as_dict(), **extra}, ensure_ascii=False))
        else:
            self.stdout.write(_("%(explanation)s (quy tắc %(rule)s).") % {
                "explanation": due.explanation, "rule": due.rule})
            for notice in notices:
                self.stderr.write(notice)
