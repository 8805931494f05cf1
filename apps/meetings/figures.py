"""Meeting indicators (DOMAIN.md): completeness and timeliness of monthly meetings.

Computed in the database, one query for any number of units: the groups are
joined to their meeting of the month (at most one, by the unique constraint)
and counted per unit.
"""

import operator
from collections.abc import Sequence
from dataclasses import dataclass
from functools import reduce

from django.db.models import Count, FilteredRelation, Q, QuerySet

from apps.core.counting import count_by_period
from apps.core.periods import Month
from apps.core.shares import Share
from apps.hierarchy.models import Group, active_between_q


@dataclass(frozen=True)
class MeetingCompleteness:
    """Meeting completeness (month): active groups with a meeting recorded for the month /
    active groups. Meetings on time: of those, the ones recorded by day 5 of the
    following month."""

    active_groups: int
    with_meeting: int
    on_time: int

    @property
    def completeness(self) -> Share:
        return Share(self.with_meeting, self.active_groups)

    @property
    def timeliness(self) -> Share:
        return Share(self.on_time, self.with_meeting)


def with_meeting_of(
    groups: QuerySet[Group], month: Month, *, name: str = "month_meeting"
) -> QuerySet[Group]:
    """The groups, each joined to its meeting of `month` (as `name`) if recorded."""
    condition = Q(meetings__month=month.first_day)
    return groups.annotate(**{name: FilteredRelation("meetings", condition=condition)})


def meeting_completeness_over(
    groups: QuerySet[Group], months: Sequence[Month], *, per: str | None = None
) -> list[dict[int | None, MeetingCompleteness]]:
    """Completeness of each month over `groups`: for all of them (key None) and, with
    `per`, for each unit.

    `per` is the lookup from a group to the unit to count by: "hamlet__commune"
    for the communes of a district, "hamlet" for the hamlets of a commune, "pk"
    for the groups themselves. Units with no active group in a month are absent
    from that month.
    """
    joined = groups
    for index, month in enumerate(months):
        joined = with_meeting_of(joined, month, name=f"meeting_{index}")
    active_in_a_month = reduce(
        operator.or_, (active_between_q(m.first_day, m.last_day) for m in months)
    )

    def counts(index: int, month: Month) -> dict:
        active = active_between_q(month.first_day, month.last_day)
        meeting = f"meeting_{index}"
        on_time = Q(**{f"{meeting}__recorded_on__lte": month.due_on})
        return {
            "active_groups": Count("pk", filter=active),
            "with_meeting": Count(meeting, filter=active),
            "on_time": Count(meeting, filter=active & on_time),
        }

    found = count_by_period(joined.filter(active_in_a_month), months, counts, per=per)
    return [
        {
            unit: MeetingCompleteness(**row)
            for unit, row in rows.items()
            if unit is None or row["active_groups"]
        }
        for rows in found
    ]


def meeting_completeness(
    groups: QuerySet[Group], month: Month, *, per: str | None = None
) -> dict[int | None, MeetingCompleteness]:
    """Completeness of `month` over `groups`, for all of them (key None) and, with `per`,
    for each unit (see meeting_completeness_over)."""
    return meeting_completeness_over(groups, [month], per=per)[0]
