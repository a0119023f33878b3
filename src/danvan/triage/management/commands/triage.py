"""``danvan triage train [--since DATE]`` and ``danvan triage eval [--since DATE]``.

Train reads the triaged cases (content and decisions only, never who sent them), measures a model
trained on the earlier four fifths against the later fifth, then trains on everything and stores
the model (a file in the data directory and a row with its figures). Eval prints, for each target,
accuracy, macro-F1 and the confusion table on that held-out split, and stores nothing.
"""

from __future__ import annotations

import time
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from danvan.triage import selectors, services
from danvan.triage.models import Target

TABLE_LABELS = 12  # the most frequent values get a row and a column; the others are summed as "khác"


def _date(value: str) -> date:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise CommandError(f"Ngày không hợp lệ: {value!r} (dùng YYYY-MM-DD hoặc dd/mm/yyyy).")


class Command(BaseCommand):
    help = "Huấn luyện trợ lý phân loại đơn từ các hồ sơ đã phân loại, hoặc đánh giá nó trên hồ sơ nhận sau."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        for name, text in (("train", "Huấn luyện mô hình mới và dùng nó cho các gợi ý."),
                           ("eval", "Đánh giá trên phần hồ sơ nhận sau (không lưu gì).")):
            p = sub.add_parser(name, help=text)
            p.add_argument("--since", type=_date, help="Chỉ học từ hồ sơ nhận từ ngày này (YYYY-MM-DD).")

    def handle(self, *args, **options):
        started = time.perf_counter()

        def progress(text: str) -> None:
            self.stderr.write(f"[{time.perf_counter() - started:6.1f}s] {text}")

        try:
            if options["action"] == "train":
                row = services.train(since=options["since"], progress=progress)
                self.stdout.write(f"Đã huấn luyện mô hình phiên bản {row.version}: {row.cases:,} hồ sơ, "
                                  f"{row.features:,} đặc trưng, {row.seconds:.1f} giây.")
                for target, figures in row.held_out.items():
                    self.stdout.write(f"  {Target(target).label}: độ chính xác {figures['accuracy']:.1%}, "
                                      f"macro-F1 {figures['macro_f1']:.1%} trên {figures['n']:,} hồ sơ nhận sau"
                                      f"{_baseline(figures)}")
                return
            held = services.evaluate_held_out(since=options["since"], progress=progress)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(f"Học trên {held.train:,} hồ sơ nhận trước, kiểm tra trên {held.test:,} hồ sơ nhận sau.")
        if not held.report:
            self.stdout.write("Chưa đủ hồ sơ nhận sau để kiểm tra.")
            return
        self.stdout.write(f"Chia theo ngày nhận: học trên hồ sơ nhận trước ngày {held.cut:%d/%m/%Y}, "
                          f"kiểm tra trên hồ sơ nhận từ ngày đó.")
        labels = selectors.value_labels({t: set(r["labels"]) for t, r in held.report.items()})
        for target, r in held.report.items():
            self.stdout.write("")
            self.stdout.write(f"== {Target(target).label}: độ chính xác {r['accuracy']:.1%}, "
                              f"macro-F1 {r['macro_f1']:.1%} ({r['n']:,} hồ sơ){_baseline(r)}")
            self.stdout.write(confusion_table(r["labels"], r["confusion"], labels.get(target, {})))


def _baseline(figures: dict[str, Any]) -> str:
    """What always answering the most frequent value would score: the figure to beat."""
    if "baseline" not in figures:
        return ""
    return f"; luôn đoán giá trị phổ biến nhất: {figures['baseline']:.1%}"


def confusion_table(values: list[str], matrix: list[list[int]], names: dict[str, Any]) -> str:
    """Rows: what the officer decided; columns: what the assistant predicted (numbered, named below)."""
    keep = values[:TABLE_LABELS]
    n = len(keep)
    index = {v: i for i, v in enumerate(values)}
    folded = [[0] * (n + (1 if len(values) > n else 0)) for _r in range(n + (1 if len(values) > n else 0))]
    for i, v in enumerate(values):
        for j, w in enumerate(values):
            a = index[v] if index[v] < n else n
            b = index[w] if index[w] < n else n
            folded[a][b] += matrix[i][j]
    heads = [str(i + 1) for i in range(n)] + (["khác"] if len(values) > n else [])
    width = max(6, *(len(str(x)) for row in folded for x in row))
    lines = ["thực tế \\ dự đoán  " + " ".join(h.rjust(width) for h in heads)]
    for h, row in zip(heads, folded, strict=True):
        lines.append(f"{h:>18} " + " ".join(str(x).rjust(width) for x in row))
    for i, v in enumerate(keep):
        lines.append(f"  {i + 1}: {names.get(v, v) or '(không rõ)'}")
    return "\n".join(lines)
