"""What the spreadsheets of past records (a year's meetings, a year's petitions) share.

Each line names its group by code; commune and hamlet are optional and settle a code two
hamlets share. Merged or blank commune, hamlet and group cells take the value of the line
above, as in the roster. Text typed in an old Vietnamese font encoding refuses the file.
"""

import datetime

from django.utils.translation import gettext as _
from openpyxl import Workbook

from apps.core.text import fold
from apps.core.xlsx import safe_cell
from apps.imports.legacy import legacy_encoding
from apps.imports.reading import SheetRow, UnreadableFile, read_rows
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


def read_records(
    data: bytes,
    name: str,
    *,
    columns: dict[str, str],
    aliases: dict[str, list[str]],
    required: set[str],
    text_columns: tuple[str, ...],
    no_header: str,
) -> list[SheetRow]:
    """Every line of every sheet under a header naming the `required` columns, the place
    cells filled down. UnreadableFile for a file that cannot be taken."""
    rows = read_rows(data, name, header_lookup(columns, aliases), required, no_header)
    _fill_down(rows)
    for row in rows:
        for key in text_columns:
            encoding = legacy_encoding(row.text(key))
            if encoding:
                raise UnreadableFile(
                    _(
                        'Sheet "%(sheet)s", line %(line)s: "%(text)s" is typed in the old '
                        "%(encoding)s font encoding, not Unicode. Convert the file to Unicode "
                        "first (for example with Unikey's converter: source %(encoding)s, "
                        "destination Unicode), then upload it again. Nothing was imported."
                    )
                    % {
                        "sheet": row.sheet,
                        "line": row.line,
                        "text": row.text(key)[:60],
                        "encoding": encoding,
                    }
                )
    return rows


def _fill_down(rows: list[SheetRow]) -> None:
    above: dict[str, object] = {}
    for previous, row in zip([None, *rows], rows, strict=False):
        if previous is None or previous.sheet != row.sheet:
            above = {}
        for key in PLACE_COLUMNS:
            if row.text(key) == "" and key in above:
                row.values[key] = above[key]
        above = row.values


def records_template(title: str, headers: list[str], example: list) -> Workbook:
    """An empty sheet of `headers` with one example line (dates shown as dd/mm/yyyy)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    sheet.append([safe_cell(sheet, header) for header in headers])
    sheet.append(
        [
            safe_cell(sheet, value, number_format="DD/MM/YYYY")
            if isinstance(value, datetime.date)
            else safe_cell(sheet, value)
            for value in example
        ]
    )
    return workbook


def day_cell(value) -> datetime.date | None:
    """A day cell as apps.imports.roster_dates.parse_day reads it; None when empty or not a
    day (the caller says which column wants one)."""
    return parse_day(value)[0]
