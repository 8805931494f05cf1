"""Roster downloads: the empty template, and any unit's roster in the user's scope."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from apps.accounts import access
from apps.core.xlsx import xlsx_response
from apps.hierarchy.models import UNIT_MODELS
from apps.imports.roster_export import roster_template, roster_workbook
from apps.people.models import Person

# From a person to their unit at each level.
PERSON_TO = {
    "district": "household__group__hamlet__commune__district",
    "commune": "household__group__hamlet__commune",
    "hamlet": "household__group__hamlet",
    "group": "household__group",
}


@login_required
def template(request: HttpRequest) -> HttpResponse:
    return xlsx_response(roster_template(), "mau-danh-sach-to.xlsx")


@login_required
def export(request: HttpRequest, level: str, **ids: int) -> HttpResponse:
    """The roster of a unit the user may read, in the import format."""
    unit = access.get_readable_or_404(request.user, UNIT_MODELS[level], pk=ids[f"{level}_id"])
    people = access.readable(request.user, Person).filter(**{PERSON_TO[level]: unit})
    return xlsx_response(roster_workbook(people), f"danh-sach-{unit.code}.xlsx")
