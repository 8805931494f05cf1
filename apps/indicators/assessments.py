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
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, FilteredRelation, Q, QuerySet, Sum

from apps.assessments.models import GroupYearTotals
from apps.hierarchy.models import Commune, Group, Hamlet
from apps.indicators.groups import related_lookup
from apps.indicators.shares import Share


@dataclass(frozen=True)
class HouseholdFigures:
    assessed: int
    three_no: int
    cultural_families: int
    previous: "HouseholdFigures | None" = None

    @property
    def three_no_share(self) -> Share:
        return Share(self.three_no, self.assessed)

    @property
    def cultural_share(self) -> Share:
        return Share(self.cultural_families, self.assessed)

    @property
    def three_no_change(self) -> Decimal | None:
        """Change of the "3 không" share from the year before, in percentage points."""
        now = self.three_no_share.percent
        before = self.previous.three_no_share.percent if self.previous else None
        return None if now is None or before is None else now - before


@dataclass(frozen=True)
class RatedUnits:
    """Units rated safe and cultural, out of the units counted."""

    units: int
    safe: int
    cultural: int

    @property
    def safe_share(self) -> Share:
        return Share(self.safe, self.units)

    @property
    def cultural_share(self) -> Share:
        return Share(self.cultural, self.units)


def _household_counts(
    groups: QuerySet[Group], years: list[int], per: str | None
) -> dict[int, dict[int | None, HouseholdFigures]]:
    # Read from the per-group totals, kept exact on every write (apps.assessments.totals).
    totals = GroupYearTotals.objects.filter(group__in=groups, year__in=years).order_by()
    unit = {"unit": F(related_lookup("group", per))} if per else {}
    rows = totals.values("year", **unit).annotate(
        assessed=Sum("assessed"),
        three_no=Sum("three_no"),
        cultural_families=Sum("cultural_families"),
    )
    by_year: dict[int, dict] = {year: {} for year in years}
    for row in rows:
        row_year, key = row.pop("year"), row.pop("unit", None)
        if row["assessed"]:
            by_year[row_year][key] = HouseholdFigures(**row)
    return by_year


def household_figures(
    groups: QuerySet[Group], year: int, *, per: str | None = None
) -> dict[int | None, HouseholdFigures]:
    """The year's household figures over the households of `groups`, with the year
    before's for the change in points; `per` is a lookup from a group to the unit."""
    by_year = _household_counts(groups, [year - 1, year], per)
    return {
        unit: HouseholdFigures(
            figures.assessed,
            figures.three_no,
            figures.cultural_families,
            previous=by_year[year - 1].get(unit),
        )
        for unit, figures in by_year[year].items()
    }


def household_series(
    groups: QuerySet[Group], years: list[int]
) -> dict[int, HouseholdFigures | None]:
    """The household figures of each year (None for a year without assessments); one query."""
    by_year = _household_counts(groups, years, None)
    return {year: by_year[year].get(None) for year in years}


def _rated(units: QuerySet, year: int, per: str | None) -> dict[int | None, RatedUnits]:
    rated = units.annotate(
        rating=FilteredRelation("assessments", condition=Q(assessments__year=year))
    ).order_by()
    counts = {
        "units": Count("pk"),
        "safe": Count("pk", filter=Q(rating__safe=True)),
        "cultural": Count("pk", filter=Q(rating__cultural=True)),
    }
    if per is None:
        return {None: RatedUnits(**rated.aggregate(**counts))}
    return {
        row.pop("unit"): RatedUnits(**row) for row in rated.values(unit=F(per)).annotate(**counts)
    }


def group_ratings(groups: QuerySet[Group], year: int, *, per: str | None = None):
    """Safe and cultural groups out of the groups active in the year."""
    active = groups.active_between(datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    return _rated(active, year, per)


def hamlet_ratings(hamlets: QuerySet[Hamlet], year: int, *, per: str | None = None):
    """Safe and cultural hamlets out of the hamlets."""
    return _rated(hamlets, year, per)


def cultural_communes(communes: QuerySet[Commune], year: int) -> list[Commune]:
    """The communes rated cultural-standard in the year, by name."""
    return list(
        communes.filter(assessments__year=year, assessments__cultural_standard=True).order_by(
            "name"
        )
    )
