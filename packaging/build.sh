#!/usr/bin/env bash
# Build the one-folder bundle from the lock file on this platform: dist/returns-desk/.
# Reproducible: the same lock gives the same packages; SOURCE_DATE_EPOCH pins timestamps.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 0)}"
export PYTHONHASHSEED=0
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
  --distpath "${DIST:-dist}" --workpath "${WORK:-build}" packaging/returns-desk.spec
echo "bundle: ${DIST:-dist}/returns-desk/"
