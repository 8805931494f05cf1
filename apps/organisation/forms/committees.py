"""Forms of steering committees, their members and the units each member oversees."""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.organisation.forms.common import (
    DECISION_FIELDS,
    DECISION_WIDGETS,
    TERM_WIDGETS,
    UnitChoiceMixin,
)
from apps.organisation.models import (
    CommitteeAssignment,
    CommitteeMember,
    SteeringCommittee,
)

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
