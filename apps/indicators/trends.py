"""Series for the dashboard's charts: the last months and the last years."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Model, QuerySet
from django.db.models.functions import TruncMonth

from apps.assessments.figures import (
    HouseholdFigures,
    RatedUnits,
)
from apps.core.periods import Month
from apps.hierarchy.models import Group
from apps.indicators.area import (
    Figures,
    Period,
    count_over,
    figures_of,
    reading_of,
    within_period,
)
from apps.indicators.reading import AsItWas, in_stretches, reading_days
from apps.meetings.figures import MeetingCompleteness, completeness_by_month
from apps.petitions.models import Petition


def last_months(month: Month, count: int = 12) -> list[Month]:
    months = [month]
    while len(months) < count:
        months.insert(0, months[0].previous())
    return months


def completeness_series(
    unit: Model, months: list[Month], today: datetime.date, *, todays_map: bool = False
) -> list[tuple[Month, MeetingCompleteness]]:
    """Meeting completeness of each month, as the dashboard shows that month: the area read
    at the month's end (apps.indicators.area.MONTHLY), or on today's map. One query to find
    where the area changed over the months, and two for each stretch it stood the same over."""
    periods = [within_period(Period(month.year, month, today), unit) for month in months]
    if todays_map:
        groups = reading_of(unit, periods[-1], todays_map=True).units(Group)
        return list(zip(months, completeness_by_month(groups, months), strict=True))
    days = [period.month_as_of for period in periods]
    stretches = in_stretches(reading_days(unit, days), zip(months, days, strict=True))
    found: list[MeetingCompleteness] = []
    for last, stretch in stretches.items():  # in the months' order, as they were added
        found += completeness_by_month(AsItWas(unit, last).units(Group), stretch)
    return list(zip(months, found, strict=True))


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


# The figures of the yearly chart (apps.indicators.area.COUNTED_FROM).
YEARLY_CHART = ["households", "hamlet_ratings"]
NO_HAMLETS = RatedUnits(0, 0, 0)  # a group's chart: no hamlet below it


@dataclass(frozen=True)
class YearTrend:
    year: int
    households: HouseholdFigures | None
    hamlets: RatedUnits


def yearly_trends(
    unit: Model, years: list[int], today: datetime.date, *, todays_map: bool = False
) -> list[YearTrend]:
    """ "3 không", cultural families and cultural hamlets of each year, each read as that
    year's dashboard reads it: the area as it was at the year's end, or on today's map. One
    set of queries for each stretch of years over which the area stood the same."""
    periods = [Period(year, Month(year, 12), today) for year in years]
    counted = count_over(unit, periods, names=YEARLY_CHART, todays_map=todays_map)
    totals = [figures.get(None, Figures()) for figures in figures_of(counted, len(periods))]
    return [
        YearTrend(year, total.households, total.hamlet_ratings or NO_HAMLETS)
        for year, total in zip(years, totals, strict=True)
    ]
