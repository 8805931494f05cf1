"""The start pages list the user's own reminders; each user chooses their channels."""

import datetime

import pytest
from django.utils import timezone

from apps.notices.models import Notice, Preferences, Rule
from apps.notices.services import send_reminders
from tests.factories import GroupRoleFactory
from tests.notices.conftest import at


def _notice(user, group, **fields) -> Notice:
    return Notice.objects.create(
        user=user,
        rule=fields.pop("rule", Rule.MEETING_MISSING),
        subject=f"group:{group.pk}",
        period=fields.pop("period", datetime.date(2026, 11, 1)),
        facts={"group": group.name},
        created_at=fields.pop("created_at", timezone.now()),
        **fields,
    )


def test_the_start_page_lists_the_users_own_reminders(
    client, world, people, django_assert_max_num_queries
):
    _notice(people.steering, world.a.group)
    _notice(people.steering, world.b.group, rule=Rule.MEETING_LATE)
    _notice(people.admin, world.b.group, period=datetime.date(2026, 10, 1))
    now = timezone.now()
    _notice(people.steering, world.a.group, period=datetime.date(2026, 9, 1), dismissed_at=now)
    old = now - datetime.timedelta(days=40)
    _notice(people.steering, world.a.group, period=datetime.date(2026, 8, 1), created_at=old)
    client.force_login(people.steering)
    with django_assert_max_num_queries(7):  # one for the reminders
        page = client.get("/").content.decode()
    assert "Tổ Bình Thạnh chưa ghi sinh hoạt tháng 11/2026." in page
    assert "Tổ Mỹ Hội: sinh hoạt tháng 11/2026 đã trễ hạn (hạn ngày 05/12/2026)." in page
    assert "/sinh-hoat/?thang=2026-11" in page
    assert "10/2026" not in page  # the administrator's
    assert "09/2026" not in page  # dismissed
    assert "08/2026" not in page  # older than a month


def test_the_start_page_says_when_there_is_nothing(client, people):
    client.force_login(people.steering)
    assert "Không có nhắc việc nào." in client.get("/").content.decode()


def test_a_group_leader_sees_reminders_on_the_month_page(
    client, world, people, django_assert_max_num_queries
):
    _notice(people.leader_a, world.a.group)
    client.force_login(people.leader_a)
    with django_assert_max_num_queries(10):  # one for the reminders
        page = client.get("/sinh-hoat/").content.decode()
    assert "Tổ Bình Thạnh chưa ghi sinh hoạt tháng 11/2026." in page
    client.force_login(people.leader_b)
    page = client.get("/sinh-hoat/").content.decode()
    assert "Nhắc việc" not in page  # nothing to list: no panel at all


def test_a_user_hides_their_own_reminder_but_not_anothers(client, world, people):
    own = _notice(people.leader_a, world.a.group)
    other = _notice(people.leader_b, world.b.group)
    client.force_login(people.leader_a)
    response = client.post("/nhac-viec/an/", {"notice": other.pk, "next": "/sinh-hoat/"})
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.dismissed_at is None
    response = client.post("/nhac-viec/an/", {"notice": own.pk, "next": "https://evil.example/"})
    assert response.url == "/"
    own.refresh_from_db()
    assert own.dismissed_at is not None
    assert client.get("/nhac-viec/an/").status_code == 405


def test_the_pages_need_a_login(client, db):
    for url in ("/nhac-viec/", "/nhac-viec/an/"):
        response = client.post(url)
        assert response.status_code == 302
        assert response.url.startswith("/dang-nhap/")


def test_a_user_chooses_email_and_sms(client, people, django_assert_max_num_queries):
    client.force_login(people.hamlet_a)
    with django_assert_max_num_queries(8):
        page = client.get("/nhac-viec/").content.decode()
    assert "Không gửi email, SMS từ 21:00 đến 07:00" in page
    response = client.post(
        "/nhac-viec/",
        {"by_email": "on", "email": "ap-a@example.vn", "by_sms": "on", "phone": "0912 345 678"},
    )
    assert response.status_code == 302
    chosen = Preferences.objects.get(user=people.hamlet_a)
    assert (chosen.by_email, chosen.by_sms, chosen.phone) == (True, True, "0912 345 678")
    people.hamlet_a.refresh_from_db()
    assert people.hamlet_a.email == "ap-a@example.vn"
    client.post("/nhac-viec/", {"email": "ap-a@example.vn", "phone": ""})
    chosen.refresh_from_db()
    assert (chosen.by_email, chosen.by_sms) == (False, False)


@pytest.mark.parametrize(
    ("posted", "message"),
    [
        ({"by_email": "on", "email": ""}, "Nhập địa chỉ email để nhận nhắc việc."),
        ({"by_sms": "on", "phone": ""}, "Nhập số điện thoại để nhận nhắc việc qua SMS."),
        ({"by_sms": "on", "phone": "12ab"}, "Nhập số điện thoại gồm 8 đến 15 chữ số"),
    ],
)
def test_a_channel_without_an_address_is_refused_and_nothing_is_saved(
    client, people, posted, message
):
    client.force_login(people.hamlet_a)
    response = client.post("/nhac-viec/", posted)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert not Preferences.objects.filter(user=people.hamlet_a).exists()


def test_a_group_leader_may_use_the_number_on_the_roster(client, world, people):
    GroupRoleFactory(group=world.a.group, person__phone="0987 654 321")
    client.force_login(people.leader_a)
    page = client.get("/nhac-viec/").content.decode()
    assert "0987 654 321" in page
    response = client.post("/nhac-viec/", {"by_sms": "on", "phone": ""})
    assert response.status_code == 302
    assert Preferences.objects.get(user=people.leader_a).by_sms


def test_approval_reminders_lead_to_the_approval_pages(client, world, people):
    """The commune official's reminder opens that commune's approval of the month; the
    district's opens the table of the communes' approvals."""
    send_reminders(at(datetime.date(2026, 12, 11)))
    approval = f"/duyet/xa/{world.a.commune.pk}/2026/11/"
    client.force_login(people.commune_a)
    page = client.get("/", follow=True).content.decode()
    assert "Xã Bình Thạnh: sinh hoạt tháng 11/2026 đang chờ đồng chí duyệt." in page
    assert f'href="{approval}"' in page
    assert f"/duyet/xa/{world.b.commune.pk}/" not in page
    assert client.get(approval).status_code == 200
    client.force_login(people.steering)
    page = client.get("/", follow=True).content.decode()
    assert "chưa duyệt tháng 11/2026" in page and 'href="/duyet/"' in page
    assert client.get("/duyet/").status_code == 200
