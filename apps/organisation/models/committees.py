"""Steering committees (ban chỉ đạo) of the district and of each commune, their members and
the units each member oversees."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.dated import ends_after_start
from apps.hierarchy.models import (
    Commune,
    District,
    EndsWithItsUnit,
    Hamlet,
    OfDistrictOrCommune,
    optional_unit,
)
from apps.hierarchy.placements import stood_under
from apps.organisation.models.common import (
    Decision,
    Member,
    Term,
    overlaps,
)

# What a committee's printed report carries by default (Decree 30/2020/NĐ-CP): a report
# (BC) of the steering committee (BCĐ), signed by its head.
REPORT_SYMBOL = "BC-BCĐ"
SIGNER_TITLE = "TRƯỞNG BAN"


class SteeringCommittee(OfDistrictOrCommune, EndsWithItsUnit, Decision):
    """The district's committee (commune empty) or a commune's.

    It also keeps how its printed reports are numbered, dated and signed: they are
    printed for the unit the committee directs (apps.indicators.letterhead).
    """

    scope_fields = {"district": "district", "commune": "commune"}
    dated_by = begins = "established_on"

    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="committees", verbose_name=_("district")
    )
    commune = optional_unit(Commune, _("commune"), related_name="committees")
    report_symbol = models.CharField(
        _("report number symbol"),
        max_length=30,
        blank=True,
        default=REPORT_SYMBOL,
        help_text=_('Printed after the report\'s number, as in "No.: 15/BC-BCĐ".'),
    )
    report_place = models.CharField(
        _("place in the date line"),
        max_length=60,
        blank=True,
        help_text=_(
            'The place before the date, as in "Cao Lãnh, day 01 month 12 year 2026". '
            'Leave it empty to use the unit\'s name without "Huyện" or "Xã".'
        ),
    )
    signer_title = models.CharField(
        _("signer's title"),
        max_length=120,
        blank=True,
        default=SIGNER_TITLE,
        help_text=_(
            'One line each, as in "KT. TRƯỞNG BAN" then "PHÓ TRƯỞNG BAN" '
            'when a deputy signs for the head. Leave it empty for "TRƯỞNG BAN".'
        ),
    )
    signer_name = models.CharField(
        _("signer's full name"),
        max_length=120,
        blank=True,
        help_text=_("Leave it empty to write the name by hand."),
    )
    recipients = models.TextField(
        _("recipients"),
        max_length=1000,
        blank=True,
        help_text=_(
            'One recipient a line, as in "Ban Dân vận Huyện ủy;" then "Lưu: VT.". '
            "Leave it empty for lines to fill in by hand."
        ),
    )

    class Meta:
        verbose_name = _("steering committee")
        verbose_name_plural = _("steering committees")
        ordering = ["district", "commune", "-established_on"]
        # Overlapping committees of one unit are refused by clean(), on every form.
        constraints = [ends_after_start("committee_ends_after_start", start="established_on")]

    def __str__(self) -> str:
        return str(_("Steering committee of %(unit)s") % {"unit": self.commune or self.district})

    @property
    def is_district_level(self) -> bool:
        return self.commune_id is None

    @classmethod
    def held_at(cls, unit, prefix: str = "") -> Q | None:
        """The committee of `unit` itself (a district's: not those of its communes)."""
        if unit.level == "district":
            return Q(**{f"{prefix}district": unit, f"{prefix}commune__isnull": True})
        return Q(**{f"{prefix}commune": unit}) if unit.level == "commune" else None

    def clean(self) -> None:
        super().clean()
        # Where its commune stands, or stood when it was set up (save keeps the latter).
        if (
            self.commune_id
            and self.district_id
            and not stood_under(self.commune, self.district_id, self.established_on)
        ):
            raise ValidationError({"commune": _("The commune is not in this district.")})
        if not self.district_id or not self.established_on:
            return
        # A commune's committees, under whichever district each was set up in.
        others = SteeringCommittee.objects.filter(commune_id=self.commune_id).exclude(pk=self.pk)
        if not self.commune_id:
            others = others.filter(district_id=self.district_id)
        if overlaps(others, "established_on", self.established_on, self.ended_on).exists():
            raise ValidationError(
                _("This unit already has a steering committee during part of this period.")
            )


class CommitteeMember(EndsWithItsUnit, Member):
    """A member of a steering committee, from one of the organisations running the model."""

    class Organisation(models.TextChoices):
        FATHERLAND_FRONT = "front", _("Fatherland Front")
        POLICE = "police", _("police")
        STUDY_PROMOTION = "study", _("Study Promotion Association")
        FARMERS = "farmers", _("Farmers' Association")
        PARTY_COMMITTEE = "party", _("Party committee")
        PEOPLES_COMMITTEE = "people", _("People's Committee")

    scope_fields = {"district": "committee__district", "commune": "committee__commune"}

    committee = models.ForeignKey(
        SteeringCommittee,
        on_delete=models.CASCADE,
        related_name="members",
        verbose_name=_("steering committee"),
    )
    organisation = models.CharField(_("organisation"), max_length=10, choices=Organisation.choices)

    class Meta:
        verbose_name = _("steering committee member")
        verbose_name_plural = _("steering committee members")
        ordering = ["committee", "ended_on", "full_name"]
        constraints = [ends_after_start("committee_member_ends_after_start")]

    @classmethod
    def held_at(cls, unit) -> Q | None:
        return SteeringCommittee.held_at(unit, prefix="committee__")


class CommitteeAssignment(EndsWithItsUnit, Term):
    """A committee member assigned to oversee a unit: a commune for a district committee's
    member, a hamlet for a commune committee's member."""

    scope_fields = {
        "district": "member__committee__district",
        "commune": "member__committee__commune",
    }

    member = models.ForeignKey(
        CommitteeMember,
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("member"),
    )
    commune = optional_unit(Commune, _("commune"))
    hamlet = optional_unit(Hamlet, _("hamlet"))

    class Meta:
        verbose_name = _("assignment to a unit")
        verbose_name_plural = _("assignments to units")
        ordering = ["member", "-started_on"]
        constraints = [
            ends_after_start("assignment_ends_after_start"),
            models.CheckConstraint(
                condition=Q(commune__isnull=True, hamlet__isnull=False)
                | Q(commune__isnull=False, hamlet__isnull=True),
                name="assignment_to_one_unit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member.full_name} → {self.unit}"

    @classmethod
    def held_at(cls, unit) -> Q | None:
        """Its committee's unit ends, or the unit it oversees."""
        held = SteeringCommittee.held_at(unit, prefix="member__committee__")
        if unit.level in ("commune", "hamlet"):
            overseen = Q(**{unit.level: unit})
            held = overseen if held is None else held | overseen
        return held  # None at a group: nothing to end there

    @classmethod
    def held_from_above(cls, unit, parent) -> Q | None:
        """An oversight of a hamlet by its commune's committee, or of a commune by its
        district's."""
        if unit.level not in ("commune", "hamlet"):
            return None
        return Q(**{unit.level: unit}) & SteeringCommittee.held_at(
            parent, prefix="member__committee__"
        )

    @property
    def unit(self) -> Commune | Hamlet:
        return self.commune or self.hamlet

    def set_unit(self, unit: Commune | Hamlet) -> None:
        self.commune = unit if isinstance(unit, Commune) else None
        self.hamlet = unit if isinstance(unit, Hamlet) else None

    def clean(self) -> None:
        super().clean()
        if not self.member_id or not (self.commune_id or self.hamlet_id):
            return
        committee = self.member.committee
        # The unit stands under the committee's, or did when the assignment began (a hamlet
        # merged away since: the assignment can still be ended).
        if committee.is_district_level:
            fits = self.commune_id and stood_under(
                self.commune, committee.district_id, self.started_on
            )
            message = _("A district committee member oversees communes of the district.")
        else:
            fits = self.hamlet_id and stood_under(
                self.hamlet, committee.commune_id, self.started_on
            )
            message = _("A commune committee member oversees hamlets of the commune.")
        if not fits:
            raise ValidationError(message)
