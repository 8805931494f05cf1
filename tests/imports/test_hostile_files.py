"""Files built to hurt: a far-away cell that would make the reader build an enormous grid,
macros under an innocent name, a DOCTYPE hidden deep in a part. All are refused before
the spreadsheet reader sees them, with a message that says what to do."""

import io
import os
import re
import resource
import sys
import zipfile

import openpyxl
import pytest

from apps.core.xlsx import as_bytes
from apps.imports.reading import SCAN_CHUNK, UnreadableFile
from apps.imports.roster_format import read_roster
from tests import processes
from tests.imports.roster_files import (
    HEADER,
    far_cell_bytes,
    person,
    rewritten,
    workbook_bytes,
)

SHEET = "xl/worksheets/sheet1.xml"
# Reads each file given, as the upload does, and prints what happened, then the process's
# peak memory in MB. Run in a child process: without the checks, one of the files aborts it.
READ_FILES = """
import re, sys
import django
django.setup()
from apps.imports.reading import UnreadableFile
from apps.imports.roster_format import read_roster
for path in sys.argv[1:]:
    try:
        read_roster(open(path, "rb").read(), path)
        print("accepted")
    except UnreadableFile as error:
        print("refused:", error)
# The peak of this program's own memory: getrusage would also count the forked test
# process it started from, whose size depends on how many tests ran before.
status = open("/proc/self/status").read()
print(int(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1)) // 1024)
"""


def _limit_memory() -> None:
    # Should the checks fail, the child dies of its own limit, not the machine of hunger.
    resource.setrlimit(resource.RLIMIT_AS, (3 * 1024**3, 3 * 1024**3))


def test_a_far_cell_cannot_take_the_process_down(tmp_path):
    files = {
        "only-xfd.xlsx": far_cell_bytes("XFD1048576"),
        "xfd.xlsx": far_cell_bytes("XFD1048576", header=HEADER),
        "m.xlsx": far_cell_bytes("M1048576", header=HEADER),
    }
    paths = []
    for name, data in files.items():
        assert len(data) < 6000  # a few KB each
        (tmp_path / name).write_bytes(data)
        paths.append(str(tmp_path / name))
    child = processes.run(
        [sys.executable, "-c", READ_FILES, *paths],
        {**os.environ, "DJANGO_SETTINGS_MODULE": "tocdp.settings", "DEBUG": "true"},
        timeout=300,
        preexec_fn=_limit_memory,
    )
    assert child.returncode == 0, child.stderr[-3000:]
    *outcomes, peak_mb = child.stdout.strip().splitlines()
    assert len(outcomes) == 3
    for outcome, cell in zip(outcomes, ["XFD1048576", "XFD1048576", "M1048576"], strict=True):
        assert outcome.startswith("refused:") and cell in outcome and "Danh sách" in outcome
    assert int(peak_mb) < 300


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        # Beyond column IV, on the first line (the grid would be 257 columns wide).
        ("IW1", "Trang “Danh sách” có dữ liệu ở ô IW1, vượt quá cột IV"),
        # 400,000 lines of 13 columns: more cells than a sheet may make.
        ("M400000", "Trang “Danh sách” có dữ liệu ở ô M400000, quá xa bên dưới phần dữ liệu"),
    ],
)
def test_a_cell_far_from_the_data_is_refused_with_what_to_do(cell, message):
    with pytest.raises(UnreadableFile, match=message) as refusal:
        read_roster(far_cell_bytes(cell, header=HEADER), "ds.xlsx")
    assert "xóa" in str(refusal.value) and "tải lên lại" in str(refusal.value)


def test_cells_without_a_position_are_placed_where_the_format_implies():
    """Row 399,999 says where it is; the next row and its cells do not: twelve empty ones,
    then one with a value, which is M400000, too far."""
    cells = "<c/>" * 12 + '<c t="inlineStr"><is><t>x</t></is></c>'
    rows = f'<row r="399999"><c r="A399999" s="0"/></row><row>{cells}</row>'.encode()
    data = rewritten(
        workbook_bytes({"Danh sách": []}),
        SHEET,
        lambda xml: xml.replace(b"</sheetData>", rows + b"</sheetData>"),
    )
    with pytest.raises(UnreadableFile, match="ô M400000"):
        read_roster(data, "ds.xlsx")


def test_formatted_empty_cells_far_below_and_a_lying_dimension_are_harmless(units):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append(person("C-A", "H-A1", "T01", "Nguyễn Văn An", "Nguyễn Văn An"))
    for column in range(1, 14):  # a style down to the last line: no value, no grid
        sheet.cell(row=1_048_576, column=column).number_format = "@"
    assert len(read_roster(as_bytes(workbook), "ds.xlsx")) == 1
    lying = rewritten(
        workbook_bytes({"S": [person("C-A", "H-A1", "T01", "Nguyễn Văn An", "Nguyễn Văn An")]}),
        SHEET,
        lambda xml: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', xml),
    )
    assert len(read_roster(lying, "ds.xlsx")) == 1


def _with_doctype_at(offset: int) -> bytes:
    """A worksheet whose DOCTYPE starts `offset` bytes in, after an XML comment."""

    def rewrite(xml: bytes) -> bytes:
        declaration, _, rest = xml.partition(b"?>")
        head = declaration + b"?><!--"
        padding = b"x" * (offset - len(head) - len(b"-->"))
        return head + padding + b'--><!DOCTYPE w SYSTEM "file:///etc/passwd">' + rest

    return rewritten(workbook_bytes({"S": []}), SHEET, rewrite)


@pytest.mark.parametrize(
    "offset",
    [
        5000,  # past the first 4,096 bytes
        SCAN_CHUNK - 4,  # "<!DOCTYPE" split between two chunks
    ],
)
def test_a_doctype_anywhere_in_a_part_is_refused(offset):
    with pytest.raises(UnreadableFile, match="XML không được phép"):
        read_roster(_with_doctype_at(offset), "ds.xlsx")


@pytest.mark.parametrize(
    "rewrite",
    [
        # A macro-enabled workbook's content type, under an .xlsx name.
        lambda types: types.replace(b"sheet.main+xml", b"sheet.macroEnabled.main+xml"),
        # An Excel 4 macro sheet.
        lambda types: types.replace(
            b"</Types>",
            b'<Override PartName="/xl/macrosheets/sheet1.xml" ContentType='
            b'"application/vnd.ms-excel.macrosheet+xml"/></Types>',
        ),
    ],
)
def test_macros_are_found_by_what_the_file_holds_not_its_name(rewrite):
    data = rewritten(workbook_bytes({"S": []}), "[Content_Types].xml", rewrite)
    with pytest.raises(UnreadableFile, match="Không nhận tệp có macro"):
        read_roster(data, "ds.xlsx")


def test_a_vba_project_under_any_spelling_is_refused():
    buffer = io.BytesIO(workbook_bytes({"S": []}))
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("xl/VBAPROJECT.BIN", b"\xd0\xcf\x11\xe0")
    with pytest.raises(UnreadableFile, match="Không nhận tệp có macro"):
        read_roster(buffer.getvalue(), "ds.xlsx")


def test_a_sheet_the_workbook_names_loosely_is_checked_too():
    """The sheet's part lies outside xl/worksheets/, and the workbook names it with %20."""
    source = zipfile.ZipFile(io.BytesIO(far_cell_bytes("XFD1048576", header=HEADER)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in source.namelist():
            content = source.read(name)
            if name == "xl/_rels/workbook.xml.rels":
                content = content.replace(b"/xl/worksheets/sheet1.xml", b"far%20sheet.xml")
                content = content.replace(b"worksheets/sheet1.xml", b"far%20sheet.xml")
            archive.writestr("xl/far sheet.xml" if name == SHEET else name, content)
    with pytest.raises(UnreadableFile, match="Trang “Danh sách” có dữ liệu ở ô XFD1048576"):
        read_roster(buffer.getvalue(), "ds.xlsx")
