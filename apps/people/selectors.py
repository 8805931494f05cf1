"""Reads about people and their roles."""

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Count

from apps.hierarchy.models import Group
from apps.people.memberships import HouseholdMembership


def households_on(group: Group, day: datetime.date) -> int:
    """The group's households on `day` (apps.people.memberships.present_q)."""
    return HouseholdMembership.objects.present(day, day).filter(group=group).count()


def households_on_days(
    group_days: Iterable[tuple[int, datetime.date]],
) -> dict[tuple[int, datetime.date], int]:
    """`households_on` for many (group id, day) pairs: one query per distinct day, for an
    import of a year's meetings (thousands of lines, a few hundred days)."""
    by_day: dict[datetime.date, set[int]] = defaultdict(set)
    for group_id, day in group_days:
        by_day[day].add(group_id)
    counts: dict[tuple[int, datetime.date], int] = {}
    for day, group_ids in by_day.items():
        counts.update(((group_id, day), 0) for group_id in group_ids)
        present = HouseholdMembership.objects.present(day, day).filter(group_id__in=group_ids)
        rows = present.order_by().values("group_id").annotate(n=Count("pk"))
        counts.update(((row["group_id"], day), row["n"]) for row in rows)
    return counts
