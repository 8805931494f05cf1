"""Each group's households in a year are kept ready to count (apps.people.household_counts):
they must always equal what the one rule, `present_q`, counts from the memberships."""

import datetime
import random

import pytest

from apps.assessments.figures import households_present
from apps.hierarchy.models import Group
from apps.hierarchy.placements import move_households
from apps.people.household_counts import (
    DATED,
    GroupHouseholdsChange,
    changes_of,
    counted_years,
    recount,
)
from apps.people.memberships import HouseholdMembership
from tests.factories import GroupFactory, HouseholdFactory

D = datetime.date
YEARS = list(range(2005, 2031))


def _by_the_rule(groups: list[Group], year: int) -> dict[int, int]:
    present = HouseholdMembership.objects.present(D(year, 1, 1), D(year, 12, 31))
    return {g.pk: present.filter(group=g).count() for g in groups}


def _kept(groups: list[Group]) -> list[dict[int, int]]:
    ids = Group.objects.filter(pk__in=[g.pk for g in groups])
    return [
        {g.pk: counts.get(g.pk, 0) for g in groups}
        for counts in households_present(ids, YEARS, per="pk")
    ]


def assert_kept_exact() -> None:
    """The kept rows are those a count from scratch gives."""
    rows = GroupHouseholdsChange.objects.values_list("group", "year", "change")
    from_scratch = changes_of(HouseholdMembership.objects.values_list(*DATED))
    assert {(g, y): c for g, y, c in rows} == from_scratch


def _day(rng: random.Random) -> datetime.date | None:
    """A day near the ends of years (where the rule's edges are), or none."""
    if rng.random() < 0.25:
        return None
    year = rng.randint(2006, 2028)
    return rng.choice([D(year, 1, 1), D(year, 6, 15), D(year, 12, 30), D(year, 12, 31)])


def test_the_kept_counts_equal_the_rule_for_every_year(db):
    """Random households and memberships, dated and undated, ending on and around year
    ends: every group's count in every year equals the rule's."""
    rng = random.Random(2026)  # noqa: S311 (a repeatable draw, not a secret)
    groups = [GroupFactory() for _ in range(4)]
    for _ in range(80):
        joined, left = sorted([_day(rng), _day(rng)], key=lambda d: d or D.min)
        if rng.random() < 0.5:
            joined, left = (joined, None) if rng.random() < 0.5 else (None, left)
        household = HouseholdFactory(group=rng.choice(groups), joined_on=joined, left_on=left)
        HouseholdMembership.objects.filter(household=household).delete()
        starts = sorted({_day(rng) or D(2005, 1, 1) for _ in range(rng.randint(1, 3))})
        for index, start in enumerate(starts):
            ended = (
                starts[index + 1] - datetime.timedelta(days=1) if index + 1 < len(starts) else None
            )
            HouseholdMembership.objects.create(
                household=household,
                group=rng.choice(groups),
                started_on=None if index == 0 and rng.random() < 0.3 else start,
                ended_on=ended,
            )
    assert_kept_exact()
    kept = _kept(groups)
    for year, counts in zip(YEARS, kept, strict=True):
        assert counts == _by_the_rule(groups, year), year
    assert sum(sum(counts.values()) for counts in kept) > 200  # the draw counts something


@pytest.mark.parametrize(
    "days, years",
    [
        ((None, None, None, None), (None, None)),
        ((D(2010, 3, 1), None, None, None), (2010, None)),
        ((None, D(2012, 12, 31), None, None), (None, 2012)),  # in force on its last day
        ((None, D(2012, 12, 30), None, None), (None, 2011)),
        ((None, None, D(2009, 12, 31), D(2015, 1, 1)), (2009, 2015)),  # there one day
        ((D(2014, 2, 1), D(2014, 6, 30), None, None), None),  # never in force on a 31/12
        ((D(2014, 2, 1), None, None, D(2013, 5, 1)), None),  # gone before it began
    ],
)
def test_counted_years(days, years):
    assert counted_years(*days) == years


def test_every_write_keeps_the_counts_exact(world, today):
    """Single saves, deletes, dated moves, a household's dates and a roster that ends the
    households it leaves out: after each, the kept rows equal a count from scratch."""
    households = [HouseholdFactory(group=world.a.group, joined_on=D(2015, 1, 1)) for _ in range(4)]
    assert_kept_exact()
    move_households(households[:2], world.b.group, D(2024, 7, 1))
    assert_kept_exact()
    households[2].left_on = D(2020, 5, 5)
    households[2].save()
    assert_kept_exact()
    membership = HouseholdMembership.objects.get(household=households[3])
    membership.group = world.b.group
    membership.save()
    assert_kept_exact()
    households[0].delete()
    assert_kept_exact()
    assert _kept([world.a.group, world.b.group])[YEARS.index(2023)] == {
        world.a.group.pk: 1,  # [1] moves in 2024, [2] left in 2020, [0] is gone
        world.b.group.pk: 1,  # [3], its only membership now in B
    }


def test_recount_of_every_group_from_nothing(world):
    HouseholdFactory(group=world.a.group, joined_on=D(2011, 4, 1))
    HouseholdFactory(group=world.a.group, left_on=D(2012, 1, 1))
    GroupHouseholdsChange.objects.all().delete()
    recount()
    assert_kept_exact()
    assert _kept([world.a.group])[YEARS.index(2011)] == {world.a.group.pk: 2}
    assert _kept([world.a.group])[YEARS.index(2013)] == {world.a.group.pk: 1}
