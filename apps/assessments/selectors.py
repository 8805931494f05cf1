"""Reads for the assessment pages."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from apps.accounts import access
from apps.assessments.models import CommuneAssessment, GroupAssessment, HouseholdAssessment
from apps.assessments.services import HOUSEHOLD_FLAGS
from apps.hierarchy.models import Commune, District, Group, Hamlet
from apps.people.memberships import HouseholdMembership
from apps.people.models import Household, Person

ALL_TICKED = dict.fromkeys(HOUSEHOLD_FLAGS, True)


def get_household_unit_for_user(
    user, model: type[Group | Hamlet], pk: int, *, write: bool = False, year: int | None = None
) -> Group | Hamlet:
    """The group or hamlet whose households' rows a page shows: 404 to those who may not see
    the rows (the steering committee sees figures, never household rows); with `write`, 403
    to those who may only read them. The rows of a `year` are also read by those within
    whose units the unit stood then (on the year's reading day), as the year's figures are."""
    related = "hamlet__commune__district" if model is Group else "commune__district"
    unit = access.get_readable_or_404(user, model.objects.select_related(related), pk=pk)
    day = None if year is None else reading_day(user, year)
    if not access.may(user, HouseholdAssessment, unit, on=day):
        raise Http404
    if write and not access.may(user, HouseholdAssessment, unit, write=True):
        raise PermissionDenied
    return unit


def reading_day(user, year: int) -> datetime.date:
    """The day the year's units are read on: its last (today while it runs), or the last of
    the user's unit if it ended within it (apps.accounts.access.reading_day)."""
    return access.reading_day(user, datetime.date(year, 1, 1), datetime.date(year, 12, 31))


def get_rated_commune_for_user(user, commune_id: int) -> Commune:
    """A commune whose groups and hamlets the user rates (403 if they only read it)."""
    queryset = Commune.objects.select_related("district")
    return access.get_parent_or_404(user, queryset, GroupAssessment, write=True, pk=commune_id)


def get_rated_district_for_user(user, district_id: int) -> District:
    """A district whose communes the user rates (403 if they only read it)."""
    queryset = District.objects.all()
    return access.get_parent_or_404(user, queryset, CommuneAssessment, write=True, pk=district_id)


def households_in_year(unit: Group | Hamlet, year: int) -> list[Household]:
    """The households of the unit's groups in the year (apps.people.memberships.present_q), each
    with the group it was counted in that year as its `group`, and its head."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    lookup = "group" if isinstance(unit, Group) else "group__hamlet"
    memberships = (
        HouseholdMembership.objects.present(first, last)
        .filter(**{lookup: unit})
        .select_related("group", "household")
        .prefetch_related(
            Prefetch(
                "household__people",
                Person.objects.filter(is_household_head=True),
                to_attr="heads",
            )
        )
        .order_by("group__code", "household__code")
    )
    households = []
    for membership in memberships:
        household = membership.household
        household.group = membership.group  # where it stood that year, not where it is now
        households.append(household)
    return households


def household_prefill(households: list[Household], year: int) -> dict[int, dict[str, bool]]:
    """Each household's flags to start from: this year's if assessed, else last year's,
    else all ticked (most households meet every standard)."""
    stored = HouseholdAssessment.objects.filter(
        household__in=households, year__in=[year - 1, year]
    ).order_by("year")  # this year's, read last, wins
    values = {h.pk: dict(ALL_TICKED) for h in households}
    for assessment in stored:
        values[assessment.household_id] = {f: getattr(assessment, f) for f in HOUSEHOLD_FLAGS}
    return values


def assessed_ids(households: list[Household], year: int) -> set[int]:
    """The households already assessed this year (the others show last year's or defaults)."""
    return set(
        HouseholdAssessment.objects.filter(household__in=households, year=year).values_list(
            "household_id", flat=True
        )
    )


def alive_in_year(units: QuerySet, year: int) -> QuerySet:
    """The hamlets or communes of `units` alive in the year, by code (the lines of a rating
    page)."""
    return units.alive_between(datetime.date(year, 1, 1), datetime.date(year, 12, 31)).order_by(
        "code"
    )


def groups_of_year(commune: Commune, year: int) -> QuerySet[Group]:
    """The commune's groups active in the year."""
    return (
        Group.objects.active_between(datetime.date(year, 1, 1), datetime.date(year, 12, 31))
        .filter(hamlet__commune=commune)
        .select_related("hamlet")
        .order_by("hamlet__code", "code")
    )


def groups_with_progress(groups: QuerySet[Group], year: int) -> QuerySet[Group]:
    """Groups active in the year, with how many of their households are assessed for it."""
    assessed = (
        HouseholdAssessment.objects.filter(group=OuterRef("pk"), year=year)
        .order_by()
        .values("group")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        groups.active_between(datetime.date(year, 1, 1), datetime.date(year, 12, 31))
        .annotate(assessed=Coalesce(Subquery(assessed), 0))
        .select_related("hamlet")
        .order_by("hamlet__code", "code")
    )


def rating_prefill(
    model, units: list, year: int, *, flags: dict[str, str] | None = None
) -> list[dict]:
    """Initial rows for a rating page: this year's ratings, else last year's, else none.

    `flags` maps the model's fields to the form's (default: safe and cultural).
    """
    flags = flags or {"safe": "safe", "cultural": "cultural"}
    unit_field = model.unit_field
    stored = model.objects.filter(
        **{f"{unit_field}__in": units}, year__in=[year - 1, year]
    ).order_by("year")
    values = {u.pk: dict.fromkeys(flags.values(), False) for u in units}
    for rating in stored:
        values[getattr(rating, f"{unit_field}_id")] = {
            form_field: getattr(rating, field) for field, form_field in flags.items()
        }
    return [{"unit": u.pk, **values[u.pk]} for u in units]
