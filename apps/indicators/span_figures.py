"""The figures of each column of a span, through the same code as the one-period pages.

A column of a range is a year: its yearly figures are the year's page's, and its
meetings count every month of the year (groups that met / active groups, month by
month, summed) up to the last complete month. A column of a quarter is a month, read
as that month (apps.indicators.spans.MonthPeriod). Queries: those of compute_over for
all the columns (one set while the area stood the same, else one set per column),
and two more per year for its months' meetings (one more for each change within it).
"""

from django.db.models import Model

from apps.core.periods import Month
from apps.hierarchy.models import Group
from apps.indicators.area import Figures, Period, reading_of, within_period
from apps.indicators.figure_cache import kept_compute_over
from apps.indicators.reading import AsItWas, stretches
from apps.indicators.spans import Span
from apps.meetings.figures import MeetingCompleteness, meetings_summed_over


def span_figures(
    unit: Model, span: Span, *, by: str | None = None, todays_map: bool = False
) -> list[dict[int | None, Figures]]:
    """Each column's figures of the unit (key None) and, with `by`, of each unit of that
    level within it (see apps.indicators.area.compute_over)."""
    found = kept_compute_over(unit, span.columns, by=by, todays_map=todays_map)
    if span.yearly:
        for period, figures in zip(span.columns, found, strict=True):
            meetings = year_meetings(unit, period, by=by, todays_map=todays_map)
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


def year_meetings(
    unit: Model, period: Period, *, by: str | None = None, todays_map: bool = False
) -> dict[int | None, MeetingCompleteness]:
    """The year's meetings month by month, summed: group-months with a meeting out of
    group-months active, each month over the area as the dashboard reads that month (at the
    month's end, apps.indicators.area.MONTHLY; or on today's map). One query to find where
    the area changed within the year, and one for each stretch it stood the same over."""
    period = within_period(period, unit)
    months = months_counted(period)
    if not months:
        return {}
    if todays_map:
        readings = [(reading_of(unit, period, todays_map=True), months)]
    else:
        days = [min(month.last_day, period.as_of) for month in months]
        readings = [
            (AsItWas(unit, day), [months[i] for i in indices])
            for day, indices in stretches(unit, days)
        ]
    found: dict[int | None, MeetingCompleteness] = {}
    for reading, stretch in readings:
        per = reading.unit_key("group", by) if by else None
        for key, counted in meetings_summed_over(reading.units(Group), stretch, per=per).items():
            found[key] = found[key] + counted if key in found else counted
    return found
