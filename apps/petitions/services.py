"""Writes for petitions: raising one, and acting on it. Every change leaves a PetitionEvent.

Each write carries its real day: a petition of a past year is entered with the day it was
received, and each action with the day it was taken. A day in the future, before the
petition was received (or its group existed), or before its last action is refused
before anything is written.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.hierarchy.life import refuse_outside_life
from apps.hierarchy.models import Group
from apps.meetings.models import Meeting
from apps.petitions import rules, workflow
from apps.petitions.models import Petition, PetitionEvent


def _record(
    petition: Petition,
    action: str,
    note: str,
    user: User,
    *,
    on: datetime.date,
    due_on: datetime.date | None = None,
) -> None:
    PetitionEvent.objects.create(
        petition=petition,
        action=action,
        state=petition.state,
        level=petition.level,
        note=note,
        by=user,
        on=on,
        due_on=due_on,
        at=timezone.now(),
    )


def _short(day: datetime.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def _refuse_future(day: datetime.date, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: _("The date cannot be in the future.")})


@transaction.atomic
def petition_raise(
    *,
    petition: Petition,
    group: Group,
    raised_on: datetime.date,
    user: User,
    meeting: Meeting | None = None,
) -> Petition:
    """Record a petition (content, category, level and name already set) for `group`,
    received on `raised_on`: today, or a past day within the group's life (entered late if
    after its month's reporting deadline). Its due date is its first level's."""
    _refuse_future(raised_on, "raised_on")
    refuse_outside_life(group, raised_on, field="raised_on")
    petition.group = group
    petition.meeting = meeting
    petition.raised_on = raised_on
    petition.recorded_on = timezone.localdate()
    petition.state = Petition.State.RECEIVED
    petition.due_on = rules.due_on(group, petition.level, raised_on)
    petition.created_by = user
    petition.save()
    _record(petition, PetitionEvent.Action.RAISED, "", user, on=raised_on, due_on=petition.due_on)
    return petition


def _refuse_action_day(petition: Petition, on: datetime.date) -> None:
    """An action is dated between the petition's last action (or its receipt) and today."""
    _refuse_future(on, "on")
    if on < petition.raised_on:
        raise ValidationError(
            {
                "on": _(
                    "The petition was received on %(day)s; an action cannot be dated before it."
                )
                % {"day": _short(petition.raised_on)}
            }
        )
    last = petition.events.aggregate(last=Max("on"))["last"]
    if last is not None and on < last:
        raise ValidationError(
            {
                "on": _(
                    "The petition's last action is dated %(day)s; "
                    "a new action cannot be dated before it."
                )
                % {"day": _short(last)}
            }
        )


@transaction.atomic
def petition_act(
    *,
    petition: Petition,
    action: str,
    note: str,
    user: User,
    on: datetime.date | None = None,
) -> Petition:
    """Take an action of the workflow on the day `on` (today if not given); refused unless
    the user may take it on the state now and the day fits the petition's story.

    Closing records `on` as the closing day. Moving up gives the level above its own due
    date, counted from `on` and kept in the history; the petition's due date stays its
    first level's (apps.petitions.models)."""
    petition = (
        Petition.objects.select_for_update()
        .select_related("group__hamlet__commune")
        .get(pk=petition.pk)
    )
    if action not in workflow.allowed_actions(user, petition):
        raise PermissionDenied
    note = note.strip()
    if not note:
        raise ValidationError({"note": _("Write a note: what was done, or the answer given.")})
    on = on or timezone.localdate()
    _refuse_action_day(petition, on)
    petition.state = workflow.TRANSITIONS[action].to_state
    fields = ["state"]
    if petition.is_closed:
        petition.closed_on = on
        fields.append("closed_on")
    if action == PetitionEvent.Action.ANSWERED:
        petition.answer = note
        fields.append("answer")
    level_due_on = None
    if action == PetitionEvent.Action.MOVED_UP:
        petition.level = petition.level_above
        level_due_on = rules.due_on(petition.group, petition.level, on)
        fields.append("level")
    petition.save(update_fields=fields)
    _record(petition, action, note, user, on=on, due_on=level_due_on)
    return petition
