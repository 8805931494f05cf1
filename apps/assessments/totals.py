"""Keeping GroupYearTotals exact: recounted from the household rows in the same transaction
as every write of them. Bulk writes call `refresh_totals`; single saves and deletes of an
assessment, and a household moving to another group, arrive here by signal.

A household's assessment counts for the group it keeps as its own (the household's group
at that year's end, from its dated memberships; PlacedRecord), so a household that moves
later leaves its old group's past as it was."""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, Q
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from apps.assessments.models import THREE_NO, GroupYearTotals, HouseholdAssessment
from apps.hierarchy.placements import place_records
from apps.people.models import Household

BATCH = 2000
PLACE_KEYS = ["group", "hamlet", "commune", "district"]


@transaction.atomic
def refresh_totals(pairs: Iterable[tuple[int, int]] | None = None) -> None:
    """Recount the totals of these (group id, year) pairs, or of everything (None)."""
    totals = GroupYearTotals.objects.all()
    assessments = HouseholdAssessment.objects.all()
    if pairs is not None:
        pairs = set(pairs)
        if not pairs:
            return
        # Every year of every group named is recounted, not the pairs alone: one condition
        # a pair passes SQLite's limit of 1,000 terms in an expression for a district's
        # groups, and recounting a few more totals exactly changes nothing.
        within = {"group_id__in": {g for g, _ in pairs}, "year__in": {y for _, y in pairs}}
        totals = totals.filter(**within)
        assessments = assessments.filter(**within)
    totals.delete()
    counted = (
        assessments.order_by()
        .values("group", "year")
        .annotate(
            assessed=Count("pk"),
            three=Count("pk", filter=THREE_NO),
            cultural=Count("pk", filter=Q(cultural_family=True)),
        )
    )
    GroupYearTotals.objects.bulk_create(
        (
            GroupYearTotals(
                group_id=row["group"],
                year=row["year"],
                assessed=row["assessed"],
                three_no=row["three"],
                cultural_families=row["cultural"],
            )
            for row in counted
        ),
        batch_size=BATCH,
    )


@receiver(post_save, sender=HouseholdAssessment)
@receiver(post_delete, sender=HouseholdAssessment)
def _assessment_written(sender, instance: HouseholdAssessment, **kwargs) -> None:
    # The group kept on the row, and the household's own (an instance read before the
    # household moved holds the group it had then).
    groups = {
        instance.group_id,
        *Household.objects.filter(pk=instance.household_id).values_list("group", flat=True),
    }
    refresh_totals([(g, instance.year) for g in groups])


@receiver(pre_save, sender=Household)
def _household_moving(sender, instance: Household, **kwargs) -> None:
    if instance.pk:
        instance._group_before = (
            Household.objects.filter(pk=instance.pk).values_list("group", flat=True).first()
        )


@receiver(post_save, sender=Household)
def _household_moved(sender, instance: Household, **kwargs) -> None:
    before = getattr(instance, "_group_before", None)
    if before is not None and before != instance.group_id:
        # Its memberships (moved already) say where each year's assessment belongs: the
        # year of the move and later go with the household, earlier years stay where they
        # were made.
        assessments = list(instance.assessments.all())
        kept = {a.pk: a.group_id for a in assessments}
        for assessment in assessments:
            assessment.group_id = None
        place_records(assessments)
        HouseholdAssessment.objects.bulk_update(assessments, PLACE_KEYS)
        refresh_totals(
            (group, a.year)
            for a in assessments
            for group in {before, instance.group_id, kept[a.pk], a.group_id}
        )
