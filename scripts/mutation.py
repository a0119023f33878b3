"""danvan's mutation runner: one small change at a time to the rules, then the tests that pin them.

    make mutation                      # every target below (hours on two cores)
    .venv/bin/python scripts/mutation.py src/danvan/org/policy.py --limit 20
    .venv/bin/python scripts/mutation.py --survivors var/mutation-report.md   # re-run last survivors

Mutants are made on the syntax tree (decorated functions included — the policy lives in
registered predicates): ``and``↔``or``, ``==``↔``!=``, ``is``↔``is not``, ``in``↔``not in``,
``<``↔``<=`` and ``>``↔``>=``, a ``not`` dropped, ``True``↔``False``, a ``return`` of a
condition inverted, and a call to ``policy.require``/``require``/``log_*`` removed. Each mutant is
written into a copy of ``src/`` and the target's tests run against it (``-x``, fail fast). A mutant
that leaves every test green *survives*; the report lists survivors with their line so that each is
killed by a new test or explained as equivalent in docs/testing.md.

Speed without losing honesty: the test database (SQLite, every migration) is built once per run in
the work copy, by running each target's tests on the *unmutated* source first (they must pass, or
the target is skipped as "baseline red": a red baseline would count every mutant as killed). A
pristine copy of that database file is put back before each mutant, and pytest-django reuses it
(``--reuse-db``), so a mutant costs its tests, not the migrations. The migrations do not import
the mutated files (their data migrations read only ``core.vntext``, ``org.search`` and emulation's
award constants). A mutant whose tests error (syntax, import) counts as killed, as does one that
runs past its timeout (three times the baseline plus a minute: an endless loop is noticed).
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: What is mutated, and the tests that must notice.
TARGETS: dict[str, list[str]] = {
    "src/danvan/org/policy.py": [
        "tests/org/test_policy.py",
        "tests/reception/test_identity_rule.py",
        "tests/web/test_error_pages.py",
        "tests/test_permission_table.py",
    ],
    "src/danvan/petitions/permissions.py": [
        "tests/test_permission_table.py",
        "tests/reception/test_identity_rule.py",
        "tests/petitions/test_confidential_files.py",
        "tests/petitions/test_who_sees_a_case.py",
    ],
    "src/danvan/reception/permissions.py": [
        "tests/test_permission_table.py",
        "tests/reception/test_identity_rule.py",
        "tests/reception/test_admin.py",
        "tests/reception/test_commitment_completion.py",
    ],
    "src/danvan/petitions/services/confidentiality.py": [
        "tests/petitions/test_confidential_files.py",
        "tests/petitions/test_services.py",
    ],
    "src/danvan/documents/permissions.py": ["tests/test_permission_table.py"],
    "src/danvan/legal/permissions.py": ["tests/test_permission_table.py"],
    "src/danvan/plans/permissions.py": [
        "tests/test_permission_table.py",
        "tests/plans/test_unit_plan_page.py",
        "tests/plans/test_views.py",
    ],
    "src/danvan/reporting/permissions.py": [
        "tests/reporting/test_who_writes_and_submits.py",
        "tests/test_permission_table.py",
    ],
    "src/danvan/api/permissions.py": ["tests/test_permission_table.py"],
    "src/danvan/carryover/permissions.py": [
        "tests/test_permission_table.py",
        "tests/carryover/test_permission_table.py",
    ],
    "src/danvan/dashboard/permissions.py": [
        "tests/test_permission_table.py",
        "tests/dashboard/test_permission_table.py",
    ],
    "src/danvan/emulation/permissions.py": [
        "tests/test_permission_table.py",
        "tests/emulation/test_permission_table.py",
        "tests/emulation/test_who_sees_rankings_and_models.py",
        "tests/emulation/test_list_pages.py",
        "tests/emulation/test_views.py",
        "tests/emulation/test_proposals.py",
    ],
    "src/danvan/inspections/permissions.py": [
        "tests/test_permission_table.py",
        "tests/inspections/test_permission_table.py",
        "tests/inspections/test_views.py",
        "tests/inspections/test_services.py",
    ],
    "src/danvan/portal/permissions.py": [
        "tests/test_permission_table.py",
        "tests/portal/test_permission_table.py",
        "tests/portal/test_pages.py",
    ],
    "src/danvan/surveys/permissions.py": ["tests/test_permission_table.py", "tests/surveys/test_list.py"],
    "src/danvan/triage/permissions.py": ["tests/test_permission_table.py"],
    "src/danvan/core/workdays.py": ["tests/core/test_workdays.py"],
    "src/danvan/core/deadlines.py": ["tests/core/test_deadlines.py"],
}

def targets_of(path: str) -> list[str]:
    """The tests run against ``path``'s mutants: its ``TARGETS`` and, for an app's ``permissions.py``, always
    that app's own permission-table test (its ``test_*`` functions, which the central table does not run:
    leaving it out once made four apps' mutants look like survivors)."""
    tests = list(TARGETS.get(path, ["tests"]))
    parts = Path(path).parts
    if parts[-1] == "permissions.py" and len(parts) >= 2:
        own = f"tests/{parts[-2]}/test_permission_table.py"
        if own not in tests and (ROOT / own).exists():
            tests.insert(1 if tests[:1] == ["tests/test_permission_table.py"] else 0, own)
    return tests


SWAP_BOOL = {ast.And: ast.Or, ast.Or: ast.And}
SWAP_CMP = {
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
}
REMOVABLE_CALLS = ("require", "log_identity_view", "log_identity_views")


@dataclass(frozen=True)
class Mutant:
    path: str
    number: int
    line: int
    what: str
    source: str
    code: str  # the mutated expression, as written back

    @property
    def ident(self) -> str:
        return f"{self.path}#{self.number}"


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
            code = " ".join(ast.unparse(target).split())
            code = code if len(code) <= 110 else code[:107] + "…"
            out.append(Mutant(path, len(out) + 1, getattr(node, "lineno", 0), what, ast.unparse(copy), code))

        if isinstance(node, ast.BoolOp):
            emit(
                f"{type(node.op).__name__} → {SWAP_BOOL[type(node.op)].__name__}",
                lambda t: setattr(t, "op", SWAP_BOOL[type(t.op)]()),
            )
        elif isinstance(node, ast.Compare):
            for i, op in enumerate(node.ops):
                if type(op) in SWAP_CMP:

                    def swap(t, i=i):
                        t.ops[i] = SWAP_CMP[type(t.ops[i])]()

                    emit(f"{type(op).__name__} → {SWAP_CMP[type(op)].__name__}", swap)
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            emit(
                "not dropped",
                lambda t: (
                    setattr(t, "op", ast.UAdd()),
                    setattr(t, "operand", ast.Call(func=ast.Name("bool", ast.Load()), args=[t.operand], keywords=[])),
                ),
            )
        elif isinstance(node, ast.Constant) and isinstance(node.value, bool):
            emit(f"{node.value} → {not node.value}", lambda t: setattr(t, "value", not t.value))
        elif isinstance(node, ast.Return) and isinstance(node.value, (ast.BoolOp, ast.Compare, ast.Call)):
            emit("return inverted", lambda t: setattr(t, "value", ast.UnaryOp(ast.Not(), t.value)))
        elif isinstance(node, ast.Expr) and _call_name(node.value) in REMOVABLE_CALLS:
            emit(f"{_call_name(node.value)}(…) removed", lambda t: setattr(t, "value", ast.Constant(None)))
    return out


SETTINGS = """from danvan.settings import *  # noqa: F403

# The mutation runner's test database: one file in the work copy, built once, reused per mutant.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": %r}  # noqa: F405
"""


class Workdir:
    """A copy of ``src/`` and ``tests/`` whose test database is built once and put back per mutant."""

    def __init__(self, root: Path):
        self.root = root
        self.db = root / "test-db.sqlite3"
        self.pristine = root / "pristine.sqlite3"
        (root / "mutation_settings.py").write_text(SETTINGS % str(self.db), encoding="utf-8")
        (root / "data").mkdir()
        self.env = {
            **os.environ,
            "PYTHONPATH": f"{root / 'src'}{os.pathsep}{root}",
            "DANVAN_DATA_DIR": str(root / "data"),
            "DJANGO_SETTINGS_MODULE": "mutation_settings",
        }

    def pytest(self, tests: list[str], *, timeout: float | None, create: bool = False):
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{self.db}{suffix}").unlink(missing_ok=True)
        if not create and self.pristine.exists():
            shutil.copyfile(self.pristine, self.db)
        command = [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-x",
            "-p",
            "no:cacheprovider",
            "--ds",
            "mutation_settings",
            "--reuse-db",  # no file yet: built, and kept
            *tests,
        ]
        started = time.monotonic()
        try:
            result = subprocess.run(
                command, cwd=self.root, env=self.env, capture_output=True, text=True, timeout=timeout
            )
            code, output = result.returncode, result.stdout + result.stderr
        except subprocess.TimeoutExpired:
            code, output = None, "timeout"
        if create and code == 0 and self.db.exists():
            with contextlib.closing(sqlite3.connect(self.db)) as db:  # fold the WAL into the file
                db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            shutil.copyfile(self.db, self.pristine)
        return code, output, time.monotonic() - started

    def check_imports_from_copy(self) -> None:
        """Refuse to run when ``danvan`` would be imported from anywhere but the work copy."""
        where = subprocess.run(
            [sys.executable, "-c", "import danvan; print(danvan.__file__)"],
            cwd=self.root,
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        if not Path(where).resolve().is_relative_to(self.root.resolve()):
            raise SystemExit(f"danvan is imported from {where}, not from the mutated copy")


def run(mutant: Mutant, tests: list[str], work: Workdir, timeout: float) -> tuple[str, float]:
    """("killed" | "timeout" | "survived", seconds)."""
    target = work.root / mutant.path
    original = target.read_text(encoding="utf-8")
    target.write_text(mutant.source, encoding="utf-8")
    try:
        code, _output, seconds = work.pytest(tests, timeout=timeout)
    finally:
        target.write_text(original, encoding="utf-8")
    return ("timeout" if code is None else "survived" if code == 0 else "killed"), seconds


def survivors_of(report: Path) -> set[str]:
    """The ids of the survivors a previous report lists."""
    return set(re.findall(r"`(src/[^`#]+#\d+)`", report.read_text(encoding="utf-8")))


def write_report(path: str, lines: list[str], details: list[str], started: float) -> str:
    """Written after every file, so that a run stopped half-way still leaves what it found."""
    minutes = (time.monotonic() - started) / 60
    report = "\n".join([*lines, "", f"Run took {minutes:.0f} min.", "", "## Survivors", "", *(details or ["none"])])
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(report + "\n", encoding="utf-8")
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", help="files to mutate (default: every target)")
    parser.add_argument("--limit", type=int, default=0, help="at most this many mutants per file")
    parser.add_argument("--survivors", type=Path, help="run only the survivors this earlier report lists")
    parser.add_argument("--report", default="var/mutation-report.md")
    args = parser.parse_args()
    only = survivors_of(args.survivors) if args.survivors else None
    paths = args.paths or ([p for p in TARGETS if any(i.startswith(p + "#") for i in only)] if only else list(TARGETS))
    lines = [
        "# Mutation report",
        "",
        "| file | mutants | killed | score | survivors | seconds |",
        "|---|---|---|---|---|---|",
    ]
    details: list[str] = []
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="danvan-mutation-") as tmp:
        work = Workdir(Path(tmp))
        for part in ("src", "tests", "pyproject.toml"):
            source = ROOT / part
            (shutil.copytree if source.is_dir() else shutil.copy)(source, work.root / part)
        work.check_imports_from_copy()
        built = False
        for path in paths:
            tests = targets_of(path)
            found = mutants(path)[: args.limit or None]
            if only is not None:
                found = [m for m in found if m.ident in only]
            # The unmutated source first: builds the database once, and must be green.
            code, output, baseline = work.pytest(tests, timeout=None, create=not built)
            built = built or code == 0
            print(
                f"{path}: {len(found)} mutants, baseline {'green' if code == 0 else 'RED'} in {baseline:.1f}s",
                flush=True,
            )
            if code != 0:
                print(output[-3000:], flush=True)
                lines.append(f"| {path} | {len(found)} | – | baseline red | – | – |")
                continue
            timeout = 3 * baseline + 60
            survivors: list[Mutant] = []
            spent = 0.0
            for index, mutant in enumerate(found, 1):
                outcome, seconds = run(mutant, tests, work, timeout)
                spent += seconds
                if outcome == "survived":
                    survivors.append(mutant)
                print(
                    f"  [{index}/{len(found)}] {mutant.ident} line {mutant.line} {mutant.what}: {outcome} "
                    f"({seconds:.1f}s) — killed {index - len(survivors)}, survived {len(survivors)}"
                    + (f"\n      {mutant.code}" if outcome == "survived" else ""),
                    flush=True,
                )
            killed = len(found) - len(survivors)
            score = f"{100 * killed / len(found):.0f}%" if found else "–"
            lines.append(f"| {path} | {len(found)} | {killed} | {score} | {len(survivors)} | {spent:.0f} |")
            details += [f"- `{m.ident}` line {m.line} — {m.what}: `{m.code}`" for m in survivors]
            print(lines[-1], flush=True)
            write_report(args.report, lines, details, started)
    print(write_report(args.report, lines, details, started))
    return 0


if __name__ == "__main__":
    sys.exit(main())
