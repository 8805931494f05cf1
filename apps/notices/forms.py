from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.notices.models import Preferences
from apps.notices.selectors import roster_phone


class PreferencesForm(forms.ModelForm):
    """The channels a user chooses; the app always shows reminders. The email address is
    the account's own."""

    email = forms.EmailField(label=_("Email address"), required=False)

    class Meta:
        model = Preferences
        fields = ["by_email", "email", "by_sms", "phone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].initial = self.instance.user.email
        self.roster_phone = roster_phone(self.instance.user, timezone.localdate())
        if self.roster_phone:
            self.fields["phone"].help_text = _(
                "Leave empty to use the group leader's number on the roster: %(phone)s."
            ) % {"phone": self.roster_phone}

    def clean(self):
        data = super().clean()
        if data.get("by_email") and not data.get("email"):
            self.add_error("email", _("Enter the email address to send reminders to."))
        if data.get("by_sms") and not (data.get("phone") or self.roster_phone):
            self.add_error("phone", _("Enter the phone number to send SMS reminders to."))
        return data

    def save(self, commit: bool = True) -> Preferences:
        user = self.instance.user
        if user.email != self.cleaned_data["email"]:
            user.email = self.cleaned_data["email"]
            user.save(update_fields=["email"])
        return super().save(commit)
