"""The reminder rules, each in one function: who is reminded of what, on a given day.

A rule answers with Reminders (user, subject, period, facts); apps.notices.services makes
each one a Notice once. Recipients are the accounts whose scope (apps.accounts.models.Scope)
lets them act on the thing, on units that have not ended: an ended unit's official writes
nothing (apps.accounts.access). Groups count when active in the month; a group is
reminded through the accounts holding its group-leader scope, and SMS reach the person
who holds the group's leader role on the day when the account gave no number of its own
(apps.notices.selectors.sms_phone).
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import F, QuerySet

from apps.accounts.models import Scope
from apps.core.dated import alive_q
from apps.core.periods import Month
from apps.hierarchy.models import Commune, Group
from apps.meetings.selectors import groups_of_month
from apps.notices.approvals import APPROVAL_DUE_DAY, awaiting_approval
from apps.notices.models import Rule
from apps.petitions import workflow
from apps.petitions.models import Petition

# From this day of the month, groups that have not recorded the month's meeting are reminded.
MEETING_REMINDER_DAY = 25
# Petitions due within this many days are reminded (besides the overdue ones).
PETITION_DUE_WITHIN_DAYS = 3
# Names listed in one reminder (a hamlet's groups, a district's communes); the rest counted.
MAX_NAMES = 30


@dataclass(frozen=True)
class Reminder:
    user_id: int
    subject: str
    period: datetime.date
    facts: dict = field(default_factory=dict, compare=False, hash=False)


def _holders(role: str, units: QuerySet | Iterable[int], today: datetime.date) -> dict:
    """unit id → ids of the active users holding `role` on it, its unit not ended. `units`
    may be a query (of unit ids), asked inside this one."""
    unit_field = Scope.UNIT_FIELD[role]
    scopes = Scope.objects.filter(role=role, user__is_active=True, **{f"{unit_field}__in": units})
    if unit_field != "group":  # groups end by dissolution, already left out by the rules
        scopes = scopes.filter(alive_q(today, None, end=f"{unit_field}__ended_on"))
    holders = defaultdict(list)
    for unit_id, user_id in scopes.values_list(f"{unit_field}_id", "user_id"):
        holders[unit_id].append(user_id)
    return holders


def _names(names: list[str]) -> dict:
    return {"names": sorted(names)[:MAX_NAMES], "count": len(names)}


def _groups_without_meeting(month: Month, today: datetime.date) -> list[Reminder]:
    """The month's meeting is missing: each group's leaders, and each hamlet's officials
    with the list of its groups."""
    active = Group.objects.active_between(month.first_day, month.last_day)
    without = groups_of_month(active, month).filter(meeting_id__isnull=True)
    missing = list(without.values("pk", "name", "hamlet_id", "hamlet__name"))
    by_hamlet = defaultdict(list)
    for group in missing:
        by_hamlet[(group["hamlet_id"], group["hamlet__name"])].append(group["name"])
    leaders = _holders(Scope.Role.GROUP_LEADER, without.values("pk"), today)
    officials = _holders(Scope.Role.HAMLET, without.values("hamlet_id"), today)
    period = month.first_day
    reminders = [
        Reminder(user, f"group:{g['pk']}", period, {"group": g["name"]})
        for g in missing
        for user in leaders[g["pk"]]
    ]
    reminders += [
        Reminder(user, f"hamlet:{pk}", period, {"hamlet": name, **_names(groups)})
        for (pk, name), groups in by_hamlet.items()
        for user in officials[pk]
    ]
    return reminders


def meeting_missing(today: datetime.date) -> list[Reminder]:
    """From day 25: this month's meeting not yet recorded."""
    if today.day < MEETING_REMINDER_DAY:
        return []
    return _groups_without_meeting(Month.of(today), today)


def meeting_late(today: datetime.date) -> list[Reminder]:
    """After last month's due day (day 5, Month.due_on): last month's meeting is late."""
    month = Month.of(today).previous()
    if today <= month.due_on:
        return []
    return _groups_without_meeting(month, today)


def _petition_reminders(petitions: QuerySet[Petition], today: datetime.date) -> list[Reminder]:
    """The officials handling each petition at its level (apps.petitions.workflow.HANDLERS)."""
    reminders = []
    for level, (role, lookup) in workflow.HANDLERS.items():
        at_level = petitions.filter(level=level)
        holders = _holders(role, at_level.values(lookup), today)
        rows = at_level.values("pk", "content", "due_on", "group__name", unit=F(f"{lookup}_id"))
        reminders += [
            Reminder(
                user,
                f"petition:{p['pk']}",
                p["due_on"],
                {"group": p["group__name"], "content": p["content"][:100]},
            )
            for p in rows
            for user in holders[p["unit"]]
        ]
    return reminders


def petition_due(today: datetime.date) -> list[Reminder]:
    """Open petitions due within 3 days (not yet overdue)."""
    soon = today + datetime.timedelta(days=PETITION_DUE_WITHIN_DAYS)
    petitions = Petition.objects.filter(state__in=workflow.OPEN, due_on__lte=soon).exclude(
        Petition.overdue_q(today)
    )
    return _petition_reminders(petitions, today)


def petition_overdue(today: datetime.date) -> list[Reminder]:
    """Open petitions past their due date (Petition.overdue_q)."""
    petitions = Petition.objects.filter(Petition.overdue_q(today), state__in=workflow.OPEN)
    return _petition_reminders(petitions, today)


def _awaiting(month: Month) -> list[Commune]:
    communes = Commune.objects.alive_between(month.first_day, month.last_day)
    return awaiting_approval(communes.select_related("district"), month)


def approval_awaited(today: datetime.date) -> list[Reminder]:
    """After last month's due day: its communes' officials, while they have not approved it."""
    month = Month.of(today).previous()
    if today <= month.due_on:
        return []
    communes = _awaiting(month)
    officials = _holders(Scope.Role.COMMUNE, [c.pk for c in communes], today)
    return [
        Reminder(user, f"commune:{c.pk}", month.first_day, {"commune": c.name})
        for c in communes
        for user in officials[c.pk]
    ]


def approval_late(today: datetime.date) -> list[Reminder]:
    """After day 10: the district (administrators and steering committee) of the communes
    that have not approved last month."""
    month = Month.of(today).previous()
    if today <= month.next().first_day.replace(day=APPROVAL_DUE_DAY):
        return []
    by_district = defaultdict(list)
    for commune in _awaiting(month):
        by_district[commune.district].append(commune.name)
    holders = defaultdict(list)
    for role in (Scope.Role.ADMIN, Scope.Role.STEERING):
        for pk, users in _holders(role, [d.pk for d in by_district], today).items():
            holders[pk] += users
    return [
        Reminder(user, f"district:{d.pk}", month.first_day, {"district": d.name, **_names(names)})
        for d, names in by_district.items()
        for user in dict.fromkeys(holders[d.pk])  # someone may hold both roles
    ]


RULES: dict[str, Callable[[datetime.date], list[Reminder]]] = {
    Rule.MEETING_MISSING: meeting_missing,
    Rule.MEETING_LATE: meeting_late,
    Rule.PETITION_DUE: petition_due,
    Rule.PETITION_OVERDUE: petition_overdue,
    Rule.APPROVAL_AWAITED: approval_awaited,
    Rule.APPROVAL_LATE: approval_late,
}
