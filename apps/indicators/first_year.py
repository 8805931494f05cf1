"""The first year a unit has anything to show, where the year selector starts.

Not today's structure only: the groups that ever stood within the unit (their Placement
rows, whatever moved since) and the records kept under it (PlacedRecord, AtUnit keys of
their own day), each read by its earliest day through an index, in one query.
"""

from django.db.models import Exists, Model, OuterRef, QuerySet, Subquery

from apps.assessments.models import (
    CommuneAssessment,
    GroupAssessment,
    HamletAssessment,
    HouseholdAssessment,
)
from apps.hierarchy.models import Group, Placement
from apps.hierarchy.placements import keeps
from apps.meetings.models import Meeting, OutreachSession
from apps.petitions.models import Petition

# Each record model kept under its units, and the field holding its day or its year.
DATED = [(Meeting, "month"), (Petition, "raised_on"), (OutreachSession, "held_on")]
YEARLY = [HouseholdAssessment, GroupAssessment, HamletAssessment, CommuneAssessment]


def _groups_ever_within(unit: Model) -> QuerySet[Group]:
    if unit.level == "group":
        return Group.objects.filter(pk=unit.pk)
    # Asked group by group in planned order (an index), so the first that stood within the
    # unit ends the search: a district among many does not read the province's groups.
    placed = Placement.objects.filter(group=OuterRef("pk"), **{unit.level: unit.pk})
    return Group.objects.filter(Exists(placed))


def _earliest(queryset: QuerySet, field: str) -> Subquery:
    """The earliest value of `field`, a required one (no NULL to sort past)."""
    return Subquery(queryset.order_by(field).values(field)[:1])


def first_year_with_data(unit: Model) -> int | None:
    """The year of the earliest group planned within the unit or record kept under it
    (None: nothing yet). One query."""
    level = unit.level
    dates = {"group": _earliest(_groups_ever_within(unit), "planned_on")}
    for model, field in DATED:
        if keeps(model, level):
            records = model.objects.filter(**{level: unit.pk})
            dates[model._meta.model_name] = _earliest(records, field)
    years = {
        model._meta.model_name: _earliest(model.objects.filter(**{level: unit.pk}), "year")
        for model in YEARLY
        if keeps(model, level)
    }
    row = type(unit).objects.filter(pk=unit.pk).values(**dates, **years).get()
    found = [row[name].year for name in dates if row[name]]
    found += [row[name] for name in years if row[name]]
    return min(found, default=None)
