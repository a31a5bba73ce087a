#!/usr/bin/env bash
# Makes sure PostgreSQL and Redis answer on loopback, starting (or installing) them when they do not.
# Prints the DATABASE_URL to use on its last line when PostgreSQL needs a password (a dedicated role).
set -euo pipefail
docker_db=""
PGHOST=127.0.0.1
PGPORT="${PGPORT:-5432}"
REDIS_PORT="${REDIS_PORT:-6379}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"

wait_for() {  # wait_for <seconds> <command...>
  local limit=$1; shift
  for _ in $(seq "$limit"); do "$@" >/dev/null 2>&1 && return 0; sleep 1; done
  return 1
}

# --- PostgreSQL --------------------------------------------------------------------------------------
if ! pg_isready -q -h "$PGHOST" -p "$PGPORT" 2>/dev/null; then
  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    version=$(ls /etc/postgresql | sort -V | tail -n 1)
    echo "Starting PostgreSQL $version"
    $sudo pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  elif command -v docker >/dev/null && docker info >/dev/null 2>&1; then
    echo "Starting PostgreSQL with docker compose"
    docker compose up -d db
    docker_db=1
  fi
  wait_for 30 pg_isready -h "$PGHOST" -p "$PGPORT" || { echo "PostgreSQL is not reachable on $PGHOST:$PGPORT" >&2; exit 1; }
fi
# The tests connect over TCP. Where the "postgres" role cannot log in there without a password (as on
# stock Debian), the portal gets a role and a database of its own: role "$PORTAL_DB_USER" (default
# "portal"; LOGIN and CREATEDB, so the tests can create their databases), with the password from
# PORTAL_DB_PASSWORD or one generated once and kept in var/portal-db-password (mode 600). Made through
# the postgres account on the local socket; the postgres role itself is never changed.
as_postgres() {  # as_postgres <command...>: run a command as the postgres system user (stdin passes)
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    sudo -u postgres "$@"
  fi
}
sql_literal() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/''/g")"; }

if [ -n "${docker_db:-}" ]; then
  echo "DATABASE_URL=postgres://portal:portal@$PGHOST:$PGPORT/portal"
elif ! psql -w -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
  role="${PORTAL_DB_USER:-portal}"
  if ! [[ "$role" =~ ^[a-z_][a-z0-9_]*$ ]] || [ "$role" = postgres ]; then
    echo "PORTAL_DB_USER must be a plain lower-case name other than postgres, not \"$role\"" >&2
    exit 1
  fi
  password="${PORTAL_DB_PASSWORD:-}"
  if [ -z "$password" ]; then
    password_file=var/portal-db-password
    if [ ! -s "$password_file" ]; then
      mkdir -p var
      (umask 077 && od -An -N24 -tx1 /dev/urandom | tr -d ' \n' >"$password_file")
    fi
    password=$(cat "$password_file")
  fi
  if ! PGPASSWORD="$password" psql -w -h "$PGHOST" -p "$PGPORT" -U "$role" -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
    echo "Creating PostgreSQL role \"$role\" and database \"$role\" for the portal (loopback only)"
    # The SQL goes through stdin, so the password never shows in a process list.
    as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$PGPORT" -d postgres >/dev/null <<SQL
SELECT format('CREATE ROLE %I', '$role') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$role') \\gexec
ALTER ROLE "$role" WITH LOGIN CREATEDB PASSWORD $(sql_literal "$password");
SELECT format('CREATE DATABASE %I OWNER %I', '$role', '$role') WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$role') \\gexec
SQL
    PGPASSWORD="$password" psql -w -h "$PGHOST" -p "$PGPORT" -U "$role" -d postgres -Atqc 'select 1' >/dev/null \
      || { echo "PostgreSQL role \"$role\" cannot log in on $PGHOST:$PGPORT; check pg_hba.conf" >&2; exit 1; }
  fi
  encoded=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$password")
  echo "DATABASE_URL=postgres://$role:$encoded@$PGHOST:$PGPORT/$role"
fi

# --- Redis -------------------------------------------------------------------------------------------
if ! redis-cli -h "$PGHOST" -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; then
  if command -v redis-server >/dev/null; then
    echo "Starting Redis"
    $sudo mkdir -p /var/lib/redis 2>/dev/null || true
    redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no
  elif command -v docker >/dev/null && docker info >/dev/null 2>&1; then
    docker compose up -d redis
  fi
  wait_for 15 sh -c "redis-cli -h $PGHOST -p $REDIS_PORT ping | grep -q PONG" || { echo "Redis is not reachable" >&2; exit 1; }
fi
