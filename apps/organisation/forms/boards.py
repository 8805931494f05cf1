"""Forms of hamlet mobilisation boards and their members."""

from django import forms

from apps.hierarchy.names import choose_told_apart, named_apart
from apps.organisation.forms.common import (
    DECISION_FIELDS,
    DECISION_WIDGETS,
    TERM_WIDGETS,
)
from apps.organisation.models import (
    BoardMember,
    MobilisationBoard,
)


class BoardForm(forms.ModelForm):
    class Meta:
        model = MobilisationBoard
        fields = ["hamlet", *DECISION_FIELDS]
        widgets = DECISION_WIDGETS

    def __init__(self, *args, hamlets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hamlet"].queryset = hamlets
        choose_told_apart(  # the hamlets of merged communes kept their names
            self.fields["hamlet"],
            hamlets,
            lambda h, apart: f"{named_apart(h, apart)} — {h.commune.name}",
        )


class BoardMemberForm(forms.ModelForm):
    class Meta:
        model = BoardMember
        fields = ["full_name", "position", "started_on", "ended_on"]
        widgets = TERM_WIDGETS
