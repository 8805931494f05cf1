"""Party membership is dated: a year's figures and the oversight rule ask who was a party
member on the day (issue 18, item 4)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.forms import modelform_factory

from apps.indicators.area import compute
from apps.people.memberships import PartyMembership, is_party_member
from apps.people.models import PartyOversight
from tests.factories import GroupFactory, GroupRoleFactory, PersonFactory
from tests.indicators.test_as_it_was import period

D = datetime.date
pytestmark = pytest.mark.usefixtures("today")


@pytest.fixture
def group(world):
    return GroupFactory(hamlet=world.a.hamlet, planned_on=D(2004, 1, 1), activated_on=D(2005, 1, 1))


@pytest.fixture
def left_in_2009(group):
    """A party member from 2000 to 31/12/2009, leading the group since 2005."""
    person = PersonFactory(household__group=group)
    PartyMembership.objects.create(person=person, joined_on=D(2000, 5, 19), left_on=D(2009, 12, 31))
    GroupRoleFactory(group=group, person=person, started_on=D(2005, 1, 1))
    return person


def test_a_party_member_who_left_in_2009_does_not_lead_a_party_led_group_in_2010(
    group, left_in_2009, today
):
    in_2009 = compute(group, period(2009, today))[None].groups
    in_2010 = compute(group, period(2010, today))[None].groups
    assert (in_2009.leaders, in_2009.party_led) == (1, 1)
    assert (in_2010.leaders, in_2010.party_led) == (1, 0)


def test_a_member_whose_joining_day_is_unknown_counts_from_the_beginning(group, today):
    person = PersonFactory(household__group=group, is_party_member=True)
    GroupRoleFactory(group=group, person=person, started_on=D(2005, 1, 1))
    assert compute(group, period(2006, today))[None].groups.party_led == 1
    assert is_party_member(person.pk, D(1990, 1, 1))


def test_a_member_who_joined_in_2012_leads_a_party_led_group_from_2012(group, today):
    person = PersonFactory(household__group=group)
    PartyMembership.objects.create(person=person, joined_on=D(2012, 3, 1))
    GroupRoleFactory(group=group, person=person, started_on=D(2005, 1, 1))
    assert compute(group, period(2011, today))[None].groups.party_led == 0
    assert compute(group, period(2012, today))[None].groups.party_led == 1


def test_an_oversight_counts_only_while_its_overseer_is_a_party_member(group, left_in_2009, today):
    # Never ended (written without the form's check): held in 2010, by a former member.
    PartyOversight.objects.create(group=group, person=left_in_2009, started_on=D(2006, 1, 1))
    assert compute(group, period(2009, today))[None].groups.overseen == 1
    assert compute(group, period(2010, today))[None].groups.overseen == 0


def test_party_oversight_validation_asks_the_membership_of_its_own_days(group, left_in_2009):
    def oversight(first, last=None):
        return PartyOversight(group=group, person=left_in_2009, started_on=first, ended_on=last)

    oversight(D(2006, 1, 1), D(2009, 12, 31)).clean()  # a member throughout
    for first, last in [
        (D(2010, 1, 1), None),  # no longer a member
        (D(2008, 1, 1), None),  # still open today, long after the member left
        (D(2008, 1, 1), D(2010, 12, 31)),  # ends after the member left
        (D(1999, 1, 1), D(2001, 1, 1)),  # began before the member joined
    ]:
        with pytest.raises(ValidationError) as caught:
            oversight(first, last).clean()
        assert "person" in caught.value.message_dict


def test_the_database_refuses_two_open_memberships_of_one_person(world):
    person = PersonFactory(is_party_member=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        PartyMembership.objects.create(person=person, joined_on=D(2020, 1, 1))


def test_the_database_refuses_a_membership_that_ends_before_it_begins(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        PartyMembership.objects.create(
            person=PersonFactory(), joined_on=D(2020, 1, 1), left_on=D(2019, 1, 1)
        )


def test_only_todays_party_members_are_offered_as_overseers(group, left_in_2009):
    member = PersonFactory(household__group=group, is_party_member=True)
    form = modelform_factory(PartyOversight, fields=["person"])()
    assert list(form.fields["person"].queryset) == [member]
