"""What the organisation forms share: date inputs, decision and term fields, and the `unit`
choice of a record placed at a unit (committee, visit, commendation, document): the view
passes the units the user may write to, keyed "level:id", and the form hands back the unit
itself. Every message a user can meet is in Vietnamese via gettext.
"""

from django import forms

from apps.hierarchy.models import Group
from apps.organisation.selectors import unit_key

# <input type="date"> sends and shows ISO dates; the browser displays them in the user's locale.
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
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
