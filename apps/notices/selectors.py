"""Reads about reminders: a user's list, and where their SMS go."""

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from apps.accounts.models import Scope
from apps.notices.models import Notice, Preferences
from apps.people.models import GroupRole

# The start page lists the reminders of these last days, at most this many.
SHOWN_DAYS = 31
SHOWN_AT_MOST = 10


def recent_notices(user) -> QuerySet[Notice]:
    """The user's reminders of the last month not dismissed, newest first."""
    since = timezone.now() - datetime.timedelta(days=SHOWN_DAYS)
    return Notice.objects.filter(user=user, dismissed_at__isnull=True, created_at__gte=since)[
        :SHOWN_AT_MOST
    ]


def roster_phone(user, day: datetime.date) -> str:
    """The phone on the roster of the person leading, on `day`, a group the user leads."""
    led = Scope.objects.filter(user=user, role=Scope.Role.GROUP_LEADER).values("group")
    roles = GroupRole.objects.held_on(day).filter(role=GroupRole.Role.LEADER, group__in=led)
    return roles.exclude(person__phone="").values_list("person__phone", flat=True).first() or ""


def sms_phone(user, day: datetime.date) -> str:
    """Where the user's SMS go: the number they gave, else their group's leader's on the
    roster; empty when neither is known."""
    preferences = Preferences.objects.filter(user=user).first()
    return (preferences.phone if preferences else "") or roster_phone(user, day)
