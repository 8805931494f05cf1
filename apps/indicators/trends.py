"""Series for the dashboard's charts: the last months and the last years."""

from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth

from apps.assessments.figures import (
    HouseholdFigures,
    RatedUnits,
    hamlet_ratings_over,
    household_series,
)
from apps.core.periods import Month
from apps.hierarchy.models import Group, Hamlet
from apps.meetings.figures import MeetingCompleteness, completeness_by_month
from apps.petitions.models import Petition


def last_months(month: Month, count: int = 12) -> list[Month]:
    months = [month]
    while len(months) < count:
        months.insert(0, months[0].previous())
    return months


def completeness_series(
    groups: QuerySet[Group], months: list[Month]
) -> list[tuple[Month, MeetingCompleteness]]:
    """Meeting completeness of each month (two queries)."""
    return list(zip(months, completeness_by_month(groups, months), strict=True))


@dataclass(frozen=True)
class PetitionMonth:
    month: Month
    raised: int
    closed: int


def petitions_by_month(petitions: QuerySet[Petition], months: list[Month]) -> list[PetitionMonth]:
    """Petitions raised and closed in each month (two queries)."""
    first, last = months[0].first_day, months[-1].last_day

    def per_month(date_field: str) -> dict[Month, int]:
        rows = (
            petitions.filter(**{f"{date_field}__gte": first, f"{date_field}__lte": last})
            .order_by()
            .annotate(m=TruncMonth(date_field))
            .values("m")
            .annotate(n=Count("pk"))
        )
        return {Month.of(row["m"]): row["n"] for row in rows}

    raised, closed = per_month("raised_on"), per_month("closed_on")
    return [PetitionMonth(m, raised.get(m, 0), closed.get(m, 0)) for m in months]


@dataclass(frozen=True)
class YearTrend:
    year: int
    households: HouseholdFigures | None
    hamlets: RatedUnits


def yearly_trends(
    groups: QuerySet[Group], hamlets: QuerySet[Hamlet], years: list[int]
) -> list[YearTrend]:
    """ "3 không", cultural families and cultural hamlets of each year."""
    households = household_series(groups, years)
    ratings = hamlet_ratings_over(hamlets, years)
    return [
        YearTrend(year, households[year], rated[None])
        for year, rated in zip(years, ratings, strict=True)
    ]
