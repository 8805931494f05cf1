"""A year's household sheet filled in offline and uploaded: checked and previewed first, then
saved whole (or dropped). The rules live here; the views only render.

- Only a user who writes the unit's household assessments uploads or saves its sheet.
- A sheet of a year outside the unit's life, or of a locked year, is refused.
- The preview marks each line new, the same or changed against what is stored, and keeps
  the checked values (a PendingImport) only when no line has an error.
- The save takes every line or none, and only if the unit's households of the year are
  still those of the preview.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from apps.accounts import access
from apps.accounts.models import User
from apps.approvals.locks import year_lock, year_locked_message
from apps.assessments import selectors, sheets
from apps.assessments.forms import refuse_outside_year
from apps.assessments.models import HouseholdAssessment
from apps.assessments.services import HOUSEHOLD_FLAGS, household_assessments_save
from apps.imports.models import PendingImport
from apps.imports.reading import UnreadableFile

PENDING_KIND = "household_assessments"


@dataclass
class Preview:
    lines: list = field(default_factory=list)
    problem: str | None = None
    pending: PendingImport | None = None


def check_sheet_writer(user: User, unit) -> None:
    access.check_may_write(user, HouseholdAssessment, unit)


def sheet_preview(*, user: User, unit, year: int, upload) -> Preview:
    """Check `upload` (None: no file was chosen) against the unit's households of the year."""
    check_sheet_writer(user, unit)
    if upload is None:
        return Preview(problem=_("Choose the filled-in .xlsx file first."))
    preview = Preview()
    try:
        refuse_outside_year([unit], year)
        if year_lock(unit, year):
            raise ValidationError(year_locked_message(year))
        preview.lines = sheets.check_upload(upload, selectors.households_in_year(unit, year))
    except ValidationError as error:
        preview.problem = " ".join(error.messages)
    except UnreadableFile as error:
        preview.problem = str(error)
    if not preview.lines and not preview.problem:
        preview.problem = _("The sheet has no household line.")
    if not preview.problem and not any(line.errors for line in preview.lines):
        PendingImport.purge_abandoned()
        preview.pending = PendingImport.objects.create(
            user=user,
            kind=PENDING_KIND,
            target={"year": year, "level": unit.level, "unit": unit.pk},
            rows=[{"household": line.household.pk, **line.flags} for line in preview.lines],
            file_name=upload.name[:255],
        )
    _mark_changes(preview.lines, year)
    return preview


def _mark_changes(lines: list, year: int) -> None:
    households = [line.household for line in lines if line.household]
    stored = {
        a.household_id: {f: getattr(a, f) for f in HOUSEHOLD_FLAGS}
        for a in HouseholdAssessment.objects.filter(year=year, household__in=households)
    }
    for line in lines:
        before = stored.get(line.household.pk) if line.household else None
        line.change = "new" if before is None else "same" if before == line.flags else "changed"


def sheet_save(*, user: User, unit, pending: PendingImport) -> int:
    """Save the previewed lines (all or none) and drop the preview: how many were saved.
    A ValidationError says why nothing was."""
    check_sheet_writer(user, unit)
    year = pending.target["year"]
    allowed = {h.pk for h in selectors.households_in_year(unit, year)}
    values = {row.pop("household"): row for row in pending.rows}
    if not set(values) <= allowed:
        raise ValidationError(_("The households have changed since the preview. Upload again."))
    changed = household_assessments_save(year=year, values=values, user=user)
    pending.delete()
    return changed


def sheet_discard(*, pending: PendingImport) -> None:
    """Drop a preview: nothing of it is saved. (Only its own user finds it.)"""
    pending.delete()
