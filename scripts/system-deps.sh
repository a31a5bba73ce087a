#!/usr/bin/env bash
# Installs the Debian packages the portal needs, only when something is missing.
#   runtime: libraries WeasyPrint and upload checks load (pango, libmagic)
#   test:    runtime + gettext, Chromium for browser tests, poppler-utils to read PDFs,
#            and PostgreSQL/Redis servers when none is installed
set -euo pipefail
mode="${1:-runtime}"

need=()
have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
have_lib libpango-1.0.so || need+=(libpango-1.0-0 libpangoft2-1.0-0)
have_lib libmagic.so || need+=(libmagic1)
fc-list 2>/dev/null | grep -qi dejavu || need+=(fonts-dejavu-core)
if [ "$mode" = "test" ]; then
  command -v msgfmt >/dev/null || need+=(gettext)
  [ -x /usr/bin/chromium ] || need+=(chromium)
  command -v pdftotext >/dev/null || need+=(poppler-utils)
  command -v pg_ctlcluster >/dev/null || command -v pg_isready >/dev/null || need+=(postgresql)
  command -v redis-server >/dev/null || command -v redis-cli >/dev/null || need+=(redis-server)
fi

[ ${#need[@]} -eq 0 ] && exit 0

if command -v apt-get >/dev/null; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Installing system packages: ${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  echo "Please install these system packages: ${need[*]}" >&2
  [ "$mode" = "test" ] && exit 1
fi
