#!/usr/bin/env bash
# Runs the whole suite on SQLite (then the date-shifted reruns) and, at the same time, on PostgreSQL
# when DATABASE_URL points at one.
# With CI=true a PostgreSQL that cannot be reached, or a missing Chromium, is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
PG_URL="${DATABASE_URL:-}"

# The machine has two cores and each pytest run is one process: the SQLite run (with the
# date-shifted reruns) and the PostgreSQL run go side by side, each with its own data directory
# (uploaded files, caches) so that neither sees the other's files. Their output is printed whole,
# one after the other, when both have finished.
LOGS=$(mktemp -d)
trap 'rm -rf "$LOGS"' EXIT

# The date-sensitive tests (those that ask danvan's one clock) again, as if on 2 January and on the
# first day of Tết of next year: deadlines, "this year" and the generator must not break in those weeks.
DATED_TESTS=$(grep -rlE 'clock\.today\(\)|freeze_clock' tests --include='test_*.py' | grep -v '^tests/e2e/' | sort)
read -r JAN2 TET < <("$BIN/python" - <<'PY'
import datetime, holidays
year = datetime.date.today().year + 1
tet = min(d for d, name in holidays.VN(years=year, language="vi").items() if name == "Tết Nguyên Đán")
print(datetime.date(year, 1, 2).isoformat(), tet.isoformat())
PY
)

sqlite_runs() {
  local data
  data=$(mktemp -d)
  echo "=== danvan: bộ kiểm thử trên SQLite${SQLITE_NOTE} ==="
  env -u DATABASE_URL DANVAN_DATA_DIR="$data" "$BIN/pytest" -p no:cacheprovider "${SQLITE_ONLY[@]}" "$@" || return 1
  echo "=== danvan: các kiểm thử phụ thuộc ngày, như thể hôm nay là $JAN2, rồi $TET ==="
  # Both days in one process (one test database): tests/conftest.py runs each module once per day.
  # shellcheck disable=SC2086
  env -u DATABASE_URL DANVAN_DATA_DIR="$data" DANVAN_TEST_TODAY="$JAN2,$TET" "$BIN/pytest" -p no:cacheprovider -q $DATED_TESTS || return 1
  rm -rf "$data"
}

postgres_reachable() {
  [[ -n "$PG_URL" && "$PG_URL" == postgres* ]] || return 1
  "$BIN/python" - "$PG_URL" <<'PY'
import sys, psycopg
from urllib.parse import urlsplit
u = urlsplit(sys.argv[1])
try:
    psycopg.connect(host=u.hostname or "127.0.0.1", port=u.port or 5432, user=u.username or "postgres",
                    password=u.password or None, dbname="postgres", connect_timeout=5).close()
except Exception as exc:
    print(f"Không kết nối được PostgreSQL: {exc}", file=sys.stderr)
    sys.exit(1)
PY
}

postgres_run() {
  local data
  data=$(mktemp -d)
  echo "=== danvan: bộ kiểm thử trên PostgreSQL ==="
  DATABASE_URL="$PG_URL" DANVAN_DATA_DIR="$data" "$BIN/pytest" -p no:cacheprovider "$@" || return 1
  rm -rf "$data"
}

PG=no
if postgres_reachable; then
  PG=yes
elif [[ "${CI:-}" == "true" ]]; then
  echo "CI=true nhưng DATABASE_URL không trỏ tới PostgreSQL đang chạy: lỗi." >&2
  exit 1
fi

# The browser tests (marked e2e) click through pages; what they find does not depend on the database
# engine, and every test below them (services, selectors, pages through the test client) runs on both.
# When PostgreSQL runs too, they run there only, on the engine of production: the two runs then take
# about as long as each other, and the suite's wall time is that of the longer one.
SQLITE_ONLY=()
SQLITE_NOTE=""
if [[ $PG == yes ]]; then
  SQLITE_ONLY=(-m "not e2e")
  SQLITE_NOTE=" (các kiểm thử trình duyệt chạy ở lượt PostgreSQL)"
fi
sqlite_runs "$@" >"$LOGS/sqlite" 2>&1 &
SQLITE_PID=$!
if [[ $PG == yes ]]; then
  echo "=== Chạy song song trên SQLite và PostgreSQL (kết quả in ra khi cả hai xong) ==="
  postgres_run "$@" >"$LOGS/postgres" 2>&1 &
  PG_PID=$!
fi
# Progress while both run: each run's pytest percentage, once a minute.
progress() {
  local started=$SECONDS
  while sleep 60; do
    local line="… $(( (SECONDS - started) / 60 )) phút:"
    for name in sqlite postgres; do
      [[ -f "$LOGS/$name" ]] && line+=" $name $(grep -o '\[ *[0-9]*%\]' "$LOGS/$name" | tail -1 | tr -d '[] ' || true)"
    done
    echo "$line"
  done
}
progress &
PROGRESS_PID=$!
status=0
sqlite_status=0
pg_status=0
wait "$SQLITE_PID" || { status=1; sqlite_status=1; }
if [[ $PG == yes ]]; then
  wait "$PG_PID" || { status=1; pg_status=1; }
fi
kill "$PROGRESS_PID" 2>/dev/null || true
cat "$LOGS/sqlite"
if [[ $PG == yes ]]; then
  cat "$LOGS/postgres"
else
  echo "=== Chỉ chạy trên SQLite (đặt DATABASE_URL=postgres://... để chạy thêm trên PostgreSQL) ==="
fi
# The outputs above are long: what failed, and where, is said again last (the end of a CI log is
# what its readers see first).
summary() {
  local name=$1 code=$2
  [[ -f "$LOGS/$name" ]] || return 0
  if [[ $code == 0 ]]; then echo "--- $name: đạt"; else echo "--- $name: KHÔNG ĐẠT"; fi
  grep -E '^(FAILED|ERROR) |^[0-9]+ (passed|failed|error)|^=+ .*(passed|failed|error).* =+$' "$LOGS/$name" || true
}
echo "=== Tóm tắt ==="
summary sqlite "$sqlite_status"
if [[ $PG == yes ]]; then
  summary postgres "$pg_status"
fi
exit $status
