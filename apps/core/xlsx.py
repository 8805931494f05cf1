"""Excel exports: real numbers and dates, and user text that can never run as a formula."""

import datetime
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from openpyxl import Workbook
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
    """A sheet with a bold header row; dates shown as dd/mm/yyyy."""
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append([str(h) for h in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([safe(value) for value in row])
    for column in range(1, len(header) + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 18
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            if isinstance(cell.value, datetime.date):
                cell.number_format = "DD/MM/YYYY"
    sheet.freeze_panes = "A2"


def new_workbook() -> Workbook:
    workbook = Workbook()
    workbook.remove(workbook.active)
    return workbook


def xlsx_response(workbook: Workbook, filename: str) -> HttpResponse:
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
