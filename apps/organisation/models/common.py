"""What the organisation's records share: bodies set up by a decision, terms held by
someone, and the members who hold them; all dated periods (the end date is the last day,
empty while current)."""

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.dated import alive_on, alive_q, check_ends_after_start
from apps.core.fields import FoldedField, NameField

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


def overlaps(queryset: models.QuerySet, start: str, first: datetime.date, last):
    """The periods of `queryset` sharing a day with [first, last] (last None: still running)."""
    return queryset.filter(alive_q(first, last, start=start))


class PeriodQuerySet(models.QuerySet):
    def current_on(self, day: datetime.date) -> "PeriodQuerySet":
        """Bodies, members or assignments standing on `day`."""
        return self.filter(alive_q(day, day, start=self.model.begins))


class Dated(models.Model):
    """A dated period: from the day in the field `begins` names to `ended_on` (the last day;
    empty while it lasts), read alike for bodies and the terms held on them, each with
    its history. Each kind declares both days itself, so that its fields keep their order."""

    begins: str

    objects = PeriodQuerySet.as_manager()
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True

    def clean(self) -> None:
        check_ends_after_start(getattr(self, self.begins), self.ended_on)


class Decision(Dated):
    """Set up by a decision (quyết định): number, date and issuing body."""

    begins = "established_on"

    decision_number = models.CharField(_("decision number"), max_length=60)
    decision_date = models.DateField(_("decision date"))
    issued_by = models.CharField(_("issuing body"), max_length=200)
    established_on = models.DateField(_("established on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    class Meta:
        abstract = True


class Term(Dated):
    """A dated period held by someone: started_on to ended_on (the last day; empty while held)."""

    begins = "started_on"

    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    class Meta:
        abstract = True

    def held_on(self, day: datetime.date) -> bool:
        return alive_on(self.started_on, self.ended_on, day)


class Member(Term):
    """Someone named on a committee or a board, in a position, for a term."""

    full_name = NameField(_("full name"), max_length=120)
    name_folded = FoldedField(source="full_name")
    position = models.CharField(
        _("position"), max_length=120, help_text=_("For example: head, deputy head, member.")
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.full_name} — {self.position}"
