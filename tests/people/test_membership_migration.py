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


@pytest.mark.django_db(transaction=True)
def test_the_flag_and_the_group_become_open_memberships():
    old = _migrate(BEFORE)
    day = datetime.date(2019, 1, 1)
    district = old.get_model("hierarchy", "District").objects.create(
        code="D", name="Huyện", started_on=day
    )
    commune = old.get_model("hierarchy", "Commune").objects.create(
        district=district, code="C", name="Xã", started_on=day
    )
    hamlet = old.get_model("hierarchy", "Hamlet").objects.create(
        commune=commune, code="H", name="Ấp", started_on=day
    )
    group = old.get_model("hierarchy", "Group").objects.create(
        hamlet=hamlet, code="G", name="Tổ", planned_on=day
    )
    household = old.get_model("people", "Household").objects.create(group=group, code="HH")
    Person = old.get_model("people", "Person")
    member = Person.objects.create(household=household, full_name="An", is_party_member=True)
    Person.objects.create(household=household, full_name="Bình", is_party_member=False)

    new = _migrate(AFTER)
    memberships = new.get_model("people", "PartyMembership").objects.all()
    assert list(memberships.values_list("person", "joined_on", "left_on")) == [
        (member.pk, None, None)
    ]
    households = new.get_model("people", "HouseholdMembership").objects.all()
    assert list(households.values_list("household", "group", "started_on", "ended_on")) == [
        (household.pk, group.pk, None, None)
    ]
