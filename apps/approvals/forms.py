from django import forms
from django.utils.translation import gettext_lazy as _


class ApproveForm(forms.Form):
    reason = forms.CharField(
        label=_("Why meetings are missing (required when some are)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class UnlockForm(forms.Form):
    unlock_reason = forms.CharField(
        label=_("Why it is unlocked"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
