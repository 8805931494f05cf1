"""The approval pages: a commune official reviews and approves a month; the district sees
which communes approved which month; unlocking is for the approver's level or above."""

import pytest

from apps.accounts.models import Scope
from apps.approvals.models import MonthApproval, YearApproval
from tests.approvals.conftest import OCTOBER
from tests.conftest import make_user
from tests.factories import CommuneFactory, GroupFactory, HamletFactory, MeetingFactory

pytestmark = pytest.mark.usefixtures("today")
MONTH_PAGE = "/duyet/xa/{}/2026/10/"


def test_a_commune_official_approves_a_month_giving_the_reason_for_missing_meetings(
    client, world, commune_a_official
):
    client.force_login(commune_a_official)
    url = MONTH_PAGE.format(world.a.commune.pk)
    page = client.get(url).content.decode()
    assert "1 tổ chưa có sinh hoạt: ghi lý do trước khi duyệt." in page
    assert 'id="approve-form"' in page
    response = client.post(url, {"reason": ""})
    assert "1 tổ chưa có sinh hoạt tháng 10/2026: ghi lý do trước khi duyệt." in (
        response.content.decode()
    )
    assert not MonthApproval.objects.exists()
    response = client.post(url, {"reason": "Tổ giải thể giữa tháng"})
    assert response.status_code == 302 and response.url == url
    approval = MonthApproval.objects.get()
    assert (approval.commune, approval.hamlet, approval.month) == (
        world.a.commune,
        None,
        OCTOBER.first_day,
    )
    page = client.get(url).content.decode()
    assert 'id="approve-form"' not in page and 'id="unlock-form"' in page
    assert "Tổ giải thể giữa tháng" in page


def test_the_month_page_lists_the_groups_meetings(client, world, commune_a_official):
    second = GroupFactory(hamlet=world.a.hamlet, name="Tổ Hai")
    MeetingFactory(group=second, month=OCTOBER.first_day)
    client.force_login(commune_a_official)
    page = client.get(MONTH_PAGE.format(world.a.commune.pk)).content.decode()
    assert "Tổ Hai" in page and world.a.group.name in page
    assert page.count('<span class="badge late">chưa có</span>') == 1


def test_unlocking_is_for_the_approvers_level_or_above(
    client, world, commune_a_official, admin_user, steering_user
):
    client.force_login(commune_a_official)
    client.post(MONTH_PAGE.format(world.a.commune.pk), {"reason": "Bão lũ"})
    approval = MonthApproval.objects.get()
    unlock_url = f"/duyet/mo-khoa/{approval.pk}/"
    for user in (
        make_user(Scope.Role.HAMLET, world.a.hamlet),
        make_user(Scope.Role.GROUP_LEADER, world.a.group),
        steering_user,
        make_user(Scope.Role.COMMUNE, world.b.commune),
    ):
        client.force_login(user)
        assert client.post(unlock_url, {"unlock_reason": "x"}).status_code in (403, 404)
    approval.refresh_from_db()
    assert approval.is_locked
    client.force_login(admin_user)
    client.post(unlock_url, {"unlock_reason": ""})
    approval.refresh_from_db()
    assert approval.is_locked  # a reason is required
    client.post(unlock_url, {"unlock_reason": "Xã xin sửa biên bản tổ 3"})
    approval.refresh_from_db()
    assert (approval.unlocked_by, approval.unlock_reason) == (
        admin_user,
        "Xã xin sửa biên bản tổ 3",
    )


@pytest.mark.parametrize("role", ["group_leader", "steering", "hamlet"])
def test_only_the_communes_officials_and_administrators_approve_its_month(client, world, role):
    unit = {"steering": world.district, "hamlet": world.a.hamlet}.get(role, world.a.group)
    client.force_login(make_user(role, unit))
    response = client.post(MONTH_PAGE.format(world.a.commune.pk), {"reason": "Bão lũ"})
    assert response.status_code in (403, 404)
    assert not MonthApproval.objects.exists()


def test_a_hamlet_official_approves_the_hamlet_before_the_commune(
    client, world, commune_a_official
):
    client.force_login(make_user(Scope.Role.HAMLET, world.a.hamlet))
    url = f"/duyet/ap/{world.a.hamlet.pk}/2026/10/"
    assert client.post(url, {"reason": "Bão lũ"}).status_code == 302
    assert MonthApproval.objects.get().hamlet == world.a.hamlet
    client.force_login(commune_a_official)
    page = client.get(MONTH_PAGE.format(world.a.commune.pk)).content.decode()
    assert 'id="hamlet-approvals"' in page and "đã duyệt" in page


def test_the_district_sees_which_communes_approved_which_month(
    client, world, commune_a_official, steering_user, django_assert_max_num_queries
):
    for n in range(8):  # more communes cost no more queries
        HamletFactory(commune=CommuneFactory(district=world.district, name=f"Xã Thêm {n}"))
    client.force_login(commune_a_official)
    client.post(MONTH_PAGE.format(world.a.commune.pk), {"reason": "Bão lũ"})
    client.force_login(steering_user)
    with django_assert_max_num_queries(8):
        page = client.get("/duyet/").content.decode()
    table = page.split('id="commune-approvals"')[1].split("</table>")[0]
    assert table.count("<tr>") == 11  # the header and ten communes
    row_a = table.split(world.a.commune.name)[1].split("</tr>")[0]
    row_b = table.split(world.b.commune.name)[1].split("</tr>")[0]
    assert row_a.count("đã duyệt") == 1 and row_b.count("đã duyệt") == 0
    assert "10/2026" in table and "05/2026" in table
    # The steering committee reads a month's page but cannot approve it.
    page = client.get(MONTH_PAGE.format(world.a.commune.pk)).content.decode()
    assert 'id="approve-form"' not in page and 'id="unlock-form"' not in page


def test_a_commune_official_approves_the_year(client, world, commune_a_official):
    client.force_login(commune_a_official)
    url = f"/duyet/nam/{world.a.commune.pk}/2025/"
    assert 'id="approve-form"' in client.get(url).content.decode()
    assert client.post(url, {"reason": ""}).status_code == 302
    approval = YearApproval.objects.get()
    client.post(f"/duyet/nam/mo-khoa/{approval.pk}/", {"unlock_reason": "Sửa bình xét tổ 2"})
    approval.refresh_from_db()
    assert not approval.is_locked
    assert client.get(f"/duyet/nam/{world.b.commune.pk}/2025/").status_code == 404
