"""Every indicator of DOMAIN.md for a unit and a period, for the unit and for each of its
child units (the communes of a district, the hamlets of a commune, the groups of a hamlet).

Each indicator comes from its own module; this one only says which records
belong to a unit and how to count them by child unit, so that the child table
is one pass per indicator, never one query per child.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Model, QuerySet

from apps.core.periods import Month
from apps.hierarchy.models import LEVELS, UNIT_MODELS, Commune, Group, Hamlet
from apps.indicators.assessments import (
    HouseholdFigures,
    RatedCommunes,
    RatedUnits,
    commune_ratings_over,
    group_ratings_over,
    hamlet_ratings_over,
    household_counts,
    households_present,
    with_coverage,
)
from apps.indicators.groups import GroupFigures, Within, group_figures_over, related_lookup
from apps.indicators.meetings import MeetingCompleteness, meeting_completeness_over
from apps.indicators.organisation import communes_with_committee_over, hamlets_with_board_over
from apps.indicators.outreach import OutreachFigures, outreach_figures_over
from apps.indicators.petitions import PetitionFigures, petition_figures_over
from apps.indicators.petitions import Window as PetitionWindow
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
    cultural_communes: RatedCommunes | None = None


def groups_of(unit: Model) -> QuerySet[Group]:
    if unit.level == "group":
        return Group.objects.filter(pk=unit.pk)
    return Group.objects.filter(**{GROUP_TO[unit.level]: unit})


def within(unit: Model) -> Within:
    """The unit's records in a model that points at a group, found by joining up to the unit
    rather than through a subquery of its groups."""
    from_group = GROUP_TO.get(unit.level, "pk")
    return lambda path: {related_lookup(path, from_group): unit}


def children_of(unit: Model) -> QuerySet:
    """The unit's child units, in code order (none for a group)."""
    level = CHILD_LEVEL.get(unit.level)
    if level is None:
        return Group.objects.none()
    return UNIT_MODELS[level].objects.filter(**{unit.level: unit}).order_by("code")


def levels_below(level: str) -> list[str]:
    return LEVELS[LEVELS.index(level) + 1 :]


def compute_over(
    unit: Model, periods: Sequence[Period], *, by: str | None = None
) -> list[dict[int | None, Figures]]:
    """Each period's figures of the unit (key None) and, with `by` (a level below the
    unit's), of each unit of that level within it (key: its id). Every period comes from
    the same queries, so the figures of the period before cost no extra query."""
    level = unit.level
    if by is not None and by not in levels_below(level):
        raise ValueError(f"{by} is not below {level}")
    groups, records = groups_of(unit), within(unit)
    # How a group and a hamlet are counted by unit (None: only the unit's total).
    per_group = None if by is None else ("pk" if by == "group" else GROUP_TO[by])
    per_hamlet = {"commune": "commune", "hamlet": "pk"}.get(by)
    per_commune = "pk" if by == "commune" else None
    years = [period.year for period in periods]
    ends = [period.as_of for period in periods]
    found: list[dict[int | None, Figures]] = [{} for _ in periods]

    def put(name: str, values_by_period: Sequence[dict]) -> None:
        for figures, values in zip(found, values_by_period, strict=True):
            for key, value in values.items():
                setattr(figures.setdefault(key, Figures()), name, value)

    windows = [(p.start, p.as_of) for p in periods]
    put("groups", group_figures_over(groups, windows, per=per_group, within=records))
    put("meetings", meeting_completeness_over(groups, [p.month for p in periods], per=per_group))
    sessions = OutreachSession.objects.filter(**{level: unit})
    put("outreach", outreach_figures_over(sessions, [(p.start, p.end) for p in periods], per=by))
    petitions = Petition.objects.filter(**records("group"))
    raised = [PetitionWindow(p.start, p.end, p.as_of) for p in periods]
    petitions_per = related_lookup("group", per_group) if per_group else None
    put("petitions", petition_figures_over(petitions, raised, per=petitions_per))
    households = household_counts(groups, years, per=per_group, within=records)
    # Every household of the area is read here: a semi-join on its groups is half the
    # time of joining each household up to the unit.
    present = households_present(groups, years, per=per_group)
    put(
        "households", [with_coverage(households[y], n) for y, n in zip(years, present, strict=True)]
    )
    put("group_ratings", group_ratings_over(groups, years, per=per_group))
    if level != "group":  # hamlets are not counted by group: below a hamlet, only its total
        hamlets = Hamlet.objects.filter(**{HAMLET_TO[level]: unit.pk})
        put("hamlet_ratings", hamlet_ratings_over(hamlets, years, per=per_hamlet))
        put("boards", hamlets_with_board_over(hamlets, ends, per=per_hamlet))
    if level in ("district", "commune"):  # the district's communes, or the commune itself
        communes = Commune.objects.filter(**{"district" if level == "district" else "pk": unit.pk})
        put("committees", communes_with_committee_over(communes, ends, per=per_commune))
        rated = commune_ratings_over(communes, years)
        put("cultural_communes", [_by_commune(rated[year], per_commune) for year in years])
    return found


def _by_commune(rated: RatedCommunes, per_commune: str | None) -> dict:
    """The communes' ratings as a whole (None) and, by commune, of each rated one: a commune
    is rated (or not) once a year."""
    by_unit = {None: rated}
    if per_commune:
        cultural = set(rated.cultural)
        by_unit.update(
            (c.pk, RatedCommunes([c] if c in cultural else [], [c])) for c in rated.rated
        )
    return by_unit


def compute(unit: Model, period: Period, *, by: str | None = None) -> dict[int | None, Figures]:
    """The period's figures of the unit (key None) and, with `by`, of each unit of that
    level within it (see compute_over)."""
    return compute_over(unit, [period], by=by)[0]
