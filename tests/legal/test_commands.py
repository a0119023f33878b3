"""The worked examples of legal-rules.md §11, through ``danvan deadline`` as a script would call it."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from danvan.core.deadlines import report_period
from danvan.legal import selectors

pytestmark = pytest.mark.django_db


def deadline(*args: str) -> dict:
    out = io.StringIO()
    call_command("deadline", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def workdays(*args: str) -> str:
    out = io.StringIO()
    call_command("workdays", *args, stdout=out)
    return out.getvalue()


EXAMPLES = [
    # (example, arguments, due, raw_due, rule, days, unit)
    ("1 first complaint", ["complaint", "resolve", "--from", "2026-01-05"], "2026-02-04", "2026-02-04",
     "KN-RESOLVE-1", 30, "calendar"),
    ("2 complex, day 45 in Tết", ["complaint", "resolve", "--from", "2026-01-05", "--complex"], "2026-02-23",
     "2026-02-19", "KN-RESOLVE-1", 45, "calendar"),
    ("3 accept over Tết", ["complaint", "accept", "--from", "2026-02-10"], "2026-03-03", "2026-03-03",
     "KN-ACCEPT-1", 10, "working"),
    ("3 received before 01/07/2026 keeps 10 days",
     ["complaint", "accept", "--from", "2026-02-10", "--received", "2026-02-10"], "2026-03-03", "2026-03-03",
     "KN-ACCEPT-1", 10, "working"),
    ("3 under the 7-day rule", ["complaint", "accept", "--from", "2026-02-10", "--received", "2026-07-01"],
     "2026-02-26", "2026-02-26", "KN-ACCEPT-1", 7, "working"),
    ("4 triage", ["denunciation", "triage", "--from", "2026-02-09"], "2026-02-25", "2026-02-25",
     "TC-TRIAGE", 7, "working"),
    ("4 triage, several places", ["denunciation", "triage", "--from", "2026-02-09", "--several-places"],
     "2026-03-02", "2026-03-02", "TC-TRIAGE", 10, "working"),
    ("4 forward", ["denunciation", "forward", "--from", "2026-02-09"], "2026-02-23", "2026-02-23",
     "TC-FORWARD", 5, "working"),
    ("5 resolve", ["denunciation", "resolve", "--from", "2026-03-02"], "2026-04-01", "2026-04-01",
     "TC-RESOLVE", 30, "calendar"),
    ("5 complex, one extension", ["denunciation", "resolve", "--from", "2026-03-02", "--complex", "--extensions", "1"],
     "2026-05-04", "2026-05-01", "TC-RESOLVE", 60, "calendar"),
    ("5 especially complex, two extensions",
     ["denunciation", "resolve", "--from", "2026-03-02", "--very-complex", "--extensions", "2"],
     "2026-06-01", "2026-05-31", "TC-RESOLVE", 90, "calendar"),
    ("6 notify", ["denunciation", "notify", "--from", "2026-02-13"], "2026-02-27", "2026-02-27",
     "TC-NOTIFY", 5, "working"),
]


@pytest.mark.parametrize(("name", "args", "due", "raw", "rule", "days", "unit"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_worked_examples(name, args, due, raw, rule, days, unit):
    result = deadline(*args)
    assert set(result) == {"due", "raw_due", "rule", "days", "unit", "source", "explanation"}
    assert (result["due"], result["raw_due"], result["rule"], result["days"], result["unit"]) == (
        due, raw, rule, days, unit)
    assert result["source"]
    dd, mm, yyyy = due[8:], due[5:7], due[:4]
    assert f"{dd}/{mm}/{yyyy}" in result["explanation"]


def test_example_2_explains_the_tet_shift():
    text = deadline("complaint", "resolve", "--from", "2026-01-05", "--complex")["explanation"]
    assert text.startswith("Hạn giải quyết: 23/02/2026 — 45 ngày kể từ ngày thụ lý")
    assert "Điều 28 Luật Khiếu nại 2011" in text
    assert "19/02/2026" in text and "Tết" in text


def test_example_7_yearly_report_period():
    period = report_period("year", 2026, rules=selectors.current_rules())
    assert (period.start.isoformat(), period.end.isoformat()) == ("2025-12-15", "2026-12-14")


def test_reception_post_counts_backwards():
    result = deadline("reception", "post", "--from", "2026-02-23")
    assert result["rule"] == "TCD-POST"
    assert result["due"] < "2026-02-23"
    due = date.fromisoformat(result["due"])
    assert selectors.current_calendar().workdays_between(due, date(2026, 2, 23)) == 5


def test_sentence_without_json():
    out = io.StringIO()
    call_command("deadline", "complaint", "resolve", "--from", "2026-01-05", stdout=out)
    assert out.getvalue().strip() == (
        "Hạn giải quyết: 04/02/2026 — 30 ngày kể từ ngày thụ lý, Điều 28 Luật Khiếu nại 2011 (quy tắc KN-RESOLVE-1).")


ERRORS = [
    (["foo", "resolve", "--from", "2026-03-02"], "Loại việc không hợp lệ"),
    (["complaint", "dance", "--from", "2026-03-02"], "Mốc thời hạn không hợp lệ"),
    (["complaint", "resolve", "--from", "2026-02-30"], "Ngày không hợp lệ"),
    (["complaint", "resolve", "--from", "2026-03-02", "--received", "hôm qua"], "Ngày không hợp lệ"),
    (["denunciation", "resolve", "--from", "2026-03-02", "--very-complex", "--extensions", "3"],
     "tối đa hai lần"),
    (["denunciation", "resolve", "--from", "2026-03-02", "--complex", "--extensions", "2"], "chỉ được gia hạn một lần"),
    (["denunciation", "resolve", "--from", "2026-03-02", "--extensions", "1"], "không phức tạp"),
    (["complaint", "resolve", "--from", "2026-03-02", "--extensions", "hai"], "Không phải số nguyên"),
    (["complaint", "resolve", "--from", "2026-03-02", "--complex", "--extensions", "1"], "không được gia hạn"),
]


@pytest.mark.parametrize(("args", "message"), ERRORS, ids=[" ".join(e[0]) for e in ERRORS])
def test_bad_input_is_a_command_error(args, message):
    with pytest.raises(CommandError) as info:
        call_command("deadline", *args, stdout=io.StringIO(), stderr=io.StringIO())
    assert message in str(info.value)


def test_workdays_year_2026_lists_tet_and_the_make_up_saturday():
    text = workdays("year", "2026")
    assert "Thứ Bảy 14/02/2026 – Chủ nhật 22/02/2026: Tết Nguyên Đán" in text
    assert "Thứ Bảy 10/01/2026: làm việc bù" in text
    assert "Thứ Hai 27/04/2026: nghỉ" in text
    assert "Thứ Sáu 02/01/2026: nghỉ" in text


def test_workdays_add_and_between():
    assert "là Thứ Ba 03/03/2026" in workdays("add", "2026-02-10", "10")
    assert "là Thứ Ba 10/02/2026" in workdays("add", "2026-03-03", "-10")
    assert "có 10 ngày làm việc" in workdays("between", "2026-02-10", "2026-03-03")


@pytest.mark.parametrize("args", [["add", "2026-02-30", "3"], ["between", "2026-01-01", "x"], ["year", "3000"],
                                  ["add", "2026-01-01", "ba"]])
def test_workdays_bad_input(args):
    with pytest.raises(CommandError):
        call_command("workdays", *args, stdout=io.StringIO(), stderr=io.StringIO())


def test_command_line_exits_non_zero_without_traceback(tmp_path):
    """The real process, on a database not migrated yet: a clean message and exit status 1."""
    env = {**os.environ, "DANVAN_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    bad = subprocess.run([sys.executable, "-m", "danvan", "deadline", "complaint", "resolve", "--from", "2026-02-30"],
                         capture_output=True, text=True, env=env, timeout=120)
    assert bad.returncode != 0
    assert "Ngày không hợp lệ" in bad.stderr
    assert "Traceback" not in bad.stderr
    good = subprocess.run([sys.executable, "-m", "danvan", "deadline", "complaint", "resolve", "--from", "2026-01-05",
                           "--complex", "--json"], capture_output=True, text=True, env=env, timeout=120)
    assert good.returncode == 0, good.stderr
    assert json.loads(good.stdout)["due"] == "2026-02-23"
