"""The commendation form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.organisation.forms.common import (
    DATE_WIDGET,
    UnitChoiceMixin,
)
from apps.organisation.models import (
    Commendation,
)


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
