"""Alive in a period: one rule for everything dated, the same in the database and in memory."""

import datetime

import pytest

from apps.core.dated import alive_between, alive_on, alive_q
from apps.hierarchy.models import Group, Placement
from apps.hierarchy.placements import move
from apps.people.models import GroupRole
from tests.factories import CommuneFactory, GroupFactory, GroupRoleFactory, HamletFactory

D = datetime.date
MARCH = (D(2026, 3, 1), D(2026, 3, 31))
# (first day, last day): alive in March 2026?
CASES = {
    (D(2026, 1, 1), D(2026, 2, 28)): False,  # ended the day before March
    (D(2026, 1, 1), D(2026, 3, 1)): True,  # ended on March's first day
    (D(2026, 3, 10), D(2026, 3, 12)): True,  # within March
    (D(2026, 3, 31), None): True,  # began on March's last day
    (D(2026, 4, 1), None): False,  # began the day after
    (D(2020, 1, 1), None): True,  # still running
}


@pytest.fixture
def roles(db) -> dict[int, tuple[datetime.date, datetime.date | None]]:
    """One deputy's term per case, each in a group of its own."""
    return {
        GroupRoleFactory(role=GroupRole.Role.DEPUTY, started_on=first, ended_on=last).pk: (
            first,
            last,
        )
        for first, last in CASES
    }


def _alive(condition) -> set[int]:
    return set(GroupRole.objects.filter(condition).values_list("pk", flat=True))


def test_a_term_counts_for_a_period_it_shares_a_day_with(roles):
    assert _alive(alive_q(*MARCH)) == {pk for pk, dates in roles.items() if CASES[dates]}


def test_the_database_and_memory_agree_day_by_day(roles):
    for day in (D(2026, 2, 28), D(2026, 3, 1), D(2026, 3, 11), D(2026, 3, 31), D(2026, 4, 1)):
        in_memory = {pk for pk, (first, last) in roles.items() if alive_on(first, last, day)}
        assert _alive(alive_q(day, day)) == in_memory, day


def test_the_database_and_memory_agree_period_by_period(roles):
    february, april = (D(2026, 2, 1), D(2026, 2, 28)), (D(2026, 4, 1), D(2026, 4, 30))
    for first, last in (february, MARCH, april, (D(2026, 3, 12), D(2026, 4, 30))):
        in_memory = {
            pk
            for pk, (started, ended) in roles.items()
            if alive_between(started, ended, first, last)
        }
        assert _alive(alive_q(first, last)) == in_memory, (first, last)
    assert _alive(alive_q(*MARCH)) != _alive(alive_q(*february))  # the periods tell apart


def test_without_a_last_day_anything_not_ended_before_the_first_counts(roles):
    ended_before = {pk for pk, (_, last) in roles.items() if last and last < MARCH[0]}
    assert _alive(alive_q(MARCH[0], None)) == set(roles) - ended_before


def test_a_planned_group_is_alive_in_no_period(db):
    planned = GroupFactory(status=Group.Status.PLANNED, activated_on=None)
    active = GroupFactory()
    alive = set(
        Group.objects.filter(
            alive_q(D(2000, 1, 1), D(2099, 12, 31), start="activated_on", end="dissolved_on")
        )
    )
    assert active in alive and planned not in alive
    assert not alive_on(None, None, D(2026, 3, 1))


def test_an_open_start_is_no_bound_where_it_means_from_the_beginning(db):
    hamlet = HamletFactory()
    move(hamlet, CommuneFactory(), D(2026, 3, 1))
    first_row = Placement.objects.get(hamlet=hamlet, started_on=None)
    rows = Placement.objects.filter(hamlet=hamlet)
    early = alive_q(D(2000, 1, 1), D(2000, 1, 1), open_start=True)
    assert set(rows.filter(early)) == {first_row}
    assert not rows.filter(alive_q(D(2000, 1, 1), D(2000, 1, 1)))  # a closed start: none
    # The same rule in memory, row by row.
    for row in rows:
        day = D(2000, 1, 1)
        assert alive_on(row.started_on, row.ended_on, day, open_start=True) == (row == first_row)
        assert not alive_on(row.started_on, row.ended_on, day)
