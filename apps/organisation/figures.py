"""Organisation indicators (DOMAIN.md), at a day (the period's end) or for a year:

- communes with a steering committee: communes with one / communes;
- hamlet mobilisation boards: hamlets with a board / hamlets;
- steering committee members per organisation, at a day;
- units never visited in a year: communes of a district without a visit of the district
  committee that year, hamlets of a commune without any supervision visit that year;
- follow-up actions overdue at a day;
- commendations per year.

Each is one query whatever the number of units.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet

from apps.core.counting import count_by_period
from apps.core.shares import Share
from apps.hierarchy.models import Commune, Hamlet
from apps.organisation.models import (
    Commendation,
    CommitteeMember,
    FollowUp,
    MobilisationBoard,
    SteeringCommittee,
    SupervisionVisit,
)


def _with_body_over(
    body: type[SteeringCommittee] | type[MobilisationBoard],
    unit_field: str,
    units: QuerySet,
    days: Sequence[datetime.date],
    *,
    per: str | None = None,
    alive: Sequence[Q] | None = None,
) -> list[dict[int | None, Share]]:
    """For each day, the units with a `body` (reached by its `unit_field`) current on it, out
    of the units (with `alive`, out of those meeting each day's condition: the units alive in
    its period)."""
    covered = units.annotate(
        **{
            f"has_one_{index}": Exists(
                body.objects.current_on(day).filter(**{unit_field: OuterRef("pk")})
            )
            for index, day in enumerate(days)
        }
    )

    def counts(index: int, day: datetime.date) -> dict:
        counted = alive[index] if alive else Q()
        return {
            "units": Count("pk", filter=counted),
            "with_one": Count("pk", filter=counted & Q(**{f"has_one_{index}": True})),
        }

    return [
        {
            unit: Share(row["with_one"], row["units"])
            for unit, row in rows.items()
            if unit is None or row["units"]  # a unit not alive then has no share
        }
        for rows in count_by_period(covered, days, counts, per=per)
    ]


# The same count for both bodies: a commune's committee, a hamlet's board.
communes_with_committee_over = partial(_with_body_over, SteeringCommittee, "commune")
hamlets_with_board_over = partial(_with_body_over, MobilisationBoard, "hamlet")


def members_per_organisation(
    members: QuerySet[CommitteeMember], day: datetime.date, *, per: str | None = None
) -> dict[int | None, dict[str, int]]:
    """Steering committee members on `day`, counted by the organisation they come from.

    A member counts when their membership includes the day (started on or before it, not
    ended before it) and so does their committee's. Every organisation has a count, 0
    included. `per` is the lookup from a member to the unit to count by, such as
    "committee__commune" (the district committee's members then count under None).
    """
    current = (
        members.current_on(day)
        .filter(committee__in=SteeringCommittee.objects.current_on(day))
        .order_by()
    )
    empty = dict.fromkeys(CommitteeMember.Organisation.values, 0)
    if per is None:
        rows = current.values("organisation").annotate(n=Count("pk"))
        return {None: empty | {row["organisation"]: row["n"] for row in rows}}
    found: dict[int | None, dict[str, int]] = {}
    for row in current.values("organisation", unit=F(per)).annotate(n=Count("pk")):
        found.setdefault(row["unit"], dict(empty))[row["organisation"]] = row["n"]
    return found


@dataclass(frozen=True)
class NeverVisited:
    """The units without a supervision visit in the year, out of `total` units."""

    units: list = field(default_factory=list)
    total: int = 0

    @property
    def share(self) -> Share:
        return Share(len(self.units), self.total)


def units_never_visited(units: QuerySet[Commune] | QuerySet[Hamlet], year: int) -> NeverVisited:
    """Of `units` (communes of a district, or hamlets of a commune), those with no
    supervision visit in `year`.

    A unit is visited when a visit in the year went to it or to a unit inside it, made by
    a committee above it: for a commune, the district's committee (a commune's own committee
    visiting its hamlets does not count); for a hamlet, the district's or the commune's.
    The units come back in code order.
    """
    level = units.model.level
    visits = SupervisionVisit.objects.filter(
        **{level: OuterRef("pk")},
        visited_on__gte=datetime.date(year, 1, 1),
        visited_on__lte=datetime.date(year, 12, 31),
    )
    if level == "commune":
        visits = visits.filter(members__committee__commune__isnull=True)
    rows = list(units.annotate(visited=Exists(visits)).order_by("code"))
    return NeverVisited([unit for unit in rows if not unit.visited], len(rows))


def overdue_follow_ups(
    follow_ups: QuerySet[FollowUp], day: datetime.date, *, per: str | None = None
) -> dict[int | None, int]:
    """Follow-up actions overdue on `day`: not done by that day and due before it.

    Seen from a past day, an action done after it was still overdue then. `per` is the
    lookup from a follow-up to the unit to count by, such as "visit__commune"; units
    without an overdue action have no key.
    """
    overdue = follow_ups.filter(due_on__lt=day).filter(Q(done_on__isnull=True) | Q(done_on__gt=day))
    overdue = overdue.order_by()
    if per is None:
        return {None: overdue.count()}
    rows = overdue.values(unit=F(per)).annotate(n=Count("pk"))
    return {row["unit"]: row["n"] for row in rows}


@dataclass(frozen=True)
class CommendationCount:
    people: int = 0
    units: int = 0

    @property
    def total(self) -> int:
        return self.people + self.units


def commendations_per_year(
    commendations: QuerySet[Commendation], first_year: int, last_year: int
) -> dict[int, CommendationCount]:
    """Commendations of each year from `first_year` to `last_year` (years without any
    count 0), split into people commended (a name is given) and units commended."""
    rows = (
        commendations.filter(year__gte=first_year, year__lte=last_year)
        .order_by()
        .values("year")
        .annotate(
            people=Count("pk", filter=~Q(person_name="")),
            units=Count("pk", filter=Q(person_name="")),
        )
    )
    found = {row.pop("year"): CommendationCount(**row) for row in rows}
    return {year: found.get(year, CommendationCount()) for year in range(first_year, last_year + 1)}
