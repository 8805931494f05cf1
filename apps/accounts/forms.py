from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from apps.accounts import access
from apps.accounts.models import Scope, User
from apps.hierarchy.models import UNIT_MODELS, Commune, District, Group, Hamlet
from apps.hierarchy.names import choose_told_apart, named_apart


class UserCreateForm(forms.Form):
    username = forms.RegexField(
        label=_("Username"),
        max_length=150,
        regex=r"^[a-z0-9.@+_-]+$",
        error_messages={"invalid": _("Use lower-case letters, digits and . @ + - _ only.")},
    )
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, strip=False)
    role = forms.ChoiceField(label=_("Role"), choices=Scope.Role.choices)
    district = forms.ModelChoiceField(
        label=_("District"), queryset=District.objects.none(), required=False
    )
    commune = forms.ModelChoiceField(
        label=_("Commune"), queryset=Commune.objects.none(), required=False
    )
    hamlet = forms.ModelChoiceField(
        label=_("Hamlet"), queryset=Hamlet.objects.none(), required=False
    )
    group = forms.ModelChoiceField(label=_("Group"), queryset=Group.objects.none(), required=False)

    def __init__(self, *args, admin: User, **kwargs):
        super().__init__(*args, **kwargs)
        # Units an administrator may assign: those they can read themselves.
        for name, model in UNIT_MODELS.items():
            self.fields[name].queryset = access.readable(admin, model)
        # A province's administrator appoints the province's committee, not a district's.
        kinds = {scope.district.kind for scope in access.scopes_of(admin) if scope.district_id}
        if len(kinds) == 1:
            kind = kinds.pop()
            self.fields["role"].choices = [
                (role, Scope.TOP_ROLE_NAMES.get((role, kind), label))
                for role, label in Scope.Role.choices
            ]
        # Hamlet and group names repeat from one commune to the next (and within a commune
        # formed by a merger): each choice names its commune, and what tells it apart.
        hamlets = self.fields["hamlet"].queryset.select_related("commune")
        apart = choose_told_apart(
            self.fields["hamlet"],
            hamlets.order_by("commune__code", "code"),
            lambda h, apart: f"{named_apart(h, apart)} — {h.commune.name}",
        )
        groups = self.fields["group"].queryset.select_related("hamlet__commune")
        self.fields["group"].queryset = groups.order_by("hamlet__commune__code", "code")
        self.fields["group"].label_from_instance = lambda g: (
            f"{g.name} — {named_apart(g.hamlet, apart)}, {g.hamlet.commune.name}"
        )

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This username is already taken."))
        return username

    def clean(self):
        cleaned = super().clean()
        role = cleaned.get("role")
        if not role:
            return cleaned
        unit_field = Scope.UNIT_FIELD[role]
        if not cleaned.get(unit_field):
            self.add_error(unit_field, _("Choose the unit this role works on."))
        if cleaned.get("password"):
            probe = User(
                username=cleaned.get("username", ""), first_name=cleaned.get("full_name", "")
            )
            try:
                validate_password(cleaned["password"], probe)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned

    def scope(self) -> Scope:
        role = self.cleaned_data["role"]
        unit_field = Scope.UNIT_FIELD[role]
        return Scope(role=role, **{unit_field: self.cleaned_data[unit_field]})
