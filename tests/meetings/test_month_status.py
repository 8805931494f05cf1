"""The start page of officials and group leaders: the month's status of their groups."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.accounts.models import Scope
from apps.hierarchy.models import Group
from tests.conftest import make_user
from tests.factories import GroupFactory, HamletFactory, MeetingFactory

pytestmark = pytest.mark.usefixtures("today")

OCT = datetime.date(2026, 10, 1)  # past due on 18/11 (due 05/11)
NOV = datetime.date(2026, 11, 1)  # the current month: nothing is late yet


@pytest.fixture
def hamlet_groups(world):
    """Commune A's hamlet with hand-counted groups, by name:

    on time   — met in October and November, recorded in time
    late rec. — met in October, recorded on 07/11 (after the due date 05/11)
    missing   — no meeting at all
    new       — became active on 20/10, no meeting
    dissolved — dissolved on 30/09: not active in October or November
    planned   — never active
    plus the world's own group A ("Tổ Bình Thạnh"), with no meeting.
    """
    hamlet = world.a.hamlet
    on_time = GroupFactory(hamlet=hamlet, name="on time")
    late = GroupFactory(hamlet=hamlet, name="late rec.")
    GroupFactory(hamlet=hamlet, name="missing")
    GroupFactory(hamlet=hamlet, name="new", activated_on=datetime.date(2026, 10, 20))
    GroupFactory(
        hamlet=hamlet,
        name="dissolved",
        status=Group.Status.DISSOLVED,
        dissolved_on=datetime.date(2026, 9, 30),
    )
    GroupFactory(hamlet=hamlet, name="planned", status=Group.Status.PLANNED, activated_on=None)
    MeetingFactory(group=on_time, month=OCT, recorded_on=datetime.date(2026, 11, 5))
    MeetingFactory(group=on_time, month=NOV, recorded_on=datetime.date(2026, 11, 12))
    MeetingFactory(group=late, month=OCT, recorded_on=datetime.date(2026, 11, 7))
    return hamlet


def _tally(page: str) -> dict[str, int]:
    return {
        label: int(number)
        for number, label in re.findall(r"<strong>(\d+)</strong> (đã ghi|chưa ghi|trễ hạn)", page)
    }


def _rows(page: str) -> list[str]:
    return re.findall(r"<strong>([^<]+)</strong> <span class=\"muted\">", page)


def test_past_month_counts_recorded_and_late(client, world, hamlet_groups, commune_a_official):
    client.force_login(commune_a_official)
    page = client.get("/sinh-hoat/?thang=2026-10").content.decode()
    # Active in October: on time, late rec., missing, new, Tổ Bình Thạnh = 5; 2 recorded.
    assert _tally(page) == {"đã ghi": 2, "trễ hạn": 3}
    assert "40,00 %" in page
    assert sorted(_rows(page)) == sorted(
        ["on time", "late rec.", "missing", "new", "Tổ Bình Thạnh"]
    )
    assert page.count('class="badge recorded"') == 2
    assert page.count('class="badge late">nhập muộn') == 1


def test_current_month_counts_not_yet_recorded(client, world, hamlet_groups, commune_a_official):
    client.force_login(commune_a_official)
    page = client.get("/sinh-hoat/").content.decode()
    assert _tally(page) == {"đã ghi": 1, "chưa ghi": 4}
    assert 'href="/sinh-hoat/to/' in page
    assert "?thang=2026-12" not in page  # no link to a month that has not started


def test_hamlet_filter_and_outsiders(client, world, hamlet_groups, commune_a_official):
    other_hamlet = HamletFactory(commune=world.a.commune, name="Ấp Hai")
    GroupFactory(hamlet=other_hamlet, name="far")
    client.force_login(commune_a_official)
    page = client.get("/sinh-hoat/?thang=2026-10").content.decode()
    assert "far" in _rows(page)
    assert "Tổ Mỹ Hội" not in page  # commune B's group
    page = client.get(f"/sinh-hoat/?thang=2026-10&ap={other_hamlet.pk}").content.decode()
    assert _rows(page) == ["far"]
    # Someone else's hamlet id is ignored, not an error and not a leak.
    page = client.get(f"/sinh-hoat/?thang=2026-10&ap={world.b.hamlet.pk}").content.decode()
    assert "Tổ Mỹ Hội" not in page


def test_group_leader_sees_only_their_group(client, world, hamlet_groups, group_a_leader):
    client.force_login(group_a_leader)
    page = client.get("/sinh-hoat/").content.decode()
    assert _rows(page) == ["Tổ Bình Thạnh"]
    assert _tally(page) == {"đã ghi": 0, "chưa ghi": 1}
    assert "Ghi biên bản" in page


def test_officials_start_on_this_page_and_the_steering_committee_does_not(
    client, commune_a_official, steering_user, group_a_leader
):
    for user in (commune_a_official, group_a_leader):
        client.force_login(user)
        assert client.get("/").url == "/sinh-hoat/"
    client.force_login(steering_user)
    assert client.get("/").status_code == 200


def test_unreadable_month_falls_back_to_this_month(client, world, commune_a_official):
    client.force_login(commune_a_official)
    assert (
        "Sinh hoạt tổ — tháng 11/2026" in client.get("/sinh-hoat/?thang=2026-99").content.decode()
    )
    assert (
        "Sinh hoạt tổ — tháng 11/2026" in client.get("/sinh-hoat/?thang=2030-01").content.decode()
    )


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_groups(client, world):
    official = make_user(Scope.Role.COMMUNE, world.a.commune)
    GroupFactory(hamlet=HamletFactory(commune=world.a.commune))  # two hamlets: a table by hamlet
    client.force_login(official)
    small = _queries(client, "/sinh-hoat/?thang=2026-10")
    for n in range(38):
        group = GroupFactory(
            hamlet=world.a.hamlet if n % 2 else HamletFactory(commune=world.a.commune)
        )
        if n % 3:
            MeetingFactory(group=group, month=OCT)
    assert _queries(client, "/sinh-hoat/?thang=2026-10") == small
    assert small <= 11  # session, user, scopes, hamlets, tally, by hamlet, count, page, savepoints


def test_completeness_by_unit_for_a_district_wide_user(client, world, hamlet_groups, steering_user):
    MeetingFactory(group=world.b.group, month=OCT, recorded_on=datetime.date(2026, 11, 2))
    client.force_login(steering_user)
    page = client.get("/sinh-hoat/?thang=2026-10").content.decode()
    # Commune A: 2 of its 5 active groups met, 1 of them on time; commune B: 1 of 1, on time.
    assert re.search(
        r"<td>Xã Bình Thạnh</td><td>2/5 \(40,00 %\)</td><td>1/2 \(50,00 %\)</td>", page
    )
    assert re.search(r"<td>Xã Mỹ Hội</td><td>1/1 \(100,00 %\)</td><td>1/1 \(100,00 %\)</td>", page)
    assert "Ghi biên bản" not in page and "Xem" in page  # the steering committee only reads
