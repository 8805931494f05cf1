"""Every indicator of DOMAIN.md for a unit and a period, for the unit and for each of its
child units (the communes of a district, the hamlets of a commune, the groups of a hamlet).

Each indicator comes from its own module; this one only says which records
belong to a unit and how to count them by child unit, so that the child table
is one pass per indicator, never one query per child.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Model, QuerySet

from apps.core.periods import Month
from apps.hierarchy.models import LEVELS, UNIT_MODELS, Commune, Group, Hamlet
from apps.indicators.assessments import (
    HouseholdFigures,
    RatedUnits,
    cultural_communes,
    group_ratings,
    hamlet_ratings,
    household_figures,
)
from apps.indicators.groups import GroupFigures, group_figures, related_lookup
from apps.indicators.meetings import MeetingCompleteness, meeting_completeness
from apps.indicators.organisation import communes_with_committee, hamlets_with_board
from apps.indicators.outreach import OutreachFigures, outreach_figures
from apps.indicators.petitions import PetitionFigures, petition_figures
from apps.indicators.shares import Share
from apps.meetings.models import OutreachSession
from apps.petitions.models import Petition

# From a group to the unit at each level, and from a hamlet.
GROUP_TO = {
    "district": "hamlet__commune__district",
    "commune": "hamlet__commune",
    "hamlet": "hamlet",
}
HAMLET_TO = {"district": "commune__district", "commune": "commune", "hamlet": "pk"}
CHILD_LEVEL = {"district": "commune", "commune": "hamlet", "hamlet": "group"}


@dataclass(frozen=True)
class Period:
    """A year for the yearly indicators and a month for the monthly ones, seen on `today`."""

    year: int
    month: Month
    today: datetime.date

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year, 1, 1)

    @property
    def end(self) -> datetime.date:
        return datetime.date(self.year, 12, 31)

    @property
    def as_of(self) -> datetime.date:
        """The period's end, or today while the year is running."""
        return min(self.end, self.today)

    def previous(self) -> "Period":
        """What the changes are measured against: the year before, and the month before."""
        return Period(self.year - 1, self.month.previous(), self.today)


@dataclass
class Figures:
    """One unit's indicators; None where the indicator does not apply at its level."""

    groups: GroupFigures = field(default_factory=GroupFigures)
    meetings: MeetingCompleteness | None = None
    outreach: OutreachFigures = field(default_factory=OutreachFigures)
    petitions: PetitionFigures | None = None
    households: HouseholdFigures | None = None
    group_ratings: RatedUnits | None = None
    hamlet_ratings: RatedUnits | None = None
    committees: Share | None = None
    boards: Share | None = None
    cultural_communes: list = field(default_factory=list)


def groups_of(unit: Model) -> QuerySet[Group]:
    if unit.level == "group":
        return Group.objects.filter(pk=unit.pk)
    return Group.objects.filter(**{GROUP_TO[unit.level]: unit})


def children_of(unit: Model) -> QuerySet:
    """The unit's child units, in code order (none for a group)."""
    level = CHILD_LEVEL.get(unit.level)
    if level is None:
        return Group.objects.none()
    return UNIT_MODELS[level].objects.filter(**{unit.level: unit}).order_by("code")


def levels_below(level: str) -> list[str]:
    return LEVELS[LEVELS.index(level) + 1 :]


def compute(unit: Model, period: Period, *, by: str | None = None) -> dict[int | None, Figures]:
    """The unit's figures (key None) or, with `by` (a level below the unit's), the figures
    of each unit of that level within it (key: its id)."""
    level = unit.level
    child = by
    if by is not None and by not in levels_below(level):
        raise ValueError(f"{by} is not below {level}")
    groups = groups_of(unit)
    # How a group, a hamlet and an outreach session are counted by child unit.
    per_group = None if child is None else ("pk" if child == "group" else GROUP_TO[child])
    per_hamlet = {"commune": "commune", "hamlet": "pk"}.get(child)

    def via(prefix: str) -> str | None:
        return related_lookup(prefix, per_group) if per_group else None

    found: dict[int | None, Figures] = {}

    def put(name: str, values: dict) -> None:
        for key, value in values.items():
            setattr(found.setdefault(key, Figures()), name, value)

    put("groups", group_figures(groups, period.start, period.as_of, per=per_group))
    put("meetings", meeting_completeness(groups, period.month, per=per_group))
    sessions = OutreachSession.objects.filter(**{level: unit})
    put("outreach", outreach_figures(sessions, period.start, period.end, per=child))
    petitions = Petition.objects.filter(group__in=groups)
    put(
        "petitions",
        petition_figures(petitions, period.start, period.end, as_of=period.as_of, per=via("group")),
    )
    put("households", household_figures(groups, period.year, per=per_group))
    put("group_ratings", group_ratings(groups, period.year, per=per_group))
    if level != "group" and child != "group":  # hamlets are not counted by group
        hamlets = Hamlet.objects.filter(**{HAMLET_TO[level]: unit.pk})
        put("hamlet_ratings", hamlet_ratings(hamlets, period.year, per=per_hamlet))
        put("boards", hamlets_with_board(hamlets, period.as_of, per=per_hamlet))
    # Communes: the district's (counted by commune in its child table) or the commune itself.
    if (level == "district" and child in (None, "commune")) or (
        level == "commune" and child is None
    ):
        communes = Commune.objects.filter(**{"district" if level == "district" else "pk": unit.pk})
        per_commune = "pk" if child else None
        put("committees", communes_with_committee(communes, period.as_of, per=per_commune))
        cultural = cultural_communes(communes, period.year)
        by_unit: dict = {c.pk: [] for c in communes} if child else {None: []}
        for commune in cultural:
            by_unit[commune.pk if child else None].append(commune)
        put("cultural_communes", by_unit)
    return found
