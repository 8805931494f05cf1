"""Opening uploaded spreadsheets safely, and reading rows under a recognised header.

A bad file is answered with an UnreadableFile carrying a Vietnamese message
that says what to do; it never reaches the database.
"""

import datetime
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _
from python_calamine import CalamineWorkbook

from apps.core.numbers import format_number
from apps.core.text import clean_text, fold
from apps.imports.extent import BrokenSheet, SheetExtent, column_letters, sheet_extents

# An old binary .xls, or an encrypted .xlsx, is an OLE compound file.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HEADER_SEARCH_ROWS = 30
# Some files claim a million rows (LibreOffice's formatted-but-empty rows): after this
# many empty rows in a row, the sheet is taken to have ended.
EMPTY_ROWS_ENDING_A_SHEET = 1000
# The grid a sheet is read into holds every cell from A1 to its farthest one with something
# in it (about 32 bytes each, empty or not). A district's whole roster is 180,000 lines of
# 13 columns (2.3 million cells); these limits keep the grid near 130 MB whatever the file.
# 256 columns is the old .xls limit: no list people type is wider.
MAX_SHEET_COLUMNS = 256
MAX_SHEET_CELLS = 4_000_000
# Content types of parts that carry macros: a VBA project, or Excel 4 macro sheets.
MACRO_CONTENT_TYPES = (b"vbaproject", b"macroenabled", b"macrosheet")
DOCTYPE_TOKENS = (b"<!DOCTYPE", b"<!ENTITY")
SCAN_CHUNK = 64 * 1024
# Invisible control characters (a NUL, an escape…), left once clean_text has made tabs and
# line breaks spaces: no name holds one, PostgreSQL refuses a NUL and a workbook all of them.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class UnreadableFile(Exception):
    """The upload cannot be read; `str(error)` is the message for the user."""


def check_spreadsheet(data: bytes, name: str) -> None:
    """Refuse, with a message saying what to do, anything but a plain, sane .xlsx file.

    `name` is the uploaded file's own name; the checks also look at what the file holds,
    since a name proves nothing.
    """
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
            _check_archive(archive)
    except zipfile.BadZipFile as exc:
        if not zipfile.is_zipfile(io.BytesIO(data)):
            raise UnreadableFile(_("This is not an Excel workbook (.xlsx).")) from exc
        raise UnreadableFile(_("The file is damaged and cannot be opened.")) from exc


def _check_archive(archive: zipfile.ZipFile) -> None:
    parts = archive.infolist()
    if "[Content_Types].xml" not in archive.namelist():
        raise UnreadableFile(_("This is not an Excel workbook (.xlsx)."))
    if sum(part.file_size for part in parts) > settings.IMPORT_MAX_UNZIPPED_BYTES:
        raise UnreadableFile(_("The file unpacks to far more data than a roster holds; refused."))
    if _has_macros(archive):
        raise UnreadableFile(
            _("Files with macros are not accepted. Save it as an Excel workbook (.xlsx).")
        )
    for part in parts:
        if part.filename.endswith((".xml", ".rels")) and not _plain_xml(archive, part):
            raise UnreadableFile(_("The file contains XML that is not allowed; refused."))
    check_extents(archive)


def _has_macros(archive: zipfile.ZipFile) -> bool:
    """A VBA project or an Excel 4 macro sheet, whatever the file is called."""
    if any(name.lower().endswith("vbaproject.bin") for name in archive.namelist()):
        return True
    # The content types name every kind of part the workbook has; small in any real file.
    with archive.open("[Content_Types].xml") as stream:
        types = stream.read(settings.IMPORT_MAX_UNZIPPED_BYTES).lower()
    return any(kind in types for kind in MACRO_CONTENT_TYPES)


def _plain_xml(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> bool:
    """Spreadsheet XML is UTF-8 and never declares a DOCTYPE; one that does may be an XML
    bomb. The whole part is scanned, in chunks that overlap by a token's length so that a
    token split between two chunks is still seen."""
    overlap = max(len(token) for token in DOCTYPE_TOKENS) - 1
    tail = b""
    with archive.open(part) as stream:
        chunk = stream.read(SCAN_CHUNK)
        if chunk[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in chunk[:2]:  # UTF-16 hides tokens
            return False
        while chunk:
            window = (tail + chunk).upper()
            if any(token in window for token in DOCTYPE_TOKENS):
                return False
            tail = window[-overlap:]
            chunk = stream.read(SCAN_CHUNK)
    return True


def check_extents(archive: zipfile.ZipFile) -> None:
    """Refuse a sheet whose farthest cell would make its grid absurdly large."""
    try:
        extents = list(sheet_extents(archive, _fits))
    except BrokenSheet as exc:
        raise UnreadableFile(_("The file is damaged and cannot be opened.")) from exc
    for extent in extents:
        if extent.columns > MAX_SHEET_COLUMNS:
            raise UnreadableFile(
                _(
                    'Sheet "%(sheet)s" has something in cell %(cell)s, beyond column '
                    "%(column)s, far to the right of the data. Delete the empty columns after "
                    "your data (or clear that cell), save the file and upload it again."
                )
                % {
                    "sheet": extent.sheet,
                    "cell": extent.rightmost_cell,
                    "column": column_letters(MAX_SHEET_COLUMNS),
                }
            )
        if extent.cells > MAX_SHEET_CELLS:
            raise UnreadableFile(
                _(
                    'Sheet "%(sheet)s" has something in cell %(cell)s, far below the data: '
                    "with %(columns)s columns a sheet may have at most %(lines)s lines. Delete "
                    "the empty rows after your data (or clear that cell), save the file and "
                    "upload it again; split a longer list into several files."
                )
                % {
                    "sheet": extent.sheet,
                    "cell": extent.lowest_cell,
                    "columns": extent.columns,
                    "lines": format_number(MAX_SHEET_CELLS // extent.columns),
                }
            )


def _fits(extent: SheetExtent) -> bool:
    return extent.columns <= MAX_SHEET_COLUMNS and extent.cells <= MAX_SHEET_CELLS


def cell_text(value) -> str:
    """A cell as clean text: NFC, single spaces; 1975.0 as "1975"; a date as dd/mm/yyyy."""
    if value is None or value == "":
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, datetime.date):
        value = value.strftime("%d/%m/%Y")
    return clean_text(str(value))


def text_problem(text: str, max_length: int | None = None) -> str:
    """Why a cell's text cannot be stored as it is (a control character, too long), or ""."""
    if CONTROL_CHARACTERS.search(text):
        return _(
            "The cell holds an invisible control character (such as NUL) that cannot be "
            "saved. Delete the cell's content and type it again."
        )
    if max_length is not None and len(text) > max_length:
        return _("Too long: %(length)s characters, at most %(max)s. Shorten it.") % {
            "length": format_number(len(text)),
            "max": format_number(max_length),
        }
    return ""


@dataclass(slots=True)
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
    return list(iter_rows(data, name, headers, required, no_header))


def iter_rows(
    data: bytes, name: str, headers: dict[str, str], required: set[str], no_header: str
) -> Iterator[SheetRow]:
    """`read_rows` a row at a time, for a reader that keeps less of each row than its cells
    (a whole district's 180,000 lines held at once took about 250 MB). The file is checked
    before the first row; UnreadableFile may also come after the last one (no header)."""
    check_spreadsheet(data, name)
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine reports broken files in several ways
        raise UnreadableFile(_("The file is damaged and cannot be opened.")) from exc
    found: list[bool] = []
    for sheet_name in workbook.sheet_names:
        yield from _read_sheet(workbook, sheet_name, headers, required, found)
    if not found:
        raise UnreadableFile(no_header)


def _read_sheet(workbook, sheet_name, headers, required, found: list[bool]) -> Iterator[SheetRow]:
    # One sheet's grid at a time: it is freed before the next sheet's is built.
    try:
        sheet = workbook.get_sheet_by_name(sheet_name)
    except Exception:  # a chart sheet or similar has no cells: skip it
        return
    yield from _sheet_rows(sheet, sheet_name, headers, required, found)


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
