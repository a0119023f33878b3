"""danvan's mutation runner: one small change at a time to the rules, then the tests that pin them.

    make mutation                      # every target below (slow: minutes per mutant)
    .venv/bin/python scripts/mutation.py src/danvan/org/policy.py --limit 20

Mutants are made on the syntax tree (decorated functions included — the policy lives in
registered predicates): ``and``↔``or``, ``==``↔``!=``, ``is``↔``is not``, ``in``↔``not in``,
``<``↔``<=`` and ``>``↔``>=``, a ``not`` dropped, ``True``↔``False``, a ``return`` of a
condition inverted, and a call to ``policy.require``/``require``/``log_*`` removed. Each mutant is
written into a copy of ``src/`` and the target's tests run against it (``-x``, fail fast). A mutant
that leaves every test green *survives*; the report lists survivors with their line so that each is
killed by a new test or explained as equivalent in docs/testing.md.
"""

from __future__ import annotations

import argparse
import ast
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: What is mutated, and the tests that must notice.
TARGETS: dict[str, list[str]] = {
    "src/danvan/org/policy.py": ["tests/test_permission_table.py", "tests/org/test_policy.py",
                                 "tests/reception/test_identity_rule.py"],
    "src/danvan/petitions/permissions.py": ["tests/test_permission_table.py", "tests/reception/test_identity_rule.py",
                                            "tests/petitions/test_confidential_files.py"],
    "src/danvan/reception/permissions.py": ["tests/test_permission_table.py", "tests/reception/test_identity_rule.py",
                                            "tests/reception/test_admin.py"],
    "src/danvan/petitions/services/confidentiality.py": ["tests/petitions/test_confidential_files.py",
                                                        "tests/petitions/test_services.py"],
    "src/danvan/documents/permissions.py": ["tests/test_permission_table.py"],
    "src/danvan/legal/permissions.py": ["tests/test_permission_table.py"],
    "src/danvan/plans/permissions.py": ["tests/test_permission_table.py"],
    "src/danvan/reporting/permissions.py": ["tests/test_permission_table.py"],
    "src/danvan/core/workdays.py": ["tests/core/test_workdays.py"],
    "src/danvan/core/deadlines.py": ["tests/core/test_deadlines.py"],
}

SWAP_BOOL = {ast.And: ast.Or, ast.Or: ast.And}
SWAP_CMP = {ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.Is: ast.IsNot, ast.IsNot: ast.Is, ast.In: ast.NotIn,
            ast.NotIn: ast.In, ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt}
REMOVABLE_CALLS = ("require", "log_identity_view", "log_identity_views")


@dataclass(frozen=True)
class Mutant:
    path: str
    line: int
    what: str
    source: str


def _call_name(node: ast.AST) -> str:
    if isinstance(node, ast.Call):
        func = node.func
        return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return ""


def mutants(path: str) -> list[Mutant]:
    text = (ROOT / path).read_text(encoding="utf-8")
    tree = ast.parse(text)
    nodes = list(ast.walk(tree))
    out: list[Mutant] = []
    for index, node in enumerate(nodes):
        def emit(what: str, change, index=index, node=node) -> None:
            copy = ast.parse(text)
            target = list(ast.walk(copy))[index]
            change(target)
            out.append(Mutant(path, getattr(node, "lineno", 0), what, ast.unparse(copy)))

        if isinstance(node, ast.BoolOp):
            emit(f"{type(node.op).__name__} → {SWAP_BOOL[type(node.op)].__name__}",
                 lambda t: setattr(t, "op", SWAP_BOOL[type(t.op)]()))
        elif isinstance(node, ast.Compare):
            for i, op in enumerate(node.ops):
                if type(op) in SWAP_CMP:
                    def swap(t, i=i):
                        t.ops[i] = SWAP_CMP[type(t.ops[i])]()
                    emit(f"{type(op).__name__} → {SWAP_CMP[type(op)].__name__}", swap)
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            emit("not dropped", lambda t: (setattr(t, "op", ast.UAdd()), setattr(t, "operand", ast.Call(
                func=ast.Name("bool", ast.Load()), args=[t.operand], keywords=[]))))
        elif isinstance(node, ast.Constant) and isinstance(node.value, bool):
            emit(f"{node.value} → {not node.value}", lambda t: setattr(t, "value", not t.value))
        elif isinstance(node, ast.Return) and isinstance(node.value, (ast.BoolOp, ast.Compare, ast.Call)):
            emit("return inverted", lambda t: setattr(t, "value", ast.UnaryOp(ast.Not(), t.value)))
        elif isinstance(node, ast.Expr) and _call_name(node.value) in REMOVABLE_CALLS:
            emit(f"{_call_name(node.value)}(…) removed", lambda t: setattr(t, "value", ast.Constant(None)))
    return out


def run(mutant: Mutant, tests: list[str], workdir: Path) -> bool:
    """True when the tests notice (the mutant is killed)."""
    target = workdir / mutant.path
    original = target.read_text(encoding="utf-8")
    target.write_text(mutant.source, encoding="utf-8")
    try:
        env = {**os.environ, "PYTHONPATH": str(workdir / "src")}
        result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *tests],
                                cwd=workdir, env=env, capture_output=True, text=True, timeout=1800)
        return result.returncode != 0
    finally:
        target.write_text(original, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", help="files to mutate (default: every target)")
    parser.add_argument("--limit", type=int, default=0, help="at most this many mutants per file")
    parser.add_argument("--report", default="var/mutation-report.md")
    args = parser.parse_args()
    paths = args.paths or list(TARGETS)
    with tempfile.TemporaryDirectory(prefix="danvan-mutation-") as tmp:
        workdir = Path(tmp)
        for part in ("src", "tests", "pyproject.toml"):
            source = ROOT / part
            (shutil.copytree if source.is_dir() else shutil.copy)(source, workdir / part)
        lines = ["# Mutation report", "", "| file | mutants | killed | score | survivors |", "|---|---|---|---|---|"]
        details: list[str] = []
        for path in paths:
            found = mutants(path)[: args.limit or None]
            survivors = [m for m in found if not run(m, TARGETS.get(path, ["tests"]), workdir)]
            killed = len(found) - len(survivors)
            score = f"{100 * killed / len(found):.0f}%" if found else "–"
            lines.append(f"| {path} | {len(found)} | {killed} | {score} | {len(survivors)} |")
            details += [f"- {m.path}:{m.line} — {m.what}" for m in survivors]
            print(lines[-1], flush=True)
    report = "\n".join([*lines, "", "## Survivors", "", *(details or ["none"])]) + "\n"
    Path(args.report).parent.mkdir(parents=True, exist_ok=True)
    Path(args.report).write_text(report, encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
