from django import forms
from django.utils.translation import gettext_lazy as _


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Roster file (.xlsx)"),
        error_messages={"required": _("Choose the roster's .xlsx file first.")},
    )
