"""Households, people, and the roles people hold in groups over time.

Roles and oversight assignments are dated periods (the end date is the last
day held, empty while current), so "who led group X in March 2010" has an
answer, and indicators can count holders at any period's end. Party membership and a
household's group are dated too (apps.people.memberships).
"""

import datetime
import secrets

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.dated import alive_q, check_ends_after_start, ends_after_start, one_running
from apps.core.fields import FoldedField, NameField
from apps.hierarchy.models import EndsWithItsUnit, Group, GroupPlacements


class Household(models.Model):
    """A household; `group` is its group now, the group of its open HouseholdMembership
    (the dated rows say which group it belonged to on any day). `joined_on` and `left_on`
    bound its life in the area, whatever its group."""

    scope_path = "group"

    group = models.ForeignKey(
        Group, on_delete=models.PROTECT, related_name="households", verbose_name=_("group")
    )
    code = models.CharField(_("code"), max_length=30)
    address = NameField(_("address"), max_length=255, blank=True)
    address_folded = FoldedField(source="address")
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering = ["group", "code"]
        constraints = [
            models.UniqueConstraint(fields=["group", "code"], name="household_code_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.address}" if self.address else self.code


phone_validator = RegexValidator(
    r"^\+?[0-9 .]{8,15}$", _("Enter a phone number of 8 to 15 digits, e.g. 0912 345 678.")
)


# A person's code: no 0/O or 1/I to misread. 32**10 codes leave a collision (which the
# unique constraint refuses) unlikely even with every group of the country on file.
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 10


def new_person_code() -> str:
    """A fresh code for a person: random, so it says nothing about them and never changes."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class Person(models.Model):
    """A member of a household. `code` is their identity in exported and re-imported rosters,
    whatever else about them is corrected; `left_on` is the last day they were on the
    roster (empty while they are), so ending a person keeps them and their past."""

    scope_path = "household__group"

    class Gender(models.TextChoices):
        MALE = "male", _("male")
        FEMALE = "female", _("female")

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="people", verbose_name=_("household")
    )
    full_name = NameField(_("full name"), max_length=120)
    name_folded = FoldedField(source="full_name")
    gender = models.CharField(_("gender"), max_length=6, choices=Gender.choices)
    birth_year = models.PositiveSmallIntegerField(
        _("birth year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    # Text, never a number: Vietnamese mobile numbers start with 0.
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[phone_validator])
    is_household_head = models.BooleanField(_("head of household"), default=False)
    code = models.CharField(
        _("code"), max_length=CODE_LENGTH, unique=True, default=new_person_code, editable=False
    )
    left_on = models.DateField(_("left on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["household", "-is_household_head", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["household"],
                condition=Q(is_household_head=True),
                name="one_head_per_household",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name


def held_on_q(day: datetime.date) -> Q:
    """The condition for a role or an oversight to be held on `day`."""
    return alive_q(day, day)


class HeldQuerySet(models.QuerySet):
    def held_on(self, day: datetime.date) -> "HeldQuerySet":
        """Periods that include `day`."""
        return self.filter(held_on_q(day))

    def current(self) -> "HeldQuerySet":
        return self.filter(ended_on__isnull=True)


class HeldPeriod(EndsWithItsUnit, models.Model):
    """A person's dated period on a group; `ended_on` is the last day held, empty while current.

    Subclasses define `group` and `person` with their own related names.
    """

    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    objects = HeldQuerySet.as_manager()
    history = HistoricalRecords(inherit=True)
    scope_path = "group"

    class Meta:
        abstract = True

    @classmethod
    def held_at(cls, unit) -> Q | None:
        return Q(group=unit) if unit.level == "group" else None

    def overlapping(self) -> models.QuerySet:
        """Other periods of the same kind on this group that share a day with this one."""
        others = type(self).objects.filter(group_id=self.group_id).exclude(pk=self.pk)
        if self.ended_on:
            others = others.filter(started_on__lte=self.ended_on)
        return others.filter(Q(ended_on__isnull=True) | Q(ended_on__gte=self.started_on))

    def clean(self) -> None:
        check_ends_after_start(self.started_on, self.ended_on)


def one_held_at_a_time(running: str, ends: str) -> list[models.BaseConstraint]:
    """The database's side of a held period: one running per person and group (the
    constraint named `running`), and never ending before it began (named `ends`)."""
    return [one_running("group", "person", name=running), ends_after_start(ends)]


class GroupRole(HeldPeriod):
    class Role(models.TextChoices):
        LEADER = "leader", _("group leader")
        DEPUTY = "deputy", _("deputy leader")

    group = models.ForeignKey(
        Group, on_delete=models.PROTECT, related_name="roles", verbose_name=_("group")
    )
    group_placements = GroupPlacements()
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="roles", verbose_name=_("person")
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)

    class Meta:
        verbose_name = _("group role")
        verbose_name_plural = _("group roles")
        ordering = ["group", "role", "-started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["group"],
                condition=Q(role="leader", ended_on__isnull=True),
                name="one_current_leader_per_group",
            ),
            *one_held_at_a_time("one_current_role_per_person_and_group", "role_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.person} ({self.group})"

    def clean(self) -> None:
        super().clean()
        is_leader = self.role == self.Role.LEADER and self.group_id and self.started_on
        if is_leader and self.overlapping().filter(role=self.Role.LEADER).exists():
            raise ValidationError(_("The group already has a leader during part of this period."))


def party_members_today() -> dict:
    """The people offered for an oversight: today's party members."""
    return {"pk__in": PartyMembership.objects.on(timezone.localdate()).values("person")}


class PartyOversight(HeldPeriod):
    """A party member assigned to oversee a group (đảng viên phụ trách tổ)."""

    group = models.ForeignKey(
        Group, on_delete=models.PROTECT, related_name="oversights", verbose_name=_("group")
    )
    group_placements = GroupPlacements()
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="oversights",
        verbose_name=_("party member"),
        limit_choices_to=party_members_today,
    )

    class Meta:
        verbose_name = _("party oversight")
        verbose_name_plural = _("party oversights")
        ordering = ["group", "-started_on"]
        constraints = one_held_at_a_time(
            "one_current_oversight_per_person_and_group", "oversight_ends_after_start"
        )

    def __str__(self) -> str:
        return f"{self.person} → {self.group}"

    def clean(self) -> None:
        super().clean()
        if self.person_id and self.started_on and not self._party_member_throughout():
            raise ValidationError(
                {"person": _("Only a party member can oversee a group, for the whole period.")}
            )

    def _party_member_throughout(self) -> bool:
        """A party member on the first day and on the last (today while it lasts)."""
        last = self.ended_on or max(self.started_on, timezone.localdate())
        return all(is_party_member(self.person_id, day) for day in {self.started_on, last})


# The dated memberships live in their own module; loaded here, as models of this app.
from apps.people.memberships import PartyMembership, is_party_member  # noqa: E402, I001
from apps.people import household_counts  # noqa: E402, F401
