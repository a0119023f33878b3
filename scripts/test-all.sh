#!/usr/bin/env bash
# Runs the whole suite on SQLite, then on PostgreSQL when DATABASE_URL points at one.
# With CI=true a PostgreSQL that cannot be reached, or a missing Chromium, is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
PG_URL="${DATABASE_URL:-}"

echo "=== danvan: bộ kiểm thử trên SQLite ==="
env -u DATABASE_URL "$BIN/pytest" -p no:cacheprovider "$@"

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
for DAY in "$JAN2" "$TET"; do
  echo "=== danvan: các kiểm thử phụ thuộc ngày, như thể hôm nay là $DAY ==="
  # shellcheck disable=SC2086
  env -u DATABASE_URL DANVAN_TEST_TODAY="$DAY" "$BIN/pytest" -p no:cacheprovider -q $DATED_TESTS
done

if [[ -z "$PG_URL" || "$PG_URL" != postgres* ]]; then
  if [[ "${CI:-}" == "true" ]]; then
    echo "CI=true nhưng DATABASE_URL không trỏ tới PostgreSQL: lỗi." >&2
    exit 1
  fi
  echo "=== Chỉ chạy trên SQLite (đặt DATABASE_URL=postgres://... để chạy thêm trên PostgreSQL) ==="
  exit 0
fi

if ! "$BIN/python" - "$PG_URL" <<'PY'
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
then
  if [[ "${CI:-}" == "true" ]]; then exit 1; fi
  echo "=== PostgreSQL không kết nối được: chỉ chạy trên SQLite ==="
  exit 0
fi

echo "=== danvan: bộ kiểm thử trên PostgreSQL ==="
DATABASE_URL="$PG_URL" "$BIN/pytest" -p no:cacheprovider "$@"
