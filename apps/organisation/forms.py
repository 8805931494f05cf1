"""Forms of the organisation pages. Every message a user can meet is in Vietnamese via gettext.

A record placed at a unit (committee, visit, commendation, document) has a `unit`
choice instead of its unit columns: the view passes the units the user may write
to, keyed "level:id", and the form hands back the unit itself.
"""

import datetime

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.hierarchy.models import Group
from apps.organisation.models import (
    BoardMember,
    Commendation,
    CommitteeAssignment,
    CommitteeMember,
    Document,
    FollowUp,
    MobilisationBoard,
    SteeringCommittee,
    SupervisionVisit,
)
from apps.organisation.selectors import unit_key

# <input type="date"> sends and shows ISO dates; the browser displays them in the user's locale.
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PDF_MAGIC = b"%PDF-"
DECISION_FIELDS = ["decision_number", "decision_date", "issued_by", "established_on", "ended_on"]
DECISION_WIDGETS = {
    "decision_date": DATE_WIDGET,
    "established_on": DATE_WIDGET,
    "ended_on": DATE_WIDGET,
}
TERM_WIDGETS = {"started_on": DATE_WIDGET, "ended_on": DATE_WIDGET}


def unit_label(unit) -> str:
    # Group names repeat from hamlet to hamlet ("Tổ 1"): name the hamlet too.
    return f"{unit.name} — {unit.hamlet.name}" if isinstance(unit, Group) else str(unit)


class UnitChoiceMixin:
    """A `unit` field whose choices are the units given to the form."""

    def set_units(self, units: dict[str, object]) -> None:
        self.units = units
        self.fields["unit"].choices = [(key, unit_label(unit)) for key, unit in units.items()]
        if self.instance.pk:
            self.initial["unit"] = unit_key(self.instance.unit)

    def clean_unit(self):
        return self.units[self.cleaned_data["unit"]]

    def clean(self):
        cleaned = super().clean()
        # Placed now, before the model's own checks run (ModelForm._post_clean), so that
        # they see the unit.
        if cleaned.get("unit") is not None:
            self.instance.set_unit(cleaned["unit"])
        return cleaned


# How the committee's printed reports are numbered, dated and signed.
REPORT_FIELDS = ["report_symbol", "report_place", "signer_title", "signer_name", "recipients"]


class CommitteeForm(UnitChoiceMixin, forms.ModelForm):
    unit = forms.ChoiceField(label=_("Committee of"))

    class Meta:
        model = SteeringCommittee
        fields = [*DECISION_FIELDS, *REPORT_FIELDS]
        widgets = {
            **DECISION_WIDGETS,
            "signer_title": forms.Textarea(attrs={"rows": 2}),
            "recipients": forms.Textarea(attrs={"rows": 4}),
        }

    field_order = ["unit", *DECISION_FIELDS, *REPORT_FIELDS]

    def __init__(self, *args, units: dict[str, object], **kwargs):
        super().__init__(*args, **kwargs)
        self.set_units(units)

    def decision_fields(self) -> list[forms.BoundField]:
        return [field for field in self if field.name not in REPORT_FIELDS]

    def report_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in REPORT_FIELDS]


class BoardForm(forms.ModelForm):
    class Meta:
        model = MobilisationBoard
        fields = ["hamlet", *DECISION_FIELDS]
        widgets = DECISION_WIDGETS

    def __init__(self, *args, hamlets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hamlet"].queryset = hamlets
        self.fields["hamlet"].label_from_instance = lambda h: f"{h.name} — {h.commune.name}"


class CommitteeMemberForm(forms.ModelForm):
    class Meta:
        model = CommitteeMember
        fields = ["full_name", "position", "organisation", "started_on", "ended_on"]
        widgets = TERM_WIDGETS


class AssignmentForm(UnitChoiceMixin, forms.ModelForm):
    unit = forms.ChoiceField(label=_("Unit overseen"))

    class Meta:
        model = CommitteeAssignment
        fields = ["started_on", "ended_on"]
        widgets = TERM_WIDGETS

    field_order = ["unit", "started_on", "ended_on"]

    def __init__(self, *args, units: dict[str, object], **kwargs):
        super().__init__(*args, **kwargs)
        self.set_units(units)


class BoardMemberForm(forms.ModelForm):
    class Meta:
        model = BoardMember
        fields = ["full_name", "position", "started_on", "ended_on"]
        widgets = TERM_WIDGETS


class MemberChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, member: CommitteeMember) -> str:
        return f"{member.full_name} — {member.position} ({member.committee.unit})"


class VisitForm(UnitChoiceMixin, forms.ModelForm):
    unit = forms.ChoiceField(label=_("Unit visited"))
    members = MemberChoiceField(
        label=_("Committee members who visited"),
        queryset=CommitteeMember.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one committee member.")},
    )

    class Meta:
        model = SupervisionVisit
        fields = ["visited_on", "members", "findings", "shortcomings"]
        widgets = {
            "visited_on": DATE_WIDGET,
            "findings": forms.Textarea(attrs={"rows": 4}),
            "shortcomings": forms.Textarea(attrs={"rows": 3}),
        }

    field_order = ["unit", "visited_on", "members", "findings", "shortcomings"]

    def __init__(
        self, *args, units: dict[str, object], members, today: datetime.date, **kwargs
    ) -> None:
        """`members` are the committee members the user may name as visitors."""
        super().__init__(*args, **kwargs)
        self.today = today
        self.set_units(units)
        self.fields["members"].queryset = members
        self.fields["visited_on"].widget.attrs["max"] = today.isoformat()

    def clean_visited_on(self) -> datetime.date:
        visited_on = self.cleaned_data["visited_on"]
        if visited_on > self.today:
            raise forms.ValidationError(_("The visit date cannot be in the future."))
        return visited_on

    def clean(self):
        cleaned = super().clean()
        unit, members, day = (cleaned.get(k) for k in ("unit", "members", "visited_on"))
        if unit is None or not members:
            return cleaned
        for member in members:
            if not _covers(member.committee, unit):
                self.add_error(
                    "members",
                    _(
                        "%(name)s is on the committee of %(committee)s, "
                        "which does not oversee %(unit)s."
                    )
                    % {"name": member.full_name, "committee": member.committee.unit, "unit": unit},
                )
            elif day and not member.held_on(day):
                self.add_error(
                    "members",
                    _("%(name)s was not a committee member on that day.")
                    % {"name": member.full_name},
                )
        return cleaned


def _covers(committee: SteeringCommittee, unit) -> bool:
    """Whether the committee oversees `unit` (loaded with its ancestors): the district's
    committee any commune, hamlet or group of the district, a commune's committee the
    hamlets and groups of the commune."""
    if unit.level == "commune":
        return committee.is_district_level and unit.district_id == committee.district_id
    if unit.level not in ("hamlet", "group"):
        return False
    commune = unit.commune if unit.level == "hamlet" else unit.hamlet.commune
    if committee.is_district_level:
        return commune.district_id == committee.district_id
    return commune.pk == committee.commune_id


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = ["action", "due_on"]
        widgets = {"action": forms.Textarea(attrs={"rows": 2}), "due_on": DATE_WIDGET}


# New rows only: existing actions are changed one at a time, and deleted after a confirmation.
FollowUpFormSet = forms.formset_factory(FollowUpForm, extra=1, max_num=20, validate_max=True)
FollowUpEditFormSet = forms.modelformset_factory(FollowUp, form=FollowUpForm, extra=0)


class DoneForm(forms.Form):
    done_on = forms.DateField(label=_("Done on"), widget=DATE_WIDGET)

    def __init__(self, *args, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["done_on"].widget.attrs["max"] = today.isoformat()
        self.initial.setdefault("done_on", today)

    def clean_done_on(self) -> datetime.date:
        done_on = self.cleaned_data["done_on"]
        if done_on > self.today:
            raise forms.ValidationError(_("The day it was done cannot be in the future."))
        return done_on


class CommendationForm(UnitChoiceMixin, forms.ModelForm):
    unit = forms.ChoiceField(label=_("Unit"))

    class Meta:
        model = Commendation
        fields = [
            "person_name",
            "year",
            "title",
            "decision_number",
            "decision_date",
            "achievement",
        ]
        widgets = {
            "year": forms.NumberInput(attrs={"inputmode": "numeric", "min": 2000, "max": 2100}),
            "decision_date": DATE_WIDGET,
            "achievement": forms.Textarea(attrs={"rows": 3}),
        }

    field_order = ["unit", "person_name", "year", "title", "decision_number", "decision_date"]

    def __init__(self, *args, units: dict[str, object], **kwargs):
        super().__init__(*args, **kwargs)
        self.set_units(units)


def validate_pdf(upload: UploadedFile) -> None:
    """A PDF by its content, whatever its name says, no larger than DOCUMENT_MAX_BYTES."""
    if upload.size > settings.DOCUMENT_MAX_BYTES:
        raise forms.ValidationError(
            _("The file is larger than %(mb)s MB. Scan it at a lower resolution.")
            % {"mb": settings.DOCUMENT_MAX_BYTES // (1024 * 1024)},
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(len(PDF_MAGIC))
    upload.seek(0)
    if head != PDF_MAGIC:
        raise forms.ValidationError(
            _(
                "This file is not a PDF document. "
                "Save or scan the document as a PDF and upload that."
            ),
            code="not_pdf",
        )


class _DownloadLink:
    """What the file widget shows of a stored file: its name, linked to the checked download."""

    def __init__(self, document: Document) -> None:
        self.url = reverse("organisation:document_download", args=[document.pk])
        self.name = document.download_name()

    def __str__(self) -> str:
        return self.name


class ProtectedFileInput(forms.ClearableFileInput):
    """Links a stored document to its download view, never to a public media address."""

    def is_initial(self, value) -> bool:
        instance = getattr(value, "instance", None)
        return bool(value) and instance is not None and instance.pk is not None

    def format_value(self, value):
        return _DownloadLink(value.instance) if self.is_initial(value) else None


class PdfUploadMixin:
    """Checks a new upload by content and size; remembers the name it was uploaded under."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            validate_pdf(upload)
            self.instance.file_name = upload.name[-200:]
        elif upload is False:
            self.instance.file_name = ""
        return upload


class DocumentForm(PdfUploadMixin, UnitChoiceMixin, forms.ModelForm):
    unit = forms.ChoiceField(label=_("Document of"))

    class Meta:
        model = Document
        fields = ["number", "issued_on", "issued_by", "title", "file"]
        widgets = {
            "issued_on": DATE_WIDGET,
            "file": ProtectedFileInput(attrs={"accept": "application/pdf,.pdf"}),
        }

    field_order = ["unit", "number", "issued_on", "issued_by", "title", "file"]

    def __init__(self, *args, units: dict[str, object], **kwargs):
        super().__init__(*args, **kwargs)
        self.set_units(units)
