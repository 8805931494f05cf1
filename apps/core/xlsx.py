"""Excel exports: real numbers and dates, and user text that can never run as a formula.

Text is written as a text cell, never a formula, and keeps its value: an exported
sheet imports back unchanged (a group code "-01" stays "-01", not "'-01"). Text
a spreadsheet would take for a formula (or a DDE call) when someone edits the cell
also gets Excel's "quote prefix" style, so it stays text after an edit.
"""

import datetime
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(sheet, value, **style) -> WriteOnlyCell:
    """A cell of a write-only sheet: numbers and dates as they are, text as text.

    Control characters a workbook cannot hold (a NUL stored before imports refused it)
    are dropped rather than failing the whole download.
    """
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    written = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        written.data_type = "s"  # "=1+1" too: text, never a formula
        if value.startswith(FORMULA_STARTS):
            written.quotePrefix = True
    for name, setting in style.items():
        setattr(written, name, setting)
    return written


@dataclass(frozen=True)
class Percent:
    """A percentage (27.35) written as a percent cell: the value 0.2735 shown as 27.35%,
    so that a spreadsheet sorts, sums and charts it as a number."""

    value: Decimal


def add_sheet(
    workbook: Workbook,
    title: str,
    header: Sequence[str],
    rows: Iterable[Sequence],
    *,
    filters: bool = False,
) -> None:
    """A sheet with a bold header row; dates shown as dd/mm/yyyy. Rows are written as they
    come (a write-only workbook): a district's two thousand groups take a fraction of a
    second and little memory. With `filters`, the header row gets the spreadsheet's
    filter buttons over every row written."""
    sheet = workbook.create_sheet(title=title[:31])
    # Set before the first row: a write-only sheet writes its layout first.
    for column in range(1, len(header) + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 18
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    sheet.append([safe_cell(sheet, str(h), font=bold) for h in header])
    written = 1
    for row in rows:
        sheet.append([_value(sheet, value) for value in row])
        written += 1
    if filters and header:
        # The filter is written after the rows, so it can cover them all.
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{written}"


def add_pairs_sheet(workbook: Workbook, title: str, pairs: Iterable[tuple[str, object]]) -> None:
    """A sheet of labelled values, one a row (what a file holds: its unit, its period)."""
    sheet = workbook.create_sheet(title=title[:31])
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 48
    bold = Font(bold=True)
    for label, value in pairs:
        sheet.append([safe_cell(sheet, str(label), font=bold), _value(sheet, value)])


def _value(sheet, value):
    if isinstance(value, Percent):
        return safe_cell(sheet, float(value.value / 100), number_format="0.00%")
    if isinstance(value, datetime.datetime):  # a spreadsheet has no time zones: local time
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return safe_cell(sheet, local.replace(tzinfo=None), number_format="DD/MM/YYYY HH:MM")
    if isinstance(value, datetime.date):
        return safe_cell(sheet, value, number_format="DD/MM/YYYY")
    if isinstance(value, str):
        return safe_cell(sheet, value)
    return value  # a number or nothing: written as it is


def new_workbook() -> Workbook:
    return Workbook(write_only=True)


def as_bytes(workbook: Workbook) -> bytes:
    """The workbook's .xlsx file."""
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(workbook: Workbook, filename: str) -> HttpResponse:
    response = HttpResponse(as_bytes(workbook), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
