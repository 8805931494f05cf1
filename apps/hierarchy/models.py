"""The committee's units: district (or province) → commune/town/ward → hamlet/quarter → group.

A unit keeps its code when renamed; codes are unique within the parent. Every unit
has the day it began and, once ended, the day it ended, because a period's figures
count only the units alive in it; a group's life is its status dates (planned,
active, dissolved). Where a unit stood on a past day is its Placement history.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Model, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.dated import alive_on, alive_q, ends_after_start
from apps.core.fields import FoldedField, NameField, user_reference
from apps.hierarchy.life import refuse_outside_life

LEVELS = ("district", "commune", "hamlet", "group")
# A unit's field naming the unit above it.
PARENT = {"commune": "district", "hamlet": "commune", "group": "hamlet"}
# The level's word in page addresses: /chi-tieu/xa/12/.
LEVEL_SLUGS = {"district": "huyen", "commune": "xa", "hamlet": "ap", "group": "to"}


class UnitQuerySet(models.QuerySet):
    def alive_between(self, first: datetime.date, last: datetime.date) -> "UnitQuerySet":
        """Units alive on at least one day of [first, last]."""
        return self.filter(self.model.alive_q(first, last))


class Unit(models.Model):
    """A level of the hierarchy. `level` names it for the access rules (apps.accounts.access).

    `life` names the fields holding the first and the last day of the unit's life.
    """

    level: str
    life = ("started_on", "ended_on")
    code = models.CharField(_("code"), max_length=20)
    name = NameField(_("name"), max_length=120)
    name_folded = FoldedField(source="name")
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def alive_q(cls, first: datetime.date, last: datetime.date, prefix: str = "") -> Q:
        """The condition for a unit (reached through `prefix`) alive in [first, last]."""
        start, end = (f"{prefix}{name}" for name in cls.life)
        return alive_q(first, last, start=start, end=end)

    def alive_on(self, day: datetime.date) -> bool:
        start, end = (getattr(self, name) for name in self.life)
        return alive_on(start, end, day)

    @property
    def last_day(self) -> datetime.date | None:
        """The unit's last day, None while it lasts."""
        return getattr(self, self.life[1])


class LivedUnit(Unit):
    """A unit whose life is its own two days (a group's is its status dates)."""

    started_on = models.DateField(_("began on"))
    ended_on = models.DateField(
        _("ended on"), null=True, blank=True, help_text=_("Empty while the unit lasts.")
    )

    objects = UnitQuerySet.as_manager()

    class Meta(Unit.Meta):
        abstract = True

    def clean(self) -> None:
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("A unit cannot end before it began.")})


class District(LivedUnit):
    """The committee's area: a district (huyện) before July 2025, a province (tỉnh) or a
    centrally-run city after it. One model, so the four-level tree holds both periods."""

    class Kind(models.TextChoices):
        DISTRICT = "district", _("district")
        PROVINCE = "province", _("province")
        CITY = "city", _("centrally-run city")

    level = "district"
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.DISTRICT)
    province = NameField(
        _("province"), max_length=120, help_text=_("For a province or a city: its own name.")
    )

    class Meta(Unit.Meta):
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        constraints = [
            models.UniqueConstraint(fields=["code"], name="district_code_unique"),
            ends_after_start("district_ends_after_start"),
        ]


class Commune(LivedUnit):
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
            ends_after_start("commune_ends_after_start"),
        ]


class Hamlet(LivedUnit):
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
            ends_after_start("hamlet_ends_after_start"),
        ]


def active_between_q(start: datetime.date, end: datetime.date) -> Q:
    """The condition for a group to be active on at least one day of [start, end]."""
    return alive_q(start, end, start="activated_on", end="dissolved_on")


class GroupQuerySet(UnitQuerySet):
    def active_between(self, start: datetime.date, end: datetime.date) -> "GroupQuerySet":
        """Groups active on at least one day of [start, end]."""
        return self.filter(active_between_q(start, end))


class Group(Unit):
    """A linked residential group (tổ dân phòng liên kết) of 20 to 30 households."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        ACTIVE = "active", _("active")
        DISSOLVED = "dissolved", _("dissolved")

    level = "group"
    life = ("planned_on", "dissolved_on")

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
        # A group's dates, read by every count over groups: a district among many reads its
        # groups one by one from this index, never the whole table (docs/scaling.md).
        indexes = [
            models.Index(
                fields=["id", "planned_on", "activated_on", "dissolved_on"], name="group_life"
            ),
            # The earliest group planned within a unit (the year selector's first year):
            # groups in planned order until one stood within it, not the whole table.
            models.Index(fields=["planned_on"], name="group_planned_on"),
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


def path_up(level: str, to: str) -> str:
    """The lookup from a unit of `level` to the unit of level `to` above it through the
    parent fields, as they stand now ("pk": the unit itself): ("group", "commune") →
    "hamlet__commune"."""
    hops = []
    while level != to:
        level = PARENT[level]
        hops.append(level)
    return "__".join(hops) or "pk"


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
    """A record held at a unit of any level, with the unit's ancestors stored beside it as
    they stood on the record's day (as PlacedRecord keeps them).

    "The outreach sessions (or visits) of commune X" is then one indexed filter
    whatever level held them, and `scope_fields` tells the access rules which
    column answers for each level. Each keeps its history.
    """

    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="+", verbose_name=_("district")
    )
    commune = optional_unit(Commune, _("commune"))
    hamlet = optional_unit(Hamlet, _("hamlet"))
    group = optional_unit(Group, _("group"))
    history = HistoricalRecords(inherit=True)

    # The field holding the record's own day (a reversal refuses records made since).
    dated_by: str

    scope_fields = {
        "district": "district",
        "commune": "commune",
        "hamlet": "hamlet",
        "group": "group",
    }

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if kwargs.get("update_fields") is None:  # a partial save keeps the record's day and unit
            self.place()
        super().save(*args, **kwargs)

    def place(self) -> None:
        """Name the units above the record's own as they stood on its day."""
        from apps.hierarchy.placements import place_held_record

        place_held_record(self)

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
        """Place the record at `unit`, filling in its ancestors (they must be loaded) as they
        stand now; saving names them as they stood on the record's own day."""
        self.group = unit if isinstance(unit, Group) else None
        hamlet = unit.hamlet if isinstance(unit, Group) else unit
        self.hamlet = hamlet if isinstance(hamlet, Hamlet) else None
        commune = self.hamlet.commune if self.hamlet else unit
        self.commune = commune if isinstance(commune, Commune) else None
        self.district = self.commune.district if self.commune else unit


class OfDistrictOrCommune:
    """A record of a district, or of one of its communes (a steering committee, a document),
    mixed into its model. A commune's record is kept under the district (or province) its
    commune stood in on the record's day, `dated_by`, as PlacedRecord keeps its keys: a
    later reorganisation never moves it, one recorded late for its day does
    (apps.hierarchy.placements)."""

    dated_by: str

    def save(self, *args, **kwargs):
        if kwargs.get("update_fields") is None:  # a partial save keeps the record's day and unit
            self.place()
        super().save(*args, **kwargs)

    def place(self) -> None:
        """Name the district its commune stood in on the record's day."""
        from apps.hierarchy.placements import parent_on

        if self.commune_id:
            day = getattr(self, self.dated_by)
            self.district_id = parent_on(self.commune, day) or self.district_id

    @property
    def unit(self) -> District | Commune:
        return self.commune or self.district

    def set_unit(self, unit: District | Commune) -> None:
        self.commune = unit if isinstance(unit, Commune) else None
        self.district = unit.district if isinstance(unit, Commune) else unit


# A group's life, as Group and its Placement rows both carry it.
GROUP_LIFE = ("planned_on", "activated_on", "dissolved_on")


class Placement(models.Model):
    """Where a commune, hamlet or group stood from `started_on` to `ended_on`: the units above it
    on those days. The lowest filled level is the placed unit.

    The current row (no last day) agrees with the unit's parent fields. A reorganisation
    ends it and begins another, so the older rows keep what the parent fields no longer
    know: which district a hamlet was in on a day of 2010. A unit's first row has no first
    day; the unit's own life says when it began. Kept by apps.hierarchy.placements.
    """

    district = models.ForeignKey(
        District, on_delete=models.CASCADE, related_name="placements", verbose_name=_("district")
    )
    commune = models.ForeignKey(
        Commune, on_delete=models.CASCADE, related_name="placements", verbose_name=_("commune")
    )
    hamlet = models.ForeignKey(
        Hamlet,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="placements",
        verbose_name=_("hamlet"),
    )
    group = models.ForeignKey(
        Group,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="placements",
        verbose_name=_("group"),
    )
    started_on = models.DateField(_("from"), null=True, blank=True)
    ended_on = models.DateField(_("until"), null=True, blank=True)
    # A group's row carries the group's life, named as on Group, so that an area's group
    # figures count its places alone (AsItWas.counted_groups): in a province, looking each
    # group up was the largest part of what a district's report paid for sharing the tables.
    # Written by the database only (apps.hierarchy.group_life), never by this code, so it
    # cannot fall out of step.
    planned_on = models.DateField(_("group planned on"), null=True, editable=False)
    activated_on = models.DateField(_("group activated on"), null=True, editable=False)
    dissolved_on = models.DateField(_("group dissolved on"), null=True, editable=False)

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        constraints = [
            models.CheckConstraint(
                condition=Q(group__isnull=True) | Q(hamlet__isnull=False),
                name="placement_ancestors_filled",
            ),
            models.CheckConstraint(
                condition=Q(started_on__isnull=True)
                | Q(ended_on__isnull=True)
                | Q(ended_on__gte=models.F("started_on")),
                name="placement_ends_after_start",
            ),
            # One current place per unit.
            models.UniqueConstraint(
                fields=["group"],
                condition=Q(group__isnull=False, ended_on__isnull=True),
                name="one_current_placement_per_group",
            ),
            models.UniqueConstraint(
                fields=["hamlet"],
                condition=Q(hamlet__isnull=False, group__isnull=True, ended_on__isnull=True),
                name="one_current_placement_per_hamlet",
            ),
            models.UniqueConstraint(
                fields=["commune"],
                condition=Q(hamlet__isnull=True, ended_on__isnull=True),
                name="one_current_placement_per_commune",
            ),
        ]
        # The figures of a unit read the places within it, counted by the level below: each
        # index finds them by the unit and yields them in that level's order, with the days
        # and a group's life at hand, so neither the table nor a sort is visited (the
        # dashboard's counts).
        indexes = [
            models.Index(
                fields=["district", "commune", "group", "started_on", "ended_on", *GROUP_LIFE],
                name="placement_within_district",
            ),
            models.Index(
                fields=["commune", "hamlet", "group", "started_on", "ended_on", *GROUP_LIFE],
                name="placement_within_commune",
            ),
            models.Index(
                fields=["hamlet", "group", "started_on", "ended_on", *GROUP_LIFE],
                name="placement_within_hamlet",
            ),
            # A district's few hamlets and communes (its boards, ratings, committees) among
            # the province's: without these, PostgreSQL reads every hamlet's or commune's
            # place in the province to keep its district's.
            models.Index(
                fields=["district", "commune", "hamlet", "started_on", "ended_on"],
                condition=Q(group__isnull=True),
                name="hamlet_places_within_district",
            ),
            models.Index(
                fields=["district", "commune", "started_on", "ended_on"],
                condition=Q(hamlet__isnull=True),
                name="commune_places_within_district",
            ),
        ]

    def __str__(self) -> str:
        unit = self.group_id or self.hamlet_id or self.commune_id
        return f"{unit}: {self.started_on} - {self.ended_on}"


class EndsWithItsUnit:
    """A period held at a unit, mixed into its model: a group's leader or overseer, a
    commune's (or district's) steering committee and its members, a hamlet's board, a
    committee member's oversight of a commune. The unit's end ends it, and an oversight
    from the parent it leaves ends with the move (apps.hierarchy.life). `begins` names its
    first day's field; `ended_on` is its last day."""

    begins = "started_on"

    @classmethod
    def held_at(cls, unit: Model) -> Q | None:
        """The rows held at `unit` (None: none at a unit of its level)."""
        raise NotImplementedError

    @classmethod
    def held_from_above(cls, unit: Model, parent: Model) -> Q | None:
        """The rows held over `unit` from its parent `parent` (a commune committee member's
        oversight of a hamlet): they end when the unit leaves it. None: none."""
        return None


class GroupPlacements(models.ForeignObject):
    """The Placement rows of the group a record hangs from (a role, a household count),
    joined on the group's id: a count of such records over an area reads the places and the
    records, not the groups table between them (apps.indicators.reading.AsItWas.hanging).

    A group has several rows over time, so the target is not unique; read it only through
    a FilteredRelation that keeps the row of one day. With a `related_name`, a Placement row
    reaches the records of its group the other way (a group's meetings from its place of a
    day: AsItWas.counted_groups). Like Django's GenericRelation it is a
    private field: no column, no migration, no form, export or history field."""

    requires_unique_target = False
    # Many rows a record, as GenericRelation says: kept out of Meta.fields, so nothing that
    # copies a record's fields (history, exports, backups) reads it.
    many_to_one, one_to_many = False, True

    def __init__(self, related_name: str = "+", **kwargs):
        kwargs.update(from_fields=["group"], to_fields=["group"], related_name=related_name)
        kwargs.update(editable=False, serialize=False)  # never in a form or a dump
        super().__init__(Placement, on_delete=models.DO_NOTHING, **kwargs)

    def contribute_to_class(self, cls, name, **kwargs):
        super().contribute_to_class(cls, name, private_only=True, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        for given in ("from_fields", "to_fields", "related_name", "on_delete", "to"):
            kwargs.pop(given, None)
        return name, path, args, kwargs


def ancestor_key(model: type[Unit], verbose_name) -> models.ForeignKey:
    """A record's ancestor unit as it stood on the record's day (see PlacedRecord)."""
    return models.ForeignKey(
        model, on_delete=models.PROTECT, related_name="+", verbose_name=verbose_name
    )


class PlacedRecord(models.Model):
    """A record that keeps where it was made: the ancestors its unit had on the record's own
    day, stored beside it, so that a later move or merger never changes the figures of
    the period it belongs to, and an area's records are one indexed filter.

    `placed_unit` names the field of the record's unit; `place_day()` is the record's day.
    The keys are filled on save (apps.hierarchy.placements.place_records for many at once);
    only the correction of a mistaken placement rewrites them.
    """

    placed_unit: str
    day_field: str  # the field holding the record's day (or year), where a wrong one is reported

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        from apps.hierarchy.placements import place_records

        if kwargs.get("update_fields") is None:  # a partial save keeps the record's day and unit
            place_records([self])
        super().save(*args, **kwargs)

    def clean(self) -> None:
        """A record happens within its unit's life (apps.hierarchy.life)."""
        super().clean()
        if getattr(self, f"{self.placed_unit}_id") is None:
            type(self).before_placing([self])
        period = self.life_period()
        if period is not None and getattr(self, f"{self.placed_unit}_id") is not None:
            unit = getattr(self, self.placed_unit)
            refuse_outside_life(unit, *period, field=self.day_field)

    def life_period(self) -> tuple[datetime.date, datetime.date] | None:
        """The days on at least one of which the record's unit must have been alive (None
        while the record has no day)."""
        day = getattr(self, self.day_field)
        return None if day is None else (day, day)

    def place_day(self) -> datetime.date:
        """The day the record is placed on: its own (a yearly record overrides this)."""
        return getattr(self, self.day_field)

    @classmethod
    def placed_since_q(cls, day: datetime.date) -> Q:
        """The records whose day is `day` or later."""
        return Q(**{f"{cls.day_field}__gte": day})

    @classmethod
    def before_placing(cls, records: list["PlacedRecord"]) -> None:
        """Set the records' own unit where it follows from another field (a household's group)."""


class PlacedAtGroup(PlacedRecord):
    placed_unit = "group"
    district = ancestor_key(District, _("district"))
    commune = ancestor_key(Commune, _("commune"))
    hamlet = ancestor_key(Hamlet, _("hamlet"))

    class Meta:
        abstract = True


class PlacedAtHamlet(PlacedRecord):
    placed_unit = "hamlet"
    district = ancestor_key(District, _("district"))
    commune = ancestor_key(Commune, _("commune"))

    class Meta:
        abstract = True


class PlacedAtCommune(PlacedRecord):
    placed_unit = "commune"
    district = ancestor_key(District, _("district"))

    class Meta:
        abstract = True


class Reorganisation(models.Model):
    """A dated change of the structure, confirmed by a district (or province) administrator:
    a rename, a move, a merger, a split, or the end of a district whose communes go to a
    province. Carried out by apps.hierarchy.reorganise; kept, with who and when, in the
    audit trail, and reversible until records are made after it."""

    class Kind(models.TextChoices):
        RENAME = "rename", _("rename")
        MOVE = "move", _("move")
        MERGE = "merge", _("merger")
        SPLIT = "split", _("split")
        REGROUP = "regroup", _("district ended, communes to a province")

    scope_path = "district"

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    level = models.CharField(
        _("level"), max_length=10, choices=[(level, level) for level in LEVELS]
    )
    # The top unit the units stand in afterwards: its administrators see and may reverse it.
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        related_name="reorganisations",
        verbose_name=_("district or province"),
    )
    took_effect_on = models.DateField(_("took effect on"))
    legal_basis = models.CharField(
        _("legal basis"),
        max_length=200,
        blank=True,
        help_text=_("E.g. Nghị quyết 1663/NQ-UBTVQH15"),
    )
    note = models.TextField(_("note"), blank=True)
    # What a reversal needs that the successions do not say (a rename's old name).
    details = models.JSONField(_("details"), default=dict, blank=True)
    recorded_by = user_reference(_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    reversed_at = models.DateTimeField(_("reversed at"), null=True, blank=True)
    reversed_by = user_reference(_("reversed by"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reorganisation")
        verbose_name_plural = _("reorganisations")
        ordering = ["-took_effect_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.took_effect_on:%d/%m/%Y}"


class Succession(models.Model):
    """One link of a unit's lineage: `predecessor` became (or became part of) `successor`
    on the reorganisation's day. Both are units of `level`."""

    class Share(models.TextChoices):
        WHOLE = "whole", _("whole")
        PART = "part", _("part")

    reorganisation = models.ForeignKey(
        Reorganisation,
        on_delete=models.CASCADE,
        related_name="successions",
        verbose_name=_("reorganisation"),
    )
    level = models.CharField(
        _("level"), max_length=10, choices=[(level, level) for level in LEVELS]
    )
    predecessor_id = models.PositiveBigIntegerField(_("predecessor"))
    successor_id = models.PositiveBigIntegerField(_("successor"))
    share = models.CharField(_("share"), max_length=5, choices=Share.choices, default=Share.WHOLE)

    class Meta:
        verbose_name = _("succession")
        verbose_name_plural = _("successions")
        constraints = [
            models.UniqueConstraint(
                fields=["reorganisation", "level", "predecessor_id", "successor_id"],
                name="succession_once_per_reorganisation",
            ),
        ]
        indexes = [
            models.Index(fields=["level", "predecessor_id"]),
            models.Index(fields=["level", "successor_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.level} {self.predecessor_id} → {self.successor_id}"

    @property
    def predecessor(self) -> Unit:
        return UNIT_MODELS[self.level].objects.get(pk=self.predecessor_id)

    @property
    def successor(self) -> Unit:
        return UNIT_MODELS[self.level].objects.get(pk=self.successor_id)


def predecessors(level: str, pk: int) -> tuple[int, ...]:
    """The units of `level` that the unit `pk` was formed from, and theirs in turn, through
    reorganisations not reversed; one query a generation."""
    found: list[int] = []
    generation = [pk]
    while generation:
        generation = [
            predecessor
            for predecessor in Succession.objects.filter(
                level=level, successor_id__in=generation, reorganisation__reversed_at=None
            ).values_list("predecessor_id", flat=True)
            if predecessor not in found and predecessor != pk
        ]
        found.extend(dict.fromkeys(generation))
    return tuple(found)
