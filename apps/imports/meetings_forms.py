from django import forms
from django.utils.translation import gettext_lazy as _


class MeetingsUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Meetings file (.xlsx)"),
        error_messages={"required": _("Choose the meetings' .xlsx file first.")},
    )
