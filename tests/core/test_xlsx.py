"""The shared Excel export: a bold header, frozen under it, real numbers and dates,
and text that can never run as a formula."""

import datetime
import io
from decimal import Decimal

import openpyxl

from apps.core.xlsx import Percent, add_pairs_sheet, add_sheet, new_workbook, xlsx_response


def test_a_sheet_streams_rows_with_its_layout():
    workbook = new_workbook()
    add_sheet(
        workbook,
        "Kiến nghị",
        ["Mã", "Ngày", "Tỷ lệ"],
        [
            ["=1+1", datetime.date(2026, 3, 9), Decimal("27.35")],
            ["Tổ 1", None, 12964],
            ["-01", "+84", "@A"],
        ],
    )
    response = xlsx_response(workbook, "x.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))["Kiến nghị"]
    assert [c.value for c in sheet[1]] == ["Mã", "Ngày", "Tỷ lệ"]
    assert all(c.font.b for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["C"].width == 18
    code, day, share = sheet[2]
    # Text stays the same text, in a text cell (never a formula), and what a spreadsheet
    # would take for a formula once edited is marked as text.
    assert code.value == "=1+1" and code.data_type == "s" and code.quotePrefix
    assert day.value.date() == datetime.date(2026, 3, 9) and day.number_format == "DD/MM/YYYY"
    assert share.value == 27.35 and share.data_type == "n"
    assert [c.value for c in sheet[3]] == ["Tổ 1", None, 12964]
    assert not sheet["A3"].quotePrefix
    assert [(c.value, c.data_type, c.quotePrefix) for c in sheet[4]] == [
        ("-01", "s", True),
        ("+84", "s", True),
        ("@A", "s", True),
    ]


def test_characters_a_workbook_cannot_hold_are_dropped_not_a_failure():
    workbook = new_workbook()
    add_sheet(workbook, "S", ["Tên"], [["Nguyễn\x00 Văn\x1b An"], ["a\tb"]])
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_response(workbook, "x.xlsx").content))["S"]
    assert sheet["A2"].value == "Nguyễn Văn An"
    assert sheet["A3"].value == "a\tb"  # a tab is allowed


def test_percent_cells_local_times_and_filters_over_every_row():
    workbook = new_workbook()
    # 02:30 UTC is 09:30 in Vietnam, the site's time zone: the sheet shows 09:30.
    exported = datetime.datetime(2026, 11, 18, 2, 30, tzinfo=datetime.UTC)
    add_pairs_sheet(workbook, "Thông tin", [("Thời điểm xuất", exported), ("Năm", 2026)])
    rows = [["Tổ 1", Percent(Decimal("27.35"))], ["Tổ 2", None], ["Tổ 3", Percent(Decimal("100"))]]
    add_sheet(workbook, "Tổ", ["Đơn vị", "Tỷ lệ (%)"], rows, filters=True)
    loaded = openpyxl.load_workbook(io.BytesIO(xlsx_response(workbook, "x.xlsx").content))
    when = loaded["Thông tin"]["B1"]
    assert when.value == datetime.datetime(2026, 11, 18, 9, 30)  # noqa: DTZ001 (local, naive)
    assert when.number_format == "DD/MM/YYYY HH:MM" and loaded["Thông tin"]["A1"].font.b
    sheet = loaded["Tổ"]
    assert [c.value for c in sheet["B"][1:]] == [0.2735, None, 1]
    assert sheet["B2"].number_format == "0.00%" and sheet["B2"].data_type == "n"
    assert sheet.auto_filter.ref == "A1:B4" and sheet.freeze_panes == "A2"
