"""Reads for the approval pages: a unit's month to review, and who approved which month."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from apps.approvals.models import MonthApproval, YearApproval
from apps.core.periods import Month
from apps.hierarchy.models import Commune, Group, Hamlet
from apps.hierarchy.placements import within_on
from apps.meetings.figures import meeting_completeness
from apps.meetings.selectors import MonthStatus, groups_of_month


@dataclass
class MonthReview:
    """A commune's or hamlet's month as its approver reviews it: the month status page's
    figures over the groups that stood within the unit at the month's end."""

    unit: Commune | Hamlet
    month: Month
    groups: QuerySet[Group]
    status: MonthStatus

    @property
    def missing(self) -> int:
        return self.status.missing

    def group_rows(self) -> QuerySet[Group]:
        """The groups active in the month, each with its meeting's id (None: missing)."""
        return groups_of_month(self.groups, self.month)


def month_review(unit: Commune | Hamlet, month: Month) -> MonthReview:
    groups = Group.objects.filter(within_on(unit, month.last_day))
    status = MonthStatus(
        completeness=meeting_completeness(groups, month)[None],
        month=month,
        today=timezone.localdate(),
    )
    return MonthReview(unit, month, groups, status)


def unit_filter(unit: Commune | Hamlet) -> dict:
    """The approvals of the unit itself (a commune's own, not its hamlets')."""
    if isinstance(unit, Hamlet):
        return {"hamlet": unit}
    return {"commune": unit, "hamlet__isnull": True}


def month_trail(unit: Commune | Hamlet, month: Month) -> list[MonthApproval]:
    """Every approval of the unit's month, the one in force (if any) first."""
    return list(
        MonthApproval.objects.filter(month=month.first_day, **unit_filter(unit))
        .select_related("approved_by", "unlocked_by")
        .order_by("unlocked_at", "-approved_at")
    )


def year_trail(commune: Commune, year: int) -> list[YearApproval]:
    return list(
        YearApproval.objects.filter(commune=commune, year=year)
        .select_related("approved_by", "unlocked_by")
        .order_by("unlocked_at", "-approved_at")
    )


def recent_months(count: int = 6) -> list[Month]:
    """The last `count` months that have ended, newest first."""
    month = Month.current().previous()
    months = []
    for _n in range(count):
        months.append(month)
        month = month.previous()
    return months


def approvals_table(
    units: list[Commune] | list[Hamlet], months: list[Month]
) -> list[tuple[Commune | Hamlet, list[tuple[Month, MonthApproval | None]]]]:
    """Each unit with, for each month, its approval in force (None: not approved); one
    query."""
    if not units:
        return []
    hamlets = isinstance(units[0], Hamlet)
    approvals = MonthApproval.objects.filter(
        month__in=[m.first_day for m in months], unlocked_at__isnull=True
    ).select_related("approved_by")
    if hamlets:
        approvals = approvals.filter(hamlet__in=units)
    else:
        approvals = approvals.filter(commune__in=units, hamlet__isnull=True)
    found = {(a.hamlet_id if hamlets else a.commune_id, a.month): a for a in approvals}
    return [(u, [(m, found.get((u.pk, m.first_day))) for m in months]) for u in units]
