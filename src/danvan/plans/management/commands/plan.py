"""``danvan plan import FILE`` and ``danvan plan export NUMBER --docx FILE`` (or ``--pdf FILE``, signed).

Import reads a plan (.txt or .docx), resolves its unit names in the issuing committee's tree and
either prints the structured plan (``--json``, the parser's exact shape; with ``--dry-run``
nothing is saved) or saves it and cascades it to units. Export renders a saved plan as its
official document through the one renderer.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext

from danvan.core.planparse import PlanParseError, read_plan_file
from danvan.core.references import normalise_full_number, number_key
from danvan.core.vntext import UnstorableText
from danvan.org.audit import unstorable_message
from danvan.org.models import Unit
from danvan.plans import services
from danvan.plans.export import plan_docx, progress_xlsx, signed_plan_pdf
from danvan.plans.models import Plan


class Command(BaseCommand):
    help = "Nhập kế hoạch từ tệp văn bản (.txt, .docx) hoặc xuất kế hoạch đã lưu ra .docx."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="Đọc một kế hoạch và lưu vào hệ thống (hoặc chỉ in ra).")
        imp.add_argument("file")
        imp.add_argument("--unit", help="Mã đơn vị ban hành (vd. tx-ubnd) khi văn bản không ghi rõ.")
        imp.add_argument("--dry-run", action="store_true", help="Chỉ đọc, không lưu.")
        imp.add_argument("--json", action="store_true", help="In kết quả đọc dưới dạng JSON.")
        exp = sub.add_parser("export", help="Xuất kế hoạch đã lưu theo thể thức Nghị định 30/2020.")
        exp.add_argument("number", help="Số, ký hiệu, vd. 307/KH-UBND")
        exp.add_argument("--year", type=int)
        exp.add_argument("--unit", help="Mã đơn vị ban hành khi nhiều đơn vị cùng số hiệu.")
        exp.add_argument("--docx", help="Tệp .docx của văn bản kế hoạch.")
        exp.add_argument("--progress-xlsx", help="Tệp .xlsx tiến độ thực hiện.")
        exp.add_argument("--pdf", help="Tệp PDF/A đã ký số: lãnh đạo ký trước, cơ quan ký sau (Nghị định 30/2020).")
        sub.add_parser("roll", help="Mở kỳ mới cho các nhiệm vụ định kỳ đã hoàn thành kỳ trước (chạy hằng ngày).")

    def handle(self, *args, **options):
        if options["action"] == "import":
            return self._import(options)
        if options["action"] == "roll":
            rolled = services.roll_recurring_tasks()
            self.stdout.write(gettext("Đã mở kỳ mới cho %(n)s nhiệm vụ định kỳ.") % {"n": rolled})
            return None
        return self._export(options)

    def _unit(self, code: str | None) -> Unit | None:
        if not code:
            return None
        try:
            return Unit.objects.get(code=code)
        except Unit.DoesNotExist as exc:
            raise CommandError(f"Không có đơn vị mã “{code}”.") from exc

    def _import(self, options) -> None:
        try:
            text = read_plan_file(options["file"])
            parsed, issuer = services.parse_with_registry(text, unit=self._unit(options["unit"]))
        except (PlanParseError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        except UnstorableText as exc:
            raise CommandError(unstorable_message(exc)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(parsed.as_dict(), ensure_ascii=False, indent=2))
        if options["dry_run"]:
            return
        if issuer is None:
            raise CommandError("Không xác định được cơ quan ban hành: hãy chỉ rõ bằng --unit MÃ_ĐƠN_VỊ.")
        try:
            result = services.save_plan(parsed, issuer=issuer, source_text=text, update_existing=True)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        plan = result.plan
        verb = "Đã nhập" if result.created else "Đã cập nhật"
        message = (f"{verb} kế hoạch {plan.full_number} của {issuer.name}: {plan.items.count()} nội dung, "
                   f"{plan.unit_plans.count()} kế hoạch đơn vị, {result.tasks} nhiệm vụ giao cho "
                   f"{result.units} đơn vị.")
        for change in result.changes:
            message += f"\n  {change.what}: {change.before or '—'} → {change.after or '—'}"
        (self.stderr if options["json"] else self.stdout).write(message)

    def _export(self, options) -> None:
        key = number_key(normalise_full_number(options["number"]))
        plans = Plan.objects.filter(number_key=key).select_related("issuer")
        if options["year"]:
            plans = plans.filter(date__year=options["year"])
        unit = self._unit(options["unit"])
        if unit is not None:
            plans = plans.filter(issuer=unit)
        found = list(plans[:2])
        if not found:
            raise CommandError(f"Không tìm thấy kế hoạch {options['number']}.")
        if len(found) > 1:
            raise CommandError("Có nhiều kế hoạch cùng số hiệu: hãy thêm --year hoặc --unit.")
        plan = found[0]
        if not options["docx"] and not options["progress_xlsx"] and not options["pdf"]:
            raise CommandError("Hãy chỉ ra tệp cần xuất: --docx TỆP, --pdf TỆP hoặc --progress-xlsx TỆP.")
        if options["docx"]:
            Path(options["docx"]).write_bytes(plan_docx(plan))
            self.stdout.write(f"Đã xuất {options['docx']}")
        if options["pdf"]:
            try:
                Path(options["pdf"]).write_bytes(signed_plan_pdf(plan))
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from exc
            self.stdout.write(f"Đã xuất {options['pdf']} (đã ký số)")
        if options["progress_xlsx"]:
            Path(options["progress_xlsx"]).write_bytes(progress_xlsx(plan))
            self.stdout.write(f"Đã xuất {options['progress_xlsx']}")
