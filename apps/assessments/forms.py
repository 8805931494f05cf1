import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from apps.assessments.services import HOUSEHOLD_FLAGS
from apps.hierarchy.life import refuse_outside_life

CULTURAL_NEEDS_THREE_NO = _('A cultural family must also be "3 không" (all three ticked).')


class HouseholdRowForm(forms.Form):
    """One household's line on the group's page (and on an uploaded sheet)."""

    household = forms.IntegerField(widget=forms.HiddenInput)
    no_crime = forms.BooleanField(label=_("No crime"), required=False)
    no_social_evils = forms.BooleanField(label=_("No social evils"), required=False)
    no_drugs = forms.BooleanField(label=_("No drugs"), required=False)
    cultural_family = forms.BooleanField(label=_("Cultural family"), required=False)

    def clean(self):
        cleaned = super().clean()
        three_no = all(cleaned.get(flag) for flag in HOUSEHOLD_FLAGS[:3])
        if cleaned.get("cultural_family") and not three_no:
            raise forms.ValidationError(CULTURAL_NEEDS_THREE_NO)
        return cleaned

    def flags(self) -> dict[str, bool]:
        return {flag: self.cleaned_data[flag] for flag in HOUSEHOLD_FLAGS}

    @property
    def flag_fields(self) -> list[forms.BoundField]:
        return [self[flag] for flag in HOUSEHOLD_FLAGS]


def refuse_outside_year(units, year: int) -> None:
    """Refuse a year's assessment of units not alive in that year, naming each."""
    errors = []
    for unit in units:
        try:
            refuse_outside_life(unit, datetime.date(year, 1, 1), datetime.date(year, 12, 31))
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise forms.ValidationError(errors)


class BaseHouseholdRows(forms.BaseFormSet):
    def __init__(self, *args, households, group, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.households = {h.pk: h for h in households}
        self.group, self.year = group, year
        for form in self.forms:
            household_id = form.initial.get("household") or _int(form["household"].value())
            form.subject = self.households.get(household_id)

    def clean(self):
        seen = set()
        for form in self.forms:
            household_id = form.cleaned_data.get("household")
            if household_id not in self.households or household_id in seen:
                raise forms.ValidationError(
                    _("The list of households has changed. Reload the page.")
                )
            seen.add(household_id)
        refuse_outside_year([self.group], self.year)


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


HouseholdRows = forms.formset_factory(
    HouseholdRowForm, formset=BaseHouseholdRows, extra=0, max_num=500, validate_max=True
)


class UnitRatingForm(forms.Form):
    """A group's or hamlet's line on the commune's rating page."""

    unit = forms.IntegerField(widget=forms.HiddenInput)
    safe = forms.BooleanField(label=_("Safe"), required=False)
    cultural = forms.BooleanField(label=_("Cultural"), required=False)


class BaseUnitRatings(forms.BaseFormSet):
    def __init__(self, *args, units, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.units, self.year = {u.pk: u for u in units}, year
        for form in self.forms:
            form.subject = self.units.get(form.initial.get("unit") or _int(form["unit"].value()))

    def clean(self):
        ids = [form.cleaned_data.get("unit") for form in self.forms]
        if any(i not in self.units for i in ids) or len(set(ids)) != len(ids):
            raise forms.ValidationError(_("The list of units has changed. Reload the page."))
        refuse_outside_year([form.subject for form in self.forms], self.year)


UnitRatings = forms.formset_factory(
    UnitRatingForm, formset=BaseUnitRatings, extra=0, max_num=2000, validate_max=True
)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Filled-in sheet (.xlsx)"))
