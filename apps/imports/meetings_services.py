"""The meetings import's steps (upload and preview, confirm, discard): those of every
past-records import (apps.imports.records_services), for meetings."""

from operator import attrgetter

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from apps.core.periods import Month
from apps.imports.meetings_format import MEETINGS_SHEET
from apps.imports.meetings_import import MeetingsPlan, apply_meetings, plan_meetings
from apps.imports.records_services import RecordsImport
from apps.meetings.models import Meeting


def _row(plan: MeetingsPlan, sheet: str, line: int, m: Meeting) -> list:
    return [
        sheet,
        line,
        f"{m.group.name} — {m.group.hamlet.name}",
        Month.of(m.month).label,
        date_format(m.held_on, "SHORT_DATE_FORMAT"),
        m.attendees,
        f"{m.households_represented}/{m.households_total}",
        m.entered_late,
    ]


MEETINGS = RecordsImport(
    kind="meetings",
    model=Meeting,
    read=MEETINGS_SHEET.read,
    plan=plan_meetings,
    records=attrgetter("meetings"),
    row=_row,
    apply=apply_meetings,
    no_lines=_("The file has no meeting line under its header row."),
    already_imported=_("These meetings were already imported; nothing more was imported."),
    save_failed=_(
        "Nothing was imported: the database could not save the meetings. Try again "
        "in a minute; if it fails again, upload the file again."
    ),
)
