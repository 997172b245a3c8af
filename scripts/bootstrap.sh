#!/usr/bin/env bash
# Prepare a fresh Debian/Ubuntu machine: system libraries for Qt (offscreen and X11),
# a virtual environment in .venv, and the locked Python dependencies.
# Idempotent: a second run only checks what is there.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
SYSTEM_PACKAGES=(
  # Qt offscreen rendering (tests) and fonts, so text is not drawn as empty boxes.
  libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 fonts-dejavu-core
  # A real window under X11 or Xvfb (the demo, screenshots).
  xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
  libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0
  # Reading printed slips back in tests.
  poppler-utils
)

install_system_packages() {
  command -v apt-get >/dev/null 2>&1 || { echo "bootstrap: no apt-get; install Qt's system libraries yourself"; return 0; }
  local missing=()
  for p in "${SYSTEM_PACKAGES[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "bootstrap: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_python_packages() {
  if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
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

# The translations: resources/i18n/*.ts compiled to the .qm files the app loads (lrelease,
# from PySide6); they are built here, not committed.
compile_translations() {
  .venv/bin/python -m returns_desk.i18n_tools release >/dev/null
}

install_system_packages
install_python_packages
compile_translations
