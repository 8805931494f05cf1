"""The roster import page's steps: hold an upload and check it, confirm it, discard it.

Reading, checking and writing are `read_roster`, `plan_roster` and `apply_roster`, the
same as in the admin and the command. This module only keeps the upload between the
steps: the file in a HeldFile (through DatabaseStorage), the preview (counts, and its
lines as PendingLine rows, kept once: the PendingImport holds their fingerprint, not a
copy) in a PendingImport that belongs to the uploader. The check and the import run in
the task worker (apps.imports.roster_jobs), not in the request.
Confirming reads and checks the file again, because the data or the user's scope may
have changed since the preview.
"""

import datetime
import logging
from dataclasses import dataclass

from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts import access
from apps.accounts.models import User
from apps.imports.models import PendingImport
from apps.imports.reading import UnreadableFile
from apps.imports.roster_format import iter_roster
from apps.imports.roster_import import ImportFailed, RosterPlan, apply_roster, plan_roster
from apps.imports.roster_summary import by_unit, counts_of, restore_lines, store_lines
from apps.imports.storage import DatabaseStorage
from apps.jobs.models import Job
from apps.jobs.services import job_start
from apps.people.models import Person

KIND = "roster"
logger = logging.getLogger(__name__)


class ImportRefused(Exception):
    """The step cannot be done; `str(error)` is the message for the user."""


@dataclass
class Confirmation:
    """What confirming did: `imported`, or not because the file no longer fits (`pending`
    then lists the lines to correct)."""

    imported: bool
    pending: PendingImport
    counts: dict[str, int]
    ended: bool = False  # the households and people missing from the file were ended


def may_import_rosters(user: User) -> bool:
    """Whether any of the user's scopes lets them write people (the import checks each line)."""
    return access.can_write_any(user, Person)


def pending_roster(user: User, pending_id: int) -> PendingImport | None:
    """The user's own held roster upload; None for anyone else's or an expired one."""
    return PendingImport.objects.filter(pk=pending_id, user=user, kind=KIND).first()


def _read_and_plan(
    data: bytes, file_name: str, user: User, as_of: datetime.date | None
) -> RosterPlan:
    # Read as it is checked: the whole file's cells are never held at once.
    try:
        plan = plan_roster(iter_roster(data, file_name), user, timezone.localdate(), as_of=as_of)
    except UnreadableFile as error:
        raise ImportRefused(str(error)) from error
    if not plan.lines:
        raise ImportRefused(_("The file has no person line under its header row."))
    return plan


def roster_hold(*, user: User, data: bytes, file_name: str, as_of: datetime.date | None) -> Job:
    """Keep an upload and queue its check (`roster_check`, in the worker); the user follows
    it on the job's page, which leads on to the preview."""
    storage = DatabaseStorage()
    storage.save(data)
    return job_start(
        owner=user,
        kind="roster_check",
        title=_("Checking the roster %(name)s") % {"name": file_name},
        handler="apps.imports.roster_jobs.check",
        params={
            "held_file": storage.name,
            "file_name": file_name[:255],
            "as_of": as_of.isoformat() if as_of else None,
        },
    )


def roster_check(
    *, user: User, held: str, file_name: str, as_of: datetime.date | None = None
) -> PendingImport:
    """Check a held upload and keep its preview for the user's confirmation; nothing is
    imported. `as_of` dates what the file leaves undated (None: the import day). A file
    with errors, or with nothing to change, is kept only as its preview: it cannot be
    confirmed, and its file is dropped."""
    storage = DatabaseStorage(name=held, read_mode="rb")
    try:
        data = storage.read()
    except FileNotFoundError as error:
        raise ImportRefused(_("This upload has expired: upload the file again.")) from error
    try:
        plan = _read_and_plan(data, file_name, user, as_of)
    except ImportRefused:
        storage.remove()
        raise
    del data
    PendingImport.purge_abandoned()
    keep = not plan.errors and plan.has_changes
    if not keep:
        storage.remove()
    with transaction.atomic():
        pending = PendingImport.objects.create(
            user=user,
            kind=KIND,
            target=_target(plan, held if keep else None),
            rows={},
            file_name=file_name[:255],
        )
        pending.target["lines"] = store_lines(pending, plan)
        pending.save(update_fields=["target"])
    return pending


def roster_preview(
    *, user: User, data: bytes, file_name: str, as_of: datetime.date | None = None
) -> PendingImport:
    """Hold an upload and check it at once, in this process (the command and the tests)."""
    storage = DatabaseStorage()
    storage.save(data)
    return roster_check(user=user, held=storage.name, file_name=file_name, as_of=as_of)


def _target(plan: RosterPlan, held: str | None, **more) -> dict:
    return {
        "held_file": held,
        "counts": counts_of(plan),
        "units": by_unit(plan),
        **_dates(plan),
        **more,
    }


def _dates(plan: RosterPlan) -> dict:
    """The upload's "as of" day as kept with it: the one chosen, or None for the import day."""
    return {"as_of": plan.as_of.isoformat() if plan.as_of_given else None}


def held_as_of(pending: PendingImport) -> datetime.date | None:
    """The "as of" day chosen for a held upload, None for the import day."""
    day = pending.target.get("as_of")
    return datetime.date.fromisoformat(day) if day else None


def _forget(pending: PendingImport) -> None:
    if pending.target.get("held_file"):
        DatabaseStorage(name=pending.target["held_file"]).remove()
    pending.delete()


@transaction.atomic
def roster_discard(*, user: User, pending_id: int) -> None:
    """Drop the user's held upload, if it is still there."""
    pending = pending_roster(user, pending_id)
    if pending is not None:
        _forget(pending)


def roster_confirm_later(*, user: User, pending: PendingImport, end_missing: bool) -> Job:
    """Queue the import of a held upload (`roster_confirm`, in the worker). While one is
    queued or running, asking again follows that one rather than queueing a second."""
    running = pending.target.get("job")
    if running:
        job = Job.objects.filter(pk=running, owner=user).first()
        if job is not None and not job.finished:
            return job
    job = job_start(
        owner=user,
        kind="roster_commit",
        title=_("Importing the roster %(name)s") % {"name": pending.file_name},
        handler="apps.imports.roster_jobs.commit",
        params={"pending": pending.pk, "end_missing": end_missing},
    )
    pending.target["job"] = job.pk
    pending.save(update_fields=["target"])
    return job


def roster_confirm(*, user: User, pending_id: int, end_missing: bool = False) -> Confirmation:
    """Check the held file again and import it: all of its lines, or none. With
    `end_missing` (the administrator ticked it), the households and people its groups'
    lines leave out are ended.

    The held upload is locked first, so a second confirmation of it (a double tap,
    a second tab) waits for the first and then finds it gone. Any database
    failure leaves everything as it was and is answered with a message.
    """
    try:
        with transaction.atomic():
            return _confirm(user, pending_id, end_missing)
    except ImportFailed as error:  # the roster's own write failed and wrote nothing
        raise ImportRefused(str(error)) from error
    except DatabaseError as error:
        logger.exception("Roster import failed for user %s", user.pk)
        raise ImportRefused(
            _(
                "Nothing was imported: the database could not save the changes, perhaps "
                "because the same groups were being changed at the same moment. Try again "
                "in a minute; if it fails again, upload the file again."
            )
        ) from error


def _confirm(user: User, pending_id: int, end_missing: bool) -> Confirmation:
    pending = (
        PendingImport.objects.select_for_update()
        .filter(pk=pending_id, user=user, kind=KIND)
        .defer("rows")
        .first()
    )
    if pending is None:
        raise ImportRefused(
            _(
                "This upload was already imported, discarded or has expired: nothing more "
                "was imported. Check the roster, or upload the file again."
            )
        )
    if pending.target.get("imported"):
        raise ImportRefused(_("This roster was already imported; nothing more was imported."))
    held = pending.target.get("held_file")
    if not held:
        raise ImportRefused(
            _(
                "This upload cannot be imported: correct the lines listed in the file, then "
                "upload it again."
            )
        )
    try:
        data = DatabaseStorage(name=held, read_mode="rb").read()
    except FileNotFoundError as error:
        raise ImportRefused(_("This upload has expired: upload the file again.")) from error
    plan = _read_and_plan(data, pending.file_name, user, held_as_of(pending))
    del data
    if plan.errors:
        # The data or the user's area changed since the preview: show the lines that no
        # longer fit, and keep nothing that could be confirmed.
        DatabaseStorage(name=held).remove()
        pending.target = _target(plan, None, lines=store_lines(pending, plan))
        pending.save(update_fields=["target"])
        return Confirmation(imported=False, pending=pending, counts=pending.target["counts"])
    apply_roster(plan, user, end_missing=end_missing)
    ended = end_missing and bool(plan.people_to_end or plan.households_to_end)
    # Kept (without the file) until it expires, so that confirming it again says it was
    # imported, and the page still shows what changed.
    DatabaseStorage(name=held).remove()
    lines = restore_lines(pending, plan, pending.target.get("lines"))
    pending.target = _target(plan, None, imported=True, ended=ended, lines=lines)
    pending.save(update_fields=["target"])
    return Confirmation(
        imported=True, pending=pending, counts=pending.target["counts"], ended=ended
    )
