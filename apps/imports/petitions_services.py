"""The petitions import's steps (upload and preview, confirm, discard): those of every
past-records import (apps.imports.records_services), for petitions."""

from operator import attrgetter

from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from apps.imports.petitions_format import PETITIONS_SHEET
from apps.imports.petitions_import import PetitionsPlan, apply_petitions, plan_petitions
from apps.imports.records_services import RecordsImport
from apps.petitions.models import Petition
from apps.petitions.services import PastPetition


def _row(plan: PetitionsPlan, sheet: str, line: int, entry: PastPetition) -> list:
    petition, group = entry.petition, entry.group
    return [
        sheet,
        line,
        f"{group.name} — {group.hamlet.name}",
        date_format(entry.raised_on, "SHORT_DATE_FORMAT"),
        petition.get_level_display(),
        petition.get_category_display(),
        Truncator(petition.content).chars(80),
        str(Petition.State(entry.state).label),
        date_format(entry.closed_on, "SHORT_DATE_FORMAT") if entry.closed_on else "",
        plan.entered_late(entry),
    ]


PETITIONS = RecordsImport(
    kind="petitions",
    model=Petition,
    read=PETITIONS_SHEET.read,
    plan=plan_petitions,
    records=attrgetter("entries"),
    row=_row,
    apply=apply_petitions,
    no_lines=_("The file has no petition line under its header row."),
    already_imported=_("These petitions were already imported; nothing more was imported."),
    save_failed=_(
        "Nothing was imported: the database could not save the petitions. Try again "
        "in a minute; if it fails again, upload the file again."
    ),
)
