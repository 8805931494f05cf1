"""Back-entry: an official records the meetings and outreach sessions of past months with
their real dates. A meeting recorded after its month's due day counts as held, never as
on time, and is marked "nhập muộn"; a future day or one outside the unit's life is
refused and writes nothing; a record of a past day keeps the place of that day."""

import datetime

import pytest
from django.contrib.messages import get_messages

from apps.accounts.models import Scope
from apps.core.periods import Month
from apps.hierarchy import reorganise
from apps.hierarchy.models import Group
from apps.meetings.figures import meeting_completeness
from apps.meetings.models import Meeting, OutreachSession
from tests.conftest import TODAY, make_user
from tests.factories import GroupFactory, MeetingFactory
from tests.meetings.conftest import meeting_data

pytestmark = pytest.mark.usefixtures("today", "households")

MARCH_2025 = Month(2025, 3)


def url(group, month: Month) -> str:
    return f"/sinh-hoat/to/{group.pk}/{month.year}/{month.month}/"


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_a_back_entered_month_counts_in_completeness_but_not_on_time(
    client, world, commune_a_official
):
    on_time_group = GroupFactory(hamlet=world.a.hamlet, name="Tổ Đúng Hạn")
    MeetingFactory(group=on_time_group, month=MARCH_2025.first_day)  # recorded on 12/03/2025
    client.force_login(commune_a_official)
    page = client.get(url(world.a.group, MARCH_2025)).content.decode()
    assert 'id="entered-late-notice"' in page
    response = client.post(url(world.a.group, MARCH_2025), meeting_data(held_on="2025-03-09"))
    assert response.status_code == 302
    meeting = Meeting.objects.get(group=world.a.group, month=MARCH_2025.first_day)
    assert (meeting.held_on, meeting.recorded_on) == (datetime.date(2025, 3, 9), TODAY)
    assert meeting.entered_late
    figures = meeting_completeness(Group.objects.filter(hamlet=world.a.hamlet), MARCH_2025)[None]
    assert (figures.active_groups, figures.with_meeting, figures.on_time) == (2, 2, 1)
    # Editing it later never makes it on time: the first recording day stays.
    client.post(
        url(world.a.group, MARCH_2025),
        meeting_data(held_on="2025-03-09", version="1", attendees="25"),
    )
    meeting.refresh_from_db()
    assert (meeting.attendees, meeting.recorded_on, meeting.entered_late) == (25, TODAY, True)


def test_the_month_list_and_the_meeting_page_mark_the_late_entry(
    client, world, commune_a_official, steering_user
):
    MeetingFactory(group=world.a.group, month=MARCH_2025.first_day, recorded_on=TODAY)
    client.force_login(commune_a_official)
    listing = client.get("/sinh-hoat/?thang=2025-03").content.decode()
    assert 'class="badge late">nhập muộn' in listing
    assert 'id="pick-month"' in listing and 'value="2025-03"' in listing
    client.force_login(steering_user)  # reads only: the meeting's own page
    detail = client.get(url(world.a.group, MARCH_2025)).content.decode()
    assert "nhập muộn" in detail and "18/11/2026" in detail


def test_a_meeting_recorded_in_time_carries_no_late_mark(client, world, steering_user):
    MeetingFactory(group=world.a.group, month=MARCH_2025.first_day)
    client.force_login(steering_user)
    assert "nhập muộn" not in client.get(url(world.a.group, MARCH_2025)).content.decode()


def test_the_month_picker_cannot_reach_the_future(client, world, commune_a_official):
    client.force_login(commune_a_official)
    page = client.get("/sinh-hoat/?thang=2027-02").content.decode()
    assert "Sinh hoạt tổ — tháng 11/2026" in page
    assert 'max="2026-11"' in page


def test_a_future_month_is_refused_and_nothing_written(client, world, commune_a_official):
    client.force_login(commune_a_official)
    response = client.post(url(world.a.group, Month(2026, 12)), meeting_data())
    assert response.status_code == 302
    assert _messages(response) == ["Chưa thể ghi biên bản cho tháng chưa bắt đầu."]
    assert not Meeting.objects.exists()


def test_a_future_day_of_the_current_month_is_refused(client, world, commune_a_official):
    client.force_login(commune_a_official)
    response = client.post(url(world.a.group, Month(2026, 11)), meeting_data(held_on="2026-11-25"))
    assert response.status_code == 200
    assert "Ngày họp không được sau ngày hôm nay." in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_month_before_the_group_was_active_is_refused(client, world, commune_a_official):
    client.force_login(commune_a_official)  # group A became active on 01/03/2019
    response = client.post(url(world.a.group, Month(2019, 1)), meeting_data(held_on="2019-01-10"))
    assert _messages(response) == ["Tổ Bình Thạnh không hoạt động trong tháng 01/2019."]
    assert not Meeting.objects.exists()


def test_a_back_entry_after_a_move_is_keyed_to_the_old_place(client, world, admin_user):
    """The hamlet moved to commune B on 01/01/2026; a meeting of 2025 entered now stays
    with commune A, where the group stood then."""
    reorganise.move(world.a.hamlet, to=world.b.commune, on=datetime.date(2026, 1, 1), by=admin_user)
    client.force_login(make_user(Scope.Role.COMMUNE, world.b.commune))  # writes it today
    response = client.post(url(world.a.group, MARCH_2025), meeting_data(held_on="2025-03-09"))
    assert response.status_code == 302
    meeting = Meeting.objects.get(group=world.a.group)
    assert (meeting.commune, meeting.hamlet) == (world.a.commune, world.a.hamlet)
    old_commune = Group.objects.filter(meetings__commune=world.a.commune)
    assert list(old_commune) == [world.a.group]
    # A meeting of a month after the move is keyed to the new commune.
    client.post(url(world.a.group, Month(2026, 2)), meeting_data(held_on="2026-02-09"))
    assert Meeting.objects.get(month=datetime.date(2026, 2, 1)).commune == world.b.commune


def _record_outreach(client, world, held_on: str):
    """Send the new outreach session page: a session of commune A held on `held_on`."""
    data = {
        "theme": "Phòng chống ma túy",
        "attendees": "60",
        "unit": f"commune:{world.a.commune.pk}",
        "held_on": held_on,
    }
    return client.post("/sinh-hoat/tuyen-truyen/moi/", data)


def test_an_outreach_session_is_entered_with_its_real_past_date(client, world, commune_a_official):
    client.force_login(commune_a_official)
    response = _record_outreach(client, world, "2021-05-14")
    assert response.status_code == 302
    session = OutreachSession.objects.get()
    assert (session.held_on, session.commune) == (datetime.date(2021, 5, 14), world.a.commune)
    assert (session.recorded_on, session.entered_late) == (TODAY, True)
    _record_outreach(client, world, "2026-11-02")
    assert not OutreachSession.objects.get(held_on=datetime.date(2026, 11, 2)).entered_late
    listing = client.get("/sinh-hoat/tuyen-truyen/").content.decode()
    assert listing.count(">nhập muộn</span>") == 1


def test_an_outreach_session_before_its_unit_began_is_refused(client, world, commune_a_official):
    world.a.commune.started_on = datetime.date(2017, 1, 1)
    world.a.commune.save()
    client.force_login(commune_a_official)
    response = _record_outreach(client, world, "2016-12-20")
    assert response.status_code == 200
    assert "Xã Bình Thạnh chưa thành lập vào ngày 20/12/2016." in response.content.decode()
    response = _record_outreach(client, world, "2026-12-01")
    assert "Ngày tổ chức không được sau ngày hôm nay." in response.content.decode()
    assert not OutreachSession.objects.exists()
