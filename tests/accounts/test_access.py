"""The scope rule: who reads and writes what."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from apps.accounts import access
from apps.accounts.models import Scope
from apps.hierarchy.models import Commune, Group, Hamlet
from apps.people.models import Household, Person
from tests.conftest import make_user
from tests.factories import PersonFactory, UserFactory


@pytest.fixture
def people(world):
    return {
        "a": PersonFactory(household__group=world.a.group),
        "b": PersonFactory(household__group=world.b.group),
    }


def test_commune_official_reads_and_writes_only_their_commune(world, people, commune_a_official):
    user = commune_a_official
    assert list(access.readable(user, Group)) == [world.a.group]
    assert list(access.writable(user, Group)) == [world.a.group]
    assert list(access.readable(user, Person)) == [people["a"]]
    assert list(access.writable(user, Household)) == [people["a"].household]
    assert list(access.readable(user, Commune)) == [world.a.commune]


def test_commune_official_cannot_change_their_own_commune_record(world, commune_a_official):
    assert not access.writable(commune_a_official, Commune).exists()
    assert list(access.writable(commune_a_official, Hamlet)) == [world.a.hamlet]


def test_hamlet_official_sees_the_hamlet_subtree_and_nothing_above(world, people):
    user = make_user(Scope.Role.HAMLET, world.a.hamlet)
    assert list(access.readable(user, Person)) == [people["a"]]
    assert list(access.writable(user, Group)) == [world.a.group]
    assert not access.readable(user, Commune).exists()


def test_group_leader_reads_their_group_and_writes_none_of_its_roster(
    world, people, group_a_leader
):
    assert list(access.readable(group_a_leader, Person)) == [people["a"]]
    assert not access.writable(group_a_leader, Person).exists()
    assert not access.writable(group_a_leader, Group).exists()


def test_steering_committee_reads_the_whole_district_and_writes_nothing(
    world, people, steering_user
):
    assert access.readable(steering_user, Person).count() == 2
    assert not access.writable(steering_user, Person).exists()
    assert not access.can_write_any(steering_user, Group)


def test_district_administrator_writes_the_whole_district(world, people, admin_user):
    assert access.writable(admin_user, Person).count() == 2
    assert access.writable(admin_user, Commune).count() == 2


def test_a_user_with_two_hamlets_sees_both(world, people):
    user = make_user(Scope.Role.HAMLET, world.a.hamlet)
    Scope.objects.create(user=user, role=Scope.Role.HAMLET, hamlet=world.b.hamlet)
    assert access.readable(user, Person).count() == 2


def test_a_user_without_scope_or_deactivated_sees_nothing(world, people, commune_a_official):
    assert not access.readable(UserFactory(), Person).exists()
    commune_a_official.is_active = False
    assert not access.readable(commune_a_official, Person).exists()


def test_get_readable_or_404_answers_404_outside_the_scope(world, commune_a_official):
    assert access.get_readable_or_404(commune_a_official, Group, pk=world.a.group.pk)
    with pytest.raises(Http404):
        access.get_readable_or_404(commune_a_official, Group, pk=world.b.group.pk)
    with pytest.raises(Http404):
        access.get_readable_or_404(commune_a_official, Group, pk="not-a-number")


def test_get_writable_or_404_answers_403_to_readers(world, steering_user):
    with pytest.raises(PermissionDenied):
        access.get_writable_or_404(steering_user, Group, pk=world.a.group.pk)


def test_scopes_are_fetched_once_per_user_object(
    world, commune_a_official, django_assert_num_queries
):
    with django_assert_num_queries(3):  # the scopes once, then one query per list
        list(access.readable(commune_a_official, Person))
        list(access.readable(commune_a_official, Group))
