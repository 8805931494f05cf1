"""Reads for the meeting pages."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import F, QuerySet

from apps.accounts import access
from apps.core.periods import Month
from apps.hierarchy.models import Commune, Group, Hamlet
from apps.meetings.figures import MeetingCompleteness, meeting_completeness, with_meeting_of
from apps.meetings.models import Meeting, MonthlyProgramme, OutreachSession


def get_meeting_group_for_user(user, group_id: int, month: Month, *, write: bool = False) -> Group:
    """The group whose meeting of `month` a page shows: 404 outside the user's scope as the
    group stood that month (month_day); with `write`, 403 unless the user records them
    (may_record_meetings)."""
    queryset = Group.objects.select_related("hamlet__commune")
    group = access.get_readable_or_404(user, queryset, on=month_day(user, month), pk=group_id)
    if write and not may_record_meetings(user, group):
        raise PermissionDenied
    return group


def month_day(user, month: Month) -> datetime.date:
    """The day a month's groups are read on: its last, or today while it runs (or the last
    day of the user's unit, access.reading_day)."""
    return access.reading_day(user, month.first_day, month.last_day)


def may_record_meetings(user, group: Group) -> bool:
    return access.writable_parents(user, Meeting, "group").filter(pk=group.pk).exists()


def get_programme_commune_for_user(user, commune_id: int, *, write: bool = False) -> Commune:
    """The commune whose monthly programme a page shows: 404 outside the user's scope; with
    `write`, 403 unless the user publishes its programmes."""
    commune = access.get_readable_or_404(
        user, Commune.objects.select_related("district"), pk=commune_id
    )
    writable = access.writable_parents(user, MonthlyProgramme, "commune")
    if write and not writable.filter(pk=commune.pk).exists():
        raise PermissionDenied
    return commune


def get_outreach_for_user(user, pk: int, *, write: bool = False) -> OutreachSession:
    queryset = OutreachSession.objects.select_related("district", "commune", "hamlet", "group")
    return access.get_or_404(user, queryset, write=write, pk=pk)


@dataclass(frozen=True)
class MonthStatus:
    """How many of the listed groups have recorded the month, are still in time, or are late."""

    completeness: MeetingCompleteness
    month: Month
    today: datetime.date

    @property
    def is_past_due(self) -> bool:
        return self.today > self.month.due_on

    @property
    def recorded(self) -> int:
        return self.completeness.with_meeting

    @property
    def missing(self) -> int:
        return self.completeness.active_groups - self.completeness.with_meeting

    @property
    def pending(self) -> int:
        return 0 if self.is_past_due else self.missing

    @property
    def late(self) -> int:
        return self.missing if self.is_past_due else 0


def groups_of_month(groups: QuerySet[Group], month: Month) -> QuerySet[Group]:
    """Groups active in `month`, with their meeting's id and recording day (None if not yet)."""
    return (
        with_meeting_of(groups.active_between(month.first_day, month.last_day), month)
        .annotate(
            meeting_id=F("month_meeting__id"), meeting_recorded_on=F("month_meeting__recorded_on")
        )
        .select_related("hamlet")
        .order_by("hamlet__code", "code")
    )


def programme_for(group: Group, month: Month) -> MonthlyProgramme | None:
    """The programme the group's commune published for the month, if any."""
    return MonthlyProgramme.objects.filter(
        commune_id=group.hamlet.commune_id, month=month.first_day
    ).first()


def completeness_by_unit(
    groups: QuerySet[Group], month: Month, hamlets: list[Hamlet]
) -> list[tuple[Commune | Hamlet, MeetingCompleteness]]:
    """The month's completeness per commune, or per hamlet when all are in one commune.

    `hamlets` are the hamlets of `groups`, already loaded with their communes.
    Empty when there is only one unit to show (the page's tally says it all).
    """
    communes = {h.commune_id: h.commune for h in hamlets}
    if len(communes) > 1:
        units, per = communes, "hamlet__commune"
    else:
        units, per = {h.pk: h for h in hamlets}, "hamlet"
    if len(units) < 2:
        return []
    figures = meeting_completeness(groups, month, per=per)
    return [(unit, figures[pk]) for pk, unit in units.items() if pk in figures]
