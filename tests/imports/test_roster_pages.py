"""The roster in the admin (django-import-export's preview and confirm), the command, the
export and the template."""

import io
import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from apps.accounts.models import Scope
from apps.imports.models import HeldFile
from apps.people.models import Household, Person
from tests.conftest import make_user
from tests.factories import HouseholdFactory, PersonFactory
from tests.imports.roster_files import HEADER, far_cell_bytes, workbook_bytes
from tests.imports.test_roster_import import _family
from tests.tasks import download

pytestmark = pytest.mark.usefixtures("today")
IMPORT = "/admin/imports/rosterentry/import/"
CONFIRM = "/admin/imports/rosterentry/process_import/"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _upload(client, data: bytes, name: str = "ds.xlsx"):
    return client.post(
        IMPORT,
        {"import_file": SimpleUploadedFile(name, data, XLSX), "format": "0", "resource": "0"},
    )


def _confirm_fields(page: str) -> dict:
    names = ("import_file_name", "original_file_name", "format", "resource")
    return {n: re.search(rf'name="{n}" value="([^"]*)"', page).group(1) for n in names}


def _import_the_family(client, user) -> None:
    """The family's roster uploaded and confirmed in the admin, `user` logged in."""
    client.force_login(user)
    page = _upload(client, workbook_bytes({"S": _family()})).content.decode()
    client.post(CONFIRM, _confirm_fields(page))


def test_preview_then_confirm_in_the_admin(client, units, admin_user):
    client.force_login(admin_user)
    assert client.get(IMPORT).status_code == 200
    page = _upload(client, workbook_bytes({"S": _family()})).content.decode()
    assert page.count('class="new"') == 4
    assert not Person.objects.exists()  # a preview writes nothing
    assert HeldFile.objects.count() == 1  # the upload waits in the database
    response = client.post(CONFIRM, _confirm_fields(page))
    assert response.status_code == 302
    assert Person.objects.count() == 4
    assert not HeldFile.objects.exists()
    page = _upload(client, workbook_bytes({"S": _family()})).content.decode()
    assert page.count('class="skip"') == 4  # importing again changes nothing


def test_errors_are_shown_by_line_and_column_and_nothing_can_be_confirmed(
    client, units, admin_user
):
    rows = _family()
    rows[2][7] = "?"
    client.force_login(admin_user)
    page = _upload(client, workbook_bytes({"Ấp 1": rows})).content.decode()
    assert "Ấp 1: 4" in page and "Giới tính" in page and "Ghi “Nam” hoặc “Nữ”." in page
    assert "process_import" not in page
    assert not Person.objects.exists()


def test_an_unreadable_file_says_why(client, units, admin_user):
    client.force_login(admin_user)
    page = _upload(client, b"not a spreadsheet").content.decode()
    assert "Đây không phải tệp Excel (.xlsx)." in page


def test_the_admin_checks_the_file_it_was_given(client, units, admin_user):
    client.force_login(admin_user)
    page = _upload(client, workbook_bytes({"S": _family()}), name="ds.xlsm").content.decode()
    assert "Không nhận tệp có macro (.xlsm)" in page  # by the uploaded file's own name
    assert "process_import" not in page
    page = _upload(client, far_cell_bytes("XFD1048576", header=HEADER)).content.decode()
    assert "Trang “Danh sách” có dữ liệu ở ô XFD1048576" in page
    assert "process_import" not in page
    assert not Person.objects.exists()


def test_the_admin_import_is_scoped(client, units, group_a_leader):
    official = make_user(Scope.Role.COMMUNE, units.a.commune, is_staff=True)
    client.force_login(official)
    page = _upload(client, workbook_bytes({"S": _family("C-B", "Ấp Mỹ Hội")})).content.decode()
    assert "Ấp này nằm ngoài địa bàn bạn phụ trách." in page
    leader = make_user(Scope.Role.GROUP_LEADER, units.a.group, is_staff=True)
    client.force_login(leader)
    assert client.get(IMPORT).status_code == 403


def test_the_command_checks_then_commits(units, admin_user, tmp_path, capsys):
    path = tmp_path / "danh-sach.xlsx"
    path.write_bytes(workbook_bytes({"S": _family()}))
    call_command("import_roster", str(path), user=admin_user.username)
    assert "4 new" in capsys.readouterr().out and not Person.objects.exists()
    call_command("import_roster", str(path), user=admin_user.username, commit=True)
    assert Person.objects.count() == 4
    rows = _family()
    rows[0][8] = "abc"
    path.write_bytes(workbook_bytes({"S": rows}))
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_roster", str(path), user=admin_user.username, commit=True)


def test_export_round_trips_and_escapes_nothing_into_formulae(client, units, admin_user):
    _import_the_family(client, admin_user)
    # Text typed on a page that a spreadsheet would run as a formula.
    Household.objects.filter(people__full_name="Trần Thị Bình").update(address="==1+1")
    response = download(client, f"/danh-sach/xa/{units.a.commune.pk}/")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert len(values) == 4
    formula_cells = [c for row in sheet.iter_rows() for c in row if c.value == "==1+1"]
    assert formula_cells and all(c.data_type == "s" and c.quotePrefix for c in formula_cells)
    phones = {row[6]: row[9] for row in values}
    assert phones["Nguyễn Văn An"] == "0912345678"
    assert {row[8] for row in values} <= {1975, 1978, 1960, 1990}
    page = _upload(client, response.content).content.decode()
    assert page.count('class="skip"') == 4  # export → import: nothing to change


def test_export_is_scoped_and_the_template_has_an_example(client, units, commune_a_official):
    client.force_login(commune_a_official)
    assert client.get(f"/danh-sach/xa/{units.b.commune.pk}/").status_code == 404
    assert client.get(f"/danh-sach/huyen/{units.district.pk}/").status_code == 404
    sheet = openpyxl.load_workbook(io.BytesIO(client.get("/danh-sach/mau.xlsx").content)).active
    assert [c.value for c in sheet[1]][:3] == ["Xã", "Ấp/khóm", "Mã tổ"]
    assert sheet.max_row == 2


def test_a_roster_lines_admin_page_searches_households_instead_of_listing_them(
    client, units, admin_user, django_assert_max_num_queries
):
    """A district has tens of thousands of households: the page offers the person's own
    and a search, never a list of all of them."""
    households = HouseholdFactory.create_batch(30, group=units.a.group, address="Số 9")
    person = PersonFactory(household=households[0], full_name="Nguyễn Văn Một")
    client.force_login(admin_user)
    with django_assert_max_num_queries(20):
        page = client.get(f"/admin/imports/rosterentry/{person.pk}/change/").content.decode()
    assert "Nguyễn Văn Một" in page and str(households[0]) in page
    assert "admin-autocomplete" in page
    assert not any(str(household) in page for household in households[1:])
