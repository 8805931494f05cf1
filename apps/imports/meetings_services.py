"""The meetings import page's steps: hold an upload and preview it, confirm it, discard it.

Kept like the roster's (apps.imports.services): the file in a HeldFile, the preview in a
PendingImport of the uploader. Confirming reads and checks the file again, because a
meeting may have been recorded, or the user's scope changed, since the preview.
"""

import logging
from dataclasses import dataclass

from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from apps.accounts import access
from apps.accounts.models import User
from apps.core.periods import Month
from apps.imports.meetings_format import read_meetings
from apps.imports.meetings_import import MeetingsPlan, apply_meetings, plan_meetings
from apps.imports.models import PendingImport
from apps.imports.reading import UnreadableFile
from apps.imports.roster_import import ImportFailed
from apps.imports.services import ImportRefused
from apps.imports.storage import DatabaseStorage
from apps.meetings.models import Meeting

KIND = "meetings"
logger = logging.getLogger(__name__)


@dataclass
class Confirmation:
    imported: bool
    pending: PendingImport
    counts: dict[str, int]


def may_import_meetings(user: User) -> bool:
    """Whether any of the user's scopes lets them record meetings (each line is checked)."""
    return access.can_write_any(user, Meeting)


def pending_meetings(user: User, pending_id: int, *, lines: bool = True) -> PendingImport | None:
    """The user's own held meetings upload; None for anyone else's or an expired one."""
    pending = PendingImport.objects.filter(pk=pending_id, user=user, kind=KIND)
    return (pending if lines else pending.defer("rows")).first()


def _summary(plan: MeetingsPlan) -> tuple[dict, dict]:
    counts = {
        "lines": plan.lines,
        "new": len(plan.meetings),
        "late": plan.late,
        "errors": len(plan.errors),
    }
    rows = {
        "errors": [[e.sheet, e.line, e.column, e.message] for e in plan.errors],
        "meetings": [
            [
                sheet,
                line,
                f"{m.group.name} — {m.group.hamlet.name}",
                Month.of(m.month).label,
                date_format(m.held_on, "SHORT_DATE_FORMAT"),
                m.attendees,
                f"{m.households_represented}/{m.households_total}",
                m.entered_late,
            ]
            for (sheet, line), m in zip(plan.sources, plan.meetings, strict=True)
        ],
    }
    return counts, rows


def _read_and_plan(data: bytes, file_name: str, user: User) -> MeetingsPlan:
    try:
        rows = read_meetings(data, file_name)
    except UnreadableFile as error:
        raise ImportRefused(str(error)) from error
    if not rows:
        raise ImportRefused(_("The file has no meeting line under its header row."))
    return plan_meetings(rows, user, timezone.localdate())


def meetings_preview(*, user: User, data: bytes, file_name: str) -> PendingImport:
    """Check an upload and hold it for the user's confirmation; nothing is imported.

    A file with errors is held only as its list of errors: it cannot be confirmed.
    """
    plan = _read_and_plan(data, file_name, user)
    PendingImport.purge_abandoned()
    counts, rows = _summary(plan)
    held = None
    if not plan.errors and plan.meetings:
        storage = DatabaseStorage()
        storage.save(data)
        held = storage.name
    return PendingImport.objects.create(
        user=user,
        kind=KIND,
        target={"held_file": held, "counts": counts},
        rows=rows,
        file_name=file_name[:255],
    )


@transaction.atomic
def meetings_discard(*, user: User, pending_id: int) -> None:
    pending = pending_meetings(user, pending_id, lines=False)
    if pending is not None:
        if pending.target.get("held_file"):
            DatabaseStorage(name=pending.target["held_file"]).remove()
        pending.delete()


def meetings_confirm(*, user: User, pending_id: int) -> Confirmation:
    """Check the held file again and import it: all of its meetings, or none."""
    try:
        with transaction.atomic():
            return _confirm(user, pending_id)
    except ImportFailed as error:
        raise ImportRefused(str(error)) from error
    except DatabaseError as error:
        logger.exception("Meetings import failed for user %s", user.pk)
        raise ImportRefused(
            _(
                "Nothing was imported: the database could not save the meetings. Try again "
                "in a minute; if it fails again, upload the file again."
            )
        ) from error


def _confirm(user: User, pending_id: int) -> Confirmation:
    # Locked first: a second confirmation (a double tap) waits, then finds it imported.
    pending = (
        PendingImport.objects.select_for_update()
        .filter(pk=pending_id, user=user, kind=KIND)
        .defer("rows")
        .first()
    )
    if pending is None:
        raise ImportRefused(
            _("This upload was already imported, discarded or has expired: upload it again.")
        )
    if pending.target.get("imported"):
        raise ImportRefused(_("These meetings were already imported; nothing more was imported."))
    held = pending.target.get("held_file")
    if not held:
        raise ImportRefused(
            _("This upload cannot be imported: correct the lines listed, then upload it again.")
        )
    try:
        data = DatabaseStorage(name=held, read_mode="rb").read()
    except FileNotFoundError as error:
        raise ImportRefused(_("This upload has expired: upload the file again.")) from error
    plan = _read_and_plan(data, pending.file_name, user)
    counts, rows = _summary(plan)
    DatabaseStorage(name=held).remove()
    imported = not plan.errors
    if imported:
        apply_meetings(plan, user)
    pending.target = {"held_file": None, "counts": counts, "imported": imported}
    pending.rows = rows
    pending.save(update_fields=["target", "rows"])
    return Confirmation(imported=imported, pending=pending, counts=counts)
