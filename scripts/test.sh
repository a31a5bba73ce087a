#!/usr/bin/env bash
# The whole test run: what `make test` and CI call.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/system-deps.sh test
make --no-print-directory install-dev
BIN=.venv/bin

db_url=$(bash scripts/services.sh | tee /dev/stderr | sed -n 's/^DATABASE_URL=//p' | tail -n 1)
[ -n "$db_url" ] && export DATABASE_URL="$db_url"
export DJANGO_SETTINGS_MODULE=portal.settings.test

echo "== lint"
$BIN/ruff check .
$BIN/ruff format --check .
echo "== types"
$BIN/mypy .
echo "== migrations"
$BIN/python manage.py makemigrations --check --dry-run
echo "== translations"
$BIN/python manage.py compilemessages -l nl --ignore=.venv >/dev/null
echo "== tests"
set +e
$BIN/pytest "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: that is a failure for this project" >&2
  exit 1
fi
exit "$status"
