"""Counting records by unit and by period in one query.

Every indicator module counts the same way: aggregates over the records of an
area, for the area as a whole or for each unit inside it, and for one or more
periods (the dashboard shows the period before beside each figure). All of that
is one query: each period's aggregates carry their own filter, and the area's
total is the sum of its units' rows, so the counts given here must be additive
(COUNT and SUM; a COUNT DISTINCT only of something that belongs to one unit).
"""

import datetime
from collections.abc import Callable, Sequence
from typing import Any

from django.db.models import Aggregate, F, QuerySet

Counts = dict[str, Aggregate]
DateRange = tuple[datetime.date, datetime.date]  # first and last day
Rows = dict[int | None, dict[str, int]]


def count_by_period(
    queryset: QuerySet,
    periods: Sequence[Any],
    counts_for: Callable[[int, Any], Counts],
    *,
    per: str | None = None,
) -> list[Rows]:
    """For each period, the rows of `counts_for(index, period)` over `queryset`.

    Without `per` a period's rows hold only the total (key None). With `per`, the lookup
    from a record to the unit to count by, they hold a row for each unit that has
    records and the total under None; records whose unit is empty count only in the
    total (an outreach session held by the commune itself, seen by hamlet).
    """
    by_period = [counts_for(index, period) for index, period in enumerate(periods)]
    counts = {
        f"{name}_p{index}": aggregate
        for index, period_counts in enumerate(by_period)
        for name, aggregate in period_counts.items()
    }
    queryset = queryset.order_by()
    if per is None:
        rows = [queryset.aggregate(**counts)]
    else:
        rows = list(queryset.values(unit=F(per)).annotate(**counts))
    # A total of nothing is all zeros.
    found: list[Rows] = [{None: dict.fromkeys(period_counts, 0)} for period_counts in by_period]
    for row in rows:
        unit = row.pop("unit", None)
        for key, value in row.items():
            name, index = key.rsplit("_p", 1)
            by_unit = found[int(index)]
            by_unit[None][name] += value or 0
            if unit is not None:
                by_unit.setdefault(unit, {})[name] = value or 0
    return found
