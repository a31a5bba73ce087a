#!/usr/bin/env bash
# Installs the Debian packages the portal needs, only when something is missing.
#   runtime: python3-venv (stock Debian's python3 cannot create a virtualenv without it), and the
#            libraries WeasyPrint and upload checks load (pango, libmagic)
#   test:    runtime + gettext, Chromium for browser tests, poppler-utils to read PDFs,
#            and PostgreSQL/Redis servers when none is installed
#   bench:   test + wrk, the load generator of `make bench`
set -euo pipefail
mode="${1:-runtime}"

need=()
# Only checked while there is no virtualenv yet: try to create one in a scratch directory.
can_make_venv() {
  local scratch status
  scratch=$(mktemp -d)
  "${PYTHON:-python3}" -m venv "$scratch/venv" >/dev/null 2>&1 && status=0 || status=1
  rm -rf "$scratch"
  return "$status"
}
[ -x "${VENV:-.venv}/bin/python" ] || can_make_venv || need+=(python3-venv)
# grep reads all its input (no -q): an early exit would kill the writer with SIGPIPE, and pipefail
# would then report a library that is installed as missing.
have_lib() { ldconfig -p 2>/dev/null | grep -F "$1" >/dev/null; }
have_lib libpango-1.0.so || need+=(libpango-1.0-0 libpangoft2-1.0-0)
have_lib libmagic.so || need+=(libmagic1)
fc-list 2>/dev/null | grep -i dejavu >/dev/null || need+=(fonts-dejavu-core)
if [ "$mode" = "test" ] || [ "$mode" = "bench" ]; then
  command -v msgfmt >/dev/null || need+=(gettext)
  [ -x /usr/bin/chromium ] || need+=(chromium)
  command -v pdftotext >/dev/null || need+=(poppler-utils)
  command -v pg_ctlcluster >/dev/null || command -v pg_isready >/dev/null || need+=(postgresql)
  command -v redis-server >/dev/null || command -v redis-cli >/dev/null || need+=(redis-server)
fi
if [ "$mode" = "bench" ]; then
  command -v wrk >/dev/null || need+=(wrk)
fi

[ ${#need[@]} -eq 0 ] && exit 0

if command -v apt-get >/dev/null; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Installing system packages: ${need[*]}"
  # Wait for another apt (e.g. unattended upgrades) instead of failing at once.
  apt=(apt-get -o DPkg::Lock::Timeout=120)
  $sudo "${apt[@]}" update -qq
  DEBIAN_FRONTEND=noninteractive $sudo "${apt[@]}" install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  echo "Please install these system packages: ${need[*]}" >&2
  [ "$mode" != "runtime" ] && exit 1
fi
