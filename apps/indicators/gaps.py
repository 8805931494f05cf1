"""Gaps to act on: lists of the units and petitions that pull the indicators down."""

import datetime
from dataclasses import dataclass
from functools import cached_property

from django.db.models import (
    Count,
    Exists,
    OuterRef,
    QuerySet,
    Window,
)

from apps.assessments.figures import household_counts
from apps.core.periods import Month
from apps.core.shares import Share
from apps.hierarchy.models import Group, Hamlet, active_between_q
from apps.indicators.reading import AsItWas, Hanging, Reading
from apps.meetings.models import Meeting
from apps.people.models import GroupRole, PartyOversight
from apps.petitions.models import Petition


def _leader_on(day: datetime.date) -> Exists:
    return Exists(
        GroupRole.objects.held_on(day).filter(group=OuterRef("pk"), role=GroupRole.Role.LEADER)
    )


def _overseer_on(day: datetime.date) -> Exists:
    return Exists(PartyOversight.objects.held_on(day).filter(group=OuterRef("pk")))


def _meeting_of(month: Month) -> Exists:
    return Exists(Meeting.objects.filter(group=OuterRef("pk"), month=month.first_day))


def overdue_petitions(petitions: QuerySet[Petition], day: datetime.date) -> QuerySet[Petition]:
    return petitions.filter(Petition.overdue_q(day)).order_by("due_on", "id")


class InHamlet:
    """A gap's item, named with its hamlet beside the hamlet's commune (hamlet names repeat
    from one commune to the next, and within a commune formed by a merger)."""

    hamlet_pk: int
    hamlet_name: str
    hamlet_code: str
    commune_pk: int
    commune_name: str

    @cached_property
    def hamlet(self) -> Hamlet:
        """The hamlet as far as the list read it: enough to tell it apart from another of
        its name (apps.hierarchy.names.told_apart_from_namesakes); made once per item, the
        page asks for it on each of its lines."""
        return Hamlet(
            pk=self.hamlet_pk,
            name=self.hamlet_name,
            code=self.hamlet_code,
            commune_id=self.commune_pk,
        )


# The hamlet fields of a gap's row, from its group.
IN_HAMLET = ("hamlet", "hamlet__name", "hamlet__code", "hamlet__commune", "hamlet__commune__name")


@dataclass(frozen=True)
class GapGroup(InHamlet):
    pk: int
    name: str
    hamlet_pk: int
    hamlet_name: str
    hamlet_code: str
    commune_pk: int
    commune_name: str


@dataclass(frozen=True)
class GapPetition(InHamlet):
    pk: int
    content: str
    group_name: str
    due_on: datetime.date
    hamlet_pk: int
    hamlet_name: str
    hamlet_code: str
    commune_pk: int
    commune_name: str


def hamlets_in(gap_lists: dict[str, tuple[list, int]] | None) -> list[Hamlet]:
    """The hamlets the gap lists name (to tell apart those of one name)."""
    items = {item.hamlet_pk: item for items, _total in (gap_lists or {}).values() for item in items}
    return [item.hamlet for item in items.values()]


def gap_lists(
    groups: QuerySet[Group], day: datetime.date, last_month: Month, *, limit: int
) -> dict[str, tuple[list, int]]:
    """The first `limit` items of each gap, in code (or due date) order, and how many there
    are in all: one query per gap."""
    active_today = active_between_q(day, day)
    active_last_month = active_between_q(last_month.first_day, last_month.last_day)
    group_gaps = {
        "no_leader": active_today & ~_leader_on(day),
        "no_overseer": active_today & ~_overseer_on(day),
        "no_meeting": active_last_month & ~_meeting_of(last_month),
    }
    found = {}
    for name, gap in group_gaps.items():
        rows, total = _first_and_total(
            groups.filter(gap).order_by("code", "pk"), limit, ("pk", "name", *IN_HAMLET)
        )
        found[name] = ([GapGroup(*row) for row in rows], total)
    rows, total = _first_and_total(
        overdue_petitions(Petition.objects.filter(group__in=groups), day),
        limit,
        ("pk", "content", "group__name", "due_on", *(f"group__{field}" for field in IN_HAMLET)),
    )
    found["overdue"] = ([GapPetition(*row) for row in rows], total)
    return found


def _first_and_total(queryset: QuerySet, limit: int, fields: tuple) -> tuple[list[tuple], int]:
    """The first `limit` rows of `queryset` (in its order) and how many rows it has in all.
    Each row carries the count of them all (a window over the whole result), so the first
    few and the total come back together."""
    rows = list(queryset.annotate(total=Window(Count("pk")))[:limit].values_list(*fields, "total"))
    return [row[:-1] for row in rows], rows[0][-1] if rows else 0


def hamlets_below(
    unit, year: int, share, *, reading: Reading | None = None
) -> list[tuple[Hamlet, Share]]:
    """The unit's hamlets whose cultural-family share of the year is below `share` (a
    percentage), in code order, read as `reading` says (by default as the unit stood at the
    year's end); two queries."""
    if share is None or unit.level == "group":
        return []
    reading = reading or AsItWas(unit, datetime.date(year, 12, 31))
    by_hamlet = household_counts(
        reading.units(Group),
        [year],
        per=reading.unit_key("group", "hamlet"),
        within=Hanging(reading, "hamlet"),
    )
    below = {
        pk: figures.cultural_share
        for pk, figures in by_hamlet[year].items()
        if pk is not None and figures.cultural_share.percent < share
    }
    hamlets = Hamlet.objects.filter(pk__in=below).select_related("commune")
    return [(h, below[h.pk]) for h in hamlets.order_by("commune__code", "code")]
