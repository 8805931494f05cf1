"""Meeting indicators (DOMAIN.md): completeness and timeliness of monthly meetings.

Computed in the database, one query for any number of units: the groups are
joined to their meeting of the month (at most one, by the unique constraint)
and counted per unit.
"""

from dataclasses import dataclass

from django.db.models import Count, F, FilteredRelation, Q, QuerySet

from apps.core.periods import Month
from apps.hierarchy.models import Group
from apps.indicators.shares import Share


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


def with_meeting_of(groups: QuerySet[Group], month: Month) -> QuerySet[Group]:
    """The groups, each joined to its meeting of `month` (as `month_meeting`) if recorded."""
    return groups.annotate(
        month_meeting=FilteredRelation("meetings", condition=Q(meetings__month=month.first_day))
    )


def meeting_completeness(
    groups: QuerySet[Group], month: Month, *, per: str | None = None
) -> dict[int | None, MeetingCompleteness]:
    """Completeness of `month` over `groups`, for all of them (key None) or per unit.

    `per` is the lookup from a group to the unit to count by: "hamlet__commune"
    for the communes of a district, "hamlet" for the hamlets of a commune, "pk"
    for the groups themselves. Units with no active group are absent.
    """
    active = with_meeting_of(
        groups.active_between(month.first_day, month.last_day), month
    ).order_by()
    counts = {
        "active_groups": Count("pk"),
        "with_meeting": Count("month_meeting"),
        "on_time": Count("month_meeting", filter=Q(month_meeting__recorded_on__lte=month.due_on)),
    }
    if per is None:
        return {None: MeetingCompleteness(**active.aggregate(**counts))}
    rows = active.values(unit=F(per)).annotate(**counts)
    return {row.pop("unit"): MeetingCompleteness(**row) for row in rows}
