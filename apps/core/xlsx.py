"""Excel exports: real numbers and dates, and user text that can never run as a formula."""

import datetime
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

# A cell starting with one of these would be read as a formula (or a DDE call) by a
# spreadsheet; a leading apostrophe makes it text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe(value):
    """The value as a cell: text that could be a formula is escaped, numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def add_sheet(
    workbook: Workbook, title: str, header: Sequence[str], rows: Iterable[Sequence]
) -> None:
    """A sheet with a bold header row; dates shown as dd/mm/yyyy. Rows are written as they
    come (a write-only workbook): a district's two thousand groups take a fraction of a
    second and little memory."""
    sheet = workbook.create_sheet(title=title[:31])
    # Set before the first row: a write-only sheet writes its layout first.
    for column in range(1, len(header) + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 18
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    sheet.append([_cell(sheet, str(h), font=bold) for h in header])
    for row in rows:
        sheet.append([_value(sheet, value) for value in row])


def _cell(sheet, value, **style) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def _value(sheet, value):
    if isinstance(value, datetime.date):
        return _cell(sheet, value, number_format="DD/MM/YYYY")
    return safe(value)


def new_workbook() -> Workbook:
    return Workbook(write_only=True)


def xlsx_response(workbook: Workbook, filename: str) -> HttpResponse:
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
