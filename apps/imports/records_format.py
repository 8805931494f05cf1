"""What the spreadsheets of past records (a year's meetings, a year's petitions) share.

Each line names its group by code; commune and hamlet are optional and settle a code two
hamlets share. Merged or blank commune, hamlet and group cells take the value of the line
above, as in the roster. Text typed in an old Vietnamese font encoding refuses the file.
"""

import datetime
from dataclasses import dataclass

from openpyxl import Workbook

from apps.core.text import fold
from apps.core.xlsx import safe_cell
from apps.imports.legacy import refuse_legacy_text
from apps.imports.reading import SheetRow, read_rows
from apps.imports.roster_dates import parse_day

# The columns that place a line, and other headers people type for them. The headers are
# part of the format (not translated).
PLACE_COLUMNS = {"commune": "Xã", "hamlet": "Ấp/khóm", "group_code": "Mã tổ"}
PLACE_ALIASES = {
    "commune": ["Xã/thị trấn", "Xã/phường", "Tên xã", "Mã xã"],
    "hamlet": ["Ấp", "Khóm", "Ấp, khóm", "Tên ấp", "Mã ấp"],
}


def header_lookup(columns: dict[str, str], aliases: dict[str, list[str]]) -> dict[str, str]:
    """Each header's folded text (and its aliases') → its column key."""
    return {
        fold(text): key
        for key, header in columns.items()
        for text in [header, *aliases.get(key, [])]
    }


@dataclass(frozen=True)
class RecordsSheet:
    """A past-records sheet: its columns (key → the template's header), the other headers
    people type for them, the columns a header must name, those checked for legacy
    encodings, and the template's sheet name and example line."""

    title: str
    columns: dict[str, str]
    aliases: dict[str, list[str]]
    required: set[str]
    text_columns: tuple[str, ...]
    example: list
    no_header: str  # translated when read; %(columns)s: the required columns' headers

    def read(self, data: bytes, name: str) -> list[SheetRow]:
        """Every line of every sheet under a header naming the required columns, the place
        cells filled down. UnreadableFile for a file that cannot be taken."""
        required = ", ".join(self.columns[key] for key in self.columns if key in self.required)
        lookup = header_lookup(self.columns, self.aliases)
        rows = read_rows(data, name, lookup, self.required, self.no_header % {"columns": required})
        _fill_down(rows)
        for row in rows:
            refuse_legacy_text(row, self.text_columns, shown=60)
        return rows

    def template(self) -> Workbook:
        """An empty sheet of the headers with the example line (dates shown as dd/mm/yyyy)."""
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(self.title)
        sheet.append([safe_cell(sheet, header) for header in self.columns.values()])
        sheet.append(
            [
                safe_cell(sheet, value, number_format="DD/MM/YYYY")
                if isinstance(value, datetime.date)
                else safe_cell(sheet, value)
                for value in self.example
            ]
        )
        return workbook


def _fill_down(rows: list[SheetRow]) -> None:
    above: dict[str, object] = {}
    for previous, row in zip([None, *rows], rows, strict=False):
        if previous is None or previous.sheet != row.sheet:
            above = {}
        for key in PLACE_COLUMNS:
            if row.text(key) == "" and key in above:
                row.values[key] = above[key]
        above = row.values


def day_cell(value) -> datetime.date | None:
    """A day cell as apps.imports.roster_dates.parse_day reads it; None when empty or not a
    day (the caller says which column wants one)."""
    return parse_day(value)[0]
