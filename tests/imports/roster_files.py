"""Roster spreadsheets built for the tests, the way people type them."""

import io

import openpyxl

from apps.imports.roster_format import COLUMNS

HEADER = list(COLUMNS.values())


def person(
    commune,
    hamlet,
    group,
    head,
    full_name,
    *,
    gender="Nam",
    year=1975,
    phone="0912345678",
    role="thành viên",
    party="không",
    overseer="không",
    group_name="",
    address="Số 1, Đường Lê Lợi",
):
    return [
        commune,
        hamlet,
        group,
        group_name,
        head,
        address,
        full_name,
        gender,
        year,
        phone,
        role,
        party,
        overseer,
    ]


def workbook_bytes(sheets: dict[str, list[list]], *, header_at: int = 1, title: str = "") -> bytes:
    """An .xlsx with one sheet per entry; the header on line `header_at`."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for _ in range(header_at - 1):
            sheet.append([title])
        sheet.append(HEADER)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
