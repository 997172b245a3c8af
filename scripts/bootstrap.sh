#!/usr/bin/env bash
# Prepare a fresh Debian/Ubuntu machine: system libraries for Qt (offscreen and X11),
# a virtual environment in .venv, and the locked Python dependencies.
# Idempotent: a second run only checks what is there.
#
# It must survive a multi-arch machine (an i386 twin of a library, e.g. after wine32:i386,
# makes `dpkg -s NAME` "ambiguous") and a mirror caught mid-sync (`apt-get update` fails with
# "File has unexpected size ... Mirror sync in progress?"): packages are checked for the
# native architecture, and a failed index refresh is only a warning while what is missing can
# still be installed from the lists already on the machine.
set -euo pipefail

SYSTEM_PACKAGES=(
  # Qt offscreen rendering (tests) and fonts, so text is not drawn as empty boxes.
  libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 fonts-dejavu-core
  # A real window under X11 or Xvfb (the demo, screenshots).
  xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
  libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0
  # Reading printed slips back in tests.
  poppler-utils
  # Site mode's tests start a throwaway PostgreSQL server of their own (tests/site/pgcluster.py).
  postgresql
)

# Print, one a line, the packages among "$@" that are not installed for this machine's own
# architecture (or as Architecture: all). A twin installed for another architecture only
# does not count, and neither does one that is removed but not purged.
missing_packages() {
  local arch p
  arch=$(dpkg --print-architecture)
  for p in "$@"; do
    # dpkg-query exits 1 when either pattern matches nothing: only its output counts
    { dpkg-query -W -f='${Status}\n' "$p:$arch" "$p:all" 2>/dev/null || true; } \
      | grep -qx 'install ok installed' || echo "$p"
  done
}

# Install the packages "$@" with apt-get (a bare name means the native architecture to apt).
# A failed index refresh is a warning: the install is tried from the package lists already on
# the machine, and only the install's own failure stops the bootstrap.
apt_install() {
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  if ! $sudo apt-get update -qq; then
    echo "bootstrap: warning: 'apt-get update' failed (a mirror mid-sync?); installing from the package lists already on this machine" >&2
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null \
    || { echo "bootstrap: could not install $* with apt-get (its reason is above)" >&2; return 1; }
}

install_system_packages() {
  command -v apt-get >/dev/null 2>&1 && command -v dpkg-query >/dev/null 2>&1 \
    || { echo "bootstrap: no apt-get; install Qt's system libraries yourself"; return 0; }
  local missing
  mapfile -t missing < <(missing_packages "${SYSTEM_PACKAGES[@]}")
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "bootstrap: installing ${missing[*]}"
  apt_install "${missing[@]}"
}

install_python_packages() {
  local python="${PYTHON:-python3}"
  if [ ! -x .venv/bin/python ]; then
    "$python" -m venv .venv
  fi
  local stamp=.venv/.lock-stamp
  if [ ! -f "$stamp" ] || ! cmp -s requirements.lock "$stamp"; then
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q --require-hashes -r requirements.lock
    cp requirements.lock "$stamp"
  fi
  if [ ! -x .venv/bin/returns-desk ]; then
    .venv/bin/python -m pip install -q --no-deps -e .
  fi
}

# The translations: returns_desk/resources/i18n/*.ts compiled to the .qm files the app loads (lrelease,
# from PySide6); they are built here, not committed.
compile_translations() {
  .venv/bin/python -m returns_desk.i18n_tools release >/dev/null
}

# Sourced (tests/test_bootstrap.py) it only defines the functions.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  cd "$(dirname "$0")/.."
  install_system_packages
  install_python_packages
  compile_translations
fi
