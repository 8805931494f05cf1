from django import forms
from django.utils.translation import gettext_lazy as _


class PetitionsUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Petitions file (.xlsx)"),
        error_messages={"required": _("Choose the petitions' .xlsx file first.")},
    )
