"""The roster says since when: groups and roles dated by the file or an "as of" day, counted
in that year's figures; undated lines take the import day, and the preview says so."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from apps.core.periods import Month
from apps.hierarchy.models import Group
from apps.indicators.area import Period, compute
from apps.people.models import GroupRole, PartyOversight, Person
from tests.imports.roster_files import workbook_bytes
from tests.imports.test_roster_import import TODAY, _family, _import
from tests.imports.test_roster_upload_page import _confirm, _preview_url, _text, _upload
from tests.tasks import download

pytestmark = pytest.mark.usefixtures("today")
PAST = datetime.date(2015, 6, 1)


def _groups_in(unit, year: int):
    return compute(unit, Period(year, Month(year, 12), TODAY))[None].groups


def test_a_group_and_its_leaders_imported_as_of_a_past_day_count_in_that_year(units, admin_user):
    plan = _import(workbook_bytes({"S": _family()}), admin_user, as_of=PAST)
    assert plan.errors == [] and plan.defaulted == 4  # the group, two roles, one oversight
    group = Group.objects.get(code="T01")
    assert (group.planned_on, group.activated_on) == (PAST, PAST)
    assert {r.started_on for r in GroupRole.objects.filter(group=group)} == {PAST}
    assert PartyOversight.objects.get(group=group).started_on == PAST
    # The world's own group of the hamlet began in 2019: 2015 holds only the imported one.
    figures = _groups_in(units.a.hamlet, 2015)
    assert (figures.active, figures.leaders, figures.deputies) == (1, 1, 1)
    assert (figures.party_led, figures.overseen) == (1, 1)
    assert _groups_in(units.a.hamlet, 2014).active == 0


def test_the_dashboard_of_that_year_shows_the_group_active_and_led(
    client, units, admin_user, steering_user
):
    _import(workbook_bytes({"S": _family()}), admin_user, as_of=PAST)
    client.force_login(steering_user)
    page = _text(client.get(f"/chi-tieu/ap/{units.a.hamlet.pk}/?nam=2015"))
    assert '<li id="card-formed">' in page
    card = page.split('<li id="card-formed">')[1].split("</li>")[0]
    assert "100,00 %" in card and "1/1" in card
    card = page.split('<li id="card-party_leading">')[1].split("</li>")[0]
    assert "1/1" in card


def test_dates_written_in_the_file_as_text_or_date_cells(units, admin_user):
    rows = _family()
    rows[0][13] = "15/03/2012"  # the group, as Vietnamese users write a day
    rows[0][14] = "1/4/2012"  # the leader
    rows[2][14] = datetime.date(2013, 5, 20)  # the deputy, a date cell
    rows[3][15] = "2014-01-02"  # the overseer
    plan = _import(workbook_bytes({"S": rows}), admin_user)
    assert plan.errors == [] and plan.defaulted == 0
    group = Group.objects.get(code="T01")
    assert group.activated_on == datetime.date(2012, 3, 15)
    roles = {r.role: r.started_on for r in GroupRole.objects.filter(group=group)}
    assert roles == {"leader": datetime.date(2012, 4, 1), "deputy": datetime.date(2013, 5, 20)}
    assert PartyOversight.objects.get(group=group).started_on == datetime.date(2014, 1, 2)


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        (13, "02/12/2026", "02/12/2026 là ngày trong tương lai"),
        (13, "31/12/1999", "31/12/1999 là trước khi Ấp Bình Thạnh bắt đầu (01/01/2000)."),
        (13, "31/02/2015", "không phải là một ngày có thật"),
        (13, "March 2015", "không phải là ngày: hãy ghi theo dạng dd/mm/yyyy"),
        (14, "01/01/2010", "01/01/2010 là trước khi Tổ 1 bắt đầu (01/06/2015)."),
    ],
)
def test_a_day_in_the_future_or_before_the_unit_began_is_refused_by_line(
    units, admin_user, column, value, message
):
    rows = _family()
    rows[0][13] = "01/06/2015"
    rows[0][column] = value
    plan = _import(workbook_bytes({"Ấp 1": rows}), admin_user)
    assert [(e.line, e.message) for e in plan.errors if message in e.message] == [
        (2, plan.errors[0].message)
    ]
    assert not Group.objects.filter(code="T01").exists() and not Person.objects.exists()


def test_a_role_dated_on_a_line_without_a_role_is_refused(units, admin_user):
    rows = _family()
    rows[1][14] = "01/01/2020"  # Bình is a member
    plan = _import(workbook_bytes({"S": rows}), admin_user)
    assert [(e.line, e.column) for e in plan.errors] == [(3, "Giữ vai trò từ ngày")]


def test_an_as_of_day_before_the_hamlet_began_is_refused_with_a_hint(units, admin_user):
    plan = _import(workbook_bytes({"S": _family()}), admin_user, as_of=datetime.date(1999, 1, 1))
    assert plan.errors and "Dòng không ghi ngày nên lấy ngày nhập 01/01/1999." in (
        plan.errors[0].message
    )
    assert not Group.objects.filter(code="T01").exists()


def test_a_roster_imported_today_is_dated_back_by_importing_it_again_with_dates(units, admin_user):
    _import(workbook_bytes({"S": _family()}), admin_user)
    group = Group.objects.get(code="T01")
    assert group.activated_on == TODAY
    rows = _family()
    rows[0][13], rows[0][14] = "01/01/2016", "01/02/2016"
    plan = _import(workbook_bytes({"S": rows}), admin_user)
    assert plan.errors == []
    group.refresh_from_db()
    assert (group.planned_on, group.activated_on) == (datetime.date(2016, 1, 1),) * 2
    leader = GroupRole.objects.get(group=group, role="leader")
    assert (leader.started_on, leader.ended_on) == (datetime.date(2016, 2, 1), None)
    assert Group.objects.filter(code="T01").count() == 1 and Person.objects.count() == 4
    # A later day would leave the group's past outside its life: refused.
    rows[0][13] = "01/01/2017"
    plan = _import(workbook_bytes({"S": rows}), admin_user)
    assert "chỉ dời ngày đó về trước" in plan.errors[0].message


def test_a_new_leader_since_a_day_ends_the_previous_one_the_day_before(units, admin_user):
    rows = _family()
    _import(workbook_bytes({"S": rows}), admin_user, as_of=datetime.date(2016, 1, 1))
    rows[0][10], rows[2][10] = "thành viên", "tổ trưởng"
    rows[2][14] = "01/07/2020"
    plan = _import(workbook_bytes({"S": rows}), admin_user)
    assert plan.errors == []
    group = Group.objects.get(code="T01")
    old = GroupRole.objects.get(group=group, person__full_name="Nguyễn Văn An")
    new = GroupRole.objects.current().get(group=group, role="leader")
    assert old.ended_on == datetime.date(2020, 6, 30)
    assert (new.person.full_name, new.started_on) == ("Lê Văn Cường", datetime.date(2020, 7, 1))
    # Cường's term as deputy ends where his term as leader begins.
    deputy = GroupRole.objects.get(group=group, person=new.person, role="deputy")
    assert deputy.ended_on == datetime.date(2020, 6, 30)


def test_the_preview_says_undated_lines_take_the_import_day(client, page_admin):
    preview = _preview_url(client, _upload(client, workbook_bytes({"S": _family()})))
    page = _text(client.get(preview))
    assert "4 tổ, vai trò hoặc phân công phụ trách mới không ghi ngày trong tệp" in page
    assert "từ hôm nay, 18/11/2026, ngày nhập" in page


def test_the_upload_page_takes_an_as_of_day(client, page_admin, units):
    data = workbook_bytes({"S": _family()})
    response = client.post("/danh-sach/nhap/", {"file": _file(data), "as_of": "01/06/2015"})
    preview = _preview_url(client, response)
    page = _text(client.get(preview))
    assert "từ 01/06/2015, ngày đã chọn ở trang tải lên" in page
    _confirm(client, preview)
    assert Group.objects.get(code="T01").activated_on == PAST
    future = client.post("/danh-sach/nhap/", {"file": _file(data), "as_of": "19/11/2026"})
    assert future.status_code == 200 and "19/11/2026 là ngày trong tương lai" in _text(future)


def _file(data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("ds.xlsx", data, "application/octet-stream")


def test_the_command_takes_an_as_of_day(tmp_path, units, admin_user):
    path = tmp_path / "ds.xlsx"
    path.write_bytes(workbook_bytes({"S": _family()}))
    out = io.StringIO()
    call_command(
        "import_roster", str(path), "--user", admin_user.username, "--as-of", "01/06/2015",
        "--commit", stdout=out,
    )  # fmt: skip
    assert "they begin on 01/06/2015 (--as-of)" in out.getvalue()
    assert Group.objects.get(code="T01").activated_on == PAST


def test_the_template_and_the_export_carry_the_since_columns(client, units, admin_user):
    rows = _family()
    rows[0][13], rows[0][14] = "01/01/2016", "01/02/2016"
    _import(workbook_bytes({"S": rows}), admin_user)
    client.force_login(admin_user)
    response = download(client, f"/danh-sach/to/{Group.objects.get(code='T01').pk}/")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    lines = list(sheet.values)
    header = lines[0]
    assert header[13:] == (
        "Tổ hoạt động từ ngày", "Giữ vai trò từ ngày", "Phụ trách tổ từ ngày", "Mã hộ",
        "Mã thành viên",
    )  # fmt: skip
    an = next(line for line in lines if line[6] == "Nguyễn Văn An")
    assert an[13].date() == datetime.date(2016, 1, 1) and an[14].date() == datetime.date(2016, 2, 1)
    template = openpyxl.load_workbook(io.BytesIO(client.get("/danh-sach/mau.xlsx").content))
    assert next(template.active.values) == header
