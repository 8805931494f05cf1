"""New records written in bulk with their history: COPY on PostgreSQL, bulk_create elsewhere.

Both paths must leave the same rows: ids on the objects, parents' ids filled in,
fields prepared as a save would (NFC names, folded copies), and one "+" history
row per record naming the user.
"""

import unicodedata

import pytest
from django.db import IntegrityError, transaction

from apps.core.bulk import create_with_history
from apps.people.models import Household, Person
from tests.factories import HouseholdFactory


def test_records_and_their_history_are_written(world, admin_user):
    group = world.a.group
    households = [Household(group=group, code=f"B{n}", address="Ấp 1") for n in range(3)]
    create_with_history(households, Household, user=admin_user)
    assert all(h.pk for h in households) and len({h.pk for h in households}) == 3
    decomposed = unicodedata.normalize("NFD", "  Nguyễn   Thị  Hoà ")
    people = [
        Person(household=households[0], full_name=decomposed, gender="female", birth_year=1980),
        Person(household=households[2], full_name="Lê Văn Bình", gender="male", phone="0912"),
    ]
    create_with_history(people, Person, user=admin_user)
    stored = Person.objects.get(pk=people[0].pk)
    assert stored.full_name == "Nguyễn Thị Hoà" and stored.name_folded == "nguyen thi hoa"
    assert stored.household_id == households[0].pk
    assert Person.objects.get(pk=people[1].pk).phone == "0912"
    assert people[0]._state.adding is False
    history = list(Person.history.order_by("id"))
    assert [(h.id, h.history_type, h.history_user_id) for h in history] == [
        (people[0].pk, "+", admin_user.pk),
        (people[1].pk, "+", admin_user.pk),
    ]
    assert history[0].name_folded == "nguyen thi hoa" and history[0].household_id
    assert Household.history.filter(history_type="+").count() == 3


def test_ids_follow_records_made_one_by_one(world, admin_user):
    """The reserved ids come from the table's own sequence: no clash with later saves."""
    before = HouseholdFactory(group=world.a.group)
    made = [Household(group=world.a.group, code="X1"), Household(group=world.a.group, code="X2")]
    create_with_history(made, Household, user=admin_user)
    after = HouseholdFactory(group=world.a.group)
    assert before.pk < made[0].pk < made[1].pk < after.pk


def test_a_failure_writes_nothing(world, admin_user):
    good = Household(group=world.a.group, code="G1")
    bad = Household(group=world.a.group, code=None)  # the column is NOT NULL
    with pytest.raises(IntegrityError), transaction.atomic():
        create_with_history([good, bad], Household, user=admin_user)
    assert not Household.objects.filter(code="G1").exists()
    assert not Household.history.filter(code="G1").exists()


def test_nothing_to_write_is_no_query(world, admin_user, django_assert_num_queries):
    with django_assert_num_queries(0):
        create_with_history([], Household, user=admin_user)
