"""Writes for meetings, programmes and outreach sessions."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from apps.accounts import access
from apps.accounts.models import User
from apps.approvals.locks import check_month_open
from apps.core.periods import Month
from apps.hierarchy.models import Commune
from apps.meetings.models import THEME_FIELDS, Meeting, MonthlyProgramme, OutreachSession
from apps.petitions.models import Petition
from apps.petitions.services import petition_raise

MEETING_FIELDS = [
    "held_on",
    "attendees",
    "households_represented",
    "households_total",
    "overseer_attended",
    "minutes",
    "decisions",
    *THEME_FIELDS,
]


class MeetingConflict(Exception):
    """Someone else saved this group's meeting for the month after the form was opened."""

    def __init__(self, current: Meeting) -> None:
        super().__init__(f"meeting {current.pk} is at version {current.version}")
        self.current = current


@transaction.atomic
def meeting_save(
    *,
    meeting: Meeting,
    expected_version: int | None,
    new_petitions: list[Petition],
    user: User,
) -> Meeting:
    """Record a new meeting or save changes to one, with the petitions raised at it.

    `expected_version` is the version the form was opened at (None for a new
    meeting). If the stored meeting has moved on, nothing is written and
    MeetingConflict carries the stored one, so the user can compare. A meeting of a
    locked month (apps.approvals.locks) is refused with a ValidationError.
    """
    check_month_open(meeting.group, meeting.held_on, field="held_on")
    meeting.updated_by = user
    if meeting.pk is None:
        meeting.recorded_on = timezone.localdate()
        meeting.recorded_by = user
        try:
            with transaction.atomic():
                meeting.save()
        except IntegrityError:
            existing = (
                Meeting.objects.filter(group=meeting.group, month=meeting.month)
                .select_related("updated_by", "recorded_by")
                .first()
            )
            if existing is None:
                raise
            raise MeetingConflict(existing) from None
    else:
        # Claim the next version only if nobody else did since the form was opened.
        claimed = Meeting.objects.filter(pk=meeting.pk, version=expected_version).update(
            version=F("version") + 1
        )
        if not claimed:
            raise MeetingConflict(
                Meeting.objects.select_related("updated_by", "recorded_by").get(pk=meeting.pk)
            )
        meeting.version = expected_version + 1
        meeting.save(update_fields=[*MEETING_FIELDS, "updated_by", "updated_at"])
    for petition in new_petitions:
        petition_raise(
            petition=petition,
            group=meeting.group,
            raised_on=meeting.held_on,
            meeting=meeting,
            user=user,
        )
    return meeting


def programme_publish(
    *, commune: Commune, month: Month, themes: list[str], talking_points: str, user: User
) -> MonthlyProgramme:
    """Publish a commune's programme for a month, or replace the one published."""
    programme, _created = MonthlyProgramme.objects.update_or_create(
        commune=commune,
        month=month.first_day,
        defaults={
            "talking_points": talking_points,
            "published_by": user,
            **{name: name in themes for name in THEME_FIELDS},
        },
    )
    return programme


@transaction.atomic
def outreach_save(*, session: OutreachSession, user: User) -> OutreachSession:
    """Record an outreach session (placed at its unit) or save changes to one; refused with
    a ValidationError when its day, or the day it had, is in a locked month. The form offers
    only the user's units; a user whose roles differ by unit is refused (403) here."""
    access.check_may_write(user, OutreachSession, session.unit)
    if session.pk is not None:
        stored = OutreachSession.objects.get(pk=session.pk)
        check_month_open(stored, stored.held_on, field="held_on")
    session.place()  # the month locked is that of where its unit stood that day
    check_month_open(session, session.held_on, field="held_on")
    session.recorded_by = session.recorded_by or user
    session.recorded_on = session.recorded_on or timezone.localdate()
    session.save()
    return session


@transaction.atomic
def outreach_delete(*, session: OutreachSession, user: User) -> None:
    """Delete an outreach session, unless its month is locked (a ValidationError)."""
    access.check_may_write(user, OutreachSession, session.unit)
    check_month_open(session, session.held_on)
    session.delete()
