"""Petition indicators (DOMAIN.md), for the petitions raised in a period, as of a day.

- raised: petitions raised in the period (up to the day);
- closed: of those, resolved or answered by the day (`as_of`); open: the others;
- overdue: open and past their due date on that day;
- closed share = closed / raised;
- median days to close, over the closed ones;
- on-time share = closed on time / (closed + overdue), so that overdue open
  petitions count against it.
What "due", "overdue" and "on time" mean is the petition's own rule (the first level's
due date, whatever moves up followed; a petition entered late is never on time):
apps.petitions.models, whose Q objects are counted here.
A petition never reopens, so "closed by the day" is `closed_on <= as_of`.
"""

import datetime
import operator
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import reduce

from django.db.models import Count, F, Func, IntegerField, Q, QuerySet

from apps.core.counting import count_by_period
from apps.core.shares import Share
from apps.petitions.models import Petition


@dataclass(frozen=True)
class PetitionFigures:
    raised: int
    closed: int
    overdue: int
    closed_on_time: int
    median_days_to_close: float | None
    # {days to close: how many}, so that a longer period's median is read from its parts.
    days_to_close: Counter = field(default_factory=Counter, compare=False, repr=False)

    @property
    def open(self) -> int:
        return self.raised - self.closed

    @property
    def closed_share(self) -> Share:
        return Share(self.closed, self.raised)

    @property
    def on_time(self) -> Share:
        return Share(self.closed_on_time, self.closed + self.overdue)


@dataclass(frozen=True)
class Window:
    """The petitions raised in [start, end], seen on `as_of`."""

    start: datetime.date
    end: datetime.date
    as_of: datetime.date

    def raised(self) -> Q:
        # Seen from a day inside the period, what is raised after it does not exist yet.
        return Q(raised_on__gte=self.start, raised_on__lte=min(self.end, self.as_of))

    def closed(self) -> Q:
        return Q(closed_on__isnull=False, closed_on__lte=self.as_of)


def petition_figures_over(
    petitions: QuerySet[Petition], windows: Sequence[Window], *, per: str | None = None
) -> list[dict[int | None, PetitionFigures]]:
    """Figures of each window, for all the petitions (key None) and, with `per`, the
    lookup from a petition to the unit to count by, such as "group__hamlet__commune".
    Units without a petition raised in a window are absent from it. Two queries."""

    def counts(index: int, window: Window) -> dict:
        raised, closed = window.raised(), window.closed()
        return {
            "raised": Count("pk", filter=raised),
            "closed": Count("pk", filter=raised & closed),
            "overdue": Count("pk", filter=raised & Petition.overdue_q(window.as_of)),
            "closed_on_time": Count("pk", filter=raised & closed & Petition.closed_on_time_q()),
        }

    in_a_window = petitions.filter(reduce(operator.or_, (w.raised() for w in windows)))
    found = count_by_period(in_a_window, windows, counts, per=per)
    # The median needs every closed petition's days: counted by unit and number of days.
    histograms: list[dict] = [defaultdict(Counter) for _ in windows]
    unit = {"unit": F(per)} if per else {}
    rows = (
        in_a_window.filter(closed_on__isnull=False)
        .order_by()
        .values(**unit, days=DaysBetween("raised_on", "closed_on"))
        .annotate(
            **{
                f"closed_p{index}": Count("pk", filter=window.raised() & window.closed())
                for index, window in enumerate(windows)
            }
        )
    )
    for row in rows:
        for index, by_unit in enumerate(histograms):
            closed = row[f"closed_p{index}"]
            if closed:
                by_unit[None][row["days"]] += closed
                if per:
                    by_unit[row["unit"]][row["days"]] += closed
    return [
        {
            unit: PetitionFigures(
                **row,
                median_days_to_close=median_of(days.get(unit)),
                days_to_close=days.get(unit, Counter()),
            )
            for unit, row in rows.items()
            if unit is None or row["raised"]
        }
        for rows, days in zip(found, histograms, strict=True)
    ]


def median_of(histogram: Counter | None) -> float | None:
    """The median of the values counted in `histogram` ({value: how many times})."""
    if not histogram:
        return None
    count = sum(histogram.values())
    middle = [(count - 1) // 2, count // 2]  # one position for an odd count, two for even
    found, seen = [], 0
    for value, times in sorted(histogram.items()):
        while middle and middle[0] < seen + times:
            found.append(value)
            middle.pop(0)
        seen += times
    return found[0] if count % 2 else (found[0] + found[1]) / 2  # as statistics.median


class DaysBetween(Func):
    """Whole days from one date to a later one, counted by the database."""

    output_field = IntegerField()

    def __init__(self, start: str, end: str):
        super().__init__(F(start), F(end))

    def as_sql(self, compiler, connection, **extra):  # PostgreSQL: date - date is days
        (start, start_params), (end, end_params) = (
            compiler.compile(e) for e in self.get_source_expressions()
        )
        return f"({end} - {start})", (*end_params, *start_params)

    def as_sqlite(self, compiler, connection, **extra):  # dates stored as text
        (start, start_params), (end, end_params) = (
            compiler.compile(e) for e in self.get_source_expressions()
        )
        return (
            f"CAST(julianday({end}) - julianday({start}) AS INTEGER)",
            (*end_params, *start_params),
        )
