#!/usr/bin/env bash
# Install everything the test suite needs, then run it (Qt offscreen, sandbox on loopback).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check .
.venv/bin/lint-imports        # the layers and the Qt boundary (pyproject.toml, docs/architecture-layers.md)
.venv/bin/mypy                # types: strict on the Qt-free core (cache in .mypy_cache)
.venv/bin/python -m pytest "$@"
