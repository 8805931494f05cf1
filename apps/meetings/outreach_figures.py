"""Outreach (DOMAIN.md): sessions held and people attending, summed over a period.

Monthly meetings are not counted here; they have their own indicators.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum

from apps.core.counting import DateRange, count_by_period
from apps.meetings.models import OutreachSession


@dataclass(frozen=True)
class OutreachFigures:
    sessions: int = 0
    attendees: int = 0


def outreach_figures_over(
    sessions: QuerySet[OutreachSession], windows: Sequence[DateRange], *, per: str | None = None
) -> list[dict[int | None, OutreachFigures]]:
    """Sessions and attendees held in each (start, end) window, for all the sessions (key
    None) and, with `per`, the unit column to count by ("commune", "hamlet", "group"):
    sessions held above that level (a commune's own, seen per hamlet) count only in the
    total. Units without a session in a window are absent from it."""

    def counts(index: int, window: DateRange) -> dict:
        held = Q(held_on__gte=window[0], held_on__lte=window[1])
        return {
            "sessions": Count("pk", filter=held),
            "attendees": Sum("attendees", filter=held, default=0),
        }

    first = min(start for start, _ in windows)
    last = max(end for _, end in windows)
    held = sessions.filter(held_on__gte=first, held_on__lte=last)
    return [
        {
            unit: OutreachFigures(**row)
            for unit, row in rows.items()
            if unit is None or row["sessions"]
        }
        for rows in count_by_period(held, windows, counts, per=per)
    ]
