"""Meeting completeness and timeliness per unit and month, computed by the database."""

import datetime
from dataclasses import astuple

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.core.periods import Month
from apps.core.shares import Share
from apps.hierarchy.models import Group
from apps.meetings.figures import (
    completeness_by_month,
    meeting_completeness,
    meeting_completeness_over,
    meetings_summed_over,
)
from tests.factories import GroupFactory, HamletFactory, MeetingFactory

OCT = Month(2026, 10)


@pytest.fixture
def district(world):
    """Commune A: 4 active groups in October (one from 31/10, one dissolved 01/10), 3 met,
    2 on time (recorded 05/11 and 20/10), 1 late (06/11). A group dissolved on 30/09 and
    a planned group do not count. Commune B: its one group, no meeting.
    A second hamlet in commune A has no group at all."""
    hamlet = world.a.hamlet
    last_day = GroupFactory(hamlet=hamlet, activated_on=datetime.date(2026, 10, 31))
    dissolved_in = GroupFactory(
        hamlet=hamlet, status=Group.Status.DISSOLVED, dissolved_on=datetime.date(2026, 10, 1)
    )
    GroupFactory(
        hamlet=hamlet, status=Group.Status.DISSOLVED, dissolved_on=datetime.date(2026, 9, 30)
    )
    GroupFactory(hamlet=hamlet, status=Group.Status.PLANNED, activated_on=None)
    HamletFactory(commune=world.a.commune)
    month = OCT.first_day
    MeetingFactory(group=world.a.group, month=month, recorded_on=datetime.date(2026, 11, 5))
    MeetingFactory(
        group=last_day,
        month=month,
        held_on=datetime.date(2026, 10, 31),
        recorded_on=datetime.date(2026, 10, 20),
    )
    MeetingFactory(
        group=dissolved_in,
        month=month,
        held_on=datetime.date(2026, 10, 1),
        recorded_on=datetime.date(2026, 11, 6),
    )
    # A September meeting of group A must not count for October.
    MeetingFactory(group=world.a.group, month=datetime.date(2026, 9, 1))
    return world


def test_whole_district(district):
    result = meeting_completeness(Group.objects.all(), OCT)[None]
    assert (result.active_groups, result.with_meeting, result.on_time) == (4, 3, 2)
    assert result.completeness == Share(3, 4)
    assert result.completeness.percent == pytest.approx(75)
    assert str(result.timeliness.percent) == "66.67"


def test_per_commune_and_per_hamlet(district):
    world = district
    per_commune = meeting_completeness(Group.objects.all(), OCT, per="hamlet__commune")
    assert per_commune[world.a.commune.pk].completeness == Share(3, 3)
    assert per_commune[world.a.commune.pk].timeliness == Share(2, 3)
    assert per_commune[world.b.commune.pk].completeness == Share(0, 1)
    assert per_commune[world.b.commune.pk].timeliness.percent is None  # 0 / 0, not an error
    per_hamlet = meeting_completeness(
        Group.objects.filter(hamlet__commune=world.a.commune), OCT, per="hamlet"
    )
    # The hamlet without groups has no row; the total (None) is the sum of the rows.
    assert set(per_hamlet) == {world.a.hamlet.pk, None}
    assert per_hamlet[None] == per_hamlet[world.a.hamlet.pk]
    assert per_commune[None].completeness == Share(3, 4)


def test_one_query_whatever_the_number_of_units(district):
    with CaptureQueriesContext(connection) as queries:
        meeting_completeness(Group.objects.all(), OCT, per="hamlet__commune")
        meeting_completeness(Group.objects.all(), OCT, per="pk")
    assert len(queries) == 2


def test_rounding_is_half_up():
    assert str(Share(1, 8).percent) == "12.50"
    assert str(Share(2735, 10000).percent) == "27.35"
    assert str(Share(1, 3).percent) == "33.33"
    assert str(Share(2, 3).percent) == "66.67"
    assert str(Share(1, 200).percent) == "0.50"
    assert str(Share(5, 80000).percent) == "0.01"  # 0.00625 rounds up, not to even


def _a_year_of_comings_and_goings(world) -> list[Month]:
    """2025 in commune A: a group that began on 30/04, one dissolved on 01/07, one planned,
    and meetings before a group began, after it ended and late; in commune B a meeting in
    December and one the year before. Returns 2025's months."""
    day = datetime.date
    hamlet = world.a.hamlet
    began = GroupFactory(hamlet=hamlet, activated_on=day(2025, 4, 30))  # April to December
    ended = GroupFactory(  # January to July
        hamlet=hamlet, status=Group.Status.DISSOLVED, dissolved_on=day(2025, 7, 1)
    )
    GroupFactory(hamlet=hamlet, status=Group.Status.PLANNED, activated_on=None)
    for month in (3, 4, 9):  # March: before it began
        MeetingFactory(group=began, month=day(2025, month, 1))
    MeetingFactory(group=began, month=day(2025, 10, 1), recorded_on=day(2025, 11, 6))  # late
    for month in (6, 7, 8):  # August: after it ended
        MeetingFactory(group=ended, month=day(2025, month, 1))
    MeetingFactory(group=world.b.group, month=day(2025, 12, 1))
    MeetingFactory(group=world.b.group, month=day(2024, 12, 1))  # before the year
    return [Month(2025, n) for n in range(1, 13)]


def test_a_span_of_months_is_its_months_summed_in_one_query(world):
    """Months summed (a range page's year): group-months active, with a meeting and on time,
    equal to the months counted one by one, for groups that began or ended inside the
    span and meetings outside their group's life or the span."""
    months = _a_year_of_comings_and_goings(world)
    groups = Group.objects.all()

    with CaptureQueriesContext(connection) as queries:
        summed = meetings_summed_over(groups, months, per="hamlet__commune")
    assert len(queries) == 1

    a, b = world.a.commune.pk, world.b.commune.pk
    # Commune A: group A 12 months, `began` 9, `ended` 7; meetings in April, September,
    # October (late), June and July. Commune B: 12 months, the December meeting.
    assert astuple(summed[a]) == (12 + 9 + 7, 5, 4)
    assert astuple(summed[b]) == (12, 1, 1)
    assert astuple(summed[None]) == (40, 6, 5)
    by_month = meeting_completeness_over(groups, months, per="hamlet__commune")
    for unit in (None, a, b):
        one_by_one = [m[unit] for m in by_month if unit in m]
        assert astuple(summed[unit]) == tuple(
            sum(getattr(m, name) for m in one_by_one)
            for name in ("active_groups", "with_meeting", "on_time")
        )


def test_a_charts_months_are_counted_by_month_in_two_queries(world):
    """A chart's months (completeness_by_month) equal the months counted one by one; a
    month without meetings counts its active groups."""
    months = _a_year_of_comings_and_goings(world)
    groups = Group.objects.filter(hamlet__commune=world.a.commune)

    with CaptureQueriesContext(connection) as queries:
        by_month = completeness_by_month(groups, months)
    assert len(queries) == 2

    # Commune A: group A all year, `ended` to July, `began` from April; meetings in April,
    # June, July, September and October (late).
    assert [astuple(m) for m in by_month] == [
        (2, 0, 0), (2, 0, 0), (2, 0, 0), (3, 1, 1), (3, 0, 0), (3, 1, 1),
        (3, 1, 1), (2, 0, 0), (2, 1, 1), (2, 1, 0), (2, 0, 0), (2, 0, 0),
    ]  # fmt: skip
    one_by_one = meeting_completeness_over(groups, months)
    assert by_month == [month[None] for month in one_by_one]
