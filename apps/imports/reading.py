"""Opening uploaded spreadsheets safely, and reading rows under a recognised header.

A bad file is answered with an UnreadableFile carrying a Vietnamese message
that says what to do; it never reaches the database.
"""

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

import openpyxl
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

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


def open_workbook(upload: UploadedFile) -> openpyxl.Workbook:
    """The upload as a read-only workbook, or UnreadableFile saying why not."""
    data = upload.read()
    check_spreadsheet(data, upload.name)
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on broken files
        raise UnreadableFile(_("The file is damaged and cannot be opened.")) from exc


def cell_text(value) -> str:
    """A cell as clean text: NFC, single spaces; numbers without a trailing ".0"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_text(str(value))


@dataclass
class SheetRow:
    sheet: str
    number: int  # as the spreadsheet shows it, from 1
    values: dict[str, object]  # by column key


def rows_under_header(
    workbook: openpyxl.Workbook, columns: dict[str, str], required: set[str]
) -> Iterator[SheetRow]:
    """The non-empty rows of every sheet below a header naming the `required` columns.

    `columns` maps a column key to its header text; headers are compared folded
    (case, accents and spacing ignored). A sheet without such a header is skipped;
    if no sheet has one, UnreadableFile.
    """
    wanted = {fold(text): key for key, text in columns.items()}
    found = False
    for sheet in workbook.worksheets:
        positions: dict[str, int] = {}
        empty_run = 0
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            if not positions:
                if number > HEADER_SEARCH_ROWS:
                    break
                header = {
                    wanted[fold(cell_text(v))]: i
                    for i, v in enumerate(row)
                    if fold(cell_text(v)) in wanted
                }
                if required <= set(header):
                    positions, found = header, True
                continue
            values = {key: row[i] if i < len(row) else None for key, i in positions.items()}
            if all(cell_text(v) == "" for v in values.values()):
                empty_run += 1
                if empty_run >= EMPTY_ROWS_ENDING_A_SHEET:
                    break
                continue
            empty_run = 0
            yield SheetRow(sheet.title, number, values)
    if not found:
        raise UnreadableFile(
            _("No sheet has the expected header row (%(columns)s).")
            % {"columns": ", ".join(str(columns[key]) for key in columns if key in required)}
        )
