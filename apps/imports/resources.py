"""The roster in django-import-export: a format that reads every sheet of a hand-typed file,
and a resource that checks all lines first and writes them all at once, or nothing."""

import tablib
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export import resources
from import_export.formats import base_formats
from import_export.results import Result, RowResult

from apps.imports.reading import SheetRow
from apps.imports.roster_format import COLUMNS, read_roster
from apps.imports.roster_import import apply_roster, plan_roster
from apps.people.models import Person

POSITION = ["_sheet", "_line"]


class RosterXLSX(base_formats.XLSX):
    """The roster format: every sheet, merged cells filled down, legacy encodings refused."""

    # The uploaded file's own name, which the admin sets before the file is read: the checks
    # refuse an .xlsm by its name as well as by what it holds.
    file_name = ""

    def create_dataset(self, in_stream):
        dataset = tablib.Dataset(headers=[*POSITION, *COLUMNS])
        for row in read_roster(in_stream, self.file_name):
            dataset.append([row.sheet, row.line, *(row.values.get(key) for key in COLUMNS)])
        return dataset


class RosterResource(resources.Resource):
    """Imports a roster dataset through apps.imports.roster_import (never row by row)."""

    class Meta:
        model = Person

    @classmethod
    def get_display_name(cls) -> str:
        return _("Group roster")

    def import_data(self, dataset, dry_run=False, raise_errors=False, **kwargs) -> Result:
        user = kwargs["user"]
        rows = [
            SheetRow(record[0], record[1], dict(zip(COLUMNS, record[2:], strict=True)))
            for record in dataset
        ]
        plan = plan_roster(rows, user, timezone.localdate())
        result = Result()
        result.diff_headers = [_("Sheet and line"), _("Person"), _("Changes")]
        for error in plan.errors:
            column = error.column or _("Line")
            result.append_invalid_row(
                f"{error.sheet}: {error.line}",
                {},
                ValidationError({column: [error.message]}),
            )
        if plan.errors:
            return result
        for outcome in plan.outcomes:
            row_result = RowResult()
            row_result.import_type = outcome.kind
            row_result.diff = [
                f"{outcome.sheet}: {outcome.line}",
                outcome.person,
                ", ".join(outcome.changes),
            ]
            result.append_row_result(row_result)
            result.increment_row_result_total(row_result)
        if not dry_run:
            apply_roster(plan, user)
        return result
