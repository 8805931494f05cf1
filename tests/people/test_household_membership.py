"""A household's membership of a group is dated: a move keeps the past with the old group,
and each year's figures count the households of that year (issue 18, item 4)."""

import datetime

import pytest

from apps.accounts.models import Scope
from apps.assessments.models import GroupYearTotals, HouseholdAssessment
from apps.hierarchy.placements import move_households
from apps.indicators.area import compute
from apps.people.memberships import HouseholdMembership
from apps.people.selectors import households_on
from tests.conftest import make_user
from tests.factories import HouseholdAssessmentFactory, HouseholdFactory
from tests.indicators.test_as_it_was import period
from tests.pages import card

D = datetime.date
pytestmark = pytest.mark.usefixtures("today")


@pytest.fixture
def twelve(world):
    """Group A has 12 households and group B 5, since before 2025; 10 of A's and all of B's
    are assessed for 2025."""
    a = [HouseholdFactory(group=world.a.group) for _ in range(12)]
    b = [HouseholdFactory(group=world.b.group) for _ in range(5)]
    for household in a[:10] + b:
        HouseholdAssessmentFactory(household=household, year=2025)
    return world, a


def _households(unit, year: int, today) -> tuple[int, int]:
    """(households assessed, households present) of the unit's year, as the dashboard has them."""
    figures = compute(unit, period(year, today))[None].households
    return figures.assessed, figures.households


def _totals(year: int) -> list[tuple]:
    rows = GroupYearTotals.objects.filter(year=year).order_by("group")
    return list(rows.values_list("group", "assessed", "three_no", "cultural_families"))


def _card(client, unit, year: int) -> str:
    page = client.get(f"/chi-tieu/to/{unit.pk}/?nam={year}").content.decode()
    return card(page, "three_no")


def test_a_household_move_leaves_last_years_totals_unchanged(client, twelve, today):
    world, households = twelve
    client.force_login(make_user(Scope.Role.ADMIN, world.district))
    before_card = _card(client, world.a.group, 2025)
    assert "10/12" in before_card
    assert _households(world.a.group, 2025, today) == (10, 12)
    assert _households(world.b.group, 2025, today) == (5, 5)
    totals = _totals(2025)

    move_households([households[0]], world.b.group)  # today: 18/11/2026

    assert _households(world.a.group, 2025, today) == (10, 12)
    assert _households(world.b.group, 2025, today) == (5, 5)
    assert _card(client, world.a.group, 2025) == before_card
    assert _totals(2025) == totals
    assert HouseholdAssessment.objects.get(household=households[0]).group == world.a.group
    # This year counts the household where it is now.
    assert _households(world.a.group, 2026, today)[1] == 11
    assert _households(world.b.group, 2026, today)[1] == 6
    assert households_on(world.a.group, today - datetime.timedelta(days=1)) == 12
    assert households_on(world.a.group, today) == 11


def test_the_move_closes_one_membership_and_opens_the_next(twelve, today):
    world, households = twelve
    household = households[0]
    move_households([household], world.b.group, D(2026, 3, 1))
    household.refresh_from_db()
    assert household.group == world.b.group
    rows = HouseholdMembership.objects.filter(household=household)
    assert set(rows.values_list("group", "started_on", "ended_on")) == {
        (world.a.group.pk, None, D(2026, 2, 28)),
        (world.b.group.pk, D(2026, 3, 1), None),
    }


def test_a_move_back_the_same_day_undoes_it(twelve, today):
    world, households = twelve
    household = households[0]
    move_households([household], world.b.group, D(2026, 3, 1))
    move_households([household], world.a.group, D(2026, 3, 1))
    rows = list(
        HouseholdMembership.objects.filter(household=household).values_list(
            "group", "started_on", "ended_on"
        )
    )
    assert rows == [(world.a.group.pk, None, None)]


def test_a_move_before_the_current_membership_began_is_refused(twelve, today):
    world, households = twelve
    move_households([households[0]], world.b.group, D(2026, 3, 1))
    with pytest.raises(ValueError):
        move_households([households[0]], world.a.group, D(2026, 2, 1))


def test_a_household_moved_mid_year_counts_once_in_the_group_it_moved_to(twelve, today):
    world, households = twelve
    move_households([households[0]], world.b.group, D(2025, 7, 1))
    assert _households(world.a.group, 2025, today) == (9, 11)
    assert _households(world.b.group, 2025, today) == (6, 6)
    assert _households(world.district, 2025, today) == (15, 17)
    assert _households(world.a.group, 2024, today)[1] == 12
    # The totals agree with the assessments they are counted from.
    assert GroupYearTotals.objects.get(group=world.a.group, year=2025).assessed == 9
    assert GroupYearTotals.objects.get(group=world.b.group, year=2025).assessed == 6


def test_the_old_groups_past_year_page_still_lists_the_household(client, twelve, today):
    world, households = twelve
    move_households([households[0]], world.b.group)
    client.force_login(make_user(Scope.Role.ADMIN, world.district))
    response = client.get(f"/binh-xet/to/{world.a.group.pk}/2025/")
    assert households[0].code in response.content.decode()
    response = client.get(f"/binh-xet/to/{world.a.group.pk}/2026/")
    assert households[0].code not in response.content.decode()


def test_a_group_changed_by_hand_is_a_move_today(twelve, today):
    world, households = twelve
    household = households[0]
    household.group = world.b.group
    household.save()
    assert _households(world.a.group, 2025, today)[1] == 12
    assert HouseholdMembership.objects.get(household=household, ended_on=None).started_on == today


def test_a_new_household_begins_a_membership_of_its_group(world):
    household = HouseholdFactory(group=world.a.group)
    assert list(household.memberships.values_list("group", "started_on", "ended_on")) == [
        (world.a.group.pk, None, None)
    ]
