"""Every indicator of DOMAIN.md for a unit and a period, for the unit and for each of its
child units (the communes of a district, the hamlets of a commune, the groups of a hamlet).

Each indicator comes from its own module; this one only says which records
belong to a unit and how to count them by child unit, so that the child table
is one pass per indicator, never one query per child.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from django.db.models import Model, QuerySet

from apps.assessments.figures import (
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
from apps.core.periods import Month
from apps.core.shares import Share
from apps.hierarchy.models import LEVELS, UNIT_MODELS, Commune, Group, Hamlet, path_up, predecessors
from apps.indicators.reading import (
    AsItWas,
    Hanging,
    OnTodaysMap,
    Reading,
    in_stretches,
    reading_days,
)
from apps.meetings.figures import MeetingCompleteness, meeting_completeness_over
from apps.meetings.models import OutreachSession
from apps.meetings.outreach_figures import OutreachFigures, outreach_figures_over
from apps.organisation.figures import communes_with_committee_over, hamlets_with_board_over
from apps.people.figures import GroupFigures, group_figures_over
from apps.petitions.figures import PetitionFigures, petition_figures_over
from apps.petitions.figures import Window as PetitionWindow
from apps.petitions.models import Petition

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

    @property
    def month_as_of(self) -> datetime.date:
        """The day the month's figures read the area on: the month's last day, or the
        period's own last day if that comes first (today while the month runs)."""
        return min(self.month.last_day, self.as_of)

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
    """The unit's groups as it stands now (the gaps to act on today)."""
    if unit.level == "group":
        return Group.objects.filter(pk=unit.pk)
    return Group.objects.filter(**{path_up("group", unit.level): unit})


def levels_below(level: str) -> list[str]:
    return LEVELS[LEVELS.index(level) + 1 :]


def last_read_day(unit: Model) -> datetime.date | None:
    """The last day the unit's figures are read to: its own last day, or the last day it
    stood within the reader's units (`read_until`, set by the pages from
    apps.accounts.access.read_until), whichever comes first; None while both last."""
    days = [day for day in (unit.last_day, getattr(unit, "read_until", None)) if day]
    return min(days) if days else None


def within_period(period: Period, unit: Model) -> Period:
    """The period as far as the unit lived (or as far as it is read, last_read_day): an
    ended unit is read up to its last day."""
    last = last_read_day(unit)
    return replace(period, today=min(period.today, last)) if last else period


def reading_of(unit: Model, period: Period, *, todays_map: bool = False) -> Reading:
    """How the unit's area is read for the period: as it was on the period's last day
    (within the unit's life), or on today's map with its predecessors."""
    if todays_map:
        return OnTodaysMap(unit, _predecessors_of(unit))
    return AsItWas(unit, within_period(period, unit).as_of)


def _predecessors_of(unit: Model) -> tuple[int, ...]:
    """The unit's predecessors, asked once per loaded unit: a page reads today's map for
    its figures, its children, its charts and its approvals."""
    if not hasattr(unit, "_predecessors"):
        unit._predecessors = predecessors(unit.level, unit.pk)
    return unit._predecessors


def children_of(unit: Model, period: Period, *, todays_map: bool = False) -> QuerySet:
    """The unit's child units alive in the period, as read for it, in code order."""
    level = CHILD_LEVEL.get(unit.level)
    if level is None:
        return Group.objects.none()
    model = UNIT_MODELS[level]
    units = reading_of(unit, period, todays_map=todays_map).units(model)
    return units.filter(model.alive_q(period.start, period.end)).order_by("code")


# Each figure of Figures and the records it is counted from beside the structure (units,
# placements, people, organisation), by app: a write to those records can change it and
# no other (apps.indicators.figure_cache keeps each app's figures apart).
COUNTED_FROM = {
    "groups": None,
    "boards": None,
    "committees": None,
    "meetings": "meetings",
    "outreach": "meetings",
    "petitions": "petitions",
    "households": "assessments",
    "group_ratings": "assessments",
    "hamlet_ratings": "assessments",
    "cultural_communes": "assessments",
}

# A figure's values for each period: {unit id (None: the whole area): value}.
Counted = dict[str, list[dict]]


def compute_over(
    unit: Model, periods: Sequence[Period], *, by: str | None = None, todays_map: bool = False
) -> list[dict[int | None, Figures]]:
    """Each period's figures of the unit (key None) and, with `by` (a level below the
    unit's), of each unit of that level within it (key: its id), read as it was in each
    period or, with `todays_map`, on today's map. Periods whose area stood the same are
    counted by the same queries, so the period before mostly costs no extra query."""
    return figures_of(count_over(unit, periods, by=by, todays_map=todays_map), len(periods))


def count_over(
    unit: Model,
    periods: Sequence[Period],
    *,
    by: str | None = None,
    todays_map: bool = False,
    names: Sequence[str] = tuple(COUNTED_FROM),
) -> Counted:
    """The values of the figures `names` (all by default) as compute_over counts them, by
    figure and period."""
    if by is not None and by not in levels_below(unit.level):
        raise ValueError(f"{by} is not below {unit.level}")
    periods = [within_period(period, unit) for period in periods]
    found: Counted = {}
    for reading, indices, counted_names in _readings(unit, periods, set(names), todays_map):
        counted = _count(reading, [periods[i] for i in indices], by, counted_names)
        for name, values_by_period in counted.items():
            by_period = found.setdefault(name, [{} for _ in periods])
            for index, values in zip(indices, values_by_period, strict=True):
                by_period[index] = values
    return found


# The figures of a period's month: counted over the area as it stood at the month's end, as
# the month's own pages and its approval read it (apps.approvals.selectors.month_review), so
# that a group moving later in the year leaves the months before it as they were. The
# others are the year's, read at the year's end.
MONTHLY = {"meetings"}
# The figures counted from records by the places they keep from their own day
# (Reading.records): under a unit, a child's are those it had there, on whichever day it
# stood there.
KEPT_PLACES = {"outreach", "petitions"}


def _reading_day(period: Period, name: str) -> datetime.date:
    return period.month_as_of if name in MONTHLY else period.as_of


def _readings(
    unit: Model, periods: Sequence[Period], names: set[str], todays_map: bool
) -> list[tuple[Reading, list[int], set[str]]]:
    """The readings to count with, each with the indices of the periods and the figures it
    counts: one for each stretch of their days over which the area stood the same (one for
    everything, mostly), found in one query."""
    if todays_map:
        everything = list(range(len(periods)))
        return [(reading_of(unit, periods[0], todays_map=True), everything, names)]
    read_on = reading_days(unit, (_reading_day(p, name) for p in periods for name in names))
    # Each reading's figures, grouped by the periods they are counted for there.
    counted: dict[tuple[datetime.date, tuple[int, ...]], set[str]] = {}
    for name in names:
        days = ((index, _reading_day(period, name)) for index, period in enumerate(periods))
        for last, indices in in_stretches(read_on, days).items():
            counted.setdefault((last, tuple(indices)), set()).add(name)
    return [
        (AsItWas(unit, last), list(indices), found) for (last, indices), found in counted.items()
    ]


def figures_of(counted: Counted, periods: int) -> list[dict[int | None, Figures]]:
    """The Figures of each period and unit from the counted values."""
    found: list[dict[int | None, Figures]] = [{} for _ in range(periods)]
    for name, values_by_period in counted.items():
        for figures, values in zip(found, values_by_period, strict=True):
            for key, value in values.items():
                setattr(figures.setdefault(key, Figures()), name, value)
    return found


def _count(reading: Reading, periods: Sequence[Period], by: str | None, names: set) -> Counted:
    """The periods' values of the figures `names` over the area `reading` finds, in one set
    of queries."""
    level = reading.unit.level
    groups = reading.counted_groups()  # Group rows, or their Placement rows of the day
    # How a group and a hamlet are counted by unit (None: only the unit's total).
    per_group = None if by is None else reading.group_key(by)
    per_hamlet = reading.unit_key("hamlet", by) if by in ("commune", "hamlet") else None
    per_commune = "pk" if by == "commune" else None
    hanging = Hanging(reading, by)
    years = [period.year for period in periods]
    ends = [period.as_of for period in periods]
    found: Counted = {}
    windows = [(p.start, p.as_of) for p in periods]
    if "groups" in names:
        found["groups"] = group_figures_over(groups, windows, per=per_group, within=hanging)
    if "meetings" in names:
        months = [p.month for p in periods]
        found["meetings"] = meeting_completeness_over(groups, months, per=per_group)
    if "outreach" in names:
        sessions = reading.records(OutreachSession)
        spans = [(p.start, p.end) for p in periods]
        found["outreach"] = outreach_figures_over(sessions, spans, per=by)
    if "petitions" in names:
        petitions = reading.records(Petition)
        raised = [PetitionWindow(p.start, p.end, p.as_of) for p in periods]
        petitions_per = reading.record_key(Petition, by) if by else None
        found["petitions"] = petition_figures_over(petitions, raised, per=petitions_per)
    if "households" in names:
        households = household_counts(groups, years, per=per_group, within=hanging)
        present = households_present(groups, years, per=per_group, within=hanging)
        found["households"] = [
            with_coverage(households[y], n) for y, n in zip(years, present, strict=True)
        ]
    if "group_ratings" in names:
        found["group_ratings"] = group_ratings_over(groups, years, per=per_group)
    if level != "group":  # hamlets are not counted by group: below a hamlet, only its total
        hamlets = reading.units(Hamlet)
        if "hamlet_ratings" in names:
            found["hamlet_ratings"] = hamlet_ratings_over(hamlets, years, per=per_hamlet)
        if "boards" in names:
            alive = [Hamlet.alive_q(p.start, p.as_of) for p in periods]
            found["boards"] = hamlets_with_board_over(hamlets, ends, per=per_hamlet, alive=alive)
    if level in ("district", "commune"):  # the district's communes, or the commune itself
        communes = reading.units(Commune)
        if "committees" in names:
            alive = [Commune.alive_q(p.start, p.as_of) for p in periods]
            found["committees"] = communes_with_committee_over(
                communes, ends, per=per_commune, alive=alive
            )
        if "cultural_communes" in names:
            rated = commune_ratings_over(communes, years)
            found["cultural_communes"] = [_by_commune(rated[year], per_commune) for year in years]
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


def compute(
    unit: Model, period: Period, *, by: str | None = None, todays_map: bool = False
) -> dict[int | None, Figures]:
    """The period's figures of the unit (key None) and, with `by`, of each unit of that
    level within it (see compute_over)."""
    return compute_over(unit, [period], by=by, todays_map=todays_map)[0]
