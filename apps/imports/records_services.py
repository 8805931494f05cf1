"""The steps of an import of past records (meetings, petitions): hold an upload and
preview it, confirm it, discard it.

Kept like the roster's (apps.imports.services): the file in a HeldFile, the preview in a
PendingImport of the uploader. Confirming reads and checks the file again, because a
record may have been entered, or the user's scope changed, since the preview. Each kind
of record is a `RecordsImport`: how to read and check a file, summarise and write it.
"""

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import DatabaseError, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts import access
from apps.accounts.models import User
from apps.imports.models import PendingImport
from apps.imports.reading import SheetRow, UnreadableFile
from apps.imports.roster_import import ImportFailed
from apps.imports.services import ImportRefused
from apps.imports.storage import DatabaseStorage

logger = logging.getLogger(__name__)


@dataclass
class Confirmation:
    imported: bool
    pending: PendingImport
    counts: dict[str, int]


@dataclass(frozen=True)
class RecordsImport:
    """One kind of past records' import. A plan has `lines`, `errors`, `late` and the
    (sheet, line) `sources` of its new `records`; `row` is how the preview shows one."""

    kind: str
    model: type[Model]
    read: Callable[[bytes, str], list[SheetRow]]
    plan: Callable[[list[SheetRow], User, datetime.date], Any]
    records: Callable[[Any], list]
    row: Callable[[Any, str, int, Any], list]
    apply: Callable[[Any, User], int]
    no_lines: str  # the message for a file with a header but no line
    already_imported: str
    save_failed: str

    def summary(self, plan) -> tuple[dict, dict]:
        """The plan's counts and the rows the preview shows ({"errors": …, "records": …})."""
        records = self.records(plan)
        counts = {
            "lines": plan.lines,
            "new": len(records),
            "late": plan.late,
            "errors": len(plan.errors),
        }
        rows = {
            "errors": [[e.sheet, e.line, e.column, e.message] for e in plan.errors],
            "records": [
                self.row(plan, sheet, line, record)
                for (sheet, line), record in zip(plan.sources, records, strict=True)
            ],
        }
        return counts, rows

    def may_import(self, user: User) -> bool:
        """Whether any of the user's scopes lets them write such records (each line is
        checked against the groups they may write)."""
        return access.can_write_any(user, self.model)

    def pending(self, user: User, pending_id: int, *, lines: bool = True) -> PendingImport | None:
        """The user's own held upload; None for anyone else's or an expired one."""
        pending = PendingImport.objects.filter(pk=pending_id, user=user, kind=self.kind)
        return (pending if lines else pending.defer("rows")).first()

    def _read_and_plan(self, data: bytes, file_name: str, user: User):
        try:
            rows = self.read(data, file_name)
        except UnreadableFile as error:
            raise ImportRefused(str(error)) from error
        if not rows:
            raise ImportRefused(self.no_lines)
        return self.plan(rows, user, timezone.localdate())

    def preview(self, *, user: User, data: bytes, file_name: str) -> PendingImport:
        """Check an upload and hold it for the user's confirmation; nothing is imported.

        A file with errors is held only as its list of errors: it cannot be confirmed.
        """
        plan = self._read_and_plan(data, file_name, user)
        PendingImport.purge_abandoned()
        counts, rows = self.summary(plan)
        held = None
        if not plan.errors and counts["new"]:
            storage = DatabaseStorage()
            storage.save(data)
            held = storage.name
        return PendingImport.objects.create(
            user=user,
            kind=self.kind,
            target={"held_file": held, "counts": counts},
            rows=rows,
            file_name=file_name[:255],
        )

    @transaction.atomic
    def discard(self, *, user: User, pending_id: int) -> None:
        pending = self.pending(user, pending_id, lines=False)
        if pending is not None:
            if pending.target.get("held_file"):
                DatabaseStorage(name=pending.target["held_file"]).remove()
            pending.delete()

    def confirm(self, *, user: User, pending_id: int) -> Confirmation:
        """Check the held file again and import it: all of its records, or none."""
        try:
            with transaction.atomic():
                return self._confirm(user, pending_id)
        except ImportFailed as error:
            raise ImportRefused(str(error)) from error
        except DatabaseError as error:
            logger.exception("Import of %s failed for user %s", self.kind, user.pk)
            raise ImportRefused(self.save_failed) from error

    def _confirm(self, user: User, pending_id: int) -> Confirmation:
        # Locked first: a second confirmation (a double tap) waits, then finds it imported.
        pending = (
            PendingImport.objects.select_for_update()
            .filter(pk=pending_id, user=user, kind=self.kind)
            .defer("rows")
            .first()
        )
        if pending is None:
            raise ImportRefused(
                _("This upload was already imported, discarded or has expired: upload it again.")
            )
        if pending.target.get("imported"):
            raise ImportRefused(self.already_imported)
        held = pending.target.get("held_file")
        if not held:
            raise ImportRefused(
                _("This upload cannot be imported: correct the lines listed, then upload it again.")
            )
        try:
            data = DatabaseStorage(name=held, read_mode="rb").read()
        except FileNotFoundError as error:
            raise ImportRefused(_("This upload has expired: upload the file again.")) from error
        plan = self._read_and_plan(data, pending.file_name, user)
        counts, rows = self.summary(plan)
        DatabaseStorage(name=held).remove()
        imported = not plan.errors
        if imported:
            self.apply(plan, user)
        pending.target = {"held_file": None, "counts": counts, "imported": imported}
        pending.rows = rows
        pending.save(update_fields=["target", "rows"])
        return Confirmation(imported=imported, pending=pending, counts=counts)
