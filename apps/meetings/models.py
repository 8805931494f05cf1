"""Monthly group meetings, the commune's monthly programme, and outreach sessions.

A meeting belongs to a group and a calendar month (stored as the month's first
day); the database allows one per group and month. `recorded_on` is the day it
was first recorded, which decides whether the month was reported on time.
`version` grows with every save so that two officials editing the same meeting
cannot silently overwrite each other (apps.meetings.services).
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.fields import user_reference
from apps.core.periods import Month
from apps.hierarchy.life import refuse_outside_life
from apps.hierarchy.models import AtUnit, Commune, Group, GroupPlacements, PlacedAtGroup

AT_LEAST_ONE = MinValueValidator(1, _("Enter a number of 1 or more."))

# The themes of a meeting or programme: (field name, label), in the order shown.
THEMES = [
    ("theme_safety", _("Safe group (security and order)")),
    ("theme_culture", _("Cultural group")),
    ("theme_study", _("Study promotion")),
    ("theme_farmers", _("Farmers' association")),
    ("theme_defence", _("National-defence education")),
]
THEME_FIELDS = [name for name, _label in THEMES]


def any_theme() -> Q:
    return (
        Q(theme_safety=True)
        | Q(theme_culture=True)
        | Q(theme_study=True)
        | Q(theme_farmers=True)
        | Q(theme_defence=True)
    )


class Themes(models.Model):
    theme_safety = models.BooleanField(THEMES[0][1], default=False)
    theme_culture = models.BooleanField(THEMES[1][1], default=False)
    theme_study = models.BooleanField(THEMES[2][1], default=False)
    theme_farmers = models.BooleanField(THEMES[3][1], default=False)
    theme_defence = models.BooleanField(THEMES[4][1], default=False)

    class Meta:
        abstract = True

    @property
    def themes(self) -> list[str]:
        """The field names of the themes covered."""
        return [name for name in THEME_FIELDS if getattr(self, name)]

    @property
    def theme_labels(self) -> list[str]:
        return [str(label) for name, label in THEMES if getattr(self, name)]


class Meeting(PlacedAtGroup, Themes):
    """A group's monthly meeting (sinh hoạt tổ) and its minutes (biên bản)."""

    scope_path = "group"
    group_leader_writes = True
    day_field = "held_on"

    group = models.ForeignKey(
        Group, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("group")
    )
    # A group's place of a day reaches its meetings as the group does (Placement.meetings).
    group_placements = GroupPlacements(related_name="meetings")
    month = models.DateField(_("month"), help_text=_("The first day of the meeting's month."))
    held_on = models.DateField(_("date held"))
    attendees = models.PositiveSmallIntegerField(_("people attending"), validators=[AT_LEAST_ONE])
    households_represented = models.PositiveSmallIntegerField(
        _("households represented"), validators=[AT_LEAST_ONE]
    )
    # The group's households on the day: the denominator stays what it was when households move.
    households_total = models.PositiveSmallIntegerField(_("households in the group"))
    overseer_attended = models.BooleanField(_("overseeing party member attended"), default=False)
    minutes = models.TextField(_("minutes (what was discussed)"))
    decisions = models.TextField(_("decisions"), blank=True)
    recorded_on = models.DateField(_("recorded on"))
    recorded_by = user_reference(_("recorded by"))
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    updated_by = user_reference(_("last changed by"))
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("monthly meeting")
        verbose_name_plural = _("monthly meetings")
        ordering = ["-month", "group"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "month"], name="one_meeting_per_group_per_month"
            ),
            models.CheckConstraint(condition=any_theme(), name="meeting_has_a_theme"),
            models.CheckConstraint(
                condition=Q(households_represented__lte=F("households_total")),
                name="meeting_households_within_group",
            ),
            models.CheckConstraint(
                condition=Q(held_on__gte=F("month")), name="meeting_held_in_its_month"
            ),
        ]
        indexes = [
            # The earliest month of a district's meetings (the year selector's first year).
            models.Index(fields=["district", "month"], name="meeting_district_month"),
            # A group's meeting of a month and what its count reads, in one index (docs/scaling.md).
            models.Index(fields=["group", "month", "recorded_on", "id"], name="meeting_counted"),
            # A month's meetings of every group of an area (the month's completeness, joined
            # to the groups): one month's part of the index, not all of it.
            models.Index(
                fields=["month", "group", "recorded_on", "id"], name="meeting_month_counted"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group} — {self.month:%m/%Y}"

    @property
    def entered_late(self) -> bool:
        """Recorded after the month's due day: counted as held, never as on time."""
        return self.recorded_on > Month.of(self.month).due_on

    @property
    def last_editor_name(self) -> str:
        editor = self.updated_by or self.recorded_by
        if editor is None:
            return str(_("someone else"))
        return editor.get_full_name() or editor.username

    def clean(self) -> None:
        errors = {}
        if self.month and self.month.day != 1:
            errors["month"] = _("The month is stored as its first day.")
        if not self.themes:
            # Reported on the first theme, where forms show the group's errors.
            errors["theme_safety"] = _("Tick at least one theme covered.")
        try:
            super().clean()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)


class MonthlyProgramme(Themes):
    """What a commune's propaganda board asks every group to cover in a month."""

    scope_path = "commune"

    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="programmes", verbose_name=_("commune")
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    talking_points = models.TextField(_("talking points"))
    published_by = user_reference(_("published by"))
    published_at = models.DateTimeField(_("published at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("monthly programme")
        verbose_name_plural = _("monthly programmes")
        ordering = ["-month", "commune"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "month"], name="one_programme_per_commune_per_month"
            ),
            models.CheckConstraint(condition=any_theme(), name="programme_has_a_theme"),
        ]

    def __str__(self) -> str:
        return f"{self.commune} — {self.month:%m/%Y}"


class OutreachSession(AtUnit):
    """An outreach session (buổi tuyên truyền) held by a unit at any level."""

    dated_by = "held_on"
    group_leader_writes = True

    held_on = models.DateField(_("date held"))
    theme = models.CharField(_("theme"), max_length=200)
    attendees = models.PositiveIntegerField(_("people attending"), validators=[AT_LEAST_ONE])
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = user_reference(_("recorded by"))
    # The day it was first recorded; empty for sessions recorded before this was kept.
    recorded_on = models.DateField(_("recorded on"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("outreach session")
        verbose_name_plural = _("outreach sessions")
        ordering = ["-held_on", "-id"]
        constraints = [
            AtUnit.ancestors_filled("outreach_unit_ancestors_filled"),
        ]
        # A district's sessions of a year, without reading the province's.
        indexes = [models.Index(fields=["district", "held_on"], name="outreach_district_held_on")]

    def __str__(self) -> str:
        return f"{self.theme} ({self.held_on:%d/%m/%Y})"

    @property
    def entered_late(self) -> bool:
        """Recorded after its month's report was due (day 5 of the following month), as
        for meetings: a session of a past month entered now."""
        return self.recorded_on is not None and self.recorded_on > Month.of(self.held_on).due_on

    def clean(self) -> None:
        """A session happens within its unit's life (apps.hierarchy.life)."""
        if self.held_on is not None and self.district_id is not None:
            refuse_outside_life(self.unit, self.held_on, field="held_on")
