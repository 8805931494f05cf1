"""Forms of the meeting pages. Every message a user can meet is in Vietnamese via gettext."""

import datetime

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from apps.core.forms import not_after
from apps.core.periods import Month
from apps.hierarchy.models import Group
from apps.meetings.models import THEME_FIELDS, THEMES, Meeting, MonthlyProgramme, OutreachSession
from apps.people.selectors import households_on
from apps.petitions.models import Petition

# <input type="date"> sends and shows ISO dates; the browser displays them in the user's locale.
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
THEMES_REQUIRED = _("Tick at least one theme covered.")


def themes_field(label) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=THEMES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": THEMES_REQUIRED},
    )


class MeetingForm(forms.ModelForm):
    required_css_class = "required"
    # The themes' one message sits on the first theme; the error summary names the group of boxes.
    error_labels = {"theme_safety": _("Themes covered")}
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Meeting
        fields = [
            "held_on",
            "attendees",
            "households_represented",
            "overseer_attended",
            "minutes",
            "decisions",
            *THEME_FIELDS,
        ]
        widgets = {
            "held_on": DATE_WIDGET,
            "attendees": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1}),
            "households_represented": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1}),
            "minutes": forms.Textarea(attrs={"rows": 4}),
            "decisions": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(
        self,
        *args,
        group: Group,
        month: Month,
        today: datetime.date,
        programme: MonthlyProgramme | None = None,
        **kwargs,
    ) -> None:
        instance = kwargs.get("instance") or Meeting(group=group, month=month.first_day)
        kwargs["instance"] = instance
        initial = kwargs.setdefault("initial", {})
        if instance.pk:
            initial.update(version=instance.version)
        else:
            # A new meeting starts from what the commune asked to cover this month.
            initial.update({name: True for name in (programme.themes if programme else [])})
            initial.update(held_on=min(today, month.last_day))
        super().__init__(*args, **kwargs)
        self.group, self.month, self.today = group, month, today
        self.fields["held_on"].widget.attrs.update(
            min=month.first_day.isoformat(), max=min(today, month.last_day).isoformat()
        )

    def clean_held_on(self) -> datetime.date:
        held_on = self.cleaned_data["held_on"]
        if not self.month.first_day <= held_on <= self.month.last_day:
            raise forms.ValidationError(
                _("The meeting date must be in %(month)s (from %(first)s to %(last)s).")
                % {
                    "month": self.month.label,
                    "first": date_format(self.month.first_day, "SHORT_DATE_FORMAT"),
                    "last": date_format(self.month.last_day, "SHORT_DATE_FORMAT"),
                }
            )
        if held_on > self.today:
            raise forms.ValidationError(_("The meeting date cannot be in the future."))
        return held_on

    @property
    def theme_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in THEME_FIELDS]

    def clean(self):
        cleaned = super().clean()
        held_on, represented = cleaned.get("held_on"), cleaned.get("households_represented")
        if held_on:
            self.instance.households_total = households_on(self.group, held_on)
            if represented is not None and represented > self.instance.households_total:
                self.add_error(
                    "households_represented",
                    _(
                        "The group had %(total)s households on that day; "
                        "households represented cannot be more."
                    )
                    % {"total": self.instance.households_total},
                )
        return cleaned


class PetitionForm(forms.ModelForm):
    class Meta:
        model = Petition
        fields = ["content", "category", "level", "citizen_name"]
        widgets = {"content": forms.Textarea(attrs={"rows": 2})}


PetitionFormSet = forms.formset_factory(PetitionForm, extra=1, max_num=30, validate_max=True)


class ProgrammeForm(forms.Form):
    themes = themes_field(_("Themes to cover"))
    talking_points = forms.CharField(
        label=_("Talking points"), widget=forms.Textarea(attrs={"rows": 6}), max_length=5000
    )


class OutreachForm(forms.ModelForm):
    required_css_class = "required"
    unit = forms.ChoiceField(label=_("Held by"))

    class Meta:
        model = OutreachSession
        fields = ["held_on", "theme", "attendees", "notes"]
        widgets = {
            "held_on": DATE_WIDGET,
            "attendees": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    field_order = ["unit", "held_on", "theme", "attendees", "notes"]

    def __init__(self, *args, units: dict[str, object], today: datetime.date, **kwargs):
        """`units` maps a choice key ("commune:12") to a unit the user may hold sessions at."""
        super().__init__(*args, **kwargs)
        self.units, self.today = units, today
        self.fields["unit"].choices = [(key, _unit_label(unit)) for key, unit in units.items()]
        if self.instance.pk:
            self.initial["unit"] = unit_key(self.instance.unit)

    def clean_held_on(self) -> datetime.date:
        held_on = self.cleaned_data["held_on"]
        return not_after(held_on, self.today, _("The session date cannot be in the future."))

    def clean_unit(self):
        return self.units[self.cleaned_data["unit"]]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("unit") is not None:
            self.instance.set_unit(cleaned["unit"])  # the session's own checks need its unit
        return cleaned


def unit_key(unit) -> str:
    return f"{unit.level}:{unit.pk}"


def _unit_label(unit) -> str:
    # Group names repeat from hamlet to hamlet ("Tổ 1"): name the hamlet too.
    return f"{unit.name} — {unit.hamlet.name}" if isinstance(unit, Group) else str(unit)
