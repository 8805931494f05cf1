"""Closing a period: a commune (or one of its hamlets) approves a month's meetings, and a
commune its year's assessments and ratings. An approval not unlocked locks the period
(apps.approvals.locks is the rule).

An approval is never edited away: unlocking fills its unlock fields, and approving again
afterwards is a new row, so the audit trail reads every approval, unlock and reason.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.fields import user_reference
from apps.core.periods import Month
from apps.hierarchy.models import Commune, Hamlet


class Approval(models.Model):
    approved_by = user_reference(_("approved by"))
    approved_at = models.DateTimeField(_("approved at"))
    reason = models.TextField(
        _("reason"), blank=True, help_text=_("Why records are missing, when some are.")
    )
    unlocked_at = models.DateTimeField(_("unlocked at"), null=True, blank=True)
    unlocked_by = user_reference(_("unlocked by"))
    unlock_reason = models.TextField(_("reason for unlocking"), blank=True)
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True

    @property
    def is_locked(self) -> bool:
        return self.unlocked_at is None


class MonthApproval(Approval):
    """A month's meetings approved by a commune (`hamlet` empty) or by one of its hamlets."""

    scope_fields = {"district": "commune__district", "commune": "commune", "hamlet": "hamlet"}

    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="month_approvals", verbose_name=_("commune")
    )
    hamlet = models.ForeignKey(
        Hamlet,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="month_approvals",
        verbose_name=_("hamlet"),
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))

    class Meta:
        verbose_name = _("month approval")
        verbose_name_plural = _("month approvals")
        ordering = ["-month", "commune", "hamlet", "-approved_at"]
        constraints = [
            # One approval in force per unit and month; unlocked ones stay as the trail.
            models.UniqueConstraint(
                fields=["commune", "month"],
                condition=Q(hamlet__isnull=True, unlocked_at__isnull=True),
                name="one_locked_commune_month",
            ),
            models.UniqueConstraint(
                fields=["hamlet", "month"],
                condition=Q(hamlet__isnull=False, unlocked_at__isnull=True),
                name="one_locked_hamlet_month",
            ),
        ]
        indexes = [models.Index(fields=["month", "commune"], name="month_approval_month")]

    def __str__(self) -> str:
        return f"{self.hamlet or self.commune} — {Month.of(self.month).label}"

    @property
    def unit(self) -> Commune | Hamlet:
        return self.hamlet or self.commune


class YearApproval(Approval):
    """A year's assessments and ratings approved by a commune."""

    scope_path = "commune"

    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="year_approvals", verbose_name=_("commune")
    )
    year = models.PositiveSmallIntegerField(_("year"))

    class Meta:
        verbose_name = _("year approval")
        verbose_name_plural = _("year approvals")
        ordering = ["-year", "commune", "-approved_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "year"],
                condition=Q(unlocked_at__isnull=True),
                name="one_locked_commune_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commune} — {self.year}"

    @property
    def unit(self) -> Commune:
        return self.commune
