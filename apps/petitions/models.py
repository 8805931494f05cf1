"""Citizen petitions and proposals (kiến nghị, đề xuất).

A petition is raised at a meeting or directly, handled at a level (group up to
district) and closed either resolved (the thing was done) or answered (an
explanation given, which needs the answer text). Its state changes only through
the actions of apps.petitions.workflow, each kept as a PetitionEvent with the day it
was done, so a petition of a past year can be entered with its real dates.

Timeliness, the one rule (the indicators count with the same Q objects):
- `due_on` is the due date in force when the petition was received at its first level
  (apps.petitions.rules). Moving it up gives the new level its own due date, kept in
  the history, and never moves `due_on`: an escalated overdue petition stays overdue,
  and the on-time share cannot improve by moving petitions up.
- Overdue on a day: past `due_on` and not yet closed that day.
- Entered late: recorded after its month's reporting deadline (day 5 of the month
  after it was received, as meetings: apps.core.periods.Month.due_on).
- Closed on time: closed by `due_on`, and not entered late: a petition typed in after
  the fact never counts as answered on time.
"""

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.fields import user_reference
from apps.core.periods import Month, MonthDueOn
from apps.hierarchy.models import LEVELS as HIERARCHY_LEVELS
from apps.hierarchy.models import District, Group, PlacedAtGroup
from apps.meetings.models import Meeting

# The levels a petition climbs, from the group up.
LEVELS = list(reversed(HIERARCHY_LEVELS))


def _today() -> datetime.date:
    """The default day of entry: whatever path inserts a petition, it is entered today."""
    return timezone.localdate()


class Petition(PlacedAtGroup):
    scope_path = "group"
    group_leader_writes = True
    day_field = "raised_on"

    class Category(models.TextChoices):
        SECURITY = "security", _("security and order")
        INFRASTRUCTURE = "infrastructure", _("infrastructure")
        LAND = "land", _("land and environment")
        WELFARE = "welfare", _("social welfare")
        LIVELIHOOD = "livelihood", _("production and livelihood")
        EDUCATION = "education", _("education and culture")
        OTHER = "other", _("other")

    class Level(models.TextChoices):
        GROUP = "group", _("group")
        HAMLET = "hamlet", _("hamlet")
        COMMUNE = "commune", _("commune")
        DISTRICT = "district", _("district")

    class State(models.TextChoices):
        RECEIVED = "received", _("received")
        IN_PROGRESS = "in_progress", _("in progress")
        RESOLVED = "resolved", _("resolved")
        ANSWERED = "answered", _("answered")

    CLOSED_STATES = (State.RESOLVED, State.ANSWERED)

    group = models.ForeignKey(
        Group, on_delete=models.PROTECT, related_name="petitions", verbose_name=_("group")
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="petitions",
        verbose_name=_("raised at the meeting"),
    )
    raised_on = models.DateField(_("raised on"))
    content = models.TextField(_("content"))
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    citizen_name = models.CharField(_("citizen's name (optional)"), max_length=120, blank=True)
    level = models.CharField(
        _("level handling it"), max_length=10, choices=Level.choices, default=Level.GROUP
    )
    due_on = models.DateField(
        _("due on (as first received)"),
        help_text=_("The due date in force when the petition was received at its first level."),
    )
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.RECEIVED
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    created_by = user_reference(_("recorded by"))
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    # The day it was entered, beside the day it was received: late entries stay visible.
    recorded_on = models.DateField(_("entered on"), default=_today, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=["resolved", "answered"], closed_on__isnull=False)
                | Q(state__in=["received", "in_progress"], closed_on__isnull=True),
                name="petition_closed_date_matches_state",
            ),
            models.CheckConstraint(
                condition=~Q(state="answered") | ~Q(answer=""),
                name="petition_answer_has_text",
            ),
            models.CheckConstraint(
                condition=Q(due_on__gte=F("raised_on")), name="petition_due_after_raised"
            ),
        ]
        indexes = [
            models.Index(fields=["level", "state", "due_on"]),
            # A district's petitions of a year, and its earliest (the year selector's first
            # year), without sorting the district's petitions of every year.
            models.Index(fields=["district", "raised_on"], name="petition_district_raised_on"),
        ]

    def __str__(self) -> str:
        return self.content[:60]

    @property
    def is_closed(self) -> bool:
        return self.state in self.CLOSED_STATES

    # Timeliness (the module docstring): each rule for one petition, and as a Q for counting.

    @property
    def entered_late(self) -> bool:
        return self.recorded_on > Month.of(self.raised_on).due_on

    @staticmethod
    def entered_in_time_q() -> Q:
        return Q(recorded_on__lte=MonthDueOn("raised_on"))

    def is_overdue_on(self, day: datetime.date) -> bool:
        return self.due_on < day and (self.closed_on is None or self.closed_on > day)

    @staticmethod
    def overdue_q(day: datetime.date) -> Q:
        return Q(due_on__lt=day) & (Q(closed_on__isnull=True) | Q(closed_on__gt=day))

    @property
    def closed_on_time(self) -> bool:
        return (
            self.closed_on is not None and self.closed_on <= self.due_on and not self.entered_late
        )

    @staticmethod
    def closed_on_time_q() -> Q:
        return Q(closed_on__lte=F("due_on")) & Petition.entered_in_time_q()

    @property
    def level_above(self) -> str | None:
        index = LEVELS.index(self.level)
        return LEVELS[index + 1] if index + 1 < len(LEVELS) else None


class PetitionEvent(models.Model):
    """One change of a petition: who, what, the note they gave, the day it was done (`on`,
    a past day when entered afterwards) and when it was recorded (`at`). Raising and moving
    up also keep the due date they gave the level handling it."""

    scope_path = "petition__group"

    class Action(models.TextChoices):
        RAISED = "raised", _("raised")
        TAKEN = "taken", _("taken in hand")
        RESOLVED = "resolved", _("resolved")
        ANSWERED = "answered", _("answered")
        MOVED_UP = "moved_up", _("moved to the level above")

    petition = models.ForeignKey(
        Petition, on_delete=models.CASCADE, related_name="events", verbose_name=_("petition")
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    state = models.CharField(_("state after"), max_length=12, choices=Petition.State.choices)
    level = models.CharField(_("level after"), max_length=10, choices=Petition.Level.choices)
    note = models.TextField(_("note"), blank=True)
    by = user_reference(_("by"))
    on = models.DateField(_("day of the action"))
    due_on = models.DateField(_("due at this level on"), null=True, blank=True)
    at = models.DateTimeField(_("recorded at"))

    class Meta:
        verbose_name = _("petition history entry")
        verbose_name_plural = _("petition history")
        ordering = ["petition", "on", "at", "id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({self.on:%d/%m/%Y})"


class AnswerDeadline(models.Model):
    """How many days a level has to close a petition, set per district by its administrator."""

    scope_path = "district"

    district = models.ForeignKey(
        District, on_delete=models.CASCADE, related_name="+", verbose_name=_("district")
    )
    level = models.CharField(_("level handling it"), max_length=10, choices=Petition.Level.choices)
    days = models.PositiveSmallIntegerField(
        _("days to close"), validators=[MinValueValidator(1), MaxValueValidator(365)]
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("petition deadline")
        verbose_name_plural = _("petition deadlines")
        ordering = ["district", "level"]
        constraints = [
            models.UniqueConstraint(fields=["district", "level"], name="one_deadline_per_level"),
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()}: {self.days}"
