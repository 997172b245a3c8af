#!/usr/bin/env bash
# Install everything the app needs, then start it on its built-in demo (embedded sandbox).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
exec .venv/bin/returns-desk --demo "$@"
