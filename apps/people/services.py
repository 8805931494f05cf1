"""Writes that touch roles: appointing a leader ends the previous one's term."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from apps.hierarchy.models import Group
from apps.people.models import GroupRole, Person


@transaction.atomic
def group_appoint_leader(*, group: Group, person: Person, on: datetime.date) -> GroupRole:
    """Make `person` the leader of `group` from `on`; the current leader's term ends the day before.

    Raises ValidationError when that would leave the current leader a term of no days.
    """
    # Lock the group so that two officials appointing at once cannot both succeed.
    Group.objects.select_for_update().get(pk=group.pk)
    last_day = on - datetime.timedelta(days=1)
    # The outgoing leader's term ends, and so does the newcomer's own current
    # role in the group (a deputy promoted to leader is the usual handover).
    ending = (
        GroupRole.objects.current()
        .filter(group=group)
        .filter(Q(role=GroupRole.Role.LEADER) | Q(person=person))
    )
    for current in ending:
        if last_day < current.started_on:
            raise ValidationError(
                _("The current role only started on %(day)s.")
                % {"day": current.started_on.strftime("%d/%m/%Y")}
            )
        current.ended_on = last_day
        current.save(update_fields=["ended_on"])
    role = GroupRole(group=group, person=person, role=GroupRole.Role.LEADER, started_on=on)
    role.full_clean()
    role.save()
    return role
