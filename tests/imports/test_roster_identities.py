"""Stable identities: the exported roster carries each household's and person's code, a
re-import matches by code first, so corrections update in place; those a group's lines
leave out are listed to end, and ended (dated, not deleted) only when asked."""

import datetime
import io
import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from apps.hierarchy.models import Group
from apps.people.models import CODE_ALPHABET, GroupRole, Household, PartyOversight, Person
from tests.imports.roster_files import person, workbook_bytes
from tests.imports.test_roster_import import TODAY, _family, _import
from tests.imports.test_roster_upload_page import UPLOAD, _confirm, _preview_url, _text, _upload
from tests.tasks import download

pytestmark = pytest.mark.usefixtures("today")
YESTERDAY = TODAY - datetime.timedelta(days=1)
ADDRESS, YEAR, NAME, HOUSEHOLD_CODE, PERSON_CODE = 5, 8, 6, 16, 17


def _exported(client, user) -> list[list]:
    """The group's roster as downloaded: its lines, without the header."""
    client.force_login(user)
    response = download(client, f"/danh-sach/to/{Group.objects.get(code='T01').pk}/")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [list(line) for line in list(sheet.values)[1:]]


def _counts() -> list[int]:
    return [m.objects.count() for m in (Group, Household, Person, GroupRole, PartyOversight)]


def test_people_get_a_short_unique_code(units, admin_user):
    _import(workbook_bytes({"S": _family()}), admin_user)
    codes = list(Person.objects.values_list("code", flat=True))
    assert len(set(codes)) == 4
    assert all(len(code) == 10 and set(code) <= set(CODE_ALPHABET) for code in codes)


def test_a_reimported_roster_with_a_corrected_address_and_birth_year_writes_no_new_household_or_person(  # noqa: E501
    client, units, admin_user
):
    _import(workbook_bytes({"S": _family()}), admin_user)
    before, ids = _counts(), set(Person.objects.values_list("pk", flat=True))
    lines = _exported(client, admin_user)
    for line in lines:
        if line[4] == "Nguyễn Văn An":
            line[ADDRESS] = "Số 14, Đường Lê Lợi"  # the household's address, corrected
        if line[NAME] == "Trần Thị Bình":
            line[NAME], line[YEAR] = "Trần Thị Bính", 1979  # name and year of birth
    plan = _import(workbook_bytes({"S": lines}), admin_user)
    assert plan.errors == [] and plan.count("new") == 0
    assert _counts() == before
    assert set(Person.objects.values_list("pk", flat=True)) == ids
    binh = Person.objects.get(full_name="Trần Thị Bính")
    assert (binh.birth_year, binh.name_folded) == (1979, "tran thi binh")
    assert binh.household.address == "Số 14, Đường Lê Lợi"
    assert Household.objects.filter(address_folded="so 14, duong le loi").count() == 1
    # Imported once more, the corrected roster changes nothing.
    again = _import(workbook_bytes({"S": lines}), admin_user)
    assert (again.count("update"), again.count("new")) == (0, 0) and _counts() == before


def test_a_member_added_without_codes_under_a_corrected_household_joins_it(
    client, units, admin_user
):
    _import(workbook_bytes({"S": _family()}), admin_user)
    lines = _exported(client, admin_user)
    for line in lines:
        if line[4] == "Nguyễn Văn An":
            line[ADDRESS] = "Số 14, Đường Lê Lợi"
    lines.insert(  # before the household's own lines: the order does not matter
        0,
        person(
            "Xã Bình Thạnh",
            "Ấp Bình Thạnh",
            "T01",
            "Nguyễn Văn An",
            "Nguyễn Thị Em",
            gender="Nữ",
            year=2005,
            address="Số 14, Đường Lê Lợi",
        ),
    )
    plan = _import(workbook_bytes({"S": lines}), admin_user)
    assert plan.errors == [] and plan.count("new") == 1
    em = Person.objects.get(full_name="Nguyễn Thị Em")
    assert em.household == Person.objects.get(full_name="Nguyễn Văn An").household
    assert em.household.address == "Số 14, Đường Lê Lợi"
    assert Household.objects.count() == 2


def test_codes_that_do_not_fit_are_refused_by_line(client, units, admin_user):
    _import(workbook_bytes({"S": _family()}), admin_user)
    lines = _exported(client, admin_user)
    dung = next(line for line in lines if line[NAME] == "Lê Thị Dung")
    binh = next(line for line in lines if line[NAME] == "Trần Thị Bình")
    unknown = [list(line) for line in lines]
    unknown[0][PERSON_CODE] = "ZZZZZZZZZZ"
    unknown[2][HOUSEHOLD_CODE] = "X-999"
    errors = _import(workbook_bytes({"S": unknown}), admin_user).errors
    assert [(e.line, e.column) for e in errors] == [(4, "Mã hộ"), (2, "Mã thành viên")]
    assert "Để trống ô này nếu là người mới." in errors[1].message
    moved = [list(line) for line in lines]
    moved[lines.index(dung)][PERSON_CODE] = binh[PERSON_CODE]  # Bình's code on Dung's line
    errors = _import(workbook_bytes({"S": moved}), admin_user).errors
    assert "nhập danh sách không chuyển người sang hộ khác" in errors[0].message
    assert Person.objects.filter(full_name="Lê Thị Dung").count() == 1


def test_people_missing_from_the_file_are_ended_only_when_ticked(client, page_admin):
    data = workbook_bytes({"S": _family()})
    first = client.post(
        UPLOAD, {"file": SimpleUploadedFile("ds.xlsx", data), "as_of": "01/01/2020"}
    )
    _confirm(client, _preview_url(client, first))
    only_an = _family()[:2]  # Cường's household (Cường, Dung) is left out
    page = _text(client.get(_preview_url(client, _upload(client, workbook_bytes({"S": only_an})))))
    assert "Sẽ rời danh sách" in page
    listed = re.findall(r"<tr><td>T01</td><td>[^<]+</td><td>([^<]+)</td>", page)
    assert listed == ["Lê Văn Cường", "Lê Thị Dung"]
    assert 'name="end_missing"' in page and "ngày cuối cùng trong danh sách là 17/11/2026" in page
    # Not ticked: they stay as they are.
    preview = _preview_url(client, _upload(client, workbook_bytes({"S": only_an})))
    _confirm(client, preview)
    assert not Person.objects.exclude(left_on=None).exists()
    # Ticked: ended the day before the roster's day, kept with their past.
    preview = _preview_url(client, _upload(client, workbook_bytes({"S": only_an})))
    response = _confirm(client, preview, end_missing="1")
    assert "Đã ghi rời danh sách cho 2 người và 1 hộ không có trong tệp." in _text(
        client.get(response.url)
    )
    assert Person.objects.count() == 4
    ended = Person.objects.exclude(left_on=None)
    assert sorted(ended.values_list("full_name", "left_on")) == [
        ("Lê Thị Dung", YESTERDAY),
        ("Lê Văn Cường", YESTERDAY),
    ]
    assert Household.objects.get(people__full_name="Lê Văn Cường").left_on == YESTERDAY
    assert GroupRole.objects.get(person__full_name="Lê Văn Cường").ended_on == YESTERDAY
    assert PartyOversight.objects.get().ended_on == YESTERDAY
    # The download no longer lists them, and importing it again ends nobody else.
    assert sorted(line[NAME] for line in _exported(client, page_admin)) == [
        "Nguyễn Văn An",
        "Trần Thị Bình",
    ]
    page = _text(client.get(_preview_url(client, _upload(client, workbook_bytes({"S": only_an})))))
    assert "Sẽ rời danh sách" not in page


def test_a_person_ended_and_named_again_is_back_not_duplicated(units, admin_user):
    _import(workbook_bytes({"S": _family()}), admin_user)
    _import(workbook_bytes({"S": _family()[:2]}), admin_user, end_missing=True)
    before = _counts()
    plan = _import(workbook_bytes({"S": _family()}), admin_user)
    assert plan.errors == [] and plan.count("new") == 0
    assert [m.objects.count() for m in (Group, Household, Person)] == before[:3]
    assert not Person.objects.exclude(left_on=None).exists()
    assert not Household.objects.exclude(left_on=None).exists()


def test_groups_the_file_does_not_list_lose_nobody(units, admin_user):
    _import(workbook_bytes({"S": _family()}), admin_user)
    other = _family(group="T02")
    plan = _import(workbook_bytes({"S": other}), admin_user, end_missing=True)
    assert plan.people_to_end == [] and plan.households_to_end == []
    assert not Person.objects.exclude(left_on=None).exists()


def test_the_command_ends_those_missing_only_with_end_missing(tmp_path, units, admin_user):
    _import(workbook_bytes({"S": _family()}), admin_user)
    path = tmp_path / "ds.xlsx"
    path.write_bytes(workbook_bytes({"S": _family()[:2]}))
    args = ["import_roster", str(path), "--user", admin_user.username, "--commit"]
    out = io.StringIO()
    call_command(*args, stdout=out)
    assert "2 people and 1 households of the file's groups are missing" in out.getvalue()
    assert not Person.objects.exclude(left_on=None).exists()
    call_command(*args, "--end-missing", "--as-of", "2026-11-01", stdout=io.StringIO())
    assert set(Person.objects.exclude(left_on=None).values_list("left_on", flat=True)) == {
        datetime.date(2026, 10, 31)
    }
