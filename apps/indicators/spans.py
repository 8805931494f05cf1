"""Periods of any length: a range of years (?tu=2008&den=2010) and a quarter (?quy=2026-Q1).

A span is shown as its columns side by side (each year of the range, each month of the
quarter), every column read exactly as that year's or month's own page reads it, and a
total over them (apps.indicators.combine). What is asked is checked here, once: a range
that ends before it begins, runs past today, starts before the first year with data or
holds more than MAX_YEARS years is said in Vietnamese and replaced by the nearest sane
period.
"""

import datetime
from dataclasses import dataclass, field

from django.http import QueryDict
from django.utils.translation import gettext as _

from apps.core.periods import Month, Quarter
from apps.indicators.area import Period

FROM, TO, QUARTER = "tu", "den", "quy"
MAX_YEARS = 10  # a page of ten columns still reads on a wide screen; longer: the workbook


@dataclass(frozen=True)
class MonthPeriod(Period):
    """One month read as a period of its own: its flows counted within the month, what
    stands counted at its end. The yearly figures stay the month's year's."""

    @property
    def start(self) -> datetime.date:
        return self.month.first_day

    @property
    def end(self) -> datetime.date:
        return self.month.last_day


@dataclass(frozen=True)
class Span:
    """The columns of a range of years (`yearly`) or of a quarter's months, and the address
    parameters that ask for it."""

    columns: tuple[Period, ...]
    label: str
    yearly: bool
    query: dict[str, str] = field(default_factory=dict)

    def column_label(self, period: Period) -> str:
        return str(period.year) if self.yearly else period.month.label

    @property
    def labels(self) -> list[str]:
        return [self.column_label(period) for period in self.columns]

    @property
    def slug(self) -> str:
        """For a file name: 2008-2010, 2026-Q1."""
        return self.query.get(QUARTER) or f"{self.query[FROM]}-{self.query[TO]}"


def year_period(year: int, today: datetime.date) -> Period:
    """A year of a range, as the year's own page reads it by default."""
    current = Month.of(today)
    month = Month(year, 12) if year < today.year else max(current.previous(), Month(year, 1))
    return Period(year, month, today)


def quarter_label(quarter: Quarter) -> str:
    """ "Quý I/2026"."""
    return _("Quarter %(number)s/%(year)s") % {"number": quarter.roman, "year": quarter.year}


def years_label(first: int, last: int) -> str:
    return f"{first}\N{EN DASH}{last}"


def years_span(first: int, last: int, today: datetime.date) -> Span:
    return Span(
        tuple(year_period(year, today) for year in range(first, last + 1)),
        years_label(first, last),
        yearly=True,
        query={FROM: str(first), TO: str(last)},
    )


def quarter_span(quarter: Quarter, until: datetime.date, today: datetime.date) -> Span:
    """The quarter's months up to `until` (today, or the unit's last day)."""
    months = [m for m in quarter.months if m.first_day <= until]
    return Span(
        tuple(MonthPeriod(m.year, m, today) for m in months),
        quarter_label(quarter),
        yearly=False,
        query={QUARTER: str(quarter)},
    )


@dataclass(frozen=True)
class Asked:
    """What the address asked for: a span, or None for the one-year page (of `year` when
    a range of one year was asked), and what was wrong with it ("" when nothing)."""

    span: Span | None = None
    error: str = ""
    year: int | None = None


def asks_for_span(query: QueryDict) -> bool:
    return any(query.get(name) for name in (FROM, TO, QUARTER))


def asked_span(
    query: QueryDict, *, first_year: int | None, until: datetime.date, today: datetime.date
) -> Asked:
    """The span of ?quy= or ?tu=&den=, checked against the first year with data and the
    last day there can be figures for (`until`: today, or the unit's last day)."""
    if query.get(QUARTER):
        return _quarter(query.get(QUARTER), first_year, until, today)
    try:
        first, last = int(query.get(FROM, "")), int(query.get(TO, ""))
    except ValueError:
        return Asked(error=_("The years could not be read: choose a first and a last year."))
    if last < first:
        return Asked(
            error=_("The range ends in %(last)s, before it begins in %(first)s.")
            % {"first": first, "last": last}
        )
    errors = []
    if first_year is not None and first < first_year:
        errors.append(
            _("Nothing is recorded before %(year)s: the range begins there.") % {"year": first_year}
        )
        first = first_year
    if last > until.year:
        errors.append(
            _("There are no figures after %(year)s yet: the range ends there.")
            % {"year": until.year}
        )
        last = until.year
    if last - first + 1 > MAX_YEARS:
        first = last - MAX_YEARS + 1
        errors.append(
            _("A range holds at most %(count)s years: %(years)s is shown.")
            % {"count": MAX_YEARS, "years": years_label(first, last)}
        )
    error = " ".join(errors)
    if last < first:
        return Asked(error=error)
    if first == last:
        return Asked(error=error, year=first)
    return Asked(years_span(first, last, today), error)


def _quarter(text: str, first_year: int | None, until: datetime.date, today) -> Asked:
    quarter = Quarter.parse(text)
    if quarter is None:
        return Asked(error=_("The quarter could not be read: write it like 2026-Q1."))
    if quarter.first_day > until:
        return Asked(
            error=_("Quarter %(quarter)s has no figures yet.") % {"quarter": quarter_label(quarter)}
        )
    if first_year is not None and quarter.year < first_year:
        return Asked(
            error=_("Nothing is recorded before %(year)s: choose a later quarter.")
            % {"year": first_year}
        )
    return Asked(quarter_span(quarter, until, today))


def quarters_to_offer(years: range, until: datetime.date) -> list[tuple[str, str]]:
    """The quarters of the years offered, newest first, none after `until`'s: each as
    (address value, label)."""
    current = Quarter.of(Month.of(until))
    found = [Quarter(year, n) for year in years for n in (4, 3, 2, 1)]
    return [(str(q), quarter_label(q)) for q in found if q <= current]
