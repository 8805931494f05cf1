"""The life of a petition: which actions move it, and who may take them.

    received ──take in hand──▶ in progress
    received, in progress ──resolve──▶ resolved      (closed)
    received, in progress ──answer───▶ answered      (closed; the note is the answer)
    received, in progress ──move up──▶ received at the level above, with a new due date

A closed petition takes no action. Only the officials of the level handling a
petition act on it, within their scope: the group's leader for a group-level
petition, the hamlet's or the commune's officials, the district's
administrators. Everyone else in scope reads it.
"""

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Q

from apps.accounts import access
from apps.accounts.models import Scope
from apps.petitions.models import Petition, PetitionEvent

Action = PetitionEvent.Action
OPEN = (Petition.State.RECEIVED, Petition.State.IN_PROGRESS)


@dataclass(frozen=True)
class Transition:
    from_states: tuple[str, ...]
    to_state: str


TRANSITIONS = {
    Action.TAKEN: Transition((Petition.State.RECEIVED,), Petition.State.IN_PROGRESS),
    Action.RESOLVED: Transition(OPEN, Petition.State.RESOLVED),
    Action.ANSWERED: Transition(OPEN, Petition.State.ANSWERED),
    Action.MOVED_UP: Transition(OPEN, Petition.State.RECEIVED),
}

# Which role handles each level, and the lookup from a petition to that level's unit.
HANDLERS = {
    Petition.Level.GROUP: (Scope.Role.GROUP_LEADER, "group"),
    Petition.Level.HAMLET: (Scope.Role.HAMLET, "group__hamlet"),
    Petition.Level.COMMUNE: (Scope.Role.COMMUNE, "group__hamlet__commune"),
    Petition.Level.DISTRICT: (Scope.Role.ADMIN, "group__hamlet__commune__district"),
}


def handled_by(user) -> Q:
    """The petitions `user` handles: those at their own level, within their scope."""
    if user.is_active and user.is_superuser:
        return Q()
    conditions = [
        Q(level=level, **{lookup: getattr(scope, f"{Scope.UNIT_FIELD[role]}_id")})
        for scope in access.scopes_of(user)
        for level, (role, lookup) in HANDLERS.items()
        if scope.role == role
    ]
    return reduce(or_, conditions, access.NOTHING)


def allowed_actions(user, petition: Petition) -> list[str]:
    """The actions `user` may take on `petition` now (none if they do not handle it)."""
    if not Petition.objects.filter(handled_by(user), pk=petition.pk).exists():
        return []
    return [
        action
        for action, transition in TRANSITIONS.items()
        if petition.state in transition.from_states
        and (action != Action.MOVED_UP or petition.level_above)
    ]
