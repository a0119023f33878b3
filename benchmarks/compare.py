"""Run ``benchmarks/pages.py`` on a small and a large database in alternation and print the ratios.

    python benchmarks/compare.py postgres://…/small postgres://…/large [--rounds 3 --runs 5]

Both sizes are measured in the same process, request by request (small, large, small, large …),
so a machine shared with other work slows both alike; the ratio large/small is what to read, not
the absolute times. Prints a table and one JSON object (``--json FILE``).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def compare(small: str, large: str, rounds: int, runs: int) -> dict:
    """Both databases in one process, alternating request by request (``pages.py --pair``)."""
    env = {**os.environ, "DATABASE_URL": small}
    out = subprocess.run([sys.executable, str(HERE / "pages.py"), "--pair", small, large, "--runs",
                          str(rounds * runs)], env=env, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


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
