"""Yearly assessments (bình xét): households, groups, hamlets and communes.

One assessment per unit per year. Units are rated from above: a hamlet is rated
by its commune, a commune by the district (`written_from_above`, see
apps.accounts.access). A household's crime and drug flags are sensitive
personal data: `hidden_from_steering` keeps the rows from the district steering
committee, which sees only counts and shares.
"""

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.fields import user_reference
from apps.hierarchy.models import (
    Commune,
    Group,
    GroupPlacements,
    Hamlet,
    PlacedAtCommune,
    PlacedAtGroup,
    PlacedAtHamlet,
    ancestor_key,
)
from apps.people.memberships import HouseholdMembership
from apps.people.models import Household

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]
THREE_NO = Q(no_crime=True, no_social_evils=True, no_drugs=True)


class Assessment(models.Model):
    """A year's assessment of what `unit_field` names (a household or a unit): one a year."""

    unit_field: str
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    assessed_by = user_reference(_("assessed by"))
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True

    day_field = "year"

    def __str__(self) -> str:
        return f"{getattr(self, self.unit_field)} — {self.year}"

    def life_period(self) -> tuple[datetime.date, datetime.date] | None:
        """The assessed unit must have been alive on at least one day of the year."""
        if self.year is None:
            return None
        return datetime.date(self.year, 1, 1), datetime.date(self.year, 12, 31)

    def place_day(self) -> datetime.date:
        """A year's assessment belongs where its unit stood at the year's end (or today)."""
        return min(datetime.date(self.year, 12, 31), timezone.localdate())

    @classmethod
    def placed_since_q(cls, day: datetime.date) -> Q:
        return Q(year__gte=day.year)


def assessed(model: type[models.Model], verbose_name) -> models.ForeignKey:
    """The household or unit an assessment rates; its assessments go with it."""
    return models.ForeignKey(
        model, on_delete=models.CASCADE, related_name="assessments", verbose_name=verbose_name
    )


def one_a_year(unit_field: str) -> models.UniqueConstraint:
    """The database's side of "one assessment a year" of each household or unit."""
    return models.UniqueConstraint(
        fields=[unit_field, "year"], name=f"one_assessment_per_{unit_field}_year"
    )


class HouseholdAssessment(Assessment, PlacedAtGroup):
    """A household's year: "3 không" (no crime, no social evils, no drugs) and cultural family."""

    unit_field = "household"
    scope_path = "household__group"
    hidden_from_steering = True

    household = assessed(Household, _("household"))
    # The household's group in the year: households move between groups (PlacedRecord).
    group = ancestor_key(Group, _("group"))
    no_crime = models.BooleanField(_("no crime"), default=True)
    no_social_evils = models.BooleanField(_("no social evils"), default=True)
    no_drugs = models.BooleanField(_("no drugs"), default=True)
    cultural_family = models.BooleanField(_("cultural family"), default=True)

    class Meta:
        verbose_name = _("household assessment")
        verbose_name_plural = _("household assessments")
        ordering = ["-year", "household"]
        constraints = [one_a_year("household")]
        # The earliest year of a district's assessments (the year selector's first year).
        indexes = [models.Index(fields=["district", "year"], name="household_assessment_district")]

    @classmethod
    def before_placing(cls, records: list["HouseholdAssessment"]) -> None:
        """A new assessment belongs to the household's group on its day (a household that
        moved since keeps its past with the group it left); one query per day."""
        unplaced = [r for r in records if r.group_id is None]
        for day in {r.place_day() for r in unplaced}:
            dated = [r for r in unplaced if r.place_day() == day]
            groups = HouseholdMembership.objects.groups_on({r.household_id for r in dated}, day)
            for record in dated:
                record.group_id = groups.get(record.household_id)

    @property
    def three_no(self) -> bool:
        return self.no_crime and self.no_social_evils and self.no_drugs


class GroupAssessment(Assessment, PlacedAtGroup):
    unit_field = "group"
    scope_path = "group"

    group = assessed(Group, _("group"))
    # A group's place of a day reaches its ratings as the group does (Placement.assessments).
    group_placements = GroupPlacements(related_name="assessments")
    safe = models.BooleanField(_("safe group"), default=False)
    cultural = models.BooleanField(_("cultural group"), default=False)

    class Meta:
        verbose_name = _("group assessment")
        verbose_name_plural = _("group assessments")
        ordering = ["-year", "group"]
        constraints = [one_a_year("group")]
        # A group's rating of a year and what its count reads, in one index (docs/scaling.md).
        indexes = [
            models.Index(fields=["group", "year", "safe", "cultural", "id"], name="rating_counted"),
            # The earliest year of a district's ratings (the year selector's first year).
            models.Index(fields=["district", "year"], name="group_assessment_district"),
        ]


class HamletAssessment(Assessment, PlacedAtHamlet):
    unit_field = "hamlet"
    scope_path = "hamlet"
    written_from_above = True

    hamlet = assessed(Hamlet, _("hamlet"))
    safe = models.BooleanField(_("safe hamlet"), default=False)
    cultural = models.BooleanField(_("cultural hamlet"), default=False)

    class Meta:
        verbose_name = _("hamlet assessment")
        verbose_name_plural = _("hamlet assessments")
        ordering = ["-year", "hamlet"]
        constraints = [one_a_year("hamlet")]


class CommuneAssessment(Assessment, PlacedAtCommune):
    unit_field = "commune"
    scope_path = "commune"
    written_from_above = True

    commune = assessed(Commune, _("commune"))
    cultural_standard = models.BooleanField(_("cultural-standard commune"), default=False)

    class Meta:
        verbose_name = _("commune assessment")
        verbose_name_plural = _("commune assessments")
        ordering = ["-year", "commune"]
        constraints = [one_a_year("commune")]


class GroupYearTotals(models.Model):
    """The household assessments of a group and year, counted: the dashboard reads these
    rows instead of counting ~47,000 households a year each time.

    Kept exact in the same transaction as every write of HouseholdAssessment
    (apps.assessments.totals), never by a periodic job.
    """

    scope_path = "group"

    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="household_totals", verbose_name=_("group")
    )
    group_placements = GroupPlacements()
    year = models.PositiveSmallIntegerField(_("year"))
    assessed = models.PositiveIntegerField(_("households assessed"), default=0)
    three_no = models.PositiveIntegerField(_('"3 không" households'), default=0)
    cultural_families = models.PositiveIntegerField(_("cultural families"), default=0)

    class Meta:
        verbose_name = _("household assessment totals")
        verbose_name_plural = _("household assessment totals")
        constraints = [
            models.UniqueConstraint(fields=["group", "year"], name="one_total_per_group_year"),
        ]
        # A group's totals of a year and what its count reads, in one index (docs/scaling.md).
        indexes = [
            models.Index(
                fields=["group", "year", "assessed", "three_no", "cultural_families"],
                name="totals_counted",
            )
        ]

    def __str__(self) -> str:
        return f"{self.group} — {self.year}"
