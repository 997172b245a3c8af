"""Importing the seller's returns report with a saved mapping; matching rows to received parcels."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from returns_desk.handon import (
    MAPPING_FILE,
    ColumnMapping,
    RecordBook,
    ReportImportError,
    ReturnKind,
    guess_header_row,
    import_report,
    load_mapping,
    match_parcels,
    read_table,
    save_mapping,
    suggest_mapping,
)

HEADERS = [
    "Order ID",
    "Order Item ID",
    "Return ID",
    "Return Type",
    "Return Requested Date",
    "Tracking ID",
    "SKU",
    "Quantity",
    "Return Reason",
    "Selling Price",
    "Payment Type",
    "Shipping Package Code",
]
ROWS = [
    [
        "OD1",
        "OI1",
        "R1",
        "customer_return",
        "12-01-2026 14:30:00",
        "fmpr1 ",
        "SKU-A",
        "1",
        "Damaged",
        "₹1,299.00",
        "Prepaid",
        "SP1",
    ],
    [
        "OD1",
        "OI2,OI3",
        "R1",
        "customer_return",
        "12-01-2026 14:30:00",
        "FMPR1",
        "SKU-B",
        "2",
        "Size",
        "499",
        "Prepaid",
        "SP1",
    ],
    [
        "OD2",
        "OI4",
        "R2",
        "courier_return",
        "2026-01-13T09:00:00Z",
        "FMPR2",
        "SKU-A",
        "1",
        "",
        "1299",
        "COD",
        "SP2",
    ],
    [
        "OD3",
        "OI5",
        "R3",
        "RTO",
        "13/01/2026 10:00",
        "FMPR3",
        "SKU-C",
        "x",
        "",
        "abc",
        "maybe",
        "SP3",
    ],
    ["OD4", "OI6", "R4", "exchange", "", "", "SKU-D", "1", "", "10", "COD", "SP4"],
]


def write_csv(
    path: Path, rows: list[list[str]], *, delimiter: str = ",", title: bool = False
) -> Path:
    lines = []
    if title:
        lines.append("Returns report generated 2026-01-14")
    for row in [HEADERS, *rows]:
        lines.append(delimiter.join(f'"{c}"' if ("," in c or ";" in c) else c for c in row))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return path


@pytest.fixture
def mapping() -> ColumnMapping:
    return suggest_mapping(HEADERS)


def test_the_mapping_is_suggested_from_usual_headers(mapping: ColumnMapping) -> None:
    assert mapping.columns == {
        "tracking_id": "Tracking ID",
        "return_id": "Return ID",
        "return_type": "Return Type",
        "order_id": "Order ID",
        "shipment_code": "Shipping Package Code",
        "return_time": "Return Requested Date",
        "is_cod": "Payment Type",
        "sku": "SKU",
        "quantity": "Quantity",
        "order_item_id": "Order Item ID",
        "reason": "Return Reason",
        "price": "Selling Price",
    }


def test_a_saved_mapping_is_reused_and_its_choices_win(tmp_path: Path) -> None:
    path = tmp_path / "data" / MAPPING_FILE
    assert load_mapping(path) is None
    chosen = suggest_mapping(HEADERS).model_copy(update={"utc_offset": "+04:00"})
    chosen.columns["return_reason"] = "Return Reason"  # the admin's choice: one per return
    del chosen.columns["reason"]
    save_mapping(path, chosen)
    loaded = load_mapping(path)
    assert loaded == chosen
    again = suggest_mapping(HEADERS, base=loaded)
    assert again.columns["return_reason"] == "Return Reason" and "reason" not in again.columns
    assert again.utc_offset == "+04:00"


def test_a_damaged_mapping_file_is_a_typed_error(tmp_path: Path) -> None:
    path = tmp_path / MAPPING_FILE
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ReportImportError):
        load_mapping(path)
    with pytest.raises(ValueError, match="unknown field"):
        ColumnMapping(columns={"colour_of_box": "X"})


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_a_csv_report_is_grouped_by_tracking_id(
    tmp_path: Path, mapping: ColumnMapping, delimiter: str
) -> None:
    path = write_csv(tmp_path / "returns.csv", ROWS, delimiter=delimiter, title=True)
    stamp = datetime(2026, 1, 14, tzinfo=UTC)
    result = import_report(path, mapping, at=stamp)
    assert result.rows_read == 5
    assert set(result.records) == {"FMPR1", "FMPR2", "FMPR3"}
    one = result.records["FMPR1"]
    assert one.kind is ReturnKind.CUSTOMER_RETURN and one.order_id == "OD1"
    assert one.return_time == datetime(
        2026, 1, 12, 14, 30, tzinfo=timezone(timedelta(hours=5, minutes=30))
    )
    assert [(line.sku, line.quantity, line.order_item_id, line.price) for line in one.lines] == [
        ("SKU-A", 1, "OI1", 1299.0),
        ("SKU-B", 2, "OI2,OI3", 499.0),
    ]
    assert one.is_cod is False and one.source == "returns.csv" and one.imported_at == stamp
    two = result.records["FMPR2"]
    assert two.kind is ReturnKind.RETURN_TO_ORIGIN and two.is_cod is True
    assert two.return_time == datetime(2026, 1, 13, 9, tzinfo=UTC)
    problems = {(p.row, p.field) for p in result.problems}
    assert problems == {  # rows as the spreadsheet numbers them (a title row first)
        (6, "quantity"),
        (6, "price"),
        (6, "is_cod"),
        (7, "return_type"),
        (7, "tracking_id"),
    }
    three = result.records["FMPR3"]
    assert three.lines[0].quantity is None and three.lines[0].price is None  # never guessed
    assert three.return_time == datetime(
        2026, 1, 13, 10, tzinfo=timezone(timedelta(hours=5, minutes=30))
    )


def test_the_same_row_exported_twice_counts_once(tmp_path: Path, mapping: ColumnMapping) -> None:
    path = write_csv(tmp_path / "r.csv", [ROWS[0], ROWS[0], ROWS[1]])
    record = import_report(path, mapping).records["FMPR1"]
    assert [line.order_item_id for line in record.lines] == ["OI1", "OI2,OI3"]


def test_conflicting_return_values_keep_the_first_and_say_so(
    tmp_path: Path, mapping: ColumnMapping
) -> None:
    other = list(ROWS[1])
    other[0] = "OD9"
    result = import_report(write_csv(tmp_path / "r.csv", [ROWS[0], other]), mapping)
    assert result.records["FMPR1"].order_id == "OD1"
    assert [(p.row, p.field) for p in result.problems] == [(3, "order_id")]


def test_a_mapped_column_missing_from_the_file_is_refused(tmp_path: Path) -> None:
    mapping = ColumnMapping(columns={"tracking_id": "Tracking ID", "sku": "Seller SKU Code"})
    with pytest.raises(ReportImportError, match="Seller SKU Code"):
        import_report(write_csv(tmp_path / "r.csv", ROWS), mapping)
    with pytest.raises(ReportImportError, match="tracking_id"):
        import_report(write_csv(tmp_path / "r.csv", ROWS), ColumnMapping(columns={"sku": "SKU"}))
    with pytest.raises(ReportImportError, match="AWB"):
        import_report(
            write_csv(tmp_path / "r.csv", ROWS), ColumnMapping(columns={"tracking_id": "AWB"})
        )


def test_a_windows_1252_csv_is_read(tmp_path: Path, mapping: ColumnMapping) -> None:
    path = tmp_path / "r.csv"
    text = "\n".join(",".join(r) for r in [HEADERS, ROWS[2]]).replace("", "")
    path.write_bytes((text + ",\n").replace("Damaged", "Dam\xe9").encode("cp1252"))
    assert set(import_report(path, mapping).records) == {"FMPR2"}


def test_rows_are_matched_to_received_parcels() -> None:
    from tests.handon.conftest import full_record

    records = {t: full_record(t) for t in ("FMPR1", "FMPR2", "FMPR9")}
    match = match_parcels(records, ["fmpr1", "FMPR2", "FMPR3", "FMPR1"])
    assert match.matched == ["FMPR1", "FMPR2"]
    assert match.without_record == ["FMPR3"]
    assert match.not_received == ["FMPR9"]


def test_the_record_book_keeps_the_newest_import(tmp_path: Path, mapping: ColumnMapping) -> None:
    book = RecordBook.in_folder(tmp_path / "data")
    assert book.load() == {}
    first = import_report(write_csv(tmp_path / "a.csv", ROWS[:2]), mapping).records
    book.merge(first.values())
    changed = list(ROWS[2])
    second = import_report(write_csv(tmp_path / "b.csv", [changed]), mapping).records
    merged = book.merge(second.values())
    assert set(merged) == {"FMPR1", "FMPR2"}
    assert book.load() == merged
    (tmp_path / "data" / "handon-records.json").write_text("[", encoding="utf-8")
    with pytest.raises(ReportImportError):
        book.load()


def test_an_xlsx_report_is_read_with_the_same_mapping(
    tmp_path: Path, mapping: ColumnMapping
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Returns"
    sheet.append(HEADERS)
    row = list(ROWS[0])
    row[4] = datetime(2026, 1, 12, 14, 30)  # a real date cell
    row[7] = 1  # numbers as numbers
    row[9] = 1299.0
    row[0] = 1234567890.0  # an id the spreadsheet keeps as a number
    sheet.append(row)
    path = tmp_path / "returns.xlsx"
    book.save(path)
    record = import_report(path, mapping).records["FMPR1"]
    assert record.order_id == "1234567890"
    assert record.return_time == datetime(
        2026, 1, 12, 14, 30, tzinfo=timezone(timedelta(hours=5, minutes=30))
    )
    assert record.lines[0].price == 1299.0
    with pytest.raises(ReportImportError, match="Summary"):
        import_report(path, mapping.model_copy(update={"sheet": "Summary"}))


def test_xlsx_without_openpyxl_is_a_clear_error(
    tmp_path: Path, mapping: ColumnMapping, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "openpyxl", None)
    path = tmp_path / "r.xlsx"
    path.write_bytes(b"PK")
    with pytest.raises(ReportImportError) as caught:
        import_report(path, mapping)
    assert "XLSX" in caught.value.user_text


def test_the_import_dialog_finds_the_header_row_below_a_title(tmp_path: Path) -> None:
    rows = read_table(write_csv(tmp_path / "r.csv", ROWS[:1], title=True))
    assert guess_header_row(rows) == (1, HEADERS)
    assert guess_header_row([]) == (0, [])
