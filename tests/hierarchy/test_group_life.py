"""A group's life on its Placement rows, kept by the database (apps.hierarchy.group_life):
whatever writes a group's dates, every row of the group carries them."""

import datetime

import pytest
from django.core import serializers
from django.db import connection, transaction

from apps.core.periods import Month
from apps.hierarchy.group_life import TRIGGERS, install
from apps.hierarchy.models import GROUP_LIFE, Group, Placement
from apps.hierarchy.placements import move
from apps.indicators.area import Period, compute, count_over
from tests.factories import CommuneFactory, GroupFactory, MeetingFactory

pytestmark = pytest.mark.django_db

DISSOLVED = datetime.date(2024, 5, 20)
MOVED_ON = datetime.date(2023, 7, 1)


def lives_on_rows(group: Group) -> set[tuple]:
    """The lives the group's rows carry (one, when they agree)."""
    return set(Placement.objects.filter(group=group).values_list(*GROUP_LIFE))


def life_of(group: Group) -> tuple:
    return tuple(Group.objects.filter(pk=group.pk).values_list(*GROUP_LIFE).get())


@pytest.fixture
def moved_group() -> Group:
    """A group with two rows: the one it had before its hamlet moved, and today's."""
    group = GroupFactory()
    move(group.hamlet, CommuneFactory(), MOVED_ON)
    assert Placement.objects.filter(group=group).count() == 2
    return group


def test_a_new_groups_row_carries_its_life():
    group = GroupFactory(dissolved_on=DISSOLVED, status=Group.Status.DISSOLVED)
    assert lives_on_rows(group) == {(group.planned_on, group.activated_on, DISSOLVED)}


def test_a_hamlets_and_a_communes_rows_carry_no_group_life(moved_group):
    hamlet = moved_group.hamlet
    rows = Placement.objects.filter(hamlet=hamlet, group=None) | Placement.objects.filter(
        commune=hamlet.commune, hamlet=None
    )
    assert set(rows.values_list(*GROUP_LIFE)) == {(None, None, None)}


@pytest.mark.parametrize("how", ["save", "update", "bulk_update"])
def test_every_row_follows_a_change_of_the_groups_dates_however_it_is_written(moved_group, how):
    group = moved_group
    group.status, group.dissolved_on = Group.Status.DISSOLVED, DISSOLVED
    group.activated_on = datetime.date(2019, 4, 1)
    if how == "save":
        group.save()
    elif how == "update":
        Group.objects.filter(pk=group.pk).update(
            status=group.status, dissolved_on=DISSOLVED, activated_on=group.activated_on
        )
    else:
        Group.objects.bulk_update([group], ["status", "dissolved_on", "activated_on"])
    assert lives_on_rows(group) == {life_of(group)}
    assert life_of(group)[1:] == (datetime.date(2019, 4, 1), DISSOLVED)


def test_a_row_written_with_other_dates_takes_its_groups_again(moved_group):
    group = moved_group
    Placement.objects.filter(group=group).update(planned_on=datetime.date(2001, 1, 1))
    stale = Placement.objects.get(group=group, ended_on=None)
    stale.activated_on = None
    stale.save()
    assert lives_on_rows(group) == {life_of(group)}


def test_a_group_loaded_after_its_rows_gives_them_its_life():
    """loaddata writes rows in any order: the foreign keys are checked at the commit."""
    group = GroupFactory()
    dumped = serializers.serialize("json", [*Placement.objects.filter(group=group), group])
    Group.objects.filter(pk=group.pk).delete()
    with transaction.atomic():
        for record in reversed(list(serializers.deserialize("json", dumped))):
            record.save()
    assert lives_on_rows(group) == {life_of(group)} != {(None, None, None)}


def test_install_mends_rows_written_while_the_triggers_were_away(moved_group):
    group = moved_group
    with connection.cursor() as cursor:
        for statement in TRIGGERS[connection.vendor]:
            if statement.startswith("DROP TRIGGER"):
                cursor.execute(statement)
    Placement.objects.filter(group=group).update(dissolved_on=datetime.date(2000, 1, 1))
    assert lives_on_rows(group) != {life_of(group)}
    install()
    assert lives_on_rows(group) == {life_of(group)}


def test_a_group_dissolved_in_bulk_leaves_the_next_years_figures():
    """The figures count the groups' lives from their places: a bulk write (an import's)
    reaches them."""
    group = GroupFactory()
    MeetingFactory(group=group, month=datetime.date(2025, 3, 1), held_on=datetime.date(2025, 3, 9))
    district = group.hamlet.commune.district
    period = Period(2025, Month(2025, 3), datetime.date(2025, 12, 31))
    assert compute(district, period)[None].meetings.active_groups == 1
    assert compute(district, period)[None].groups.active == 1
    Group.objects.filter(pk=group.pk).update(
        status=Group.Status.DISSOLVED, dissolved_on=datetime.date(2024, 12, 31)
    )
    figures = compute(district, period)[None]
    assert (figures.groups.active, figures.meetings.active_groups) == (0, 0)


def test_the_group_figures_as_they_were_read_the_places_alone(django_assert_max_num_queries):
    """What the copy is for: the groups table is not joined (in a province, a probe a group)."""
    group = GroupFactory()
    MeetingFactory(group=group, month=datetime.date(2025, 3, 1), held_on=datetime.date(2025, 3, 9))
    district = group.hamlet.commune.district
    period = Period(2025, Month(2025, 3), datetime.date(2025, 12, 31))
    names = ["groups", "meetings", "group_ratings"]
    with django_assert_max_num_queries(6) as captured:  # and the roles and oversights
        counted = count_over(district, [period], by="commune", names=names)
    sql = [q["sql"] for q in captured]
    # The three figures, and the area's changes between the month's end and the year's.
    assert sum('FROM "hierarchy_placement"' in one for one in sql) == 4
    assert not any('"hierarchy_group"' in one for one in sql)
    assert counted["meetings"][0][group.hamlet.commune_id].with_meeting == 1
