"""``danvan units carry-over FROM [--to CODE …] [--dry-run] [--json]``.

Hands the open work of a dissolved unit (and of the units under it) to its successors: cases by
the petitioner's or matter's address, tasks and report duties by the successor that takes the
function. Staff and responsibilities stay unless the coordinator chooses on the page. The dry
run prints exactly the lines the real run would apply.
"""

from __future__ import annotations

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext

from danvan.carryover import selectors, services
from danvan.org.models import Unit


def line_dict(line: selectors.Line) -> dict:
    return {
        "kind": line.kind, "kind_label": str(line.kind_label), "id": line.object_id, "label": line.label,
        "from": line.from_unit.code, "to": line.to_unit.code if line.to_unit else None, "action": line.action,
        "basis": line.basis, "note": line.note,
        "received": line.received.isoformat() if line.received else None,
        "due": line.due.isoformat() if line.due else None,
    }


class Command(BaseCommand):
    help = "Đơn vị: chuyển công việc đang mở của đơn vị đã giải thể, sắp xếp cho đơn vị kế thừa."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        carry = sub.add_parser("carry-over", help="Chuyển hồ sơ đang mở của đơn vị đã sắp xếp cho đơn vị kế thừa.")
        carry.add_argument("unit", metavar="FROM", help="Mã đơn vị đã giải thể, sắp xếp (vd. tx-ubnd).")
        carry.add_argument("--to", action="append", default=[],
                           help="Mã đơn vị nhận (lặp lại hoặc cách nhau bởi dấu phẩy); mặc định: các đơn vị kế thừa.")
        carry.add_argument("--dry-run", action="store_true", help="Chỉ in phương án, không chuyển.")
        carry.add_argument("--json", action="store_true", help="In kết quả dưới dạng JSON.")

    def _unit(self, code: str) -> Unit:
        try:
            return Unit.objects.get(code=code.strip().lower())
        except Unit.DoesNotExist as exc:
            raise CommandError(f"Không có đơn vị mã “{code}”.") from exc

    def handle(self, *args, **options):
        predecessor = self._unit(options["unit"])
        to = [self._unit(c) for value in options["to"] for c in value.split(",") if c.strip()] or None
        err = self.stderr

        def progress(done: int, total: int) -> None:
            err.write(gettext("Đã chuyển %(d)s/%(t)s dòng …") % {"d": done, "t": total})

        try:
            if options["dry_run"]:
                proposal = selectors.propose(predecessor=predecessor, to=to)
                run = None
            else:
                err.write(gettext("Đang lập phương án chuyển giao …"))
                run, proposal = services.carry_over(actor=None, predecessor=predecessor, to=to,
                                                    progress=progress)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        lines = proposal.moving
        if options["json"]:
            self.stdout.write(json.dumps({
                "from": predecessor.code, "effective_on": proposal.effective_on.isoformat(),
                "dry_run": bool(options["dry_run"]), "run": run.pk if run else None,
                "source": proposal.reform.source if proposal.reform else None,
                "lines": [line_dict(line) for line in lines],
                "kept": [line_dict(line) for line in proposal.lines if line.action == selectors.KEEP],
                "left": selectors.open_work_left([u.pk for u in proposal.dissolved], proposal.effective_on)
                if run else None,
            }, ensure_ascii=False, indent=2))
            return
        for line in lines:
            target = line.to_unit.name if line.to_unit else "—"
            self.stdout.write(f"{line.kind_label}\t{line.label}\t{line.from_unit.name} → {target}\t"
                              f"{line.action_label}"
                              f"\t{line.basis}")
        if options["dry_run"]:
            self.stdout.write(gettext("Chạy thử: %(n)s dòng sẽ được chuyển, chưa lưu gì.") % {"n": len(lines)})
        elif run is None:
            self.stdout.write(gettext("Không còn hồ sơ đang mở nào để chuyển."))
        else:
            self.stdout.write(gettext("Đã chuyển %(n)s dòng (đợt chuyển giao số %(r)s).") % {
                "n": run.moves.count(), "r": run.pk})
