"""``danvan scores compute --year 2026 [--level commune] [--unit tx-ubnd] [--json]`` and
``danvan scores freeze --year 2026 [--unit tx-ubnd]``.

``compute`` prints the ranking of the scheme in force for the year: each unit's place, total, the
points of every criterion and the number of records behind them. ``freeze`` closes the year: the
points, figures and records are stored and never recomputed.
"""

from __future__ import annotations

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from danvan.emulation import selectors, services
from danvan.emulation.models import Scheme, SchemeStatus
from danvan.org.models import Level, Unit


def _plain(value):
    return None if value is None else float(value)


class Command(BaseCommand):
    help = "Chấm điểm thi đua: tính bảng xếp hạng của năm, hoặc chốt kết quả năm."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        compute = sub.add_parser("compute", help="Tính và in bảng xếp hạng thi đua của năm.")
        freeze = sub.add_parser("freeze", help="Chốt kết quả năm: lưu điểm và số liệu, không tính lại.")
        for p in (compute, freeze):
            p.add_argument("--year", type=int, required=True, help="Năm chấm điểm, vd. 2026.")
            p.add_argument("--unit", default="", help="Mã cơ quan chấm điểm (khi có nhiều bộ tiêu chí trong năm).")
        compute.add_argument("--level", choices=Level.values, default="", help="Chỉ xếp hạng các đơn vị cấp này.")
        compute.add_argument("--json", action="store_true", help="In kết quả dưới dạng JSON.")

    def _scheme(self, year: int, code: str) -> Scheme:
        qs = Scheme.objects.filter(year=year, status__in=[SchemeStatus.ACTIVE, SchemeStatus.FROZEN]).select_related(
            "unit")
        if code:
            unit = Unit.objects.filter(code=code.strip().lower()).first()
            if unit is None:
                raise CommandError(f"Không có đơn vị mã “{code}”.")
            qs = qs.filter(unit=unit)
        schemes = list(qs)
        if not schemes:
            raise CommandError(f"Năm {year} chưa có bộ tiêu chí chấm điểm đang áp dụng.")
        if len(schemes) > 1:
            codes = ", ".join(s.unit.code for s in schemes)
            raise CommandError(f"Năm {year} có nhiều bộ tiêu chí ({codes}): hãy chọn bằng --unit.")
        return schemes[0]

    def handle(self, *args, **options):
        scheme = self._scheme(options["year"], options["unit"])
        if options["action"] == "freeze":
            try:
                scheme = services.freeze(actor=None, scheme=scheme)
            except ValidationError as exc:
                raise CommandError("; ".join(exc.messages)) from exc
            count = scheme.frozen_scores.count()
            self.stdout.write(f"Đã chốt kết quả năm {scheme.year} của {scheme.unit.name}: {count} đơn vị.")
            return
        result = selectors.ranking(scheme, level=options["level"] or None)
        if result.frozen:
            counted: dict[int, dict[int, int]] = {}
            for row in result.rows:
                for line in row.lines:
                    counted.setdefault(line.criterion.pk, {})[row.unit.pk] = len(
                        [r for r in line.records or [] if r.counted])
        else:
            found = selectors.records(scheme, [r.unit for r in result.rows], result.cutoff)
            counted = {cid: {uid: len([r for r in refs if r.counted]) for uid, refs in by_unit.items()}
                       for cid, by_unit in found.items()}
        rows = []
        for row in result.rows:
            rows.append({
                "rank": row.rank, "unit": row.unit.name, "unit_code": row.unit.code, "total": _plain(row.total),
                "deductions": _plain(row.deductions), "decided_by": row.decided_by,
                "criteria": [{"name": line.criterion.name, "formula": line.criterion.formula or None,
                              "points": _plain(line.points), "value": _plain(line.value), "due": _plain(line.due),
                              "records": counted.get(line.criterion.pk, {}).get(row.unit.pk, 0)
                              if line.criterion.formula else None,
                              "reason": line.reason or None}
                             for line in row.lines],
            })
        if options["json"]:
            self.stdout.write(json.dumps({
                "year": scheme.year, "scheme": scheme.name, "revision": scheme.revision, "unit": scheme.unit.code,
                "frozen": result.frozen, "period": [scheme.period_start.isoformat(), scheme.period_end.isoformat()],
                "ranking": rows}, ensure_ascii=False, indent=2))
            return
        state = "đã chốt" if result.frozen else f"tạm tính đến {result.cutoff:%d/%m/%Y}"
        self.stdout.write(f"{scheme.name} — {scheme.unit.name}, phiên bản {scheme.revision} ({state})")
        for r in rows:
            note = f"  [{r['decided_by']}]" if r["decided_by"] else ""
            self.stdout.write(f"{r['rank']:>3}. {r['unit']:<40} {r['total']:>7.2f} điểm{note}")
            for c in r["criteria"]:
                behind = f" ({c['records']} bản ghi)" if c["records"] is not None else ""
                self.stdout.write(f"       {c['points']:>7.2f}  {c['name']}{behind}")
