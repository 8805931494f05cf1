"""Writes for petitions: raising one, and acting on it. Every change leaves a PetitionEvent."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.hierarchy.models import Group
from apps.meetings.models import Meeting
from apps.petitions import rules, workflow
from apps.petitions.models import Petition, PetitionEvent


def _record(petition: Petition, action: str, note: str, user: User) -> None:
    PetitionEvent.objects.create(
        petition=petition,
        action=action,
        state=petition.state,
        level=petition.level,
        note=note,
        by=user,
        at=timezone.now(),
    )


@transaction.atomic
def petition_raise(
    *,
    petition: Petition,
    group: Group,
    raised_on: datetime.date,
    user: User,
    meeting: Meeting | None = None,
) -> Petition:
    """Record a petition (content, category, level and name already set) for `group`."""
    petition.group = group
    petition.meeting = meeting
    petition.raised_on = raised_on
    petition.state = Petition.State.RECEIVED
    petition.due_on = rules.due_on(group, petition.level, raised_on)
    petition.created_by = user
    petition.save()
    _record(petition, PetitionEvent.Action.RAISED, "", user)
    return petition


@transaction.atomic
def petition_act(*, petition: Petition, action: str, note: str, user: User) -> Petition:
    """Take an action of the workflow; refused unless the user may take it on the state now."""
    petition = (
        Petition.objects.select_for_update()
        .select_related("group__hamlet__commune")
        .get(pk=petition.pk)
    )
    if action not in workflow.allowed_actions(user, petition):
        raise PermissionDenied
    note = note.strip()
    if not note:
        raise ValidationError(_("Write a note: what was done, or the answer given."))
    today = timezone.localdate()
    petition.state = workflow.TRANSITIONS[action].to_state
    fields = ["state"]
    if petition.is_closed:
        petition.closed_on = today
        fields.append("closed_on")
    if action == PetitionEvent.Action.ANSWERED:
        petition.answer = note
        fields.append("answer")
    if action == PetitionEvent.Action.MOVED_UP:
        petition.level = petition.level_above
        petition.due_on = rules.due_on(petition.group, petition.level, today)
        fields += ["level", "due_on"]
    petition.save(update_fields=fields)
    _record(petition, action, note, user)
    return petition
