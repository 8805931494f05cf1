"""Writes of supervision visits and their follow-up actions."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction

from apps.accounts import access
from apps.accounts.models import User
from apps.organisation.models import CommitteeMember, FollowUp, SupervisionVisit
from apps.organisation.selectors import visit_changeable


def check_visit(user: User, visit: SupervisionVisit) -> None:
    """The user records visits to the visit's unit and, for a visit already recorded, may
    change it (they see every member who made it: apps.organisation.selectors)."""
    access.check_may_write(user, SupervisionVisit, visit.unit)
    if visit.pk is not None and not visit_changeable(user, visit):
        raise PermissionDenied


@transaction.atomic
def visit_save(
    *,
    visit: SupervisionVisit,
    members: list[CommitteeMember],
    follow_ups: list[FollowUp],
    user: User,
) -> SupervisionVisit:
    """Record a visit (its unit already placed), or save changes to one, with the committee
    members who made it and its new or changed follow-up actions."""
    check_visit(user, visit)
    if visit.pk is None:
        visit.recorded_by = user
    visit.save()
    visit.members.set(members)
    for follow_up in follow_ups:
        follow_up.visit = visit
        follow_up.save()
    return visit


def visit_delete(*, user: User, record: SupervisionVisit) -> None:
    check_visit(user, record)
    record.delete()


def check_follow_up(user: User, follow_up: FollowUp) -> None:
    check_visit(user, follow_up.visit)


def follow_up_mark_done(*, user: User, follow_up: FollowUp, done_on: datetime.date) -> FollowUp:
    check_follow_up(user, follow_up)
    follow_up.done, follow_up.done_on = True, done_on
    follow_up.save(update_fields=["done", "done_on"])
    return follow_up


def follow_up_reopen(*, user: User, follow_up: FollowUp) -> FollowUp:
    """Undo "done" marked by mistake: the action is open again."""
    check_follow_up(user, follow_up)
    follow_up.done, follow_up.done_on = False, None
    follow_up.save(update_fields=["done", "done_on"])
    return follow_up


def follow_up_delete(*, user: User, record: FollowUp) -> None:
    check_follow_up(user, record)
    record.delete()
