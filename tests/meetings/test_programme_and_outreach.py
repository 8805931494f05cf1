"""The commune's monthly programme and outreach sessions at any level."""

import datetime

import pytest

from apps.accounts.models import Scope
from apps.meetings.models import MonthlyProgramme, OutreachSession
from tests.conftest import make_user
from tests.factories import GroupFactory, OutreachSessionFactory

pytestmark = pytest.mark.usefixtures("today")

PROGRAMME = {
    "themes": ["theme_safety", "theme_defence"],
    "talking_points": "Phòng chống lừa đảo qua mạng; diễn tập phòng cháy.",
}


def test_commune_official_publishes_and_every_group_of_the_commune_sees_it(
    client, world, commune_a_official, group_a_leader
):
    client.force_login(commune_a_official)
    url = f"/sinh-hoat/chuong-trinh/{world.a.commune.pk}/2026/11/"
    assert client.get("/sinh-hoat/chuong-trinh/").status_code == 200
    response = client.post(url, PROGRAMME)
    assert response.status_code == 302
    programme = MonthlyProgramme.objects.get()
    assert programme.themes == ["theme_safety", "theme_defence"]
    assert programme.published_by == commune_a_official
    # Publishing again replaces it rather than adding a second one.
    client.post(url, {**PROGRAMME, "talking_points": "Bản sửa."})
    assert MonthlyProgramme.objects.get().talking_points == "Bản sửa."
    client.force_login(group_a_leader)
    page = client.get(f"/sinh-hoat/to/{world.a.group.pk}/2026/11/").content.decode()
    assert "Bản sửa." in page
    second_group = GroupFactory(hamlet=world.a.hamlet)
    leader_two = make_user(Scope.Role.GROUP_LEADER, second_group)
    client.force_login(leader_two)
    assert "Bản sửa." in client.get(f"/sinh-hoat/to/{second_group.pk}/2026/11/").content.decode()


def test_programme_needs_a_theme_and_text(client, world, commune_a_official):
    client.force_login(commune_a_official)
    response = client.post(f"/sinh-hoat/chuong-trinh/{world.a.commune.pk}/2026/11/", {})
    page = response.content.decode()
    assert "Hãy đánh dấu ít nhất một nội dung đã sinh hoạt." in page
    assert "Trường này là bắt buộc." in page
    assert not MonthlyProgramme.objects.exists()


def test_only_the_communes_officials_publish(client, world, commune_a_official, group_a_leader):
    hamlet_official = make_user(Scope.Role.HAMLET, world.a.hamlet)
    url = f"/sinh-hoat/chuong-trinh/{world.a.commune.pk}/2026/11/"
    client.force_login(hamlet_official)
    assert (
        client.post(url, PROGRAMME).status_code == 404
    )  # a hamlet official cannot see the commune
    client.force_login(commune_a_official)
    other = f"/sinh-hoat/chuong-trinh/{world.b.commune.pk}/2026/11/"
    assert client.post(other, PROGRAMME).status_code == 404
    assert not MonthlyProgramme.objects.exists()


def test_commune_official_records_a_hamlet_session(client, world, commune_a_official):
    client.force_login(commune_a_official)
    page = client.get("/sinh-hoat/tuyen-truyen/moi/").content.decode()
    assert f"hamlet:{world.a.hamlet.pk}" in page
    assert f"hamlet:{world.b.hamlet.pk}" not in page
    response = client.post(
        "/sinh-hoat/tuyen-truyen/moi/",
        {
            "unit": f"hamlet:{world.a.hamlet.pk}",
            "held_on": "2026-11-12",
            "theme": "Phòng chống ma túy học đường",
            "attendees": "85",
            "notes": "",
        },
    )
    assert response.status_code == 302
    session = OutreachSession.objects.get()
    assert (session.district, session.commune, session.hamlet, session.group) == (
        world.district,
        world.a.commune,
        world.a.hamlet,
        None,
    )
    assert "Phòng chống ma túy học đường" in client.get("/sinh-hoat/tuyen-truyen/").content.decode()


def test_outreach_refuses_other_units_future_dates_and_readers(
    client, world, commune_a_official, steering_user, group_a_leader
):
    client.force_login(commune_a_official)
    data = {"held_on": "2026-11-12", "theme": "An toàn giao thông", "attendees": "40"}
    response = client.post(
        "/sinh-hoat/tuyen-truyen/moi/", {**data, "unit": f"commune:{world.b.commune.pk}"}
    )
    assert response.status_code == 200  # not a choice: a form error
    response = client.post(
        "/sinh-hoat/tuyen-truyen/moi/",
        {**data, "unit": f"commune:{world.a.commune.pk}", "held_on": "2026-11-19"},
    )
    assert "Ngày tổ chức không được sau ngày hôm nay." in response.content.decode()
    client.force_login(steering_user)
    assert client.get("/sinh-hoat/tuyen-truyen/moi/").status_code == 403
    client.force_login(group_a_leader)
    page = client.get("/sinh-hoat/tuyen-truyen/moi/").content.decode()
    assert f"group:{world.a.group.pk}" in page and "hamlet:" not in page
    assert not OutreachSession.objects.exists()


def test_deleting_a_session_asks_first(client, world, commune_a_official):
    session = OutreachSessionFactory(unit=world.a.hamlet)
    other = OutreachSessionFactory(unit=world.b.hamlet)
    client.force_login(commune_a_official)
    url = f"/sinh-hoat/tuyen-truyen/{session.pk}/xoa/"
    assert "Xóa buổi tuyên truyền này?" in client.get(url).content.decode()
    assert OutreachSession.objects.filter(pk=session.pk).exists()
    assert client.post(url).status_code == 302
    assert not OutreachSession.objects.filter(pk=session.pk).exists()
    assert client.post(f"/sinh-hoat/tuyen-truyen/{other.pk}/xoa/").status_code == 404
    assert OutreachSession.objects.filter(pk=other.pk).exists()


def test_sessions_are_listed_by_scope(client, world, group_a_leader):
    OutreachSessionFactory(unit=world.a.group, theme="Của tổ A", held_on=datetime.date(2026, 11, 2))
    OutreachSessionFactory(unit=world.a.commune, theme="Của xã A")
    OutreachSessionFactory(unit=world.b.group, theme="Của tổ B")
    client.force_login(group_a_leader)
    page = client.get("/sinh-hoat/tuyen-truyen/").content.decode()
    assert "Của tổ A" in page and "Của tổ B" not in page and "Của xã A" not in page
