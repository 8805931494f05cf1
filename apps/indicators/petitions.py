"""Petition indicators (DOMAIN.md), for the petitions raised in a period, as of a day.

- raised: petitions raised in the period (up to the day);
- closed: of those, resolved or answered by the day (`as_of`); open: the others;
- overdue: open and past their due date on that day;
- closed share = closed / raised;
- median days to close, over the closed ones;
- on-time share = closed by the due date / (closed + overdue), so that overdue
  open petitions count against it.
A petition never reopens, so "closed by the day" is `closed_on <= as_of`.
"""

import datetime
import operator
import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import reduce

from django.db.models import Count, F, Q, QuerySet

from apps.indicators.counting import count_by_period
from apps.indicators.shares import Share
from apps.petitions.models import Petition


@dataclass(frozen=True)
class PetitionFigures:
    raised: int
    closed: int
    overdue: int
    closed_on_time: int
    median_days_to_close: float | None

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
            "overdue": Count("pk", filter=raised & Q(due_on__lt=window.as_of) & ~closed),
            "closed_on_time": Count("pk", filter=raised & closed & Q(closed_on__lte=F("due_on"))),
        }

    in_a_window = petitions.filter(reduce(operator.or_, (w.raised() for w in windows)))
    found = count_by_period(in_a_window, windows, counts, per=per)
    # The median needs every closed petition's days; only the dates come back.
    closed_rows = in_a_window.filter(closed_on__isnull=False).values_list(
        per or "pk", "raised_on", "closed_on"
    )
    durations: list[dict] = [defaultdict(list) for _ in windows]
    for unit, raised_on, closed_on in closed_rows.order_by():
        for window, by_unit in zip(windows, durations, strict=True):
            last_raised = min(window.end, window.as_of)
            if window.start <= raised_on <= last_raised and closed_on <= window.as_of:
                days = (closed_on - raised_on).days
                by_unit[None].append(days)
                if per:
                    by_unit[unit].append(days)
    return [
        {
            unit: PetitionFigures(**row, median_days_to_close=_median(days.get(unit)))
            for unit, row in rows.items()
            if unit is None or row["raised"]
        }
        for rows, days in zip(found, durations, strict=True)
    ]


def petition_figures(
    petitions: QuerySet[Petition],
    start: datetime.date,
    end: datetime.date,
    *,
    as_of: datetime.date,
    per: str | None = None,
) -> dict[int | None, PetitionFigures]:
    """Figures for the petitions raised in [start, end] (see petition_figures_over)."""
    return petition_figures_over(petitions, [Window(start, end, as_of)], per=per)[0]


def _median(values: list[int] | None) -> float | None:
    return statistics.median(values) if values else None
