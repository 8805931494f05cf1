"""Assessment indicators (DOMAIN.md), per unit and year, computed by the database.

- "3 không" households: households assessed "3 không" in the year / households
  assessed, and the change from the year before in percentage points;
- cultural families: cultural families / households assessed;
- safe groups, cultural groups: rated groups / groups active in the year;
- safe hamlets, cultural hamlets: rated hamlets / hamlets;
- cultural communes: how many, and their names.
Each function takes the records of the area (already limited to the user's
scope) and, with `per`, the lookup to the child unit to count by; one query
whatever the number of units.
"""

import datetime
import operator
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import reduce

from django.db.models import Count, F, FilteredRelation, Q, QuerySet, Sum

from apps.assessments.models import GroupYearTotals
from apps.core.counting import count_by_period
from apps.core.shares import Share
from apps.hierarchy.models import Commune, Group, Hamlet, active_between_q
from apps.hierarchy.within import InGroups, Within
from apps.people.household_counts import GroupHouseholdsChange, households_in


@dataclass(frozen=True)
class HouseholdFigures:
    """`households`, when counted, is the households of the unit in the year: how many
    could be assessed, the coverage of the shares while the assessments are entered."""

    assessed: int
    three_no: int
    cultural_families: int
    previous: "HouseholdFigures | None" = None
    households: int | None = None

    @property
    def coverage(self) -> Share | None:
        return None if self.households is None else Share(self.assessed, self.households)

    @property
    def three_no_share(self) -> Share:
        return Share(self.three_no, self.assessed, self.coverage)

    @property
    def cultural_share(self) -> Share:
        return Share(self.cultural_families, self.assessed, self.coverage)

    @property
    def three_no_change(self) -> Decimal | None:
        """Change of the "3 không" share from the year before, in percentage points."""
        before = self.previous.three_no_share if self.previous else None
        return self.three_no_share.change_from(before)


@dataclass(frozen=True)
class RatedUnits:
    """Units rated safe and cultural, out of the units counted; `rated` of them have a
    rating for the year at all. With none rated the year has no data yet."""

    units: int
    safe: int
    cultural: int
    rated: int = 0

    @property
    def coverage(self) -> Share:
        return Share(self.rated, self.units)

    @property
    def safe_share(self) -> Share:
        return Share(self.safe, self.units, self.coverage)

    @property
    def cultural_share(self) -> Share:
        return Share(self.cultural, self.units, self.coverage)


@dataclass(frozen=True)
class RatedCommunes:
    """The communes rated cultural-standard in a year, by name, and the communes rated at
    all: with none rated the year has no data yet, rather than no such commune."""

    cultural: list = field(default_factory=list)
    rated: list = field(default_factory=list)

    @property
    def count(self) -> int | None:
        return len(self.cultural) if self.rated else None


def household_counts(
    groups: QuerySet[Group],
    years: Sequence[int],
    *,
    per: str | None = None,
    within: Within | None = None,
) -> dict[int, dict[int | None, HouseholdFigures]]:
    """Each year's household figures over `groups` (key None) and, with `per` (a lookup from
    a group to the unit), each unit's; units, or a whole year, without any household
    assessed are absent. One query."""
    # Read from the per-group totals, kept exact on every write (apps.assessments.totals).
    within = within or InGroups(groups, per)
    totals = within.records(GroupYearTotals.objects.filter(year__in=years), "group")

    def counts(index: int, year: int) -> dict:
        this_year = Q(year=year)
        return {
            "assessed": Sum("assessed", filter=this_year),
            "three_no": Sum("three_no", filter=this_year),
            "cultural_families": Sum("cultural_families", filter=this_year),
        }

    unit = within.key("group")
    return {
        year: {key: HouseholdFigures(**row) for key, row in rows.items() if row["assessed"]}
        for year, rows in zip(years, count_by_period(totals, years, counts, per=unit), strict=True)
    }


def households_present(
    groups: QuerySet[Group],
    years: Sequence[int],
    *,
    per: str | None = None,
    within: Within | None = None,
) -> list[dict[int | None, int]]:
    """Each year's households of `groups` (key None) and, with `per`, of each unit: those
    that were in the group that year (apps.people.memberships.present_q), counted in the group
    they were in at the year's end. One query, over the groups' kept counts."""
    within = within or InGroups(groups, per)

    def counts(index: int, year: int) -> dict:
        return {"households": households_in(year)}

    unit = within.key("group")
    changes = GroupHouseholdsChange.objects.filter(year__lte=max(years))
    return [
        {key: row["households"] for key, row in rows.items()}
        for rows in count_by_period(within.records(changes, "group"), years, counts, per=unit)
    ]


def with_coverage(
    figures: dict[int | None, HouseholdFigures], households: dict[int | None, int]
) -> dict[int | None, HouseholdFigures]:
    """The household figures, each with the households that could have been assessed; a
    unit with households and none assessed yet has figures too: nothing to count, out of
    how many."""
    found = {key: replace(f, households=households.get(key, 0)) for key, f in figures.items()}
    for key, count in households.items():
        found.setdefault(key, HouseholdFigures(0, 0, 0, households=count))
    return found


def household_figures(
    groups: QuerySet[Group], year: int, *, per: str | None = None
) -> dict[int | None, HouseholdFigures]:
    """The year's household figures over the households of `groups`, with the year
    before's for the change in points; `per` is a lookup from a group to the unit."""
    by_year = household_counts(groups, [year - 1, year], per=per)
    return {
        unit: HouseholdFigures(
            figures.assessed,
            figures.three_no,
            figures.cultural_families,
            previous=by_year[year - 1].get(unit),
        )
        for unit, figures in by_year[year].items()
    }


def _rated(
    units: QuerySet, years: Sequence[int], per: str | None, counted=lambda year: Q()
) -> list[dict[int | None, RatedUnits]]:
    """Each year's units rated safe and cultural out of the units `counted(year)`."""
    rated = units.annotate(
        **{
            f"rating_{index}": FilteredRelation("assessments", condition=Q(assessments__year=year))
            for index, year in enumerate(years)
        }
    )

    def counts(index: int, year: int) -> dict:
        counted_in_year = counted(year)
        return {
            "units": Count("pk", filter=counted_in_year),
            "safe": Count("pk", filter=counted_in_year & Q(**{f"rating_{index}__safe": True})),
            "cultural": Count(
                "pk", filter=counted_in_year & Q(**{f"rating_{index}__cultural": True})
            ),
            "rated": Count(f"rating_{index}__id", filter=counted_in_year),
        }

    return [
        {unit: RatedUnits(**row) for unit, row in rows.items() if unit is None or row["units"]}
        for rows in count_by_period(rated, years, counts, per=per)
    ]


def _active_in(year: int) -> Q:
    return active_between_q(datetime.date(year, 1, 1), datetime.date(year, 12, 31))


def group_ratings_over(groups: QuerySet[Group], years: Sequence[int], *, per: str | None = None):
    """Each year's safe and cultural groups out of the groups active in that year."""
    active_in_a_year = reduce(operator.or_, (_active_in(year) for year in years))
    return _rated(groups.filter(active_in_a_year), years, per, counted=_active_in)


def group_ratings(groups: QuerySet[Group], year: int, *, per: str | None = None):
    """Safe and cultural groups out of the groups active in the year."""
    return group_ratings_over(groups, [year], per=per)[0]


def _alive_in(year: int) -> Q:
    return Hamlet.alive_q(datetime.date(year, 1, 1), datetime.date(year, 12, 31))


def hamlet_ratings_over(hamlets: QuerySet[Hamlet], years: Sequence[int], *, per=None):
    """Each year's safe and cultural hamlets out of the hamlets alive in that year."""
    return _rated(hamlets, years, per, counted=_alive_in)


def hamlet_ratings(hamlets: QuerySet[Hamlet], year: int, *, per: str | None = None):
    """Safe and cultural hamlets out of the hamlets alive in the year."""
    return hamlet_ratings_over(hamlets, [year], per=per)[0]


def commune_ratings_over(
    communes: QuerySet[Commune], years: Sequence[int]
) -> dict[int, RatedCommunes]:
    """Each year's communes rated cultural-standard, by name, and the communes rated, of
    those alive in the year; one query."""
    rated_alive = (
        Q(assessments__year=year)
        & Commune.alive_q(datetime.date(year, 1, 1), datetime.date(year, 12, 31))
        for year in years
    )
    rated = (
        communes.filter(reduce(operator.or_, rated_alive))
        .annotate(rated_in=F("assessments__year"), standard=F("assessments__cultural_standard"))
        .order_by("name")
    )
    found = {year: RatedCommunes() for year in years}
    for commune in rated:
        year = found[commune.rated_in]
        year.rated.append(commune)
        if commune.standard:
            year.cultural.append(commune)
    return found


def cultural_communes_over(
    communes: QuerySet[Commune], years: Sequence[int]
) -> dict[int, list[Commune]]:
    """Each year's communes rated cultural-standard, by name; one query."""
    return {year: rated.cultural for year, rated in commune_ratings_over(communes, years).items()}


def cultural_communes(communes: QuerySet[Commune], year: int) -> list[Commune]:
    """The communes rated cultural-standard in the year, by name."""
    return cultural_communes_over(communes, [year])[year]
