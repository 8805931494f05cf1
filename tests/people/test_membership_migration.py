"""The migration from the undated facts: each flagged party member gets an open membership
of unknown start, each household an open membership of its group."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("people", "0005_party_and_household_memberships")]
AFTER = [("people", "0007_remove_person_is_party_member")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def migrations(transactional_db):
    """Migrates as the test asks, and back to the latest afterwards: the tests after it
    need every table."""
    yield _migrate
    executor = MigrationExecutor(connection)
    _migrate(executor.loader.graph.leaf_nodes())


def _group(apps, day: datetime.date):
    """A group in a hamlet, commune and district, all from `day`, in the models of `apps`."""
    district = apps.get_model("hierarchy", "District").objects.create(
        code="D", name="Huyện", started_on=day
    )
    commune = apps.get_model("hierarchy", "Commune").objects.create(
        district=district, code="C", name="Xã", started_on=day
    )
    hamlet = apps.get_model("hierarchy", "Hamlet").objects.create(
        commune=commune, code="H", name="Ấp", started_on=day
    )
    return apps.get_model("hierarchy", "Group").objects.create(
        hamlet=hamlet, code="G", name="Tổ", planned_on=day
    )


def test_the_flag_and_the_group_become_open_memberships(migrations):
    old = migrations(BEFORE)
    day = datetime.date(2019, 1, 1)
    group = _group(old, day)
    household = old.get_model("people", "Household").objects.create(group=group, code="HH")
    Person = old.get_model("people", "Person")
    member = Person.objects.create(household=household, full_name="An", is_party_member=True)
    Person.objects.create(household=household, full_name="Bình", is_party_member=False)

    new = migrations(AFTER)
    memberships = new.get_model("people", "PartyMembership").objects.all()
    assert list(memberships.values_list("person", "joined_on", "left_on")) == [
        (member.pk, None, None)
    ]
    households = new.get_model("people", "HouseholdMembership").objects.all()
    assert list(households.values_list("household", "group", "started_on", "ended_on")) == [
        (household.pk, group.pk, None, None)
    ]


def test_the_kept_household_counts_are_filled_from_the_memberships(migrations):
    old = migrations([("people", "0008_group_households_changes")])
    day = datetime.date(2019, 1, 1)
    group = _group(old, day)
    Household = old.get_model("people", "Household")
    Membership = old.get_model("people", "HouseholdMembership")
    for code, joined, left in [("A", None, None), ("B", day, datetime.date(2021, 3, 1))]:
        household = Household.objects.create(group=group, code=code, joined_on=joined, left_on=left)
        Membership.objects.create(household=household, group=group)

    new = migrations([("people", "0009_count_group_households")])
    changes = new.get_model("people", "GroupHouseholdsChange").objects.order_by("year")
    assert list(changes.values_list("group", "year", "change")) == [
        (group.pk, 0, 1),  # A: from the start
        (group.pk, 2019, 1),  # B joins
        (group.pk, 2022, -1),  # B left in 2021
    ]


def test_roles_left_open_in_dissolved_groups_end_on_their_last_day(migrations):
    old = migrations([("people", "0009_count_group_households")])
    day = datetime.date(2019, 1, 1)
    group = _group(old, day)
    gone = datetime.date(2024, 6, 30)
    old.get_model("hierarchy", "Group").objects.filter(pk=group.pk).update(
        status="dissolved", activated_on=day, dissolved_on=gone
    )
    household = old.get_model("people", "Household").objects.create(group=group, code="HH")
    Person = old.get_model("people", "Person")
    an, binh = (Person.objects.create(household=household, full_name=n) for n in ("An", "Bình"))
    GroupRole = old.get_model("people", "GroupRole")
    GroupRole.objects.create(group=group, person=an, role="leader", started_on=day)
    GroupRole.objects.create(
        group=group, person=binh, role="deputy", started_on=day, ended_on=datetime.date(2020, 1, 1)
    )

    new = migrations([("people", "0010_end_what_dissolved_groups_held")])
    roles = new.get_model("people", "GroupRole").objects.order_by("person__full_name")
    assert list(roles.values_list("role", "ended_on")) == [
        ("leader", gone),
        ("deputy", datetime.date(2020, 1, 1)),
    ]
