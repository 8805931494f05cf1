"""Who directs the model and who runs it: steering committees (ban chỉ đạo) of the district
and of each commune, and the mobilisation board (ban vận động) of each hamlet.

Bodies and memberships are dated periods (the end date is the last day, empty
while current), so "did commune X have a steering committee at the end of
2025" has an answer.
"""

import datetime

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.hierarchy.models import Commune, District, Hamlet


class PeriodQuerySet(models.QuerySet):
    def current_on(self, day: datetime.date) -> "PeriodQuerySet":
        return self.filter(established_on__lte=day).filter(
            Q(ended_on__isnull=True) | Q(ended_on__gte=day)
        )


class Decision(models.Model):
    """Set up by a decision (quyết định): number, date and issuing body."""

    decision_number = models.CharField(_("decision number"), max_length=60)
    decision_date = models.DateField(_("decision date"))
    issued_by = models.CharField(_("issuing body"), max_length=200)
    established_on = models.DateField(_("established on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    objects = PeriodQuerySet.as_manager()

    class Meta:
        abstract = True


class SteeringCommittee(Decision):
    """The district's committee (commune empty) or a commune's."""

    scope_fields = {"district": "district", "commune": "commune"}

    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="committees", verbose_name=_("district")
    )
    commune = models.ForeignKey(
        Commune,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="committees",
        verbose_name=_("commune"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("steering committee")
        verbose_name_plural = _("steering committees")
        ordering = ["district", "commune", "-established_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("established_on")),
                name="committee_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Steering committee of %(unit)s") % {"unit": self.commune or self.district})

    @property
    def unit(self):
        return self.commune or self.district


class MobilisationBoard(Decision):
    scope_path = "hamlet"

    hamlet = models.ForeignKey(
        Hamlet, on_delete=models.PROTECT, related_name="boards", verbose_name=_("hamlet")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mobilisation board")
        verbose_name_plural = _("mobilisation boards")
        ordering = ["hamlet", "-established_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("established_on")),
                name="board_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Mobilisation board of %(hamlet)s") % {"hamlet": self.hamlet})
