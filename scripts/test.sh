#!/usr/bin/env bash
# The whole test run: what `make test` and CI call.
#   bash scripts/test.sh [pytest arguments]          lint, types, migrations, translations, the suite
#   bash scripts/test.sh --fuzz [pytest arguments]   only the long randomised API run (make test-fuzz)
#   bash scripts/test.sh --faults [pytest arguments] only the fault tests (make test-faults)
# Without arguments, the fault tests (tests/faults, marked `faults`) run after the suite, in one process.
#
# Each run has its own PostgreSQL database (portal_<run>, and pytest-django's test_portal_<run>...),
# dropped at the end, and its own Redis key prefix, so two runs on one machine never meet.
#   PORTAL_TEST_RUN   the run's name (lower-case letters and digits; default: random)
#   DATABASE_URL      server and credentials (default: what scripts/services.sh reports, else
#                     postgres://postgres@127.0.0.1:5432/portal); the run's suffix is added to its name
#   REDIS_URL, CELERY_BROKER_URL   Redis databases for cache and broker (default 15 and 14)
#   PORTAL_TEST_WORKERS   pytest-xdist processes (default 2; 0 runs the suite in one process)
set -euo pipefail
cd "$(dirname "$0")/.."

fuzz=""
faults=""
if [ "${1:-}" = "--fuzz" ]; then
  fuzz=1
  shift
elif [ "${1:-}" = "--faults" ]; then
  faults=1
  shift
fi
full_run=$([ "$#" -eq 0 ] && echo 1 || true)

bash scripts/system-deps.sh test
make --no-print-directory install-dev
BIN=.venv/bin

# services.sh reports progress and, last, the DATABASE_URL to use. Its output is kept in a file and
# then copied to stderr: `tee /dev/stderr` would reopen a log file that stderr points to and truncate it.
services_log=$(mktemp)
trap 'rm -f "$services_log"' EXIT
bash scripts/services.sh >"$services_log"
cat "$services_log" >&2
services_db=$(sed -n 's/^DATABASE_URL=//p' "$services_log" | tail -n 1)

run="${PORTAL_TEST_RUN:-r$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')}"
export PORTAL_TEST_RUN="$run"
base_db="${DATABASE_URL:-${services_db:-postgres://postgres@127.0.0.1:5432/portal}}"
DATABASE_URL=$($BIN/python scripts/testdb.py name "$base_db" "$run")
export DATABASE_URL
export DJANGO_SETTINGS_MODULE=portal.settings.test
# The migrations check and the tests connect to this run's database; it goes when the run ends.
$BIN/python scripts/testdb.py create "$DATABASE_URL"
trap 'rm -f "$services_log"; $BIN/python scripts/testdb.py drop "$DATABASE_URL" || true' EXIT
echo "== test run $run: database ${DATABASE_URL##*/}, Redis key prefix test-$run-*" >&2

# Two pytest-xdist processes: measured faster than one on this 2-core machine (88 s against 111 s).
# `--dist load`, not loadfile/loadgroup: schemathesis gives every operation of a test the same node
# id, and those schedulers keep one item per node id, silently skipping the other operations.
workers="${PORTAL_TEST_WORKERS:-2}"
xdist=()
[ "$workers" != "0" ] && xdist=(-n "$workers" --dist load)

if [ -n "$fuzz" ]; then
  echo "== fuzz"
  set +e
  $BIN/pytest -m fuzz -p no:cacheprovider "$@"
  status=$?
  set -e
  exit "$status"
fi

# The fault tests start their own Redis, gunicorn and Celery workers on loopback and break them; one
# process (no xdist), about four minutes.
run_faults() {
  echo "== fault tests"
  set +e
  $BIN/pytest -m faults -p no:cacheprovider "$@"
  local faults_status=$?
  set -e
  if [ "$faults_status" -eq 5 ]; then
    echo "pytest collected no fault tests: that is a failure for this project" >&2
    return 1
  fi
  return "$faults_status"
}

if [ -n "$faults" ]; then
  run_faults "$@"
  exit $?
fi

echo "== lint"
$BIN/ruff check .
$BIN/ruff format --check .
echo "== security"
# bandit: any medium or high finding not reviewed with `# nosec` fails; pip-audit: a known
# vulnerability outside docs/security.md fails, an unreachable advisory service only warns unless
# PORTAL_AUDIT_REQUIRED=1 (docs/security.md).
$BIN/bandit -c pyproject.toml -r . -ll -q
$BIN/python scripts/audit.py
echo "== types"
$BIN/mypy .
echo "== migrations"
$BIN/python manage.py makemigrations --check --dry-run
echo "== translations"
$BIN/python manage.py compilemessages --ignore=.venv >/dev/null
echo "== tests"
set +e
$BIN/pytest "${xdist[@]}" "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: that is a failure for this project" >&2
  exit 1
fi
# A run with pytest arguments (say `-k outbox`) is a targeted one: the fault tests only in the full run.
if [ -n "$full_run" ]; then
  set +e
  run_faults
  faults_status=$?
  set -e
  [ "$status" -eq 0 ] && status=$faults_status
fi
exit "$status"
