"""The yearly assessment sheet of a group or hamlet: download, fill in offline, upload back.

One line per household; a flag is ticked with "x" (also accepted: có, 1, v, ✓)
and left empty (or "không", 0) when not met.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.assessments.forms import HouseholdRowForm
from apps.assessments.services import HOUSEHOLD_FLAGS
from apps.core.text import fold
from apps.core.xlsx import add_sheet, new_workbook
from apps.hierarchy.models import Group
from apps.imports.reading import SheetRow, cell_text, read_rows, text_problem
from apps.people.models import Household

COLUMNS = {
    "group_code": gettext_lazy("Group code"),
    "group": gettext_lazy("Group"),
    "code": gettext_lazy("Household code"),
    "head": gettext_lazy("Head of household"),
    "address": gettext_lazy("Address"),
    "no_crime": gettext_lazy("No crime"),
    "no_social_evils": gettext_lazy("No social evils"),
    "no_drugs": gettext_lazy("No drugs"),
    "cultural_family": gettext_lazy("Cultural family"),
}
REQUIRED = {"group_code", "code", *HOUSEHOLD_FLAGS}
# The codes' longest text; the flag columns hold a word from a short list.
MAX_LENGTHS = {
    "group_code": Group._meta.get_field("code").max_length,
    "code": Household._meta.get_field("code").max_length,
}
YES = {"x", "co", "1", "v", "✓", "✔", "true", "dat"}
NO = {"", "khong", "0", "-", "false", "khong dat"}


def household_workbook(households: list[Household], values: dict[int, dict[str, bool]], year):
    """The sheet to fill in: each household with its starting values."""
    header = [str(COLUMNS[key]) for key in COLUMNS]
    rows = (
        [
            h.group.code,
            h.group.name,
            h.code,
            h.heads[0].full_name if h.heads else "",
            h.address,
            *("x" if values[h.pk][flag] else "" for flag in HOUSEHOLD_FLAGS),
        ]
        for h in households
    )
    workbook = new_workbook()
    add_sheet(workbook, _("Assessments %(year)s") % {"year": year}, header, rows)
    return workbook


@dataclass
class CheckedRow:
    row: SheetRow
    household: Household | None = None
    flags: dict[str, bool] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def _flag(value) -> bool | None:
    text = fold(cell_text(value))
    if text in YES:
        return True
    if text in NO:
        return False
    return None


def _text_problems(row: SheetRow) -> list[str]:
    """What in the line's cells cannot be read as text: control characters, excess length."""
    problems = []
    for key in [key for key in COLUMNS if key in REQUIRED]:
        problem = text_problem(cell_text(row.values[key]), MAX_LENGTHS.get(key))
        if problem:
            problems.append(
                _('Column "%(column)s": %(problem)s') % {"column": COLUMNS[key], "problem": problem}
            )
    return problems


def check_upload(upload, households: list[Household]) -> list[CheckedRow]:
    """Every line of the uploaded sheet, matched to a household and checked.

    Raises UnreadableFile for a file that cannot be read at all.
    """
    by_code = {(fold(h.group.code), fold(h.code)): h for h in households}
    checked, seen = [], set()
    headers = {fold(str(text)): key for key, text in COLUMNS.items()}
    no_header = _("No sheet has the expected header row (%(columns)s).") % {
        "columns": ", ".join(str(COLUMNS[key]) for key in COLUMNS if key in REQUIRED)
    }
    for row in read_rows(upload.read(), upload.name, headers, REQUIRED, no_header):
        line = CheckedRow(row)
        line.errors = _text_problems(row)
        if line.errors:
            checked.append(line)
            continue
        key = (fold(cell_text(row.values["group_code"])), fold(cell_text(row.values["code"])))
        line.household = by_code.get(key)
        if line.household is None:
            line.errors.append(
                _("No household %(code)s of group %(group)s here.")
                % {
                    "code": cell_text(row.values["code"]),
                    "group": cell_text(row.values["group_code"]),
                }
            )
        elif key in seen:
            line.errors.append(_("This household appears twice in the file."))
        seen.add(key)
        for flag in HOUSEHOLD_FLAGS:
            value = _flag(row.values[flag])
            if value is None:
                line.errors.append(
                    _(
                        'Column "%(column)s": write x if met, leave it empty if not '
                        '(found "%(value)s").'
                    )
                    % {"column": COLUMNS[flag], "value": cell_text(row.values[flag])}
                )
            line.flags[flag] = bool(value)
        if not line.errors:
            # The same rule as the page: a cultural family must be "3 không".
            form = HouseholdRowForm(
                {"household": line.household.pk, **{f: "on" for f, v in line.flags.items() if v}}
            )
            if not form.is_valid():
                line.errors.extend(form.non_field_errors())
        checked.append(line)
    return checked
