"""How far each sheet of an .xlsx really reaches, read before any grid is built.

A spreadsheet reader builds a sheet's whole grid, from its first to its farthest
cell, before handing over the first row: one value in XFD1048576 asks for
seventeen billion cells and aborts the process. The sheet's own `<dimension>`
may be absent or lie, so the extent comes from the cells' own `r` attributes:
each worksheet part is streamed a chunk at a time, keeping nothing but a few
numbers. A cell without `r` takes the position the format implies (the next
column of its row; a row without `r` is the next row), as readers place it.
"""

import posixpath
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import unquote
from xml.parsers import expat

CHUNK = 1024 * 1024
WORKBOOK = "xl/workbook.xml"
WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"
# Cell tags as the bulk counts find them: `r` first, double quotes, plain attributes.
CELLS = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"')
_PLAIN_ATTRIBUTES = rb'(?:\s+[\w:.-]+="[^"]*")*\s*'
VALUED_CELLS = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"' + _PLAIN_ATTRIBUTES + rb">")
EMPTY_CELLS = re.compile(rb'<c r="[A-Z]{1,3}[0-9]{1,7}"' + _PLAIN_ATTRIBUTES + rb"/>")
TAG_ENDINGS = (b" ", b"\t", b"\r", b"\n", b"/", b">")
MAX_CARRY = 16 * 1024 * 1024  # a comment or tag left open this long is no spreadsheet
CELL_REF = re.compile(rb"([A-Za-z]{1,3})([0-9]{1,7})")
_ATTRIBUTES = rb"""(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*"""
# For the tag-by-tag scan: comments, CDATA and processing instructions first, so that a tag
# inside them is skipped with them; then the start tags of rows and cells (any prefix).
MARKUP = re.compile(
    rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>"
    rb"|(?P<row><(?:[\w.-]+:)?row(?![\w.:-])(?P<row_attributes>" + _ATTRIBUTES + rb")\s*/?>)"
    rb"|(?P<cell><(?:[\w.-]+:)?c(?![\w.:-])(?P<cell_attributes>" + _ATTRIBUTES + rb")"
    rb"\s*(?P<closed>/?)>)",
    re.DOTALL,
)
OPENERS = ((b"<!--", b"-->"), (b"<![CDATA[", b"]]>"), (b"<?", b"?>"))
ATTRIBUTE = re.compile(rb"""([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


class BrokenSheet(Exception):
    """A worksheet part that is not well-formed XML."""


@dataclass
class SheetExtent:
    sheet: str
    rows: int = 0  # the farthest row holding something, from 1
    columns: int = 0  # the farthest column holding something, from 1
    lowest_cell: str = ""  # the cell on that row…
    rightmost_cell: str = ""  # …and in that column

    @property
    def cells(self) -> int:
        """The cells of the grid from A1 to the farthest row and column."""
        return self.rows * self.columns


def column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def sheet_extents(
    archive: zipfile.ZipFile, fits: Callable[[SheetExtent], bool]
) -> Iterator[SheetExtent]:
    """The extent of every worksheet part of the archive, named as the workbook names it.

    Parts the workbook lists and any other part under xl/worksheets/ are all read: a
    reader may open either. A quick upper bound is taken first; when it does not `fit`,
    or the part is written in a way the quick count cannot vouch for, the part is scanned
    tag by tag for its exact extent. Raises BrokenSheet for a part that cannot be read.
    """
    names = archive.namelist()
    parts = _sheet_parts(archive, names)
    for name in names:
        if name.startswith("xl/worksheets/") and name.endswith(".xml") and name not in parts:
            parts[name] = posixpath.basename(name)
    for part, sheet in parts.items():
        if part in names:
            yield _sheet_extent(archive, part, sheet, fits)


def _sheet_extent(
    archive: zipfile.ZipFile, part: str, sheet: str, fits: Callable[[SheetExtent], bool]
) -> SheetExtent:
    """The quickest count that settles it: every cell tag in bulk (enough when it fits),
    then the cells with a value in bulk, then tag by tag."""
    bound = _bound(archive, part, sheet, valued_only=False)
    if bound is not None and fits(bound):
        return bound
    return _bound(archive, part, sheet, valued_only=True) or _extent(archive, part, sheet)


def _sheet_parts(archive: zipfile.ZipFile, names: list[str]) -> dict[str, str]:
    """Worksheet part → the sheet's name, from the workbook and its relationships."""
    if WORKBOOK not in names or WORKBOOK_RELS not in names:
        return {}
    sheets: dict[str, str] = {}  # relationship id → sheet name
    targets: dict[str, str] = {}  # relationship id → part

    def on_sheet(tag: str, attributes: dict[str, str]) -> None:
        if tag == "sheet":
            ids = [value for key, value in attributes.items() if _local(key) == "id"]
            if ids:
                sheets[ids[0]] = attributes.get("name", "")

    def on_relationship(tag: str, attributes: dict[str, str]) -> None:
        if tag == "Relationship" and "Id" in attributes and "Target" in attributes:
            target = attributes["Target"]
            path = target[1:] if target.startswith("/") else posixpath.join("xl", target)
            targets[attributes["Id"]] = posixpath.normpath(path)

    _parse(archive, WORKBOOK, on_sheet)
    _parse(archive, WORKBOOK_RELS, on_relationship)
    # A target may be written with %20 or in another case than the part it names: a reader
    # may still find the part, so it is matched here the same lenient way.
    lenient = {unquote(name).replace("\\", "/").lower(): name for name in names}
    return {
        lenient.get(unquote(targets[rid]).replace("\\", "/").lower(), targets[rid]): name
        for rid, name in sheets.items()
        if rid in targets
    }


def _bound(
    archive: zipfile.ZipFile, part: str, sheet: str, valued_only: bool
) -> SheetExtent | None:
    """The farthest row and column of the part's cells, counted in bulk: of every cell, or
    with `valued_only` of every cell whose tag does not close itself (<c r="A9" s="1"/> is
    a style without a value: LibreOffice writes thousands). None unless every cell tag
    begins `<c r="…"` (as Excel, LibreOffice and openpyxl write them) and, with
    `valued_only`, has plain attributes: only then is the bulk count complete."""
    extent = SheetExtent(sheet)
    carry = b""
    with archive.open(part) as stream:
        while True:
            chunk = stream.read(CHUNK)
            buffer = carry + chunk
            end = buffer.rfind(b"<") if chunk else len(buffer)
            end = len(buffer) if end == -1 else end
            segment = buffer[:end]
            if b":c" in segment:  # perhaps a cell tag with a namespace prefix
                return None
            cells = (VALUED_CELLS if valued_only else CELLS).findall(segment)
            counted = len(cells) + (len(EMPTY_CELLS.findall(segment)) if valued_only else 0)
            if counted != sum(segment.count(b"<c" + ending) for ending in TAG_ENDINGS):
                return None  # a cell without r, or written another way
            if cells:
                _reach_farthest(extent, cells)
            if not chunk:
                return extent
            carry = buffer[end:]
            if len(carry) > MAX_CARRY:
                raise BrokenSheet("markup too long")


def _extent(archive: zipfile.ZipFile, part: str, sheet: str) -> SheetExtent:
    """The part's farthest row and column holding something, from its <row> and <c> tags.

    A tag scan, not a parser: a sheet has millions of elements and a parser's callback for
    each takes ten times as long as reading the file. In well-formed XML every "<" opens
    markup, so the tags are found exactly; comments and CDATA are matched whole (a tag
    inside them is no tag), and a cell counts unless its tag closes itself (<c r="A9"
    s="1"/>: a style, no value), which can only overstate the extent, never hide a cell.
    """
    extent = SheetExtent(sheet)
    row, column = 0, 0
    carry = b""
    with archive.open(part) as stream:
        while True:
            chunk = stream.read(CHUNK)
            buffer = carry + chunk
            end = len(buffer) if not chunk else _safe_end(buffer)
            for match in MARKUP.finditer(buffer, 0, end):
                if match.lastgroup == "row":
                    position = _attribute_r(match.group("row_attributes"))
                    row = _number(position) if position else row + 1
                    column = 0
                elif match.lastgroup == "cell":
                    position = _attribute_r(match.group("cell_attributes"))
                    if position:
                        cell = CELL_REF.fullmatch(position)
                        if not cell:
                            raise BrokenSheet(position)
                        column = column_number(cell.group(1).decode())
                        cell_row = int(cell.group(2))
                    else:
                        column, cell_row = column + 1, row
                    if not match.group("closed"):
                        _reach(extent, cell_row, column)
            if not chunk:
                return extent
            carry = buffer[end:]
            if len(carry) > MAX_CARRY:
                raise BrokenSheet("markup too long")


def _safe_end(buffer: bytes) -> int:
    """Where to stop scanning a chunk: before markup it may cut, a comment or CDATA
    section still open, or a tag not yet closed."""
    end = buffer.rfind(b"<")
    if end == -1:
        return len(buffer)
    for start, close in OPENERS:
        opened = buffer.rfind(start, 0, end + 1)
        if opened != -1 and buffer.find(close, opened + len(start)) == -1:
            end = min(end, opened)
    return end


def _attribute_r(attributes: bytes) -> bytes:
    for match in ATTRIBUTE.finditer(attributes):
        if match.group(1) == b"r":
            return match.group(2) if match.group(2) is not None else match.group(3)
    return b""


def _reach_farthest(extent: SheetExtent, cells: list[tuple[bytes, bytes]]) -> None:
    """Extend to the lowest and the rightmost of (column letters, row) pairs."""
    row = max({row for _column, row in cells}, key=int)
    letters = max({column for column, _row in cells}, key=lambda c: (len(c), c))
    _reach(extent, int(row), column_number(next(c for c, r in cells if r == row).decode()))
    _reach(extent, int(next(r for c, r in cells if c == letters)), column_number(letters.decode()))


def _reach(extent: SheetExtent, row: int, column: int) -> None:
    if row > extent.rows:
        extent.rows, extent.lowest_cell = row, f"{column_letters(column)}{row}"
    if column > extent.columns:
        extent.columns, extent.rightmost_cell = column, f"{column_letters(column)}{row}"


def _number(text: bytes) -> int:
    if not text.isdigit():
        raise BrokenSheet(text)
    return int(text)


def _local(name: str) -> str:
    """An element or attribute name without its namespace ("uri local" → "local")."""
    return name.rpartition(" ")[2]


def _parse(
    archive: zipfile.ZipFile, part: str, start: Callable[[str, dict[str, str]], None]
) -> None:
    """Stream a small part (the workbook, its relationships) through expat; the handler
    gets each start tag's local name and attributes."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = lambda name, attributes: start(_local(name), attributes)
    try:
        with archive.open(part) as stream:
            while chunk := stream.read(CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except expat.ExpatError as error:
        raise BrokenSheet(str(error)) from error
