"""Writes for the organisation pages that touch more than one row or a stored file."""

import datetime

from django.db import transaction

from apps.accounts.models import User
from apps.organisation.models import CommitteeMember, Document, FollowUp, SupervisionVisit


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
    if visit.pk is None:
        visit.recorded_by = user
    visit.save()
    visit.members.set(members)
    for follow_up in follow_ups:
        follow_up.visit = visit
        follow_up.save()
    return visit


def follow_up_mark_done(*, follow_up: FollowUp, done_on: datetime.date) -> FollowUp:
    follow_up.done, follow_up.done_on = True, done_on
    follow_up.save(update_fields=["done", "done_on"])
    return follow_up


def follow_up_reopen(*, follow_up: FollowUp) -> FollowUp:
    """Undo "done" marked by mistake: the action is open again."""
    follow_up.done, follow_up.done_on = False, None
    follow_up.save(update_fields=["done", "done_on"])
    return follow_up


def document_save(*, document: Document, replaced_file: str) -> Document:
    """Save a document; a file it no longer points to is removed once the change is committed.

    `replaced_file` is the stored name of its file before the change ("" if none).
    """
    document.save()
    if replaced_file and replaced_file != document.file.name:
        file_remove_on_commit(replaced_file)
    return document


def document_delete(*, document: Document) -> None:
    stored = document.file.name
    document.delete()
    if stored:
        file_remove_on_commit(stored)


def file_remove_on_commit(name: str) -> None:
    """Remove a stored file once the current transaction commits."""
    storage = Document._meta.get_field("file").storage
    # Only once the database agrees: a rolled-back change keeps its file.
    transaction.on_commit(lambda: storage.delete(name))
