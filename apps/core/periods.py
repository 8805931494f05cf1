"""Calendar months, the period of meetings and of monthly indicators."""

import datetime
from dataclasses import dataclass

from django.db.models import DateField, F, Func
from django.http import Http404
from django.utils import timezone

# The first year anything is recorded for: year choices and addresses stop there.
FIRST_YEAR = 2000


def year_or_404(year: int) -> int:
    """A year that can be shown or entered: not before FIRST_YEAR, not in the future."""
    if not FIRST_YEAR <= year <= timezone.localdate().year:
        raise Http404
    return year


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12 or not 1900 <= self.year <= 2999:
            raise ValueError(f"not a month: {self.year}-{self.month}")

    @classmethod
    def of(cls, day: datetime.date) -> "Month":
        return cls(day.year, day.month)

    @classmethod
    def current(cls) -> "Month":
        return cls.of(timezone.localdate())

    @classmethod
    def parse(cls, text: str | None, default: "Month") -> "Month":
        """ "2026-11" → Month(2026, 11); anything unreadable gives `default`."""
        try:
            year, month = (int(part) for part in (text or "").split("-"))
            return cls(year, month)
        except ValueError:
            return default

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.year, self.month, 1)

    @property
    def last_day(self) -> datetime.date:
        return self.next().first_day - datetime.timedelta(days=1)

    @property
    def due_on(self) -> datetime.date:
        """A month's records (its meetings, the petitions received in it) count as entered on
        time when recorded by day 5 of the following month (MonthDueOn in the database)."""
        return self.next().first_day.replace(day=5)

    def next(self) -> "Month":
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def previous(self) -> "Month":
        return Month(self.year - (self.month == 1), (self.month - 2) % 12 + 1)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        return f"{self.month:02d}/{self.year}"


def month_or_404(year: int, month: int) -> Month:
    """The month an address names; 404 for one that is not a month (13/2026)."""
    try:
        return Month(year, month)
    except ValueError as exc:
        raise Http404 from exc


@dataclass(frozen=True, order=True)
class Quarter:
    """A calendar quarter: three months, written "2026-Q1" in addresses (Q for quý)."""

    year: int
    number: int

    def __post_init__(self) -> None:
        if not 1 <= self.number <= 4 or not 1900 <= self.year <= 2999:
            raise ValueError(f"not a quarter: {self.year}-Q{self.number}")

    @classmethod
    def of(cls, month: Month) -> "Quarter":
        return cls(month.year, (month.month - 1) // 3 + 1)

    @classmethod
    def parse(cls, text: str | None) -> "Quarter | None":
        """ "2026-Q1" (or "2026-q1") → Quarter(2026, 1); anything unreadable gives None."""
        year, _, number = (text or "").strip().upper().partition("-Q")
        try:
            return cls(int(year), int(number))
        except ValueError:
            return None

    @property
    def months(self) -> list[Month]:
        return [Month(self.year, 3 * self.number - 2 + n) for n in range(3)]

    @property
    def first_day(self) -> datetime.date:
        return self.months[0].first_day

    @property
    def last_day(self) -> datetime.date:
        return self.months[-1].last_day

    def __str__(self) -> str:
        return f"{self.year:04d}-Q{self.number}"

    @property
    def roman(self) -> str:
        return ("I", "II", "III", "IV")[self.number - 1]


class _DayOfMonth(Func):
    """A day counted from the first of a date's month, computed by the database with its own
    date functions (Django's Trunc calls Python for each row on SQLite): the first day moved
    by `postgresql_after` (an interval added) or `sqlite_after` (date() modifiers)."""

    output_field = DateField()
    postgresql_after = ""
    sqlite_after = ""

    def as_sql(self, compiler, connection, **extra):  # PostgreSQL; a plain timestamp, no zone
        day, params = compiler.compile(self.get_source_expressions()[0])
        sql = f"(date_trunc('month', ({day})::timestamp){self.postgresql_after})::date"
        return sql, params

    def as_sqlite(self, compiler, connection, **extra):  # dates stored as text
        day, params = compiler.compile(self.get_source_expressions()[0])
        return f"date({day}, 'start of month'{self.sqlite_after})", params


class MonthDueOn(_DayOfMonth):
    """`Month.of(day).due_on` for the date in `field`, computed by the database: day 5 of the
    month after it."""

    postgresql_after = " + interval '1 month 4 days'"
    sqlite_after = ", '+1 month', '+4 days'"

    def __init__(self, field: str):
        super().__init__(F(field))


class MonthStart(_DayOfMonth):
    """`Month.of(day).first_day` for a date (a field name or an expression)."""
