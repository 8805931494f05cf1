"""Users and the part of the district each one works on.

A scope pairs a role with one unit of the hierarchy; a user may hold several
(an official covering two hamlets). Which unit a role takes is fixed: the
district for administrators and the steering committee, a commune for commune
officials, and so on, and the database refuses any other combination.
"""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.hierarchy.models import Commune, District, Group, Hamlet


class User(AbstractUser):
    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")


class Scope(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", _("district administrator")
        STEERING = "steering", _("district steering committee")
        COMMUNE = "commune", _("commune official")
        HAMLET = "hamlet", _("hamlet official")
        GROUP_LEADER = "group_leader", _("group leader")

    # Which unit field each role uses.
    UNIT_FIELD = {
        Role.ADMIN: "district",
        Role.STEERING: "district",
        Role.COMMUNE: "commune",
        Role.HAMLET: "hamlet",
        Role.GROUP_LEADER: "group",
    }

    # The district-level roles as the holders of a province's or a city's know them (since
    # the 2025 reform the unit above communes is mostly a province).
    TOP_ROLE_NAMES = {
        (Role.ADMIN, District.Kind.PROVINCE): _("province administrator"),
        (Role.STEERING, District.Kind.PROVINCE): _("province steering committee"),
        (Role.ADMIN, District.Kind.CITY): _("city administrator"),
        (Role.STEERING, District.Kind.CITY): _("city steering committee"),
    }

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="scopes",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=15, choices=Role.choices)
    district = models.ForeignKey(
        District, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("district")
    )
    commune = models.ForeignKey(
        Commune, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("commune")
    )
    hamlet = models.ForeignKey(
        Hamlet, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("hamlet")
    )
    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("group")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("scope")
        verbose_name_plural = _("scopes")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        role__in=["admin", "steering"],
                        district__isnull=False,
                        commune__isnull=True,
                        hamlet__isnull=True,
                        group__isnull=True,
                    )
                    | Q(
                        role="commune",
                        district__isnull=True,
                        commune__isnull=False,
                        hamlet__isnull=True,
                        group__isnull=True,
                    )
                    | Q(
                        role="hamlet",
                        district__isnull=True,
                        commune__isnull=True,
                        hamlet__isnull=False,
                        group__isnull=True,
                    )
                    | Q(
                        role="group_leader",
                        district__isnull=True,
                        commune__isnull=True,
                        hamlet__isnull=True,
                        group__isnull=False,
                    )
                ),
                name="scope_unit_matches_role",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.role_name()}: {self.unit}"

    def role_name(self) -> str:
        """The role's name for its unit: "province steering committee" for a province's."""
        kind = self.district.kind if self.district_id else None
        return str(self.TOP_ROLE_NAMES.get((self.role, kind), self.get_role_display()))

    @property
    def unit(self):
        return getattr(self, self.UNIT_FIELD[self.role])


class ExportLog(models.Model):
    """Who downloaded which personal rows, and when: households' assessment flags, rosters,
    petitions with the citizens' names."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("user"),
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    what = models.CharField(_("what"), max_length=255)
    rows = models.PositiveIntegerField(_("rows"))

    class Meta:
        verbose_name = _("export of personal data")
        verbose_name_plural = _("exports of personal data")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.user} — {self.what} ({self.at:%d/%m/%Y %H:%M})"
