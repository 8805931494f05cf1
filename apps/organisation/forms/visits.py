"""Forms of supervision visits and their follow-up actions."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import not_after
from apps.organisation.forms.common import (
    DATE_WIDGET,
    UnitChoiceMixin,
)
from apps.organisation.models import (
    CommitteeMember,
    FollowUp,
    SteeringCommittee,
    SupervisionVisit,
)


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
        return not_after(visited_on, self.today, _("The visit date cannot be in the future."))

    def clean(self):
        cleaned = super().clean()
        unit, members, day = (cleaned.get(k) for k in ("unit", "members", "visited_on"))
        if unit is None or not members:
            return cleaned
        if day:  # placed where its unit stood that day, as saving keeps it
            self.instance.visited_on = day
            self.instance.place()
        for member in members:
            if not _covers(member.committee, self.instance):
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


def _covers(committee: SteeringCommittee, visit: SupervisionVisit) -> bool:
    """Whether the committee oversaw the visited unit where the visit is placed (its unit's
    place on the visit's day: a hamlet merged into another commune since was its old
    commune's to visit then): the district's committee any commune, hamlet or group of the
    district, a commune's committee the hamlets and groups of the commune."""
    if committee.is_district_level:
        return visit.commune_id is not None and visit.district_id == committee.district_id
    return visit.hamlet_id is not None and visit.commune_id == committee.commune_id


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
        return not_after(done_on, self.today, _("The day it was done cannot be in the future."))
