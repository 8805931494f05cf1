"""The Excel round trip of a year's household assessments, and bad files."""

import io
import re
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.accounts.models import ExportLog, Scope
from apps.assessments.models import HouseholdAssessment
from apps.core.xlsx import as_bytes
from apps.imports.models import PendingImport
from tests.conftest import make_user
from tests.factories import (
    GroupFactory,
    HouseholdAssessmentFactory,
    HouseholdFactory,
    PersonFactory,
)

pytestmark = pytest.mark.usefixtures("today")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def official(world):
    for n in (1, 2, 3):
        household = HouseholdFactory(group=world.a.group, code=f"H{n}")
        PersonFactory(household=household, full_name=f"Chủ hộ {n}", is_household_head=True)
    HouseholdAssessmentFactory(household__group=world.a.group, household__code="H9", year=2026)
    return make_user(Scope.Role.HAMLET, world.a.hamlet)


def _download(client, world) -> openpyxl.Workbook:
    response = client.get(f"/binh-xet/to/{world.a.group.pk}/2026/excel/")
    assert response["Content-Type"] == XLSX
    return openpyxl.load_workbook(io.BytesIO(response.content))


def _upload(client, url, workbook: openpyxl.Workbook, name="binh-xet.xlsx"):
    return client.post(url, {"file": SimpleUploadedFile(name, as_bytes(workbook), XLSX)})


def test_download_fill_in_and_upload_back(client, world, official):
    client.force_login(official)
    workbook = _download(client, world)
    sheet = workbook.active
    assert [c.value for c in sheet[1]][:3] == ["Mã tổ", "Tổ", "Mã hộ"]
    lines = {row[2].value: row for row in sheet.iter_rows(min_row=2)}
    assert set(lines) == {"H1", "H2", "H3", "H9"}
    assert lines["H1"][3].value == "Chủ hộ 1"
    assert ExportLog.objects.get().user == official  # the download of household rows is recorded
    lines["H2"][7].value = None  # H2: drugs → not "3 không"…
    lines["H2"][8].value = "  "  # …and not a cultural family
    lines["H3"][5].value = "Không"
    lines["H3"][8].value = None
    response = _upload(client, f"/binh-xet/to/{world.a.group.pk}/2026/tai-len/", workbook)
    page = response.content.decode()
    assert "Chưa lưu gì cho đến khi bạn xác nhận" in page
    assert not HouseholdAssessment.objects.filter(household__code="H2").exists()  # preview only
    pending = PendingImport.objects.get()
    response = client.post(f"/binh-xet/tai-len/{pending.pk}/")
    assert response.status_code == 302
    stored = {
        a.household.code: (a.three_no, a.cultural_family)
        for a in HouseholdAssessment.objects.filter(year=2026)
    }
    assert stored == {
        "H1": (True, True),
        "H2": (False, False),
        "H3": (False, False),
        "H9": (True, True),
    }
    assert not PendingImport.objects.exists()
    # The preview is used once.
    assert client.post(f"/binh-xet/tai-len/{pending.pk}/").status_code == 404


def test_line_errors_save_nothing(client, world, official):
    client.force_login(official)
    workbook = _download(client, world)
    sheet = workbook.active
    sheet.append(["X-99", "Tổ lạ", "H77", "", "", "x", "x", "x", "x"])
    sheet["F2"] = "có lẽ"
    sheet["H3"] = None  # a cultural family without "no drugs"
    response = _upload(client, f"/binh-xet/to/{world.a.group.pk}/2026/tai-len/", workbook)
    page = response.content.decode()
    assert "Không có hộ H77 của tổ X-99 ở đây." in page
    assert "Cột “Không tội phạm”: ghi x nếu đạt, để trống nếu không đạt (đang ghi “có lẽ”)." in page
    assert "Gia đình văn hóa phải đạt “3 không”" in page
    assert "Xác nhận và lưu" not in page
    assert not PendingImport.objects.exists()
    assert HouseholdAssessment.objects.count() == 1


def _bytes_upload(client, world, content: bytes, name: str):
    return client.post(
        f"/binh-xet/to/{world.a.group.pk}/2026/tai-len/",
        {"file": SimpleUploadedFile(name, content, XLSX)},
    ).content.decode()


def test_bad_files_get_a_clear_message(client, world, official, settings):
    client.force_login(official)
    assert "Đây không phải tệp Excel (.xlsx)." in _bytes_upload(
        client, world, b"ho ten,nam\n", "a.xlsx"
    )
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100
    assert "Đây là tệp Excel cũ (.xls)" in _bytes_upload(client, world, ole, "a.xls")
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("[Content_Types].xml", "<not really>")
    assert "Tệp bị hỏng, không mở được." in _bytes_upload(
        client, world, broken.getvalue(), "a.xlsx"
    )
    empty = openpyxl.Workbook()
    empty.active.append(["Họ tên", "Năm sinh"])
    headless = as_bytes(empty)
    assert "Không trang tính nào có dòng tiêu đề cần thiết" in _bytes_upload(
        client, world, headless, "a.xlsx"
    )
    settings.IMPORT_MAX_BYTES = 1000
    assert "Tệp lớn hơn 0 MB" in _bytes_upload(client, world, headless, "a.xlsx")
    assert not PendingImport.objects.exists()


def test_only_the_uploader_confirms_and_readers_cannot_upload(
    client, world, official, group_a_leader
):
    client.force_login(official)
    _upload(client, f"/binh-xet/to/{world.a.group.pk}/2026/tai-len/", _download(client, world))
    pending = PendingImport.objects.get()
    other = make_user(Scope.Role.HAMLET, world.a.hamlet)
    client.force_login(other)
    assert client.post(f"/binh-xet/tai-len/{pending.pk}/").status_code == 404
    client.force_login(group_a_leader)
    workbook = _download(client, world)
    response = _upload(client, f"/binh-xet/to/{world.a.group.pk}/2026/tai-len/", workbook)
    assert response.status_code == 403
    assert HouseholdAssessment.objects.count() == 1


def test_a_whole_hamlet_sheet(client, world, official):
    client.force_login(official)
    response = client.get(f"/binh-xet/ap/{world.a.hamlet.pk}/2026/excel/")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 5
    other = make_user(Scope.Role.HAMLET, world.b.hamlet)
    client.force_login(other)
    assert client.get(f"/binh-xet/ap/{world.a.hamlet.pk}/2026/excel/").status_code == 404


def test_an_exported_sheet_imports_back_unchanged_whatever_its_codes(client, world, official):
    """Codes a spreadsheet would take for a formula are written as text, unchanged."""
    codes = ["-01", "+84", "@A", "=1+1"]
    for code in codes:
        group = GroupFactory(hamlet=world.a.hamlet, code=code)
        household = HouseholdFactory(group=group, code=f"{code}-001")
        HouseholdAssessmentFactory(
            household=household, year=2026, no_drugs=False, cultural_family=False
        )
    client.force_login(official)
    response = client.get(f"/binh-xet/ap/{world.a.hamlet.pk}/2026/excel/")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = {c.value: c for c in sheet["A"][1:] if c.value in codes}
    assert set(cells) == set(codes)
    assert all(c.data_type == "s" and c.quotePrefix for c in cells.values())
    response = client.post(
        f"/binh-xet/ap/{world.a.hamlet.pk}/2026/tai-len/",
        {"file": SimpleUploadedFile("binh-xet.xlsx", response.content, XLSX)},
    )
    page = response.content.decode()
    assert "Không có hộ" not in page
    assert "Chưa lưu gì cho đến khi bạn xác nhận" in page
    results = re.findall(r"<tr>\s*<td>[^<]*</td>\s*<td>([^<]*)</td>\s*<td>([^<]*)</td>", page)
    assert {household: result for household, result in results if household.endswith("-001")} == {
        f"{code}-001": "không đổi" for code in codes
    }


def test_the_preview_shows_each_lines_sheet_and_number(client, world, official):
    client.force_login(official)
    workbook = _download(client, world)
    sheet = workbook.active
    sheet["F3"] = "có lẽ"  # line 3 of the sheet: an error there
    page = _upload(client, f"/binh-xet/to/{world.a.group.pk}/2026/tai-len/", workbook)
    page = page.content.decode()
    lines = re.findall(r"<td>Bình xét 2026:(\d+)</td>", page)
    assert lines == ["2", "3", "4", "5"]
    assert re.search(r'<tr class="error">\s*<td>Bình xét 2026:3</td>', page)


def test_a_cell_far_beyond_the_data_is_refused_on_the_page(client, world, official):
    client.force_login(official)
    workbook = openpyxl.Workbook()
    workbook.active.title = "Bình xét"
    workbook.active.append(["Mã tổ", "Tổ", "Mã hộ"])
    workbook.active["XFD1048576"] = "x"
    page = _upload(client, f"/binh-xet/to/{world.a.group.pk}/2026/tai-len/", workbook)
    page = page.content.decode()
    assert "Trang “Bình xét” có dữ liệu ở ô XFD1048576, vượt quá cột IV" in page
    assert "Chưa lưu gì." in page
    assert not PendingImport.objects.exists()


def test_control_characters_and_overlong_codes_are_refused_by_line(client, world, official):
    client.force_login(official)
    workbook = _download(client, world)
    sheet = workbook.active
    sheet["C2"] = "H1_x0000_"  # how a NUL is written in a workbook's XML
    sheet["A3"] = "T" * 21
    page = _upload(client, f"/binh-xet/to/{world.a.group.pk}/2026/tai-len/", workbook)
    page = page.content.decode()
    results = dict(re.findall(r"<td>Bình xét 2026:(\d+)</td>\s*<td>[^<]*</td>\s*<td>([^<]*)", page))
    assert results["2"].startswith("Cột “Mã hộ”: Ô này chứa ký tự điều khiển ẩn")
    assert results["3"] == "Cột “Mã tổ”: Quá dài: 21 ký tự, tối đa 20. Hãy rút gọn lại."
    assert not PendingImport.objects.exists()
