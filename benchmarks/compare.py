"""Run ``benchmarks/pages.py`` on a small and a large database in alternation and print the ratios.

    python benchmarks/compare.py postgres://…/small postgres://…/large [--rounds 3 --runs 5]

Both sizes are measured in the same run, round after round (small, large, small, large …), so a
machine shared with other work slows both alike; the ratio large/small is what to read, not the
absolute times. Prints a table and one JSON object (``--json FILE``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run_pages(url: str, runs: int) -> dict:
    env = {**os.environ, "DATABASE_URL": url}
    out = subprocess.run([sys.executable, str(HERE / "pages.py"), "--runs", str(runs)], env=env,
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def compare(small: str, large: str, rounds: int, runs: int) -> dict:
    collected: dict[str, list[dict]] = {"small": [], "large": []}
    for _r in range(rounds):
        collected["small"].append(run_pages(small, runs))
        collected["large"].append(run_pages(large, runs))
    result: dict = {"sizes": {k: v[0]["_size"]["petitions"] for k, v in collected.items()}, "pages": {}}
    for name in collected["small"][0]:
        if name.startswith("_"):
            continue
        row = {}
        for size, rows in collected.items():
            row[size] = {
                "queries": rows[-1][name]["queries"],
                "p50_ms": round(statistics.median(r[name]["p50_ms"] for r in rows), 1),
                "p95_ms": round(max(r[name]["p95_ms"] for r in rows), 1),
            }
        row["ratio_p50"] = round(row["large"]["p50_ms"] / max(row["small"]["p50_ms"], 0.1), 2)
        result["pages"][name] = row
    return result


def table(result: dict) -> str:
    s, lg = result["sizes"]["small"], result["sizes"]["large"]
    lines = [f"{'page':<42} {'queries':>9} {f'p50 @{s:,}':>13} {f'p50 @{lg:,}':>14} {'ratio':>6}"]
    for name, row in result["pages"].items():
        q = f"{row['small']['queries']}→{row['large']['queries']}"
        lines.append(f"{name:<42} {q:>9} {row['small']['p50_ms']:>10.1f} ms {row['large']['p50_ms']:>11.1f} ms "
                     f"{row['ratio_p50']:>5.2f}×")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("small")
    parser.add_argument("large")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", default="")
    args = parser.parse_args()
    result = compare(args.small, args.large, args.rounds, args.runs)
    print(table(result))
    if args.json:
        Path(args.json).write_text(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
