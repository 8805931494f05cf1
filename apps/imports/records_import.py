"""What the checks of past records' files (meetings, petitions) share: the groups a user
may record for, found by code, and the collecting of errors by sheet, line and column.

A planner checks every line and writes nothing; a file with one error yields no record.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from django.db.models import Model
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from apps.accounts import access
from apps.accounts.models import User
from apps.hierarchy.models import Group
from apps.imports.reading import SheetRow, text_problem
from apps.imports.roster_import import LineError, unit_key

R = TypeVar("R")


def short(day: datetime.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


class WritableGroups:
    """The groups whose `model` records the user may write, found by code (and hamlet,
    commune): the scope rule (apps.accounts.access), read in one query."""

    def __init__(self, user: User, model: type[Model]):
        self.by_code: dict[str, list[Group]] = defaultdict(list)
        groups = access.writable_parents(user, model, "group").select_related("hamlet__commune")
        for group in groups:
            self.by_code[group.code.casefold()].append(group)

    def match(self, code: str, hamlet: str, commune: str) -> tuple[Group | None, str]:
        found = self.by_code.get(code.casefold(), [])
        for text, unit_of in ((hamlet, _hamlet_of), (commune, _commune_of)):
            if text:
                found = [g for g in found if _names(unit_of(g), text)]
        if len(found) == 1:
            return found[0], ""
        if found:
            return None, _(
                "Several groups have the code %(code)s: %(groups)s. Fill in the hamlet."
            ) % {
                "code": code,
                "groups": ", ".join(f"{g.name} ({g.hamlet.name})" for g in found),
            }
        return None, _("No group with the code %(code)s in your area of work.") % {"code": code}


def _hamlet_of(group: Group):
    return group.hamlet


def _commune_of(group: Group):
    return group.hamlet.commune


def _names(unit, text: str) -> bool:
    return text.casefold() == unit.code.casefold() or unit_key(text) == unit_key(unit.name)


class LinePlanner:
    """Checks a file's lines for `user` on `today`, collecting every error."""

    model: type[Model]  # the records written: the user's groups are those they may write
    columns: dict[str, str]  # column key → header, to name the column of an error
    max_lengths: dict[str, int] = {}

    def __init__(self, rows: list[SheetRow], user: User, today: datetime.date):
        self.rows, self.user, self.today = rows, user, today
        self.errors: list[LineError] = []
        self.groups = WritableGroups(user, self.model)

    def error(self, row: SheetRow, column: str, message: str) -> None:
        self.errors.append(LineError(row.sheet, row.line, self.columns.get(column, ""), message))

    def text_problems(self, row: SheetRow) -> bool:
        """Report text that cannot be stored (nothing else is worth saying then)."""
        before = len(self.errors)
        for key in self.columns:
            problem = text_problem(row.text(key), self.max_lengths.get(key))
            if problem:
                self.error(row, key, problem)
        return len(self.errors) > before

    def group(self, row: SheetRow) -> Group | None:
        """The line's group, or None once the problem is reported."""
        if not row.text("group_code"):
            self.error(row, "group_code", _("Required."))
            return None
        group, problem = self.groups.match(
            row.text("group_code"), row.text("hamlet"), row.text("commune")
        )
        if group is None:
            self.error(row, "group_code", problem)
        return group

    def new_once(
        self,
        checked: list[tuple[R, SheetRow]],
        *,
        key: Callable[[R], tuple],
        recorded: set[tuple],
        column: str,
        label: Callable[[R], dict],
        recorded_error: str,
        repeated_error: str,
    ) -> Iterator[tuple[R, SheetRow]]:
        """The checked records that are new, each once: a line whose record (by `key`) is
        recorded already, or on an earlier line of the file, is refused with `recorded_error`
        or `repeated_error` (formatted with its `label`, and the earlier line's "line" and
        "sheet")."""
        first_line: dict[tuple, SheetRow] = {}
        for record, row in checked:
            identity = key(record)
            if identity in recorded:
                self.error(row, column, recorded_error % label(record))
            elif identity in first_line:
                earlier = first_line[identity]
                where = {"line": earlier.line, "sheet": earlier.sheet}
                self.error(row, column, repeated_error % {**label(record), **where})
            else:
                first_line[identity] = row
                yield record, row

    def all_or_nothing(
        self, new: Iterable[tuple[R, SheetRow]]
    ) -> tuple[list[R], list[tuple[str, int]]]:
        """The new records and the (sheet, line) of each; none at all once any line has an
        error, because a file is imported whole or not at all."""
        new = list(new)
        if self.errors:
            return [], []
        return [record for record, _row in new], [(row.sheet, row.line) for _record, row in new]

    def sorted_errors(self) -> list[LineError]:
        """The errors by sheet and line, as the file reads (some are found after others)."""
        sheets = {
            name: index for index, name in enumerate(dict.fromkeys(r.sheet for r in self.rows))
        }
        return sorted(self.errors, key=lambda e: (sheets[e.sheet], e.line))
