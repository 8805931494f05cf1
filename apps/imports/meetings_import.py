"""Checking a file of past meetings against the database, then writing it all at once.

`plan_meetings` matches every line to a group the user may record meetings for and
collects every error by line and column; it writes nothing. A line is refused when its
day is in the future or outside the group's active life, when the group's meeting of
that month is already recorded (it is never overwritten: the line says so), or when
the file has the same group and month twice. `apply_meetings` writes a plan without
errors in one transaction. Every meeting is recorded on the import day, so a month
whose due day has passed is counted as held but as entered late, never as on time.
"""

import datetime
from dataclasses import dataclass, field

from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.approvals.locks import locked_months, month_locked_message
from apps.core.bulk import create_with_history
from apps.core.dated import alive_on
from apps.core.periods import Month
from apps.hierarchy.models import Group
from apps.hierarchy.placements import place_records
from apps.imports.meetings_format import COLUMNS, count_cell, flag_cell, month_cell
from apps.imports.reading import SheetRow
from apps.imports.records_format import day_cell
from apps.imports.records_import import LinePlanner, short
from apps.imports.roster_import import ImportFailed, LineError
from apps.meetings.models import THEME_FIELDS, Meeting
from apps.people.selectors import households_on_days


@dataclass
class MeetingsPlan:
    lines: int = 0
    errors: list[LineError] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    # Per new meeting: (sheet, line) it comes from.
    sources: list[tuple[str, int]] = field(default_factory=list)

    @property
    def late(self) -> int:
        return sum(1 for meeting in self.meetings if meeting.entered_late)


@dataclass
class _Line:
    """A line as checked: what it names, and its meeting once every check has passed."""

    row: SheetRow
    group: Group | None = None
    held_on: datetime.date | None = None
    households: int | None = None
    meeting: Meeting | None = None

    @property
    def counted(self) -> bool:
        """Whether its households can be checked against the group's on the day."""
        return None not in (self.group, self.held_on, self.households)


def plan_meetings(rows: list[SheetRow], user: User, today: datetime.date) -> MeetingsPlan:
    """Match and check every line; nothing is written."""
    return _Planner(rows, user, today).plan()


class _Planner(LinePlanner):
    model, columns = Meeting, COLUMNS

    def __init__(self, rows: list[SheetRow], user: User, today: datetime.date):
        super().__init__(rows, user, today)
        self.result = MeetingsPlan(lines=len(rows))
        self.result.errors = self.errors

    def plan(self) -> MeetingsPlan:
        lines = [self._check(row) for row in self.rows]
        self._check_households([line for line in lines if line.counted])
        checked = [(line.meeting, line.row) for line in lines if line.meeting]
        locks = locked_months((meeting.group, meeting.held_on) for meeting, _row in checked)
        for (_meeting, row), lock in zip(checked, locks, strict=True):
            if lock is not None:
                self.error(row, "held_on", month_locked_message(lock))
        checked = [pair for pair, lock in zip(checked, locks, strict=True) if lock is None]
        recorded = set(
            Meeting.objects.filter(
                group_id__in={m.group_id for m, _row in checked},
                month__in={m.month for m, _row in checked},
            ).values_list("group_id", "month")
        )
        new = self.new_once(
            checked,
            key=lambda meeting: (meeting.group_id, meeting.month),
            recorded=recorded,
            column="month",
            label=lambda meeting: {
                "group": meeting.group.name,
                "month": Month.of(meeting.month).label,
            },
            recorded_error=_(
                "The meeting of %(group)s for %(month)s is already recorded; the "
                "import does not overwrite it. Change it on its own page, or remove "
                "this line."
            ),
            repeated_error=_(
                'Line %(line)s of sheet "%(sheet)s" already holds the meeting of '
                "%(group)s for %(month)s."
            ),
        )
        self.result.meetings, self.result.sources = self.all_or_nothing(new)
        self.result.errors = self.sorted_errors()
        return self.result

    def _check_households(self, lines: list["_Line"]) -> None:
        """Households represented within the group's households on the day, for all lines
        at once (one query per distinct day, not one per line)."""
        totals = households_on_days({(line.group.pk, line.held_on) for line in lines})
        for line in lines:
            total = totals[line.group.pk, line.held_on]
            if line.households > total:
                self.error(
                    line.row,
                    "households",
                    _(
                        "The group had %(total)s households on that day; households "
                        "represented cannot be more."
                    )
                    % {"total": total},
                )
                line.meeting = None
            elif line.meeting is not None:
                line.meeting.households_total = total

    def _check(self, row: SheetRow) -> "_Line":
        """The line checked: its meeting is left None when an error was reported."""
        errors_before = len(self.errors)
        if self.text_problems(row):
            return _Line(row)
        group = self.group(row)
        held_on = day_cell(row.values.get("held_on"))
        if held_on is None:
            self.error(row, "held_on", _("Write the day the meeting was held (e.g. 10/03/2024)."))
        elif held_on > self.today:
            self.error(row, "held_on", _("The meeting date cannot be in the future."))
            held_on = None
        month = None
        if held_on is not None:
            month = Month.of(held_on)
            if row.text("month"):
                written = month_cell(row.values.get("month"), held_on)
                if written is None:
                    self.error(row, "month", _("Write the month as 3/2024 (or 3)."))
                elif written != month:
                    self.error(
                        row,
                        "month",
                        _("The day held, %(day)s, is not in %(month)s.")
                        % {"day": short(held_on), "month": written.label},
                    )
        if group is not None and held_on is not None:
            problem = self._not_active(group, held_on)
            if problem:
                self.error(row, "held_on", problem)
        attendees = count_cell(row.values.get("attendees"))
        if attendees is None:
            self.error(row, "attendees", _("Write a whole number of 1 or more."))
        households = count_cell(row.values.get("households"))
        if households is None:
            self.error(row, "households", _("Write a whole number of 1 or more."))
        themes = {}
        for name in THEME_FIELDS:
            themes[name] = flag_cell(row.text(name))
            if themes[name] is None:
                self.error(row, name, _('Write "x" (or "có") when covered, or leave it empty.'))
        if not any(themes.values()):
            self.error(row, THEME_FIELDS[0], _("Tick at least one theme covered."))
        overseer = flag_cell(row.text("overseer_attended"))
        if overseer is None:
            self.error(row, "overseer_attended", _('Write "có" or "không".'))
        if not row.text("minutes"):
            self.error(row, "minutes", _("Required."))
        line = _Line(row, group, held_on, households)
        if len(self.errors) > errors_before:
            return line
        line.meeting = Meeting(
            group=group,
            month=month.first_day,
            held_on=held_on,
            attendees=attendees,
            households_represented=households,
            overseer_attended=bool(overseer),
            minutes=row.text("minutes"),
            decisions=row.text("decisions"),
            recorded_on=self.today,
            recorded_by=self.user,
            updated_by=self.user,
            **{name: bool(value) for name, value in themes.items()},
        )
        return line

    @staticmethod
    def _not_active(group: Group, day: datetime.date) -> str:
        """Why the group could not meet on `day` (its active life), or ""."""
        if alive_on(group.activated_on, group.dissolved_on, day):
            return ""
        if group.dissolved_on is not None and day > group.dissolved_on:
            return _("%(unit)s ended on %(day)s; nothing can be recorded after that day.") % {
                "unit": group.name,
                "day": short(group.dissolved_on),
            }
        return _("%(group)s was not yet active on %(day)s.") % {
            "group": group.name,
            "day": short(day),
        }


def apply_meetings(plan: MeetingsPlan, user: User) -> int:
    """Write a plan without errors: all of its meetings or none. Returns how many."""
    if plan.errors:
        raise ValueError("a plan with errors cannot be applied")
    try:
        with transaction.atomic():
            place_records(plan.meetings)  # each keyed where its group stood on its day
            create_with_history(plan.meetings, Meeting, user=user)
    except DatabaseError as error:
        raise ImportFailed(
            _(
                "Nothing was imported: the database could not save the meetings, perhaps "
                "because some were being recorded at the same moment. Upload the file again."
            )
        ) from error
    return len(plan.meetings)
