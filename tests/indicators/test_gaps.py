"""Gaps to act on: which groups and petitions each list holds, how many, and the limit."""

import datetime

import pytest

from apps.core.periods import Month
from apps.hierarchy.models import Group
from apps.indicators.gaps import gap_lists, hamlets_below
from tests.factories import (
    GroupFactory,
    GroupRoleFactory,
    HouseholdAssessmentFactory,
    HouseholdFactory,
    MeetingFactory,
    PartyOversightFactory,
    PetitionFactory,
)

D = datetime.date
TODAY = D(2026, 11, 18)
OCT = Month(2026, 10)


@pytest.fixture
def groups(world):
    """In hamlet A (today 18/11/2026, last month 10/2026):
    complete  (the world's group) leader, overseer and a meeting in October: no gap
    bare      active, nothing at all: all three group gaps
    ex        its leader left on 31/10/2026; overseen; met in October
    new       active from 05/11/2026: not expected to have met in October
    gone      dissolved 30/09/2026: in no list
    """
    hamlet = world.a.hamlet
    complete = world.a.group
    bare = GroupFactory(hamlet=hamlet, code="02")
    ex = GroupFactory(hamlet=hamlet, code="03")
    new = GroupFactory(hamlet=hamlet, code="04", activated_on=D(2026, 11, 5))
    GroupFactory(
        hamlet=hamlet, code="05", status=Group.Status.DISSOLVED, dissolved_on=D(2026, 9, 30)
    )
    for group in (complete, ex):
        PartyOversightFactory(group=group)
        MeetingFactory(group=group, month=OCT.first_day)
    GroupRoleFactory(group=complete)
    GroupRoleFactory(group=ex, ended_on=D(2026, 10, 31))
    GroupRoleFactory(group=new)
    PetitionFactory(group=bare, raised_on=D(2026, 10, 1), due_on=D(2026, 10, 16))  # overdue
    PetitionFactory(group=ex, raised_on=D(2026, 11, 10), due_on=D(2026, 11, 25))  # not yet due
    return {"complete": complete, "bare": bare, "ex": ex, "new": new}


def _names(gap) -> tuple[list[str], int]:
    items, total = gap
    return [item.name for item in items], total


def test_each_gap_lists_its_groups_and_counts_them(groups, world):
    found = gap_lists(Group.objects.filter(hamlet=world.a.hamlet), TODAY, OCT, limit=20)
    name = {key: group.name for key, group in groups.items()}
    assert _names(found["no_leader"]) == ([name["bare"], name["ex"]], 2)
    assert _names(found["no_overseer"]) == ([name["bare"], name["new"]], 2)
    assert _names(found["no_meeting"]) == ([name["bare"]], 1)
    overdue, total = found["overdue"]
    assert total == 1 and [p.group_name for p in overdue] == [name["bare"]]
    assert overdue[0].due_on == D(2026, 10, 16)
    # Hamlet names repeat between communes: each item names its commune too.
    assert found["no_meeting"][0][0].commune_name == world.a.commune.name
    assert overdue[0].commune_name == world.a.commune.name


def test_a_gap_longer_than_the_limit_shows_the_first_and_counts_all(groups, world):
    for code in ("06", "07", "08"):
        GroupFactory(hamlet=world.a.hamlet, code=code, name=f"Tổ {int(code)}")
    for due in (D(2026, 11, 2), D(2026, 9, 1)):
        PetitionFactory(group=groups["bare"], raised_on=D(2026, 8, 1), due_on=due)
    found = gap_lists(Group.objects.filter(hamlet=world.a.hamlet), TODAY, OCT, limit=2)
    overdue, total = found["overdue"]
    assert total == 3 and [p.due_on for p in overdue] == [D(2026, 9, 1), D(2026, 10, 16)]
    assert _names(found["no_meeting"]) == ([groups["bare"].name, "Tổ 6"], 4)
    assert _names(found["no_leader"])[1] == 5


def test_gaps_stay_inside_the_groups_given(groups, world):
    GroupFactory(hamlet=world.b.hamlet)  # commune B: a bare group, not in A's lists
    found = gap_lists(Group.objects.filter(hamlet=world.a.hamlet), TODAY, OCT, limit=20)
    assert found["no_meeting"][1] == 1


def test_hamlets_below_the_district_share(world):
    for n in range(4):  # hamlet A: 1 of 4 cultural families (25 %)
        HouseholdAssessmentFactory(
            household=HouseholdFactory(group=world.a.group), year=2026, cultural_family=n == 0
        )
    HouseholdAssessmentFactory(household=HouseholdFactory(group=world.b.group), year=2026)
    below = hamlets_below(world.district, 2026, 50)
    assert [(hamlet.pk, share.percent) for hamlet, share in below] == [(world.a.hamlet.pk, 25)]
    assert hamlets_below(world.district, 2026, 25) == []  # not below: equal
    assert hamlets_below(world.district, 2026, None) == []
    assert hamlets_below(world.a.group, 2026, 50) == []
