"""The one field a reader may fill in on the printed report: its number."""

from django import forms
from django.utils.translation import gettext_lazy as _

NUMBER_ERROR = _(
    "The report's number must be a whole number from 1 to 99999, like 15. "
    "Leave it empty to write the number by hand."
)


class ReportNumberForm(forms.Form):
    """The `so` of the report's address; empty, the number is left blank to write by hand."""

    so = forms.IntegerField(
        label=_("Report number"),
        required=False,
        min_value=1,
        max_value=99999,
        error_messages={
            "invalid": NUMBER_ERROR,
            "min_value": NUMBER_ERROR,
            "max_value": NUMBER_ERROR,
        },
    )

    def number(self) -> int | None:
        return self.cleaned_data["so"] if self.is_valid() else None
