"""Meeting indicators (DOMAIN.md): completeness and timeliness of monthly meetings.

Computed in the database, one query for any number of units: the groups are
joined to their meeting of the month (at most one, by the unique constraint)
and counted per unit.
"""

import operator
from collections.abc import Sequence
from dataclasses import dataclass
from functools import reduce

from django.db.models import (
    Count,
    F,
    FilteredRelation,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Coalesce, ExtractMonth, ExtractYear, Greatest, Least

from apps.core.counting import count_by_period
from apps.core.periods import Month, MonthDueOn, MonthStart
from apps.core.shares import Share
from apps.hierarchy.models import Group, active_between_q
from apps.meetings.models import Meeting


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

    def __add__(self, other: "MeetingCompleteness") -> "MeetingCompleteness":
        """The group-months of two stretches of months, summed."""
        return MeetingCompleteness(
            self.active_groups + other.active_groups,
            self.with_meeting + other.with_meeting,
            self.on_time + other.on_time,
        )


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


def _month_number(expression) -> CombinedExpression:
    """A date's month counted from year 0 (year * 12 + month), in the database."""
    return ExtractYear(expression) * 12 + ExtractMonth(expression)


# A meeting recorded on time, by day 5 of the month after its own (MeetingCompleteness).
_RECORDED_ON_TIME = Q(recorded_on__lte=MonthDueOn("month"))


def _held_while_active(first: Month, last: Month, activated_on, dissolved_on) -> Q:
    """Meetings of the months `first` to `last` held in a month their group was active in
    (active_between_q seen from the meeting's month), the group's dates given as expressions;
    compared as dates, so that the meetings' index reads only those."""
    return Q(
        month__range=(first.first_day, last.first_day),
        month__gte=MonthStart(activated_on),
        month__lte=Coalesce(dissolved_on, last.first_day),
    )


def meetings_summed_over(
    groups: QuerySet[Group], months: Sequence[Month], *, per: str | None = None
) -> dict[int | None, MeetingCompleteness]:
    """`meeting_completeness_over` for consecutive `months`, summed: group-months active,
    group-months with a meeting and of those on time, for all the groups (key None) and,
    with `per`, for each unit. One query whatever the number of months (a range page asks
    for ten years of twelve): the months each group was active in, counted from its dates,
    and its meetings of the months in which it was active, counted group by group."""
    first, last = months[0], months[-1]
    first_number, last_number = first.year * 12 + first.month, last.year * 12 + last.month

    # A group's active months: from the later of the first month and its activation's, to
    # the earlier of the last month and its dissolution's.
    active_from = Greatest(Value(first_number), _month_number("activated_on"))
    active_to = Least(Value(last_number), Coalesce(_month_number("dissolved_on"), last_number))

    active = groups.filter(active_between_q(first.first_day, last.last_day))
    met = Meeting.objects.filter(
        _held_while_active(first, last, OuterRef("activated_on"), OuterRef("dissolved_on")),
        group=OuterRef("pk"),
    )

    def how_many(meetings: QuerySet[Meeting]) -> Coalesce:
        found = meetings.order_by().values("group").annotate(n=Count("pk")).values("n")
        return Coalesce(Subquery(found), 0)

    def counts(*_) -> dict:
        return {
            "active_groups": Sum(active_to - active_from + 1),
            "with_meeting": Sum(how_many(met)),
            "on_time": Sum(how_many(met.filter(_RECORDED_ON_TIME))),
        }

    (found,) = count_by_period(active, [None], counts, per=per)
    return {unit: MeetingCompleteness(**row) for unit, row in found.items()}


def completeness_by_month(
    groups: QuerySet[Group], months: Sequence[Month]
) -> list[MeetingCompleteness]:
    """`meeting_completeness_over` of consecutive `months` over all of `groups` (a chart's
    twelve), in two queries that do not grow with the months: each month's active groups,
    and the meetings of groups active in their month, counted by month. One join of the
    meetings per month took twice as long."""
    first, last = months[0], months[-1]
    in_the_months = groups.filter(active_between_q(first.first_day, last.last_day))
    active = count_by_period(
        in_the_months,
        months,
        lambda _, month: {
            "active_groups": Count("pk", filter=active_between_q(month.first_day, month.last_day))
        },
    )
    met = (
        Meeting.objects.filter(
            _held_while_active(first, last, F("group__activated_on"), F("group__dissolved_on")),
            group__in=in_the_months,
        )
        .order_by()
        .values("month")
        .annotate(with_meeting=Count("pk"), on_time=Count("pk", filter=_RECORDED_ON_TIME))
    )
    by_month = {Month.of(row.pop("month")): row for row in met}
    return [
        MeetingCompleteness(
            counted[None]["active_groups"],
            **by_month.get(month, {"with_meeting": 0, "on_time": 0}),
        )
        for month, counted in zip(months, active, strict=True)
    ]
