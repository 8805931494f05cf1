from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.imports.roster_dates import future_problem


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Roster file (.xlsx)"),
        error_messages={"required": _("Choose the roster's .xlsx file first.")},
    )
    as_of = forms.DateField(
        label=_("The roster as of"),
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        help_text=_(
            "dd/mm/yyyy. New groups, roles and oversight assignments whose line gives no date "
            "begin on this day; empty: today. Enter the day the roster was true when you "
            "enter a past year's roster."
        ),
        widget=forms.TextInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
        error_messages={"invalid": _("Write the date as dd/mm/yyyy, e.g. 01/01/2015.")},
    )

    def clean_as_of(self):
        day = self.cleaned_data["as_of"]
        if day and (problem := future_problem(day, timezone.localdate())):
            raise forms.ValidationError(problem)
        return day
