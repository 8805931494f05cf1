"""The district's units: district → commune/town/ward → hamlet/quarter → group.

A unit keeps its code when renamed; codes are unique within the parent.
Groups carry a status with the dates it changed, because indicators for a
period count the groups that were active in it.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.dated import alive_q
from apps.core.fields import FoldedField, NameField

LEVELS = ("district", "commune", "hamlet", "group")
# A unit's field naming the unit above it.
PARENT = {"commune": "district", "hamlet": "commune", "group": "hamlet"}
# The level's word in page addresses: /chi-tieu/xa/12/.
LEVEL_SLUGS = {"district": "huyen", "commune": "xa", "hamlet": "ap", "group": "to"}


class Unit(models.Model):
    """A level of the hierarchy. `level` names it for the access rules (apps.accounts.access)."""

    level: str
    code = models.CharField(_("code"), max_length=20)
    name = NameField(_("name"), max_length=120)
    name_folded = FoldedField(source="name")
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class District(Unit):
    level = "district"
    province = NameField(_("province"), max_length=120)

    class Meta(Unit.Meta):
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        constraints = [models.UniqueConstraint(fields=["code"], name="district_code_unique")]


class Commune(Unit):
    class Kind(models.TextChoices):
        COMMUNE = "commune", _("commune")
        TOWN = "town", _("town")
        WARD = "ward", _("ward")

    level = "commune"

    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="communes", verbose_name=_("district")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.COMMUNE)

    class Meta(Unit.Meta):
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        constraints = [
            models.UniqueConstraint(fields=["district", "code"], name="commune_code_unique"),
        ]


class Hamlet(Unit):
    class Kind(models.TextChoices):
        HAMLET = "hamlet", _("hamlet")
        QUARTER = "quarter", _("quarter")

    level = "hamlet"

    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="hamlets", verbose_name=_("commune")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.HAMLET)

    class Meta(Unit.Meta):
        verbose_name = _("hamlet")
        verbose_name_plural = _("hamlets")
        constraints = [
            models.UniqueConstraint(fields=["commune", "code"], name="hamlet_code_unique"),
        ]


def active_between_q(start: datetime.date, end: datetime.date) -> Q:
    """The condition for a group to be active on at least one day of [start, end]."""
    return alive_q(start, end, start="activated_on", end="dissolved_on")


class GroupQuerySet(models.QuerySet):
    def active_between(self, start: datetime.date, end: datetime.date) -> "GroupQuerySet":
        """Groups active on at least one day of [start, end]."""
        return self.filter(active_between_q(start, end))

    def active_on(self, day: datetime.date) -> "GroupQuerySet":
        return self.active_between(day, day)


class Group(Unit):
    """A linked residential group (tổ dân phòng liên kết) of 20 to 30 households."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        ACTIVE = "active", _("active")
        DISSOLVED = "dissolved", _("dissolved")

    level = "group"

    hamlet = models.ForeignKey(
        Hamlet, on_delete=models.PROTECT, related_name="groups", verbose_name=_("hamlet")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    planned_on = models.DateField(_("planned on"))
    activated_on = models.DateField(_("activated on"), null=True, blank=True)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)

    objects = GroupQuerySet.as_manager()

    class Meta(Unit.Meta):
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        constraints = [
            models.UniqueConstraint(fields=["hamlet", "code"], name="group_code_unique"),
            # The status and its dates must tell the same story.
            models.CheckConstraint(
                condition=(
                    Q(status="planned", activated_on__isnull=True, dissolved_on__isnull=True)
                    | Q(status="active", activated_on__isnull=False, dissolved_on__isnull=True)
                    | Q(status="dissolved", dissolved_on__isnull=False)
                ),
                name="group_status_matches_dates",
            ),
            models.CheckConstraint(
                condition=Q(activated_on__isnull=True)
                | Q(activated_on__gte=models.F("planned_on")),
                name="group_activated_after_planned",
            ),
            models.CheckConstraint(
                condition=Q(dissolved_on__isnull=True)
                | Q(activated_on__isnull=True)
                | Q(dissolved_on__gte=models.F("activated_on")),
                name="group_dissolved_after_activated",
            ),
        ]

    def clean(self) -> None:
        errors = {}
        if self.status == self.Status.ACTIVE and not self.activated_on:
            errors["activated_on"] = _("An active group needs the date it became active.")
        if self.status == self.Status.PLANNED and (self.activated_on or self.dissolved_on):
            errors["status"] = _("A planned group has no activation or dissolution date.")
        if self.status == self.Status.ACTIVE and self.dissolved_on:
            errors["dissolved_on"] = _("An active group has no dissolution date.")
        if self.status == self.Status.DISSOLVED and not self.dissolved_on:
            errors["dissolved_on"] = _("A dissolved group needs the date it was dissolved.")
        if self.activated_on and self.planned_on and self.activated_on < self.planned_on:
            errors["activated_on"] = _("A group cannot become active before it was planned.")
        if self.dissolved_on and self.activated_on and self.dissolved_on < self.activated_on:
            errors["dissolved_on"] = _("A group cannot be dissolved before it became active.")
        if errors:
            raise ValidationError(errors)


UNIT_MODELS = {"district": District, "commune": Commune, "hamlet": Hamlet, "group": Group}


# From a unit of each level to the units above it: what to select_related for `ancestors`.
ANCESTOR_PATHS = {
    "district": [],
    "commune": ["district"],
    "hamlet": ["commune__district"],
    "group": ["hamlet__commune__district"],
}


def ancestors(unit: Unit) -> list[Unit]:
    """The unit and the units above it, the district first (load them with ANCESTOR_PATHS)."""
    chain = [unit]
    while chain[0].level in PARENT:
        chain.insert(0, getattr(chain[0], PARENT[chain[0].level]))
    return chain


def optional_unit(model: type[Unit], verbose_name, related_name: str = "+") -> models.ForeignKey:
    """A unit a record may hang from, empty when the record hangs from a unit higher up."""
    return models.ForeignKey(
        model,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name=related_name,
        verbose_name=verbose_name,
    )


class AtUnit(models.Model):
    """A record held at a unit of any level, with the unit's ancestors stored beside it.

    "The outreach sessions (or visits) of commune X" is then one indexed filter
    whatever level held them, and `scope_fields` tells the access rules which
    column answers for each level.
    """

    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="+", verbose_name=_("district")
    )
    commune = optional_unit(Commune, _("commune"))
    hamlet = optional_unit(Hamlet, _("hamlet"))
    group = optional_unit(Group, _("group"))

    scope_fields = {
        "district": "district",
        "commune": "commune",
        "hamlet": "hamlet",
        "group": "group",
    }

    class Meta:
        abstract = True

    @staticmethod
    def ancestors_filled(name: str) -> models.CheckConstraint:
        return models.CheckConstraint(
            condition=(Q(hamlet__isnull=True) | Q(commune__isnull=False))
            & (Q(group__isnull=True) | Q(hamlet__isnull=False)),
            name=name,
        )

    @property
    def unit(self) -> District | Commune | Hamlet | Group:
        return self.group or self.hamlet or self.commune or self.district

    def set_unit(self, unit: District | Commune | Hamlet | Group) -> None:
        """Place the record at `unit`, filling in its ancestors (they must be loaded)."""
        self.group = unit if isinstance(unit, Group) else None
        hamlet = unit.hamlet if isinstance(unit, Group) else unit
        self.hamlet = hamlet if isinstance(hamlet, Hamlet) else None
        commune = self.hamlet.commune if self.hamlet else unit
        self.commune = commune if isinstance(commune, Commune) else None
        self.district = self.commune.district if self.commune else unit
