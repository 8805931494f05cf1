"""Recording a meeting through the form: validation in Vietnamese, nothing lost, no overwrite."""

import datetime

import pytest
from django.test import Client
from django.utils.html import escape

from apps.accounts.models import Scope
from apps.meetings.models import Meeting
from apps.petitions.models import Petition
from tests.conftest import make_user
from tests.factories import HouseholdFactory, MonthlyProgrammeFactory
from tests.meetings.conftest import meeting_data, november_meeting

pytestmark = pytest.mark.usefixtures("today", "households")


def url(group, year=2026, month=11) -> str:
    return f"/sinh-hoat/to/{group.pk}/{year}/{month}/"


def test_group_leader_records_the_month_with_two_petitions(client, world, group_a_leader):
    client.force_login(group_a_leader)
    assert client.get(url(world.a.group)).status_code == 200
    data = meeting_data(
        **{
            "petitions-TOTAL_FORMS": "2",
            "petitions-0-content": "Xin lắp đèn đường hẻm 3.",
            "petitions-0-category": "infrastructure",
            "petitions-1-content": "Đề nghị xử lý nhóm thanh niên tụ tập gây ồn.",
            "petitions-1-category": "security",
            "petitions-1-level": "commune",
            "petitions-1-citizen_name": "",
        }
    )
    response = client.post(url(world.a.group), data)
    assert response.status_code == 302
    assert response.url == "/sinh-hoat/?thang=2026-11"
    meeting = Meeting.objects.get(group=world.a.group, month=datetime.date(2026, 11, 1))
    assert meeting.themes == ["theme_safety", "theme_defence"]
    assert (meeting.households_represented, meeting.households_total) == (10, 12)
    assert meeting.recorded_on == datetime.date(2026, 11, 18)
    assert meeting.recorded_by == group_a_leader
    petitions = list(meeting.petitions.order_by("id"))
    assert [p.level for p in petitions] == ["group", "commune"]
    assert all(p.group == world.a.group and p.raised_on == meeting.held_on for p in petitions)
    # Due dates come from the level handling it: 15 days for a group, 30 for a commune.
    assert [p.due_on for p in petitions] == [
        datetime.date(2026, 11, 25),
        datetime.date(2026, 12, 10),
    ]
    assert all(p.state == Petition.State.RECEIVED for p in petitions)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"held_on": "2026-11-19"}, "Ngày họp không được sau ngày hôm nay."),
        (
            {"held_on": "2026-10-31"},
            "Ngày họp phải trong tháng 11/2026 (từ 01/11/2026 đến 30/11/2026).",
        ),
        ({"households_represented": "13"}, "Tổ có 12 hộ vào ngày đó"),
        (
            {"theme_safety": "", "theme_defence": ""},
            "Hãy đánh dấu ít nhất một nội dung đã sinh hoạt.",
        ),
        ({"attendees": "0"}, "Nhập số từ 1 trở lên."),
        ({"held_on": "31/02/2026"}, "Nhập một ngày hợp lệ."),
    ],
)
def test_invalid_meeting_comes_back_filled_in_with_a_vietnamese_message(
    client, world, group_a_leader, changes, message
):
    client.force_login(group_a_leader)
    data = meeting_data(
        **changes,
        **{"petitions-0-content": "Sửa cống thoát nước", "petitions-0-category": "infrastructure"},
    )
    response = client.post(url(world.a.group), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert escape(message) in page
    # Nothing typed is lost: the minutes and the petition are still in the form.
    assert escape(data["minutes"]) in page
    assert "Sửa cống thoát nước" in page
    assert not Meeting.objects.exists()
    assert not Petition.objects.exists()


def test_a_petition_without_category_is_refused_and_nothing_saved(client, world, group_a_leader):
    client.force_login(group_a_leader)
    response = client.post(
        url(world.a.group), meeting_data(**{"petitions-0-content": "Xin hỗ trợ"})
    )
    assert response.status_code == 200
    assert "Trường này là bắt buộc." in response.content.decode()
    assert not Meeting.objects.exists()


def test_the_household_limit_is_the_group_on_the_day_held(client, world, group_a_leader):
    HouseholdFactory(group=world.a.group, joined_on=datetime.date(2026, 11, 15))
    HouseholdFactory(group=world.a.group, left_on=datetime.date(2026, 11, 5))
    client.force_login(group_a_leader)
    # On 10/11: the 12 households, plus the one that left on 5/11 no longer, the newcomer not yet.
    response = client.post(url(world.a.group), meeting_data(households_represented="13"))
    assert response.status_code == 200
    response = client.post(
        url(world.a.group), meeting_data(held_on="2026-11-16", households_represented="13")
    )
    assert response.status_code == 302
    assert Meeting.objects.get().households_total == 13


def test_second_editor_is_refused_and_told_who_changed_it(
    world, commune_a_official, group_a_leader
):
    meeting = november_meeting(world.a.group)
    leader, official = Client(), Client()
    leader.force_login(group_a_leader)
    official.force_login(commune_a_official)
    # Both open the form at version 1.
    assert 'name="version" value="1"' in leader.get(url(world.a.group)).content.decode()
    assert 'name="version" value="1"' in official.get(url(world.a.group)).content.decode()
    first = leader.post(url(world.a.group), meeting_data(version="1", minutes="Bản của tổ trưởng."))
    assert first.status_code == 302
    second = official.post(
        url(world.a.group), meeting_data(version="1", minutes="Bản của cán bộ xã.")
    )
    assert second.status_code == 200
    page = second.content.decode()
    assert "Có người khác vừa sửa biên bản này" in page
    assert group_a_leader.username in page
    assert "Bản của cán bộ xã." in page  # what the official typed is kept in the form
    meeting.refresh_from_db()
    assert (meeting.minutes, meeting.version) == ("Bản của tổ trưởng.", 2)
    # Saving again, having seen the other version, is a deliberate replacement.
    assert 'name="version" value="2"' in page
    third = official.post(
        url(world.a.group), meeting_data(version="2", minutes="Bản của cán bộ xã.")
    )
    assert third.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.minutes, meeting.version, meeting.updated_by) == (
        "Bản của cán bộ xã.",
        3,
        commune_a_official,
    )
    # One audit row for the creation and one per accepted save; none for the refused one.
    assert meeting.history.count() == 3


def test_a_meeting_recorded_meanwhile_is_a_clear_message_not_an_error(
    client, world, group_a_leader
):
    client.force_login(group_a_leader)
    client.get(url(world.a.group))
    november_meeting(world.a.group)
    response = client.post(url(world.a.group), meeting_data())
    assert response.status_code == 200
    assert "Có người khác vừa sửa biên bản này" in response.content.decode()
    assert Meeting.objects.count() == 1


def test_the_commune_programme_shows_and_prefills_the_themes(client, world, group_a_leader):
    MonthlyProgrammeFactory(
        commune=world.a.commune,
        month=datetime.date(2026, 11, 1),
        theme_safety=False,
        theme_culture=True,
        theme_defence=True,
        talking_points="Tuyên truyền Luật Phòng, chống ma túy.",
    )
    MonthlyProgrammeFactory(
        commune=world.b.commune, month=datetime.date(2026, 11, 1), talking_points="Của xã khác"
    )
    client.force_login(group_a_leader)
    page = client.get(url(world.a.group)).content.decode()
    assert "Tuyên truyền Luật Phòng, chống ma túy." in page
    assert "Của xã khác" not in page
    assert 'name="theme_culture" id="id_theme_culture" checked' in page
    assert 'name="theme_defence" id="id_theme_defence" checked' in page
    assert 'name="theme_safety" id="id_theme_safety">' in page


def test_future_month_and_inactive_group_cannot_be_recorded(client, world, group_a_leader):
    client.force_login(group_a_leader)
    response = client.get(url(world.a.group, 2026, 12), follow=True)
    assert "Chưa thể ghi biên bản cho tháng chưa bắt đầu." in response.content.decode()
    world.a.group.activated_on = datetime.date(2026, 11, 20)
    world.a.group.save()
    response = client.get(url(world.a.group, 2026, 10), follow=True)
    assert "không hoạt động trong tháng 10/2026" in response.content.decode()


def test_outsiders_and_readers(client, world, group_a_leader, steering_user):
    client.force_login(group_a_leader)
    assert client.get(url(world.b.group)).status_code == 404
    assert client.post(url(world.b.group), meeting_data()).status_code == 404
    assert client.get(f"/sinh-hoat/to/{world.a.group.pk}/2026/13/").status_code == 404
    client.force_login(steering_user)
    response = client.get(url(world.a.group))
    assert response.status_code == 200
    assert "Chưa ghi biên bản buổi sinh hoạt này." in response.content.decode()
    assert client.post(url(world.a.group), meeting_data()).status_code == 403
    hamlet_b = make_user(Scope.Role.HAMLET, world.b.hamlet)
    client.force_login(hamlet_b)
    assert client.get(url(world.a.group)).status_code == 404
    assert not Meeting.objects.exists()


def test_user_text_is_escaped(client, world, group_a_leader):
    client.force_login(group_a_leader)
    client.post(url(world.a.group), meeting_data(minutes="<script>alert(1)</script>"))
    page = client.get(url(world.a.group)).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_change_in_the_admin_refuses_a_page_still_on_the_old_version(
    client, world, superuser, group_a_leader
):
    meeting = november_meeting(world.a.group)
    client.force_login(superuser)
    change = f"/admin/meetings/meeting/{meeting.pk}/change/"
    page = client.get(change)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        group=world.a.group.pk,
        month="01/11/2026",
        held_on="08/11/2026",
        minutes="Sửa ở trang quản trị.",
        **{"petitions-TOTAL_FORMS": "0", "petitions-INITIAL_FORMS": "0"},
    )
    assert client.post(change, data).status_code == 302
    meeting.refresh_from_db()
    assert (meeting.minutes, meeting.version) == ("Sửa ở trang quản trị.", 2)
    leader = Client()
    leader.force_login(group_a_leader)
    response = leader.post(url(world.a.group), meeting_data(version="1"))
    assert "Có người khác vừa sửa biên bản này" in response.content.decode()
    assert client.get("/admin/meetings/meeting/add/").status_code == 403
