"""``returns-desk export --site``: the whole site's report from the site database (every
terminal's scans, every FE's shipments), streamed to a CSV or JSON file written atomically."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO

from returns_desk.settings import Settings
from returns_desk.site.board import SITE_EXPORT_COLUMNS, site_rows
from returns_desk.site.connection import connect_site
from returns_desk.store.export import csv_cell, report_value, since_start, write_report


@dataclass(frozen=True)
class SiteExportResult:
    path: Path
    rows: int


def export_site(
    settings: Settings, out: Path, fmt: str, *, since: date | None = None
) -> SiteExportResult:
    """Every parcel of the location's handovers at the site since ``since`` (all of them
    without it), one row per handover and tracking id."""
    start = since_start(since) if since is not None else datetime(2000, 1, 1, tzinfo=UTC)
    location = settings.seller_location_id.strip() or None
    count = [0]

    def write(file: IO[str]) -> None:
        # a whole site's report may take longer than any of the link's statements
        with connect_site(
            settings.site, settings.terminal_id, "export", statement_timeout_ms=0
        ) as conn:
            rows = site_rows(conn, location, start)
            if fmt == "csv":
                file.write("\ufeff")  # the BOM, so that Excel on Windows reads UTF-8
                writer = csv.writer(file)
                writer.writerow(SITE_EXPORT_COLUMNS)
                for row in rows:
                    writer.writerow([csv_cell(v) for v in row])
                    count[0] += 1
            else:
                file.write('{"site": true, "rows": [')
                for row in rows:
                    record = dict(zip(SITE_EXPORT_COLUMNS, map(report_value, row), strict=True))
                    file.write(("," if count[0] else "") + "\n" + json.dumps(record))
                    count[0] += 1
                file.write("\n]}\n")

    write_report(out, write, encoding="utf-8")
    return SiteExportResult(out, count[0])
