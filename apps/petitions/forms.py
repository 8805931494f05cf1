from django import forms
from django.utils.translation import gettext_lazy as _

from apps.hierarchy.models import Hamlet
from apps.hierarchy.names import Names, named_apart, told_apart
from apps.meetings.forms import DATE_WIDGET
from apps.petitions.models import Petition

OPEN, CLOSED, ALL, MINE = "open", "closed", "all", "mine"


class PetitionRaiseForm(forms.ModelForm):
    """A petition raised directly (not at a meeting), today or on a past day: the service
    refuses a day in the future or outside the group's life."""

    required_css_class = "required"
    group = forms.ModelChoiceField(label=_("Group"), queryset=None)

    class Meta:
        model = Petition
        fields = ["group", "raised_on", "content", "category", "level", "citizen_name"]
        widgets = {"raised_on": DATE_WIDGET, "content": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, groups, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups
        # The hamlets of merged communes kept their names: each is told apart (told_apart).
        apart = told_apart(list(Hamlet.objects.filter(pk__in=groups.values("hamlet_id"))))
        self.fields["group"].label_from_instance = lambda g: (
            f"{g.name} — {named_apart(g.hamlet, apart)}"
        )
        self.fields["raised_on"].widget.attrs["max"] = f"{today:%Y-%m-%d}"
        self.initial.setdefault("raised_on", today)


class PetitionActionForm(forms.Form):
    """An action on a petition, dated (today unless told otherwise, for an action entered
    afterwards); the service checks the day against the petition's story."""

    required_css_class = "required"
    on = forms.DateField(label=_("Day of the action"), required=False, widget=DATE_WIDGET)
    note = forms.CharField(
        label=_("Note (what was done, or the answer given)"),
        help_text=_("Required for every action below, taking in hand included."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        error_messages={"required": _("Write a note: what was done, or the answer given.")},
    )
    action = forms.ChoiceField(choices=[])

    def __init__(self, *args, actions: list[str], today, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].widget.attrs["max"] = f"{today:%Y-%m-%d}"
        self.initial.setdefault("on", today)
        self.fields["action"].choices = [(a, a) for a in actions]
        self.fields["action"].error_messages["invalid_choice"] = _(
            "This action is no longer possible: the petition has changed. Reload the page."
        )


class QueueFilterForm(forms.Form):
    """The queue's filters, read from the query string; a bad value is simply ignored."""

    trang_thai = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[
            (OPEN, _("open")),
            (CLOSED, _("closed")),
            (ALL, _("all")),
            *Petition.State.choices,
        ],
    )
    cap = forms.ChoiceField(
        label=_("Level handling it"),
        required=False,
        choices=[(MINE, _("my level")), (ALL, _("all levels")), *Petition.Level.choices],
    )
    linh_vuc = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("all")), *Petition.Category.choices]
    )
    ap = forms.TypedChoiceField(label=_("Hamlet"), required=False, coerce=int, empty_value=None)
    tu = forms.DateField(label=_("Raised from"), required=False, widget=DATE_WIDGET)
    den = forms.DateField(label=_("to"), required=False, widget=DATE_WIDGET)

    def __init__(self, *args, hamlets, **kwargs):
        super().__init__(*args, **kwargs)
        hamlets = list(hamlets)
        apart = told_apart(hamlets)  # the hamlets of merged communes kept their names
        self.fields["ap"].choices = [
            ("", _("all")),
            *((h.pk, _hamlet_label(h, apart)) for h in hamlets),
        ]

    def values(self, defaults: dict[str, str]) -> dict:
        """The valid filters, with `defaults` for the state and level when not chosen."""
        self.is_valid()
        values = {name: self.cleaned_data.get(name) for name in self.fields}
        return {**values, **{k: values[k] or v for k, v in defaults.items()}}


def _hamlet_label(hamlet, apart: Names) -> str:
    """A hamlet with what tells it apart from another of its name (told_apart); an ended
    one is still offered, its petitions being read, with its last day."""
    name = named_apart(hamlet, apart)
    if hamlet.ended_on is None:
        return name
    day = f"{hamlet.ended_on:%d/%m/%Y}"
    return _("%(name)s (until %(day)s)") % {"name": name, "day": day}
