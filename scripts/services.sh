#!/usr/bin/env bash
# Makes sure PostgreSQL and Redis answer on loopback, starting (or installing) them when they do not.
# Prints the DATABASE_URL to use on its last line when PostgreSQL needs a password.
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
# The tests connect as "postgres" over TCP; a stock Debian install asks for a password there.
if [ -n "${docker_db:-}" ]; then
  echo "DATABASE_URL=postgres://portal:portal@$PGHOST:$PGPORT/portal"
elif ! psql -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
  if ! PGPASSWORD=postgres psql -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
    echo "Setting a local password for the postgres role (loopback only)"
    $sudo su postgres -c "psql -qc \"ALTER ROLE postgres PASSWORD 'postgres'\"" >/dev/null
  fi
  echo "DATABASE_URL=postgres://postgres:postgres@$PGHOST:$PGPORT/portal"
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
