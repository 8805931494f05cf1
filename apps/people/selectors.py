"""Reads about people and their roles."""

import datetime

from apps.hierarchy.models import Group
from apps.people.memberships import HouseholdMembership
from apps.people.models import GroupRole, PartyOversight, Person


def leader_on(group: Group, day: datetime.date) -> Person | None:
    """Who led `group` on `day`, or None."""
    role = (
        GroupRole.objects.held_on(day)
        .filter(group=group, role=GroupRole.Role.LEADER)
        .select_related("person")
        .first()
    )
    return role.person if role else None


def role_holders_on(group: Group, day: datetime.date) -> list[GroupRole]:
    """Leaders and deputies of `group` on `day`, leader first."""
    return list(
        GroupRole.objects.held_on(day)
        .filter(group=group)
        .select_related("person")
        .order_by("-role", "started_on")
    )


def households_on(group: Group, day: datetime.date) -> int:
    """The group's households on `day` (apps.people.memberships.present_q)."""
    return HouseholdMembership.objects.present(day, day).filter(group=group).count()


def oversees_on(group: Group, day: datetime.date) -> bool:
    """Whether a party member was assigned to oversee `group` on `day`."""
    return PartyOversight.objects.held_on(day).filter(group=group).exists()
