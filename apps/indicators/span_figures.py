"""The figures of each column of a span, through the same code as the one-period pages.

A column of a range is a year: its yearly figures are the year's page's, and its
meetings count every month of the year (groups that met / active groups, month by
month, summed) up to the last complete month. A column of a quarter is a month, read
as that month (apps.indicators.spans.MonthPeriod). Queries: those of compute_over for
all the columns (one set while the area stood the same, else one set per column),
one to find where the area changed, and two more per year (its months' meetings, one more
for each change within it; its child units).
"""

from collections.abc import Sequence
from dataclasses import replace

from django.db.models import Model, Q

from apps.core.periods import Month
from apps.hierarchy.models import Group
from apps.indicators.area import Figures, Period, reading_of, within_period
from apps.indicators.figure_cache import kept_compute_over
from apps.indicators.reading import AsItWas, Reading, in_stretches, reading_days
from apps.indicators.spans import Span
from apps.meetings.figures import MeetingCompleteness, meetings_summed_over


def span_figures(
    unit: Model, span: Span, *, by: str | None = None, todays_map: bool = False
) -> list[dict[int | None, Figures]]:
    """Each column's figures of the unit (key None) and, with `by`, of each unit of that
    level within it (see apps.indicators.area.compute_over)."""
    found = kept_compute_over(unit, span.columns, by=by, todays_map=todays_map)
    if span.yearly:
        by_year = years_meetings(unit, span.columns, by=by, todays_map=todays_map)
        for meetings, figures in zip(by_year, found, strict=True):
            for key, unit_figures in figures.items():
                unit_figures.meetings = meetings.get(key)
            for key, completeness in meetings.items():
                figures.setdefault(key, Figures()).meetings = completeness
    return found


def months_counted(period: Period) -> list[Month]:
    """The year's months with a meeting due by now: all twelve of a past year; of the running
    year (or of a unit's last year), those before its current month."""
    last = Month.of(period.today)
    if period.today < period.end:
        last = last.previous()
    return [m for m in (Month(period.year, n) for n in range(1, 13)) if m <= last]


def years_meetings(
    unit: Model, periods: Sequence[Period], *, by: str | None = None, todays_map: bool = False
) -> list[dict[int | None, MeetingCompleteness]]:
    """Each year's meetings month by month, summed: group-months with a meeting out of
    group-months active, each month over the area as the dashboard reads that month (at the
    month's end, apps.indicators.area.MONTHLY; or on today's map). One query to find where
    the area changed over the years, and one a year for each stretch of its months over
    which the area stood the same (one, mostly)."""
    periods = [within_period(period, unit) for period in periods]
    months = [months_counted(period) for period in periods]
    if todays_map:
        reading = reading_of(unit, periods[0], todays_map=True)  # the same for every year
        return [_summed(reading, year, by) if year else {} for year in months]
    days = [
        [replace(period, month=month).month_as_of for month in year]
        for period, year in zip(periods, months, strict=True)
    ]
    read_on = reading_days(unit, (day for year in days for day in year))
    found = []
    for year, year_days in zip(months, days, strict=True):
        year_found: dict[int | None, MeetingCompleteness] = {}
        for last, stretch in in_stretches(read_on, zip(year, year_days, strict=True)).items():
            for key, counted in _summed(AsItWas(unit, last), stretch, by).items():
                year_found[key] = year_found[key] + counted if key in year_found else counted
        found.append(year_found)
    return found


def _summed(
    reading: Reading, months: list[Month], by: str | None
) -> dict[int | None, MeetingCompleteness]:
    per = reading.unit_key("group", by) if by else None
    return meetings_summed_over(reading.units(Group), months, per=per)


def column_readings(
    unit: Model, span: Span, model: type[Model], *, todays_map: bool = False
) -> list[tuple[Reading, Q]]:
    """Each reading of the span's columns (at a column's end, or on today's map), with the
    life of the units of `model` alive in its columns: one for each stretch of their days
    over which the area stood the same (one, mostly), in the columns' order. One query."""
    first, last = span.columns[0], span.columns[-1]
    if todays_map:
        return [(reading_of(unit, last, todays_map=True), model.alive_q(first.start, last.end))]
    days = [(column, within_period(column, unit).as_of) for column in span.columns]
    stretches = in_stretches(reading_days(unit, (day for _column, day in days)), days)
    return [
        (AsItWas(unit, day), model.alive_q(columns[0].start, columns[-1].end))
        for day, columns in stretches.items()
    ]


def counted_units(found: Sequence[dict]) -> set[int]:
    """The units the columns' figures count by (those of span_figures with `by`): with the
    units column_readings finds, also any counted in a column without standing within the
    unit at its end (a month read at the month's end, a record kept where it was made)."""
    return {pk for figures in found for pk in figures if pk is not None}
