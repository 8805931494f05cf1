"""Opening uploaded spreadsheets safely, and reading rows under a recognised header.

A bad file is answered with an UnreadableFile carrying a Vietnamese message
that says what to do; it never reaches the database.
"""

import datetime
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _
from python_calamine import CalamineWorkbook

from apps.core.text import clean_text, fold

# An old binary .xls, or an encrypted .xlsx, is an OLE compound file.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HEADER_SEARCH_ROWS = 30
# Some files claim a million rows (LibreOffice's formatted-but-empty rows): after this
# many empty rows in a row, the sheet is taken to have ended.
EMPTY_ROWS_ENDING_A_SHEET = 1000


class UnreadableFile(Exception):
    """The upload cannot be read; `str(error)` is the message for the user."""


def check_spreadsheet(data: bytes, name: str) -> None:
    """Refuse, with a message saying what to do, anything but a plain, sane .xlsx file."""
    name = (name or "").lower()
    if len(data) > settings.IMPORT_MAX_BYTES:
        raise UnreadableFile(
            _("The file is larger than %(mb)s MB. Split it, or remove unused sheets.")
            % {"mb": settings.IMPORT_MAX_BYTES // (1024 * 1024)}
        )
    if name.endswith(".xlsm"):
        raise UnreadableFile(
            _("Files with macros (.xlsm) are not accepted. Save it as an Excel workbook (.xlsx).")
        )
    if data[:8] == OLE_MAGIC:
        raise UnreadableFile(
            _(
                "This is an old Excel file (.xls) or a password-protected one. Open it, remove "
                "any password and save it as an Excel workbook (.xlsx), then upload that."
            )
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
            if "[Content_Types].xml" not in archive.namelist():
                raise UnreadableFile(_("This is not an Excel workbook (.xlsx)."))
            if any(part.filename.endswith("vbaProject.bin") for part in parts):
                raise UnreadableFile(
                    _("Files with macros are not accepted. Save it as an Excel workbook (.xlsx).")
                )
            if sum(part.file_size for part in parts) > settings.IMPORT_MAX_UNZIPPED_BYTES:
                raise UnreadableFile(
                    _("The file unpacks to far more data than a roster holds; refused.")
                )
            for part in parts:
                if part.filename.endswith((".xml", ".rels")) and _declares_entities(archive, part):
                    raise UnreadableFile(_("The file contains XML that is not allowed; refused."))
    except zipfile.BadZipFile as exc:
        if not zipfile.is_zipfile(io.BytesIO(data)):
            raise UnreadableFile(_("This is not an Excel workbook (.xlsx).")) from exc
        raise UnreadableFile(_("The file is damaged and cannot be opened.")) from exc


def _declares_entities(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> bool:
    """Spreadsheet XML never declares a DOCTYPE; one that does may be an XML bomb."""
    with archive.open(part) as stream:
        head = stream.read(4096)
    return b"<!DOCTYPE" in head or b"<!ENTITY" in head


def cell_text(value) -> str:
    """A cell as clean text: NFC, single spaces; 1975.0 as "1975"; a date as dd/mm/yyyy."""
    if value is None or value == "":
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, datetime.date):
        value = value.strftime("%d/%m/%Y")
    return clean_text(str(value))


@dataclass
class SheetRow:
    sheet: str
    line: int  # as the spreadsheet shows it, from 1
    # By column key: numbers and dates as the cells hold them, text already clean (NFC,
    # single spaces): a line's cells are read several times, and cleaned once.
    values: dict[str, object] = field(default_factory=dict)

    def text(self, key: str) -> str:
        value = self.values.get(key)
        return value if isinstance(value, str) else cell_text(value)


def _cleaned(value):
    return clean_text(value) if isinstance(value, str) else value


def read_rows(
    data: bytes, name: str, headers: dict[str, str], required: set[str], no_header: str
) -> list[SheetRow]:
    """The non-empty rows of every sheet below a header row naming the `required` columns.

    `headers` maps a header's folded text (case, accents and spacing ignored) to its
    column key. A sheet without such a header is skipped; if no sheet has one, the
    file is refused with the `no_header` message.
    """
    check_spreadsheet(data, name)
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine reports broken files in several ways
        raise UnreadableFile(_("The file is damaged and cannot be opened.")) from exc
    rows: list[SheetRow] = []
    found: list[bool] = []
    for sheet_name in workbook.sheet_names:
        try:
            sheet = workbook.get_sheet_by_name(sheet_name)
        except Exception:  # noqa: S112 - a chart sheet or similar has no cells: skip it
            continue
        rows.extend(_sheet_rows(sheet, sheet_name, headers, required, found))
    if not found:
        raise UnreadableFile(no_header)
    return rows


def _sheet_rows(sheet, sheet_name, headers, required, found: list[bool]) -> Iterator[SheetRow]:
    """The sheet's rows under its header; `found` gets True once a header row is seen."""
    positions: dict[str, int] = {}
    empty_run = 0
    for line, row in enumerate(sheet.iter_rows(), start=1):
        if not positions:
            if line > HEADER_SEARCH_ROWS:
                return
            header = {
                headers[fold(cell_text(cell))]: index
                for index, cell in enumerate(row)
                if fold(cell_text(cell)) in headers
            }
            if set(header) >= required:
                positions = header
                found.append(True)
            continue
        values = {key: _cleaned(row[i]) if i < len(row) else "" for key, i in positions.items()}
        if all(value == "" or value is None for value in values.values()):
            empty_run += 1
            if empty_run >= EMPTY_ROWS_ENDING_A_SHEET:
                return  # the phantom rows some files claim
            continue
        empty_run = 0
        yield SheetRow(sheet_name, line, values)
