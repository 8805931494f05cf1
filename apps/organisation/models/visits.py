"""Supervision visits (kiểm tra, giám sát) by committee members, and their follow-up actions."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.fields import user_reference
from apps.hierarchy.models import AtUnit
from apps.organisation.models.committees import CommitteeMember


class SupervisionVisit(AtUnit):
    """A supervision visit (kiểm tra, giám sát) by committee members to a commune, hamlet or
    group: what they found, what fell short, and what must follow."""

    dated_by = "visited_on"

    visited_on = models.DateField(_("date of the visit"))
    members = models.ManyToManyField(
        CommitteeMember, related_name="visits", verbose_name=_("committee members")
    )
    findings = models.TextField(_("findings"))
    shortcomings = models.TextField(_("shortcomings"), blank=True)
    recorded_by = user_reference(_("recorded by"))

    class Meta:
        verbose_name = _("supervision visit")
        verbose_name_plural = _("supervision visits")
        ordering = ["-visited_on", "-id"]
        constraints = [
            AtUnit.ancestors_filled("visit_unit_ancestors_filled"),
            # A visit is to a commune, a hamlet or a group, never to the district itself.
            models.CheckConstraint(
                condition=Q(commune__isnull=False), name="visit_below_the_district"
            ),
        ]
        indexes = [models.Index(fields=["district", "visited_on"], name="visit_district_day")]

    def __str__(self) -> str:
        return f"{self.unit} ({self.visited_on:%d/%m/%Y})"


class FollowUp(models.Model):
    """An action a visit asks for, with its due date; done on the day it was reported done."""

    scope_fields = {
        "district": "visit__district",
        "commune": "visit__commune",
        "hamlet": "visit__hamlet",
        "group": "visit__group",
    }

    visit = models.ForeignKey(
        SupervisionVisit,
        on_delete=models.CASCADE,
        related_name="follow_ups",
        verbose_name=_("supervision visit"),
    )
    action = models.TextField(_("action to take"))
    due_on = models.DateField(_("due date"))
    done = models.BooleanField(_("done"), default=False)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        ordering = ["visit", "due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(done=True, done_on__isnull=False) | Q(done=False, done_on__isnull=True),
                name="follow_up_done_has_a_day",
            ),
        ]

    def __str__(self) -> str:
        return self.action

    def is_overdue_on(self, day: datetime.date) -> bool:
        """Not done by `day` and its due date passed (see apps.organisation.figures)."""
        return self.due_on < day and (self.done_on is None or self.done_on > day)

    def clean(self) -> None:
        if self.done and not self.done_on:
            raise ValidationError({"done_on": _("Give the day the action was done.")})
        if self.done_on and not self.done:
            raise ValidationError({"done": _("Tick done, or clear the day it was done.")})
