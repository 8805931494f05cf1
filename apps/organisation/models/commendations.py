"""Commendations (khen thưởng) of people and units."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.fields import NameField
from apps.hierarchy.models import AtUnit
from apps.organisation.models.common import (
    YEAR_VALIDATORS,
)


class Commendation(AtUnit):
    """A commendation (khen thưởng) of a person (named) or of the unit itself (no name).

    A person's commendation is placed at the unit they work in, so that it is seen by
    the same officials as the unit's.
    """

    dated_by = "decision_date"

    person_name = NameField(
        _("person commended"),
        max_length=120,
        blank=True,
        help_text=_("Leave empty when the unit itself is commended."),
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    title = models.CharField(_("title"), max_length=200)
    decision_number = models.CharField(_("decision number"), max_length=60)
    decision_date = models.DateField(_("decision date"))
    achievement = models.TextField(_("achievement"))

    class Meta:
        verbose_name = _("commendation")
        verbose_name_plural = _("commendations")
        ordering = ["-year", "-decision_date", "-id"]
        constraints = [
            AtUnit.ancestors_filled("commendation_unit_ancestors_filled"),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100), name="commendation_year_sane"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} — {self.person_name or self.unit} ({self.year})"
