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
import statistics
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet

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


def petition_figures(
    petitions: QuerySet[Petition],
    start: datetime.date,
    end: datetime.date,
    *,
    as_of: datetime.date,
    per: str | None = None,
) -> dict[int | None, PetitionFigures]:
    """Figures for the petitions raised in [start, end], for all (key None) or per unit.

    `per` is the lookup from a petition to the unit to count by, such as
    "group__hamlet__commune". Two queries whatever the number of units.
    """
    # Seen from a day inside the period, what is raised after it does not exist yet.
    raised = petitions.filter(raised_on__gte=start, raised_on__lte=min(end, as_of)).order_by()
    closed = Q(closed_on__isnull=False, closed_on__lte=as_of)
    counts = {
        "raised": Count("pk"),
        "closed": Count("pk", filter=closed),
        "overdue": Count("pk", filter=Q(due_on__lt=as_of) & ~closed),
        "closed_on_time": Count("pk", filter=closed & Q(closed_on__lte=F("due_on"))),
    }
    if per:
        rows = {row.pop("unit"): row for row in raised.values(unit=F(per)).annotate(**counts)}
        closed_rows = raised.filter(closed).values_list(per, "raised_on", "closed_on")
    else:
        rows = {None: raised.aggregate(**counts)}
        closed_rows = (
            (None, *dates) for dates in raised.filter(closed).values_list("raised_on", "closed_on")
        )
    durations: dict[int | None, list[int]] = defaultdict(list)
    for key, raised_on, closed_on in closed_rows:
        durations[key].append((closed_on - raised_on).days)
    return {
        key: PetitionFigures(**row, median_days_to_close=_median(durations.get(key)))
        for key, row in rows.items()
    }


def _median(values: list[int] | None) -> float | None:
    return statistics.median(values) if values else None
