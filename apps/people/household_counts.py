"""A group's households in each year, kept ready to count: the dashboard's coverage of the
household assessments reads a few rows per group instead of every membership and
household of the area (a province's half a million).

A membership counts its household in its group for a run of whole years: those where
`present_q` (apps.people.memberships, the one rule) holds for the year. So each group
keeps, per year, how many households begin counting (+) and stop counting (-) that year;
its households in year Y are the sum of the changes of the years up to Y. A run that is
open at the start (an undated membership of an undated household) begins in year
`FROM_THE_START`. The rows are recounted from the memberships in the same transaction as
every write of memberships or of a household's dates (`recount`).
"""

import datetime
from collections import Counter
from collections.abc import Iterable

from django.db import models
from django.db.models import Q, Sum
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from apps.hierarchy.models import Group, GroupPlacements
from apps.people.memberships import HouseholdMembership
from apps.people.models import Household

FROM_THE_START = 0  # the year of a run with no first day
BATCH = 2000


class GroupHouseholdsChange(models.Model):
    """How many more (or fewer) households a group counts from `year` on."""

    scope_path = "group"

    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="households_changes", verbose_name=_("group")
    )
    group_placements = GroupPlacements()
    year = models.PositiveSmallIntegerField(_("year"))
    change = models.IntegerField(_("change"))

    class Meta:
        verbose_name = _("change in a group's households")
        verbose_name_plural = _("changes in groups' households")
        constraints = [
            models.UniqueConstraint(fields=["group", "year"], name="one_households_change_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.group_id} {self.year}: {self.change:+d}"


def households_in(year: int) -> Sum:
    """The households counted in `year`, an aggregate over a group's changes: the same
    number as `present_q` for the year gives."""
    return Sum("change", filter=Q(year__lte=year))


def counted_years(
    started: datetime.date | None,
    ended: datetime.date | None,
    joined: datetime.date | None,
    left: datetime.date | None,
) -> tuple[int | None, int | None] | None:
    """The first and last years (None: no bound) in which a membership from `started` to
    `ended`, of a household there from `joined` to `left`, counts the household in its group
    under `present_q`: in force on the year's last day, of a household there some day of the
    year. None when it counts in no year."""
    firsts = [day.year for day in (started, joined) if day]
    # In force on 31 December of the year of its end only if it ends that very day.
    lasts = [ended.year - ((ended.month, ended.day) != (12, 31))] if ended else []
    if left:
        lasts.append(left.year)
    first, last = max(firsts, default=None), min(lasts, default=None)
    if first is not None and last is not None and first > last:
        return None
    return first, last


def recount(groups: Iterable[int] | None = None) -> None:
    """Count again the changes of these groups (ids), or of every group (None), from their
    memberships and households."""
    rows = GroupHouseholdsChange.objects.all()
    memberships = HouseholdMembership.objects.all()
    if groups is not None:
        groups = set(groups)
        if not groups:
            return
        if len(groups) > BATCH:  # a province's roster: within SQLite's limits
            groups = sorted(groups)
            for start in range(0, len(groups), BATCH):
                recount(groups[start : start + BATCH])
            return
        rows = rows.filter(group__in=groups)
        memberships = memberships.filter(group__in=groups)
    dated = memberships.order_by().values_list(*DATED)
    rows.delete()
    GroupHouseholdsChange.objects.bulk_create(
        (
            GroupHouseholdsChange(group_id=group, year=year, change=change)
            for (group, year), change in changes_of(dated.iterator(chunk_size=BATCH)).items()
        ),
        batch_size=BATCH,
    )


# What a membership row says of its counting: read from HouseholdMembership.
DATED = ("group", "started_on", "ended_on", "household__joined_on", "household__left_on")


def changes_of(memberships: Iterable[tuple]) -> dict[tuple[int, int], int]:
    """The non-zero changes, by (group, year), of these memberships (rows of DATED)."""
    changes: Counter = Counter()
    for group, *days in memberships:
        years = counted_years(*days)
        if years is None:
            continue
        first, last = years
        changes[group, FROM_THE_START if first is None else first] += 1
        if last is not None:
            changes[group, last + 1] -= 1
    # Without the zeros: a run that ends where another begins.
    return {key: change for key, change in changes.items() if change}


def groups_of(households: Iterable[int]) -> set[int]:
    """The groups these households (ids) have ever belonged to."""
    ids, found = list(households), set()
    for start in range(0, len(ids), BATCH):  # a district's roster: within SQLite's limits
        batch = HouseholdMembership.objects.filter(household__in=ids[start : start + BATCH])
        found.update(batch.values_list("group", flat=True).distinct())
    return found


@receiver(post_save, sender=HouseholdMembership)
@receiver(post_delete, sender=HouseholdMembership)
def _membership_written(sender, instance: HouseholdMembership, **kwargs) -> None:
    recount({instance.group_id, getattr(instance, "_group_before", instance.group_id)})


@receiver(pre_save, sender=HouseholdMembership)
def _membership_moving(sender, instance: HouseholdMembership, **kwargs) -> None:
    if instance.pk:
        before = HouseholdMembership.objects.filter(pk=instance.pk).values_list("group", flat=True)
        instance._group_before = before.first() or instance.group_id


@receiver(pre_save, sender=Household)
def _household_dates_before(sender, instance: Household, **kwargs) -> None:
    if instance.pk:
        instance._days_before = (
            Household.objects.filter(pk=instance.pk).values_list("joined_on", "left_on").first()
        )


@receiver(post_save, sender=Household)
def _household_dates_written(sender, instance: Household, created: bool, **kwargs) -> None:
    # A new household's first membership is written after it, and counts it then.
    if not created and getattr(instance, "_days_before", None) != (
        instance.joined_on,
        instance.left_on,
    ):
        recount(groups_of([instance.pk]))
