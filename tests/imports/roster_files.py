"""Roster spreadsheets built for the tests, the way people type them."""

import io
import zipfile

import openpyxl

from apps.core.xlsx import as_bytes
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
    group_since="",
    role_since="",
    overseer_since="",
    household_code="",
    person_code="",
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
        group_since,
        role_since,
        overseer_since,
        household_code,
        person_code,
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
    return as_bytes(workbook)


def far_cell_bytes(cell: str, *, header: list | None = None) -> bytes:
    """A tiny .xlsx with `header` on line 1 (if any) and one value in `cell`, far away."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Danh sách"
    if header:
        sheet.append(header)
    sheet[cell] = "x"
    return as_bytes(workbook)


def rewritten(data: bytes, part: str, rewrite) -> bytes:
    """The same .xlsx with one part's bytes passed through `rewrite`."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in source.namelist():
            content = source.read(name)
            archive.writestr(name, rewrite(content) if name == part else content)
    return buffer.getvalue()
