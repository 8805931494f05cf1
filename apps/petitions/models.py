"""Citizen petitions and proposals (kiến nghị, đề xuất).

A petition is raised at a meeting or directly, handled at a level (group up to
district) and closed either resolved (the thing was done) or answered (an
explanation given, which needs the answer text). Its due date comes from the
level handling it (apps.petitions.rules). Its state changes only through the
actions of apps.petitions.workflow, each kept as a PetitionEvent.
"""

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.fields import user_reference
from apps.hierarchy.models import LEVELS as HIERARCHY_LEVELS
from apps.hierarchy.models import District, Group, PlacedAtGroup
from apps.meetings.models import Meeting

# The levels a petition climbs, from the group up.
LEVELS = list(reversed(HIERARCHY_LEVELS))


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
    due_on = models.DateField(_("due on"))
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.RECEIVED
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    created_by = user_reference(_("recorded by"))
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
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
        indexes = [models.Index(fields=["level", "state", "due_on"])]

    def __str__(self) -> str:
        return self.content[:60]

    def place_day(self) -> datetime.date:
        return self.raised_on

    @classmethod
    def placed_since_q(cls, day: datetime.date) -> Q:
        return Q(raised_on__gte=day)

    @property
    def is_closed(self) -> bool:
        return self.state in self.CLOSED_STATES

    def is_overdue_on(self, day) -> bool:
        return not self.is_closed and self.due_on < day

    @property
    def level_above(self) -> str | None:
        index = LEVELS.index(self.level)
        return LEVELS[index + 1] if index + 1 < len(LEVELS) else None


class PetitionEvent(models.Model):
    """One change of a petition: who, when, what, and the note they gave."""

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
    at = models.DateTimeField(_("at"))

    class Meta:
        verbose_name = _("petition history entry")
        verbose_name_plural = _("petition history")
        ordering = ["petition", "at", "id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({self.at:%d/%m/%Y})"


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
