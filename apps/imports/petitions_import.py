"""Checking a file of past petitions against the database, then writing it all at once.

`plan_petitions` matches every line to a group the user may record petitions for and
collects every error by line and column; it writes nothing. A line is refused when a day
is in the future, the petition was received before its group existed or closed before it
was received (the petitions' own checks, apps.petitions.services), when its level,
category or state is not one of the format's words, or when the same petition (group,
day received, content and citizen) is already recorded or twice in the file: an import
never enters a petition twice. `apply_petitions` writes a plan without errors in one
transaction, through the petitions' service, so each petition gets its due date, events
and entered-on day as if typed in by hand on the import day: a petition of a month whose
reporting deadline has passed is entered late and never counts as closed on time.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.core.text import fold
from apps.imports.petitions_format import (
    CATEGORIES,
    COLUMNS,
    LEVELS,
    MAX_LENGTHS,
    STATES,
    word_cell,
)
from apps.imports.reading import SheetRow
from apps.imports.records_format import day_cell
from apps.imports.records_import import LinePlanner, short
from apps.imports.roster_import import ImportFailed, LineError
from apps.petitions.models import Petition, PetitionEvent
from apps.petitions.services import (
    PastPetition,
    check_past_petition,
    locked_entries,
    petitions_enter,
)

# The action that leaves a received petition in each state; "received" needs none.
ACTIONS = {
    Petition.State.IN_PROGRESS: PetitionEvent.Action.TAKEN,
    Petition.State.RESOLVED: PetitionEvent.Action.RESOLVED,
    Petition.State.ANSWERED: PetitionEvent.Action.ANSWERED,
}
# Where the service's checks report a problem → the column it comes from.
SERVICE_FIELDS = {"raised_on": "raised_on", "on": "closed_on", "note": "outcome"}


@dataclass
class PetitionsPlan:
    lines: int = 0
    today: datetime.date | None = None
    errors: list[LineError] = field(default_factory=list)
    entries: list[PastPetition] = field(default_factory=list)
    # Per entry: (sheet, line) it comes from.
    sources: list[tuple[str, int]] = field(default_factory=list)

    def entered_late(self, entry: PastPetition) -> bool:
        """Whether the entry, entered today, is late (the petitions' own rule)."""
        return Petition(raised_on=entry.raised_on, recorded_on=self.today).entered_late

    @property
    def late(self) -> int:
        return sum(1 for entry in self.entries if self.entered_late(entry))


def plan_petitions(rows: list[SheetRow], user: User, today: datetime.date) -> PetitionsPlan:
    """Match and check every line; nothing is written."""
    return _Planner(rows, user, today).plan()


def _identity(entry: PastPetition) -> tuple:
    """What makes two petitions the same one: group, day received, content and citizen."""
    petition = entry.petition
    return (entry.group.pk, entry.raised_on, fold(petition.content), fold(petition.citizen_name))


class _Planner(LinePlanner):
    model, columns, max_lengths = Petition, COLUMNS, MAX_LENGTHS

    def __init__(self, rows: list[SheetRow], user: User, today: datetime.date):
        super().__init__(rows, user, today)
        self.result = PetitionsPlan(lines=len(rows), today=today)

    def plan(self) -> PetitionsPlan:
        checked = [(entry, row) for row in self.rows if (entry := self._check(row))]
        locked = locked_entries([entry for entry, _row in checked])
        for (_entry, row), problem in zip(checked, locked, strict=True):
            if problem is not None:
                self.error(row, SERVICE_FIELDS[problem[0]], problem[1])
        checked = [pair for pair, problem in zip(checked, locked, strict=True) if problem is None]
        recorded = {
            (group_id, raised_on, fold(content), fold(citizen))
            for group_id, raised_on, content, citizen in Petition.objects.filter(
                group_id__in={entry.group.pk for entry, _row in checked},
                raised_on__in={entry.raised_on for entry, _row in checked},
            ).values_list("group_id", "raised_on", "content", "citizen_name")
        }
        new = self.new_once(
            checked,
            key=_identity,
            recorded=recorded,
            column="content",
            label=lambda entry: {"group": entry.group.name, "day": short(entry.raised_on)},
            recorded_error=_(
                "This petition of %(group)s received on %(day)s is already recorded; "
                "the import does not enter it twice. Remove this line."
            ),
            repeated_error=_(
                'Line %(line)s of sheet "%(sheet)s" already holds this petition of '
                "%(group)s received on %(day)s."
            ),
        )
        self.result.entries, self.result.sources = self.all_or_nothing(new)
        self.result.errors = self.sorted_errors()
        return self.result

    def _word(self, row: SheetRow, key: str, words: dict[str, str], problem: str) -> str | None:
        value = word_cell(row.text(key), words)
        if value is None:
            self.error(row, key, problem)
        return value

    def _check(self, row: SheetRow) -> PastPetition | None:
        """The line's petition, or None once its errors are reported."""
        errors_before = len(self.errors)
        if self.text_problems(row):
            return None
        group = self.group(row)
        raised_on = day_cell(row.values.get("raised_on"))
        if raised_on is None:
            self.error(
                row, "raised_on", _("Write the day the petition was received (e.g. 10/03/2024).")
            )
        level = self._word(
            row, "level", LEVELS, _('Write the level handling it: "tổ", "ấp", "xã" or "huyện".')
        )
        category = self._word(
            row,
            "category",
            CATEGORIES,
            _(
                'Write the category: "an ninh trật tự", "hạ tầng", "đất đai, môi trường", '
                '"an sinh xã hội", "sản xuất, sinh kế", "giáo dục, văn hóa" or "khác".'
            ),
        )
        if not row.text("content"):
            self.error(row, "content", _("Required."))
        state, closed_on, outcome = self._outcome(row)
        if len(self.errors) > errors_before:
            return None
        entry = PastPetition(
            petition=Petition(
                content=row.text("content"),
                category=category,
                level=level,
                citizen_name=row.text("citizen_name"),
            ),
            group=group,
            raised_on=raised_on,
            action=ACTIONS.get(state),
            on=closed_on,
            note=outcome
            or (_("Taken in hand (entered from a spreadsheet).") if state in ACTIONS else ""),
        )
        try:
            check_past_petition(entry)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                for message in messages:
                    self.error(row, SERVICE_FIELDS.get(name, ""), message)
            return None
        return entry

    def _outcome(self, row: SheetRow) -> tuple[str | None, datetime.date | None, str]:
        """The line's state, closing day and outcome, each problem reported."""
        closed_on = None
        if row.text("closed_on"):
            closed_on = day_cell(row.values.get("closed_on"))
            if closed_on is None:
                self.error(row, "closed_on", _("Write the day it was closed (e.g. 22/03/2024)."))
        outcome = row.text("outcome")
        if not row.text("state"):
            if row.text("closed_on"):
                self.error(
                    row,
                    "state",
                    _('Write the state it was closed in: "đã giải quyết" or "đã trả lời".'),
                )
                return None, closed_on, outcome
            state = Petition.State.RECEIVED
        else:
            state = self._word(
                row,
                "state",
                STATES,
                _(
                    'Write the state: "đã tiếp nhận", "đang giải quyết", "đã giải quyết" or '
                    '"đã trả lời".'
                ),
            )
        if state in Petition.CLOSED_STATES:
            if not row.text("closed_on"):
                self.error(row, "closed_on", _("Write the day it was resolved or answered."))
            if not outcome:
                self.error(row, "outcome", _("Write what was done, or the answer given."))
        elif state is not None and row.text("closed_on"):
            self.error(
                row,
                "closed_on",
                _(
                    "A petition still open has no closing day: clear it, or write the state "
                    'it was closed in ("đã giải quyết" or "đã trả lời").'
                ),
            )
        elif state == Petition.State.RECEIVED and outcome:
            self.error(
                row,
                "outcome",
                _("A petition only received has no outcome yet: clear it, or write its state."),
            )
        return state, closed_on, outcome


def apply_petitions(plan: PetitionsPlan, user: User) -> int:
    """Write a plan without errors: all of its petitions or none. Returns how many."""
    if plan.errors:
        raise ValueError("a plan with errors cannot be applied")
    try:
        petitions_enter(entries=plan.entries, user=user)
    except DatabaseError as error:
        raise ImportFailed(
            _(
                "Nothing was imported: the database could not save the petitions. "
                "Upload the file again."
            )
        ) from error
    return len(plan.entries)
