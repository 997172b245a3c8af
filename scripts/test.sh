#!/usr/bin/env bash
# Install everything the test suite needs, then run it (Qt offscreen, sandbox on loopback).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check .
.venv/bin/python -m pytest "$@"
