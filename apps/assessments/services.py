"""Writes for assessments: whole pages (or uploaded sheets) at once, all rows or none."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from apps.accounts.models import User
from apps.approvals.locks import locked_years, year_locked_message
from apps.assessments.models import (
    Assessment,
    GroupAssessment,
    HamletAssessment,
    HouseholdAssessment,
)
from apps.assessments.totals import refresh_totals
from apps.hierarchy.placements import place_records

HOUSEHOLD_FLAGS = ["no_crime", "no_social_evils", "no_drugs", "cultural_family"]
BATCH = 500


@transaction.atomic
def assessments_save(
    *,
    model: type[Assessment],
    year: int,
    values: dict[int, dict[str, bool]],
    user: User,
) -> int:
    """Store the year's assessments of many units in one transaction; returns rows changed.

    `values` maps a unit's id (a household, group, hamlet or commune, named by the
    model's `unit_field`) to its flags. Every row is validated before this is called;
    a failure here rolls back all of them. Each change leaves an audit row. A row of a
    commune whose year is approved (apps.approvals.locks) refuses them all, before any
    write, with a ValidationError.
    """
    unit_field = model.unit_field
    existing = {
        getattr(a, f"{unit_field}_id"): a
        for a in model.objects.select_for_update().filter(
            year=year, **{f"{unit_field}_id__in": list(values)}
        )
    }
    created, updated = [], []
    now = timezone.now()
    for unit_id, flags in values.items():
        assessment = existing.get(unit_id)
        if assessment is None:
            created.append(
                model(year=year, assessed_by=user, **{f"{unit_field}_id": unit_id}, **flags)
            )
        elif any(getattr(assessment, name) != value for name, value in flags.items()):
            for name, value in flags.items():
                setattr(assessment, name, value)
            assessment.assessed_by = user
            assessment.updated_at = now
            updated.append(assessment)
    fields = list(next(iter(values.values()), {}))
    place_records(created)  # their keys: the commune whose approval may lock them
    if locked_years((a.commune_id for a in [*created, *updated]), year):
        raise ValidationError(year_locked_message(year))
    if created:
        bulk_create_with_history(created, model, batch_size=BATCH, default_user=user)
    if updated:
        bulk_update_with_history(
            updated,
            model,
            [*fields, "assessed_by", "updated_at"],
            batch_size=BATCH,
            default_user=user,
        )
    return len(created) + len(updated)


@transaction.atomic
def household_assessments_save(*, year: int, values: dict[int, dict[str, bool]], user: User):
    changed = assessments_save(model=HouseholdAssessment, year=year, values=values, user=user)
    # The groups the assessments keep: a household that moved since counts where it was.
    assessments = HouseholdAssessment.objects.filter(year=year, household__in=list(values))
    refresh_totals((group, year) for group in set(assessments.values_list("group", flat=True)))
    return changed


@transaction.atomic
def unit_ratings_save(
    *, year: int, groups: dict[int, dict], hamlets: dict[int, dict], user: User
) -> int:
    """A commune's ratings of its groups and hamlets, saved together."""
    return assessments_save(
        model=GroupAssessment, year=year, values=groups, user=user
    ) + assessments_save(model=HamletAssessment, year=year, values=hamlets, user=user)
