"""Importing a year's meetings from Excel: upload, preview with errors by line, confirm
(all lines or none); a meeting already recorded is reported, never overwritten; lines for
groups outside the official's area are refused; imported past months count as held and
as entered late, never as on time."""

import datetime

import openpyxl
import pytest

from apps.accounts.models import Scope
from apps.core.periods import Month
from apps.core.xlsx import as_bytes
from apps.hierarchy.models import Group
from apps.imports.meetings_format import COLUMNS
from apps.imports.models import HeldFile, PendingImport
from apps.meetings.figures import meeting_completeness
from apps.meetings.models import Meeting
from tests.conftest import TODAY, make_user
from tests.factories import HouseholdFactory, MeetingFactory
from tests.imports import records_files as files

pytestmark = pytest.mark.usefixtures("today")
UPLOAD = "/sinh-hoat/nhap/"
HEADER = list(COLUMNS.values())


def line(code, held_on, *, month="", attendees=20, households=8, themes="x", hamlet="", **more):
    """A meeting line in the template's column order."""
    values = {
        "commune": more.get("commune", ""),
        "hamlet": hamlet,
        "group_code": code,
        "month": month,
        "held_on": held_on,
        "attendees": attendees,
        "households": households,
        "theme_safety": themes,
        "theme_culture": more.get("culture", ""),
        "theme_study": "",
        "theme_farmers": "",
        "theme_defence": "",
        "overseer_attended": more.get("overseer", "có"),
        "minutes": more.get("minutes", "Phổ biến phòng chống trộm cắp."),
        "decisions": "",
    }
    return [values[key] for key in COLUMNS]


def workbook(rows: list[list], *, title: str = "") -> bytes:
    return files.workbook(HEADER, rows, title=title)


@pytest.fixture
def groups(world):
    """Group A (code A-01) and group B (code B-01), each with ten households."""
    world.a.group.code, world.b.group.code = "A-01", "B-01"
    for group in (world.a.group, world.b.group):
        group.save()
        HouseholdFactory.create_batch(10, group=group)
    return world


def _upload(client, data: bytes):
    return files.upload(client, UPLOAD, data, "sinh-hoat-2025.xlsx")


def _preview(client, data: bytes) -> tuple[str, str]:
    return files.preview(client, UPLOAD, data)


_error_rows = files.error_rows


def test_a_commune_official_imports_a_year_and_it_counts_as_held_but_late(
    client, groups, commune_a_official
):
    client.force_login(commune_a_official)
    rows = [line("A-01", datetime.date(2025, m, 10), month=f"{m}/2025") for m in range(1, 13)]
    url, page = _preview(client, workbook(rows, title="SINH HOẠT TỔ NĂM 2025"))
    assert not Meeting.objects.exists()  # the preview writes nothing
    assert "Xác nhận và nhập" in page and page.count("nhập muộn</span>") == 12
    response = client.post(f"{url}xac-nhan/")
    assert response.status_code == 302
    meetings = Meeting.objects.filter(group=groups.a.group)
    assert meetings.count() == 12
    march = meetings.get(month=datetime.date(2025, 3, 1))
    assert (march.held_on, march.attendees, march.households_represented) == (
        datetime.date(2025, 3, 10),
        20,
        8,
    )
    assert (march.households_total, march.recorded_on, march.recorded_by) == (
        10,
        TODAY,
        commune_a_official,
    )
    assert march.theme_safety and march.overseer_attended and march.entered_late
    assert march.history.count() == 1  # each imported meeting has its audit row
    figures = meeting_completeness(Group.objects.filter(pk=groups.a.group.pk), Month(2025, 3))
    assert (figures[None].with_meeting, figures[None].on_time) == (1, 0)
    assert not HeldFile.objects.exists()
    # Confirming again imports nothing more.
    client.post(f"{url}xac-nhan/")
    assert Meeting.objects.count() == 12


def test_a_month_still_open_imports_as_on_time(client, groups, commune_a_official):
    client.force_login(commune_a_official)
    url, page = _preview(client, workbook([line("A-01", datetime.date(2026, 11, 3))]))
    assert "nhập muộn</span>" not in page
    client.post(f"{url}xac-nhan/")
    assert not Meeting.objects.get().entered_late


def test_the_preview_lists_every_bad_line_and_nothing_is_written(
    client, groups, commune_a_official
):
    MeetingFactory(group=groups.a.group, month=datetime.date(2025, 2, 1))
    client.force_login(commune_a_official)
    rows = [
        line("A-01", datetime.date(2025, 1, 10)),  # line 2: good
        line("A-01", "05/02/2025"),  # 3: February already recorded
        line("A-01", datetime.date(2026, 12, 1)),  # 4: in the future
        line("A-01", datetime.date(2019, 2, 10)),  # 5: before the group became active
        line("A-01", datetime.date(2025, 4, 10), month="5/2025"),  # 6: month and day disagree
        line("A-01", datetime.date(2025, 6, 10), attendees=0, households=11),  # 7
        line("A-01", datetime.date(2025, 7, 10), themes=""),  # 8: no theme
        line("A-01", datetime.date(2025, 1, 20)),  # 9: January twice
        line("Z-99", datetime.date(2025, 8, 10)),  # 10: unknown group
        line("A-01", "hôm qua"),  # 11: not a day
    ]
    url, page = _preview(client, workbook(rows))
    assert _error_rows(page) == [
        ("3", "Tháng", "Biên bản sinh hoạt của Tổ Bình Thạnh tháng 02/2025 đã được ghi; việc "
         "nhập không ghi đè lên. Hãy sửa trên trang của buổi đó, hoặc bỏ dòng này."),
        ("4", "Ngày sinh hoạt", "Ngày họp không được sau ngày hôm nay."),
        ("5", "Ngày sinh hoạt", "Tổ Bình Thạnh chưa hoạt động vào ngày 10/02/2019."),
        ("6", "Tháng", "Ngày sinh hoạt 10/04/2025 không thuộc tháng 05/2025."),
        ("7", "Số người dự", "Hãy ghi một số nguyên từ 1 trở lên."),
        ("7", "Số hộ dự",
         "Tổ có 10 hộ vào ngày đó; số hộ dự họp không thể nhiều hơn."),
        ("8", "Tổ an toàn", "Hãy đánh dấu ít nhất một nội dung đã sinh hoạt."),
        ("9", "Tháng", "Dòng 2 của trang “Năm 2025” đã có buổi sinh hoạt của Tổ Bình Thạnh "
         "tháng 01/2025."),
        ("10", "Mã tổ", "Không có tổ mã Z-99 trong địa bàn bạn phụ trách."),
        ("11", "Ngày sinh hoạt", "Hãy ghi ngày sinh hoạt (ví dụ 10/03/2024)."),
    ]  # fmt: skip
    assert "Xác nhận và nhập" not in page
    assert Meeting.objects.count() == 1 and not HeldFile.objects.exists()
    assert client.post(f"{url}xac-nhan/").status_code == 302
    assert Meeting.objects.count() == 1


def test_an_official_cannot_import_into_another_communes_groups(client, groups, commune_a_official):
    client.force_login(commune_a_official)
    rows = [line("A-01", datetime.date(2025, 3, 10)), line("B-01", datetime.date(2025, 3, 10))]
    _url, page = _preview(client, workbook(rows))
    assert _error_rows(page) == [
        ("3", "Mã tổ", "Không có tổ mã B-01 trong địa bàn bạn phụ trách."),
    ]
    assert not Meeting.objects.exists()


def test_a_code_two_hamlets_share_needs_the_hamlet(client, groups, admin_user):
    groups.b.group.code = "A-01"
    groups.b.group.save()
    client.force_login(admin_user)
    _url, page = _preview(client, workbook([line("A-01", datetime.date(2025, 3, 10))]))
    assert "Nhiều tổ có mã A-01" in page
    rows = [line("A-01", datetime.date(2025, 3, 10), hamlet="Ấp Mỹ Hội")]
    url, page = _preview(client, workbook(rows))
    assert not _error_rows(page)
    client.post(f"{url}xac-nhan/")
    assert Meeting.objects.get().group == groups.b.group


def test_a_meeting_recorded_between_preview_and_confirm_stops_the_import(
    client, groups, commune_a_official
):
    client.force_login(commune_a_official)
    rows = [line("A-01", datetime.date(2025, m, 10)) for m in (3, 4)]
    url, _page = _preview(client, workbook(rows))
    MeetingFactory(group=groups.a.group, month=datetime.date(2025, 4, 1))
    response = client.post(f"{url}xac-nhan/")
    assert response.status_code == 302
    assert Meeting.objects.count() == 1  # all or nothing: March was not written either
    assert "đã được ghi; việc nhập không ghi đè lên" in client.get(url).content.decode()


def test_readers_and_outsiders_cannot_import_or_see_a_preview(
    client, groups, commune_a_official, steering_user, django_user_model
):
    client.force_login(commune_a_official)
    url, _page = _preview(client, workbook([line("A-01", datetime.date(2025, 3, 10))]))
    other = make_user(Scope.Role.COMMUNE, groups.b.commune)
    files.check_readers_and_outsiders_refused(client, UPLOAD, url, steering_user, other)
    assert not Meeting.objects.exists()


def test_a_file_without_the_header_is_refused(client, groups, commune_a_official):
    client.force_login(commune_a_official)
    book = openpyxl.Workbook()
    book.active.append(["Tên", "Tuổi"])
    response = _upload(client, as_bytes(book))
    assert response.status_code == 200
    assert "Không trang tính nào có dòng tiêu đề của tệp sinh hoạt tổ" in response.content.decode()
    assert not PendingImport.objects.exists()


def test_the_template_downloads_and_reads_back(client, groups, commune_a_official):
    client.force_login(commune_a_official)
    book = files.filled_template(client, UPLOAD, HEADER)
    book.active["G2"] = 9
    url, page = _preview(client, as_bytes(book))
    assert not _error_rows(page)
    client.post(f"{url}xac-nhan/")
    meeting = Meeting.objects.get()
    assert (meeting.month, meeting.held_on) == (
        datetime.date(2024, 3, 1),
        datetime.date(2024, 3, 10),
    )
    assert meeting.theme_safety and meeting.theme_culture and meeting.theme_defence


def test_the_preview_page_takes_the_same_queries_for_many_lines(
    client, groups, commune_a_official, django_assert_max_num_queries
):
    client.force_login(commune_a_official)
    rows = [line("A-01", datetime.date(2025, m, 10)) for m in range(1, 13)]
    url, _page = _preview(client, workbook(rows))
    with django_assert_max_num_queries(8):
        client.get(url)
    with django_assert_max_num_queries(8):
        client.get(f"{UPLOAD}")


def test_households_are_counted_as_the_group_had_them_on_the_day(
    client, groups, commune_a_official
):
    HouseholdFactory(group=groups.a.group, joined_on=datetime.date(2025, 6, 1))
    HouseholdFactory(group=groups.a.group, left_on=datetime.date(2025, 2, 1))
    client.force_login(commune_a_official)
    rows = [
        line("A-01", datetime.date(2025, 3, 10), households=10),  # 10 households then
        line("A-01", datetime.date(2025, 7, 10), households=11),  # 11 once one joined
        line("A-01", datetime.date(2025, 1, 10), households=11),  # 11 before one left
        line("A-01", datetime.date(2025, 4, 10), households=11),  # too many
    ]
    _url, page = _preview(client, workbook(rows))
    assert _error_rows(page) == [
        ("5", "Số hộ dự", "Tổ có 10 hộ vào ngày đó; số hộ dự họp không thể nhiều hơn.")
    ]
    rows.pop()
    url, _page = _preview(client, workbook(rows))
    client.post(f"{url}xac-nhan/")
    totals = dict(Meeting.objects.values_list("month__month", "households_total"))
    assert totals == {3: 10, 7: 11, 1: 11}
