"""Real files: one saved by LibreOffice, bad files of every kind, the phantom rows."""

import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from apps.core.xlsx import as_bytes
from apps.imports.reading import UnreadableFile
from apps.imports.roster_format import read_roster
from apps.imports.roster_import import apply_roster, plan_roster
from apps.people.models import Person
from tests.imports.roster_files import HEADER, person, workbook_bytes
from tests.imports.test_roster_import import TODAY

FIXTURES = Path(__file__).parent / "fixtures"


def test_a_file_saved_by_libreoffice(units, admin_user):
    """Two sheets, a title above the header, merged commune/hamlet/group cells, a number
    phone, a text year, and "Tân Hoà" for the hamlet "Ấp Tân Hòa"."""
    data = (FIXTURES / "roster-saved-by-libreoffice.xlsx").read_bytes()
    assert b"LibreOffice" in zipfile.ZipFile(io.BytesIO(data)).read("docProps/app.xml")
    rows = read_roster(data, "roster.xlsx")
    assert [(r.sheet, r.line) for r in rows] == [
        ("Ấp Bình Thạnh", 4),
        ("Ấp Bình Thạnh", 5),
        ("Ấp Bình Thạnh", 6),
        ("Ấp Bình Thạnh", 7),
        ("Ấp Tân Hòa", 2),
    ]
    plan = plan_roster(rows, admin_user, TODAY)
    assert plan.errors == []
    apply_roster(plan, admin_user)
    assert Person.objects.get(full_name="Trần Thị Bình").phone == "0912345678"
    assert Person.objects.get(full_name="Lê Văn Cường").birth_year == 1960
    assert Person.objects.get(full_name="Phạm Thị Em").phone == "0913222333"
    dung = Person.objects.get(full_name="Lê Thị Dung")
    assert dung.household == Person.objects.get(full_name="Lê Văn Cường").household


def test_phantom_rows_far_below_are_ignored(units):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append(person("C-A", "H-A1", "T01", "Nguyễn Văn An", "Nguyễn Văn An"))
    sheet.cell(row=300_000, column=1).number_format = "@"  # a formatted, empty cell
    assert len(read_roster(as_bytes(workbook), "r.xlsx")) == 1


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _real_parts() -> dict[str, bytes]:
    archive = zipfile.ZipFile(io.BytesIO(workbook_bytes({"S": []})))
    return {name: archive.read(name) for name in archive.namelist()}


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>"""


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.xlsx", b"ho ten;nam sinh\n", "Đây không phải tệp Excel (.xlsx)."),
        (
            "a.xls",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512),
            "Đây là tệp Excel cũ (.xls) hoặc tệp có đặt mật khẩu",
        ),
        ("a.xlsm", b"PK", "Không nhận tệp có macro (.xlsm)"),
        (
            "a.xlsx",
            _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"?"}),
            "Tệp bị hỏng",
        ),
        (
            "a.xlsx",
            _zip({**_real_parts(), "xl/worksheets/sheet1.xml": BOMB}),
            "XML không được phép",
        ),
        ("a.xlsx", _zip({**_real_parts(), "xl/vbaProject.bin": b"x"}), "Không nhận tệp có macro"),
    ],
)
def test_bad_files_are_refused_with_a_clear_message(units, name, content, message):
    with pytest.raises(UnreadableFile, match=re.escape(message)):
        read_roster(content, name)


def test_size_limits(units, settings):
    data = _zip({**_real_parts(), "xl/media/big.bin": bytes(3_000_000)})  # compresses to KBs
    settings.IMPORT_MAX_UNZIPPED_BYTES = 2_000_000
    with pytest.raises(UnreadableFile, match="giải nén ra quá nhiều dữ liệu"):
        read_roster(data, "a.xlsx")
    settings.IMPORT_MAX_BYTES = len(data) - 1
    with pytest.raises(UnreadableFile, match="Tệp lớn hơn"):
        read_roster(data, "a.xlsx")


def test_a_sheet_without_the_header(units):
    workbook = openpyxl.Workbook()
    workbook.active.append(["Họ tên", "Năm sinh"])
    with pytest.raises(UnreadableFile, match="Không trang tính nào có dòng tiêu đề của danh sách"):
        read_roster(as_bytes(workbook), "a.xlsx")
