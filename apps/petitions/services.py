"""Writes for petitions: raising one, acting on it, and entering many afterwards (an
import). Every change leaves a PetitionEvent.

Each write carries its real day: a petition of a past year is entered with the day it was
received, and each action with the day it was taken. A day in the future, before the
petition was received (or its group existed), or before its last action is refused
before anything is written. Entered one by one or many at once, a petition gets the same
due date, events and entered-on day (the helpers below are the one way each is set).
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.approvals.locks import check_month_open, locked_months, month_locked_message
from apps.core.bulk import create_with_history
from apps.hierarchy.life import refuse_outside_life
from apps.hierarchy.models import Group
from apps.hierarchy.placements import place_records
from apps.meetings.models import Meeting
from apps.petitions import rules, workflow
from apps.petitions.models import Petition, PetitionEvent


def _event(
    petition: Petition,
    action: str,
    note: str,
    user: User,
    *,
    on: datetime.date,
    due_on: datetime.date | None = None,
) -> PetitionEvent:
    return PetitionEvent(
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


def check_received_on(group: Group, raised_on: datetime.date) -> None:
    """Refuse (a ValidationError on "raised_on") a day in the future or outside the group's
    life."""
    _refuse_future(raised_on, "raised_on")
    refuse_outside_life(group, raised_on, field="raised_on")


def _receive(
    petition: Petition,
    *,
    group: Group,
    raised_on: datetime.date,
    user: User,
    meeting: Meeting | None = None,
    days: dict[str, int] | None = None,
) -> PetitionEvent:
    """Set a new petition as received at its level on `raised_on`, entered today; its
    "raised" event, not yet saved."""
    petition.group = group
    petition.meeting = meeting
    petition.raised_on = raised_on
    petition.recorded_on = timezone.localdate()
    petition.state = Petition.State.RECEIVED
    petition.due_on = rules.due_on(group, petition.level, raised_on, days)
    petition.created_by = user
    return _event(
        petition, PetitionEvent.Action.RAISED, "", user, on=raised_on, due_on=petition.due_on
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
    """Record a petition (content, category, level and name already set) for `group`,
    received on `raised_on`: today, or a past day within the group's life (entered late if
    after its month's reporting deadline). Its due date is its first level's."""
    check_received_on(group, raised_on)
    check_month_open(group, raised_on, field="raised_on")
    raised = _receive(petition, group=group, raised_on=raised_on, user=user, meeting=meeting)
    petition.save()
    raised.save()
    return petition


def check_action_on(raised_on: datetime.date, on: datetime.date) -> None:
    """Refuse (a ValidationError on "on") an action dated in the future or before the
    petition was received."""
    _refuse_future(on, "on")
    if on < raised_on:
        raise ValidationError(
            {
                "on": _(
                    "The petition was received on %(day)s; an action cannot be dated before it."
                )
                % {"day": _short(raised_on)}
            }
        )


def _refuse_action_day(petition: Petition, on: datetime.date) -> None:
    """An action is dated between the petition's last action (or its receipt) and today."""
    check_action_on(petition.raised_on, on)
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
    # An action dated in a locked month would change that month's figures.
    check_month_open(petition.group, on, field="on")
    fields, event = _take(petition, action, note, user, on=on)
    petition.save(update_fields=fields)
    event.save()
    return petition


def _take(
    petition: Petition,
    action: str,
    note: str,
    user: User,
    *,
    on: datetime.date,
) -> tuple[list[str], PetitionEvent]:
    """Apply `action` to the petition (not saved): the fields it changed, and its event."""
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
    return fields, _event(petition, action, note, user, on=on, due_on=level_due_on)


@dataclass
class PastPetition:
    """A petition entered afterwards as it stands: `petition` (content, category, level and
    citizen's name set) received by `group` on `raised_on`, then, when `action` is given,
    taken in hand, resolved or answered on `on` (today if not given) with `note`."""

    petition: Petition
    group: Group
    raised_on: datetime.date
    action: str | None = None
    on: datetime.date | None = None
    note: str = ""

    @property
    def state(self) -> str:
        """The state it is entered in."""
        return (
            workflow.TRANSITIONS[self.action].to_state if self.action else Petition.State.RECEIVED
        )

    @property
    def closed_on(self) -> datetime.date | None:
        return self.on if self.state in Petition.CLOSED_STATES else None


# The actions an entry may end with: one step from "received", never a move up (the
# level written is the level handling it).
PAST_ACTIONS = (
    PetitionEvent.Action.TAKEN,
    PetitionEvent.Action.RESOLVED,
    PetitionEvent.Action.ANSWERED,
)


def check_past_petition(entry: PastPetition) -> None:
    """Refuse (a ValidationError by field) what petition_raise and petition_act would."""
    check_received_on(entry.group, entry.raised_on)
    if entry.action is None:
        return
    if entry.action not in PAST_ACTIONS:
        raise ValueError(f"a past petition cannot end with {entry.action!r}")
    check_action_on(entry.raised_on, entry.on or timezone.localdate())
    if not entry.note.strip():
        raise ValidationError({"note": _("Write a note: what was done, or the answer given.")})


def locked_entries(entries: list[PastPetition]) -> list[tuple[str, str] | None]:
    """For each entry, (field, message) when it is received, or acted on, in a locked
    month (apps.approvals.locks); None when it may be entered. A few queries for all."""
    pairs = [(e.group, e.raised_on) for e in entries]
    acted = [e for e in entries if e.action is not None]
    pairs += [(e.group, e.on or timezone.localdate()) for e in acted]
    locks = locked_months(pairs)
    found: list[tuple[str, str] | None] = [
        ("raised_on", month_locked_message(lock)) if lock else None
        for lock in locks[: len(entries)]
    ]
    action_locks = iter(locks[len(entries) :])
    for index, entry in enumerate(entries):
        if entry.action is not None:
            lock = next(action_locks)
            if lock is not None and found[index] is None:
                found[index] = ("on", month_locked_message(lock))
    return found


def refuse_locked(entries: list[PastPetition]) -> None:
    """Raise a ValidationError when any entry falls in a locked month."""
    for problem in locked_entries(entries):
        if problem is not None:
            raise ValidationError({problem[0]: problem[1]})


@transaction.atomic
def petitions_enter(*, entries: list[PastPetition], user: User) -> list[Petition]:
    """Record petitions entered afterwards, all or none, each exactly as petition_raise
    then petition_act would on the day (due date, events, entered today, so late if after
    its month's deadline), in a few statements; one history row each. The caller has
    checked that `user` may write each group (an import checks its lines by scope)."""
    refuse_locked(entries)
    days: dict[int, dict[str, int]] = {}
    petitions, events = [], []
    for entry in entries:
        check_past_petition(entry)
        district_id = entry.group.hamlet.commune.district_id
        if district_id not in days:
            days[district_id] = rules.days_to_close(district_id)
        petition = entry.petition
        events.append(
            _receive(
                petition,
                group=entry.group,
                raised_on=entry.raised_on,
                user=user,
                days=days[district_id],
            )
        )
        if entry.action is not None:
            on = entry.on or timezone.localdate()
            events.append(_take(petition, entry.action, entry.note.strip(), user, on=on)[1])
        petitions.append(petition)
    place_records(petitions)
    create_with_history(petitions, Petition, user=user)
    PetitionEvent.objects.bulk_create(events, batch_size=2000)
    return petitions
