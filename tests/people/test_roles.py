import datetime
import unicodedata

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from apps.people.models import GroupRole, PartyOversight, Person
from tests.factories import (
    GroupFactory,
    GroupRoleFactory,
    HouseholdFactory,
    PartyOversightFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db

LEADER = GroupRole.Role.LEADER
DEPUTY = GroupRole.Role.DEPUTY


def leader_on(group, on):
    """Who led `group` on `on` (the held-on rule of GroupRole.objects.held_on)."""
    role = GroupRole.objects.held_on(on).filter(group=group, role=LEADER).first()
    return role.person if role else None


def role_holders_on(group, on):
    """Leaders and deputies of `group` on `on`, leader first."""
    return list(GroupRole.objects.held_on(on).filter(group=group).order_by("-role", "started_on"))


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


@pytest.fixture
def group():
    return GroupFactory()


def member(group, **fields) -> Person:
    """A person living in `group`."""
    return PersonFactory(household__group=group, **fields)


# One current leader per group, in the database


def test_database_refuses_a_second_current_leader(group):
    GroupRoleFactory(group=group, person=member(group), role=LEADER)

    with pytest.raises(IntegrityError), transaction.atomic():
        GroupRoleFactory(group=group, person=member(group), role=LEADER)


def test_past_leader_and_current_leader_may_both_be_recorded(group):
    GroupRoleFactory(
        group=group, person=member(group), started_on=day("2019-03-01"), ended_on=day("2022-12-31")
    )
    GroupRoleFactory(group=group, person=member(group), started_on=day("2023-01-01"))

    assert GroupRole.objects.filter(group=group, role=LEADER).count() == 2
    assert GroupRole.objects.filter(group=group, role=LEADER).current().count() == 1


def test_two_groups_may_each_have_a_current_leader():
    first, second = GroupFactory(), GroupFactory()

    GroupRoleFactory(group=first)
    GroupRoleFactory(group=second)

    assert GroupRole.objects.current().filter(role=LEADER).count() == 2


def test_a_group_may_have_several_current_deputies_beside_its_leader(group):
    GroupRoleFactory(group=group, person=member(group), role=LEADER)
    GroupRoleFactory(group=group, person=member(group), role=DEPUTY)
    GroupRoleFactory(group=group, person=member(group), role=DEPUTY)

    assert GroupRole.objects.current().filter(group=group).count() == 3


def test_database_refuses_two_current_roles_for_one_person_in_one_group(group):
    person = member(group)
    GroupRoleFactory(group=group, person=person, role=LEADER)

    with pytest.raises(IntegrityError), transaction.atomic():
        GroupRoleFactory(group=group, person=person, role=DEPUTY)


def test_database_refuses_a_role_that_ends_before_it_starts(group):
    with pytest.raises(IntegrityError), transaction.atomic():
        GroupRoleFactory(group=group, started_on=day("2020-05-01"), ended_on=day("2020-04-30"))


# Role history


@pytest.fixture
def handover_in_march_2010(group):
    """Ông Ba led the group until 14 March 2010; Bà Tư from 15 March 2010."""
    ba = member(group, full_name="Nguyễn Văn Ba")
    tu = member(group, full_name="Trần Thị Tư", gender=Person.Gender.FEMALE)
    GroupRoleFactory(
        group=group, person=ba, started_on=day("2005-06-01"), ended_on=day("2010-03-14")
    )
    GroupRoleFactory(group=group, person=tu, started_on=day("2010-03-15"))
    return ba, tu


def test_leader_on_answers_who_led_the_group_before_the_handover(group, handover_in_march_2010):
    ba, _ = handover_in_march_2010

    assert leader_on(group, day("2010-03-01")) == ba
    assert leader_on(group, day("2010-03-14")) == ba


def test_leader_on_answers_who_led_the_group_from_the_handover_day(group, handover_in_march_2010):
    _, tu = handover_in_march_2010

    assert leader_on(group, day("2010-03-15")) == tu
    assert leader_on(group, day("2010-03-31")) == tu
    assert leader_on(group, day("2030-01-01")) == tu


def test_leader_on_a_day_before_any_leader_is_none(group, handover_in_march_2010):
    assert leader_on(group, day("2005-05-31")) is None


def test_leader_on_ignores_deputies_and_other_groups(group):
    member_of_group = member(group)
    GroupRoleFactory(group=group, person=member_of_group, role=DEPUTY)
    GroupRoleFactory(group=GroupFactory(), role=LEADER)

    assert leader_on(group, day("2020-01-01")) is None


def test_role_holders_on_lists_the_leader_first_then_deputies_by_start(
    group, handover_in_march_2010
):
    ba, tu = handover_in_march_2010
    late_deputy = member(group)
    early_deputy = member(group)
    GroupRoleFactory(group=group, person=late_deputy, role=DEPUTY, started_on=day("2009-01-01"))
    GroupRoleFactory(group=group, person=early_deputy, role=DEPUTY, started_on=day("2006-01-01"))
    GroupRoleFactory(role=DEPUTY, started_on=day("2006-01-01"))  # another group

    on_handover = role_holders_on(group, day("2010-03-15"))

    assert [(r.person, r.role) for r in on_handover] == [
        (tu, LEADER),
        (early_deputy, DEPUTY),
        (late_deputy, DEPUTY),
    ]
    assert [r.person for r in role_holders_on(group, day("2010-03-14"))] == [
        ba,
        early_deputy,
        late_deputy,
    ]


def test_role_holders_on_leaves_out_ended_and_future_roles(group):
    past = member(group)
    future = member(group)
    current = member(group)
    GroupRoleFactory(
        group=group,
        person=past,
        role=DEPUTY,
        started_on=day("2015-01-01"),
        ended_on=day("2019-12-31"),
    )
    GroupRoleFactory(group=group, person=future, role=DEPUTY, started_on=day("2021-01-01"))
    GroupRoleFactory(group=group, person=current, role=DEPUTY, started_on=day("2019-01-01"))

    assert [r.person for r in role_holders_on(group, day("2020-06-01"))] == [current]


# GroupRole.clean


def leader_role(group, started_on, ended_on=None, role=LEADER) -> GroupRole:
    return GroupRole(
        group=group,
        person=member(group),
        role=role,
        started_on=day(started_on),
        ended_on=day(ended_on) if ended_on else None,
    )


@pytest.mark.parametrize(
    ("started_on", "ended_on"),
    [
        pytest.param("2020-06-01", None, id="open-inside"),
        pytest.param("2018-01-01", "2019-03-01", id="ends-on-first-day"),
        pytest.param("2020-12-31", "2021-06-30", id="starts-on-last-day"),
        pytest.param("2018-01-01", None, id="covers-everything"),
        pytest.param("2020-01-01", "2020-02-01", id="inside"),
    ],
)
def test_clean_refuses_a_leader_period_overlapping_another_leader(group, started_on, ended_on):
    GroupRoleFactory(
        group=group, person=member(group), started_on=day("2019-03-01"), ended_on=day("2020-12-31")
    )

    with pytest.raises(ValidationError):
        leader_role(group, started_on, ended_on).clean()


def test_clean_refuses_an_earlier_leader_period_overlapping_the_current_leader(group):
    GroupRoleFactory(group=group, person=member(group), started_on=day("2020-01-01"))

    with pytest.raises(ValidationError):
        leader_role(group, "2018-01-01", "2020-01-01").clean()


@pytest.mark.parametrize(
    ("started_on", "ended_on"),
    [
        pytest.param("2021-01-01", None, id="after"),
        pytest.param("2017-01-01", "2019-02-28", id="before"),
    ],
)
def test_clean_accepts_a_leader_period_that_does_not_overlap(group, started_on, ended_on):
    GroupRoleFactory(
        group=group, person=member(group), started_on=day("2019-03-01"), ended_on=day("2020-12-31")
    )

    leader_role(group, started_on, ended_on).clean()


def test_clean_accepts_a_deputy_during_a_leader_period(group):
    GroupRoleFactory(group=group, person=member(group), started_on=day("2019-03-01"))

    leader_role(group, "2020-01-01", role=DEPUTY).clean()


def test_clean_accepts_a_leader_while_another_group_has_one(group):
    GroupRoleFactory(started_on=day("2019-03-01"))

    leader_role(group, "2020-01-01").clean()


def test_clean_accepts_saving_an_existing_leader_period_again(group):
    role = GroupRoleFactory(group=group, person=member(group), started_on=day("2019-03-01"))

    role.ended_on = day("2023-01-01")
    role.clean()


def test_clean_refuses_a_role_that_ends_before_it_starts(group):
    with pytest.raises(ValidationError) as caught:
        leader_role(group, "2020-05-01", "2020-04-30").clean()

    assert "ended_on" in caught.value.message_dict


# Party oversight


def test_party_oversight_clean_refuses_a_person_who_is_not_a_party_member(group):
    oversight = PartyOversight(
        group=group, person=PersonFactory(is_party_member=False), started_on=day("2020-01-01")
    )

    with pytest.raises(ValidationError) as caught:
        oversight.clean()

    assert "person" in caught.value.message_dict


def test_party_oversight_clean_accepts_a_party_member(group):
    oversight = PartyOversight(
        group=group, person=PersonFactory(is_party_member=True), started_on=day("2020-01-01")
    )

    oversight.clean()


def test_database_refuses_two_current_oversights_by_one_person_of_one_group(group):
    overseer = PersonFactory(is_party_member=True)
    PartyOversightFactory(group=group, person=overseer)

    with pytest.raises(IntegrityError), transaction.atomic():
        PartyOversightFactory(group=group, person=overseer)


# Phone numbers and households


@pytest.mark.parametrize("phone", ["0912345678", "0912 345 678", "0086.123.456", "+84912345678"])
def test_phone_number_keeps_its_leading_zero_after_a_database_round_trip(phone):
    person = PersonFactory(phone=phone)

    assert Person.objects.values_list("phone", flat=True).get(pk=person.pk) == phone
    person.refresh_from_db()
    assert person.phone == phone


def test_phone_number_validator_accepts_a_mobile_number_and_refuses_letters():
    PersonFactory.build(household=HouseholdFactory(), phone="0912 345 678").full_clean()

    with pytest.raises(ValidationError) as caught:
        PersonFactory.build(household=HouseholdFactory(), phone="09123abc").full_clean()

    assert "phone" in caught.value.message_dict


def test_database_refuses_a_second_head_of_household():
    household = HouseholdFactory()
    PersonFactory(household=household, is_household_head=True)

    with pytest.raises(IntegrityError), transaction.atomic():
        PersonFactory(household=household, is_household_head=True)


def test_a_household_may_have_many_members_who_are_not_its_head():
    household = HouseholdFactory()
    PersonFactory(household=household, is_household_head=True)
    PersonFactory(household=household)
    PersonFactory(household=household)

    assert household.people.count() == 3
    assert household.people.filter(is_household_head=True).count() == 1


def test_heads_of_different_households_are_allowed():
    PersonFactory(is_household_head=True)
    PersonFactory(is_household_head=True)

    assert Person.objects.filter(is_household_head=True).count() == 2


def test_person_name_is_stored_in_nfc_and_folded():
    person = PersonFactory(full_name=unicodedata.normalize("NFD", "Đặng Thị Thuý"))

    assert Person.objects.values_list("full_name", "name_folded").get(pk=person.pk) == (
        "Đặng Thị Thuý",
        "dang thi thuy",
    )
