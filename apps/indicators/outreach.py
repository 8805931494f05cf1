"""Outreach (DOMAIN.md): sessions held and people attending, summed over a period.

Monthly meetings are not counted here; they have their own indicators.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, QuerySet, Sum

from apps.meetings.models import OutreachSession


@dataclass(frozen=True)
class OutreachFigures:
    sessions: int = 0
    attendees: int = 0


def outreach_figures(
    sessions: QuerySet[OutreachSession],
    start: datetime.date,
    end: datetime.date,
    *,
    per: str | None = None,
) -> dict[int | None, OutreachFigures]:
    """`per` names the unit column to count by ("commune", "hamlet", "group"); sessions
    held above that level (a commune's own, seen per hamlet) have no row of their own."""
    held = sessions.filter(held_on__gte=start, held_on__lte=end).order_by()
    counts = {"sessions": Count("pk"), "attendees": Sum("attendees", default=0)}
    if per is None:
        return {None: OutreachFigures(**held.aggregate(**counts))}
    rows = held.filter(**{f"{per}__isnull": False}).values(unit=F(per)).annotate(**counts)
    return {row.pop("unit"): OutreachFigures(**row) for row in rows}
