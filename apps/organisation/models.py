"""Who directs the model and who checks on it: steering committees (ban chỉ đạo) of the
district and of each commune with their members and the units each member oversees, the
mobilisation board (ban vận động) of each hamlet with its members, supervision visits
(kiểm tra, giám sát) with their follow-up actions, commendations (khen thưởng), and the
documents (decisions, regulations) that set the model up.

Bodies, memberships and assignments are dated periods (the end date is the last
day, empty while current), so "did commune X have a steering committee at the end
of 2025" has an answer.

Visits, commendations and documents hang from a unit at any level with that unit's
ancestors stored beside it (as outreach sessions do), so "the visits in commune X"
is one indexed filter whatever level was visited, and the visited unit's officials
see the visits to their units through the scope rule (apps.accounts.access).
"""

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.dated import alive_on, alive_q
from apps.core.fields import FoldedField, NameField, user_reference
from apps.hierarchy.models import AtUnit, Commune, District, Hamlet, optional_unit

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


def ends_after(start: str, name: str) -> models.CheckConstraint:
    """A dated period whose last day, if any, is not before its first."""
    return models.CheckConstraint(
        condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F(start)), name=name
    )


def _overlaps(queryset: models.QuerySet, start: str, first: datetime.date, last):
    """The periods of `queryset` sharing a day with [first, last] (last None: still running)."""
    return queryset.filter(alive_q(first, last, start=start))


def _check_period(first, last) -> None:
    if first and last and last < first:
        raise ValidationError({"ended_on": _("The end date is before the start date.")})


class PeriodQuerySet(models.QuerySet):
    def current_on(self, day: datetime.date) -> "PeriodQuerySet":
        return self.filter(alive_q(day, day, start="established_on"))


class TermQuerySet(models.QuerySet):
    def current_on(self, day: datetime.date) -> "TermQuerySet":
        """Members or assignments held on `day`."""
        return self.filter(alive_q(day, day))


class Decision(models.Model):
    """Set up by a decision (quyết định): number, date and issuing body."""

    decision_number = models.CharField(_("decision number"), max_length=60)
    decision_date = models.DateField(_("decision date"))
    issued_by = models.CharField(_("issuing body"), max_length=200)
    established_on = models.DateField(_("established on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    objects = PeriodQuerySet.as_manager()

    class Meta:
        abstract = True

    def clean(self) -> None:
        _check_period(self.established_on, self.ended_on)


class Term(models.Model):
    """A dated period held by someone: started_on to ended_on (the last day; empty while held)."""

    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    objects = TermQuerySet.as_manager()

    class Meta:
        abstract = True

    def clean(self) -> None:
        _check_period(self.started_on, self.ended_on)

    def held_on(self, day: datetime.date) -> bool:
        return alive_on(self.started_on, self.ended_on, day)


# What a committee's printed report carries by default (Decree 30/2020/NĐ-CP): a report
# (BC) of the steering committee (BCĐ), signed by its head.
REPORT_SYMBOL = "BC-BCĐ"
SIGNER_TITLE = "TRƯỞNG BAN"


class SteeringCommittee(Decision):
    """The district's committee (commune empty) or a commune's.

    It also keeps how its printed reports are numbered, dated and signed: they are
    printed for the unit the committee directs (apps.indicators.letterhead).
    """

    scope_fields = {"district": "district", "commune": "commune"}

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
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("steering committee")
        verbose_name_plural = _("steering committees")
        ordering = ["district", "commune", "-established_on"]
        # Overlapping committees of one unit are refused by clean(), on every form.
        constraints = [ends_after("established_on", "committee_ends_after_start")]

    def __str__(self) -> str:
        return str(_("Steering committee of %(unit)s") % {"unit": self.commune or self.district})

    @property
    def unit(self) -> District | Commune:
        return self.commune or self.district

    @property
    def is_district_level(self) -> bool:
        return self.commune_id is None

    def set_unit(self, unit: District | Commune) -> None:
        self.commune = unit if isinstance(unit, Commune) else None
        self.district = unit.district if isinstance(unit, Commune) else unit

    def clean(self) -> None:
        super().clean()
        if self.commune_id and self.district_id and self.commune.district_id != self.district_id:
            raise ValidationError({"commune": _("The commune is not in this district.")})
        if not self.district_id or not self.established_on:
            return
        others = SteeringCommittee.objects.filter(
            district_id=self.district_id, commune_id=self.commune_id
        ).exclude(pk=self.pk)
        if _overlaps(others, "established_on", self.established_on, self.ended_on).exists():
            raise ValidationError(
                _("This unit already has a steering committee during part of this period.")
            )


class MobilisationBoard(Decision):
    """A hamlet's mobilisation board; set up by the commune, so written from above."""

    scope_path = "hamlet"
    written_from_above = True

    hamlet = models.ForeignKey(
        Hamlet, on_delete=models.PROTECT, related_name="boards", verbose_name=_("hamlet")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mobilisation board")
        verbose_name_plural = _("mobilisation boards")
        ordering = ["hamlet", "-established_on"]
        constraints = [ends_after("established_on", "board_ends_after_start")]

    def __str__(self) -> str:
        return str(_("Mobilisation board of %(hamlet)s") % {"hamlet": self.hamlet})

    def clean(self) -> None:
        super().clean()
        if not self.hamlet_id or not self.established_on:
            return
        others = MobilisationBoard.objects.filter(hamlet_id=self.hamlet_id).exclude(pk=self.pk)
        if _overlaps(others, "established_on", self.established_on, self.ended_on).exists():
            raise ValidationError(
                _("This hamlet already has a mobilisation board during part of this period.")
            )


class CommitteeMember(Term):
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
    full_name = NameField(_("full name"), max_length=120)
    name_folded = FoldedField(source="full_name")
    position = models.CharField(
        _("position"), max_length=120, help_text=_("For example: head, deputy head, member.")
    )
    organisation = models.CharField(_("organisation"), max_length=10, choices=Organisation.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("steering committee member")
        verbose_name_plural = _("steering committee members")
        ordering = ["committee", "ended_on", "full_name"]
        constraints = [ends_after("started_on", "committee_member_ends_after_start")]

    def __str__(self) -> str:
        return f"{self.full_name} — {self.position}"


class CommitteeAssignment(Term):
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
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assignment to a unit")
        verbose_name_plural = _("assignments to units")
        ordering = ["member", "-started_on"]
        constraints = [
            ends_after("started_on", "assignment_ends_after_start"),
            models.CheckConstraint(
                condition=Q(commune__isnull=True, hamlet__isnull=False)
                | Q(commune__isnull=False, hamlet__isnull=True),
                name="assignment_to_one_unit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member.full_name} → {self.unit}"

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
        if committee.is_district_level:
            fits = self.commune_id and self.commune.district_id == committee.district_id
            message = _("A district committee member oversees communes of the district.")
        else:
            fits = self.hamlet_id and self.hamlet.commune_id == committee.commune_id
            message = _("A commune committee member oversees hamlets of the commune.")
        if not fits:
            raise ValidationError(message)


class BoardMember(Term):
    """A member of a hamlet's mobilisation board."""

    scope_path = "board__hamlet"
    written_from_above = True

    board = models.ForeignKey(
        MobilisationBoard,
        on_delete=models.CASCADE,
        related_name="members",
        verbose_name=_("mobilisation board"),
    )
    full_name = NameField(_("full name"), max_length=120)
    name_folded = FoldedField(source="full_name")
    position = models.CharField(
        _("position"), max_length=120, help_text=_("For example: head, deputy head, member.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mobilisation board member")
        verbose_name_plural = _("mobilisation board members")
        ordering = ["board", "ended_on", "full_name"]
        constraints = [ends_after("started_on", "board_member_ends_after_start")]

    def __str__(self) -> str:
        return f"{self.full_name} — {self.position}"


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
    history = HistoricalRecords()

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


class Commendation(AtUnit):
    """A commendation (khen thưởng) of a person (named) or of the unit itself (no name).

    A person's commendation is placed at the unit they work in, so that it is seen by
    the same officials as the unit's.
    """

    dated_by = "decision_date"

    person_name = NameField(
        _("person commended"),
        max_length=120,
        blank=True,
        help_text=_("Leave empty when the unit itself is commended."),
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    title = models.CharField(_("title"), max_length=200)
    decision_number = models.CharField(_("decision number"), max_length=60)
    decision_date = models.DateField(_("decision date"))
    achievement = models.TextField(_("achievement"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("commendation")
        verbose_name_plural = _("commendations")
        ordering = ["-year", "-decision_date", "-id"]
        constraints = [
            AtUnit.ancestors_filled("commendation_unit_ancestors_filled"),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100), name="commendation_year_sane"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} — {self.person_name or self.unit} ({self.year})"


def document_path(document: "Document", filename: str) -> str:
    # Never the uploaded name: it is kept in `file_name` and given back on download.
    return f"documents/{uuid.uuid4().hex}.pdf"


class Document(models.Model):
    """A decision or regulation setting up the model, of the district or of a commune."""

    scope_fields = {"district": "district", "commune": "commune"}

    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="+", verbose_name=_("district")
    )
    commune = optional_unit(Commune, _("commune"))
    number = models.CharField(_("number"), max_length=60)
    issued_on = models.DateField(_("date"))
    issued_by = models.CharField(_("issuing body"), max_length=200)
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(
        _("PDF file"),
        upload_to=document_path,
        blank=True,
        max_length=200,
        help_text=_("Optional: the signed document as a PDF file."),
    )
    file_name = models.CharField(_("file name"), max_length=200, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-issued_on", "-id"]

    def __str__(self) -> str:
        return f"{self.number} — {self.title}"

    @property
    def unit(self) -> District | Commune:
        return self.commune or self.district

    def set_unit(self, unit: District | Commune) -> None:
        self.commune = unit if isinstance(unit, Commune) else None
        self.district = unit.district if isinstance(unit, Commune) else unit

    def download_name(self) -> str:
        return self.file_name or f"{self.number}.pdf".replace("/", "-")
