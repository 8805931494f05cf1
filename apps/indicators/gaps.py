"""Gaps to act on: lists of the units and petitions that pull the indicators down."""

import datetime

from django.db.models import Exists, OuterRef, QuerySet

from apps.core.periods import Month
from apps.hierarchy.models import Group, Hamlet
from apps.indicators.assessments import household_figures
from apps.meetings.models import Meeting
from apps.people.models import GroupRole, PartyOversight
from apps.petitions.models import Petition
from apps.petitions.workflow import OPEN


def groups_without_leader(groups: QuerySet[Group], day: datetime.date) -> QuerySet[Group]:
    leader = GroupRole.objects.held_on(day).filter(group=OuterRef("pk"), role=GroupRole.Role.LEADER)
    return groups.active_on(day).exclude(Exists(leader)).select_related("hamlet")


def groups_without_overseer(groups: QuerySet[Group], day: datetime.date) -> QuerySet[Group]:
    overseer = PartyOversight.objects.held_on(day).filter(group=OuterRef("pk"))
    return groups.active_on(day).exclude(Exists(overseer)).select_related("hamlet")


def groups_without_meeting(groups: QuerySet[Group], month: Month) -> QuerySet[Group]:
    meeting = Meeting.objects.filter(group=OuterRef("pk"), month=month.first_day)
    return (
        groups.active_between(month.first_day, month.last_day)
        .exclude(Exists(meeting))
        .select_related("hamlet")
    )


def overdue_petitions(petitions: QuerySet[Petition], day: datetime.date) -> QuerySet[Petition]:
    return (
        petitions.filter(state__in=OPEN, due_on__lt=day)
        .select_related("group__hamlet")
        .order_by("due_on", "id")
    )


def hamlets_below(
    hamlets: QuerySet[Hamlet], groups: QuerySet[Group], year: int, share
) -> list[tuple[Hamlet, object]]:
    """Hamlets whose cultural-family share of the year is below `share` (a percentage)."""
    if share is None:
        return []
    figures = household_figures(groups, year, per="hamlet")
    below = []
    for hamlet in hamlets.order_by("commune__code", "code").select_related("commune"):
        own = figures.get(hamlet.pk)
        if own and own.cultural_share.percent is not None and own.cultural_share.percent < share:
            below.append((hamlet, own.cultural_share))
    return below
