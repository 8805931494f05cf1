"""The reorganisation forms: units chosen only from the administrator's scope, a date typed
dd/mm/yyyy. Each form turns its input into a checked plan (apps.hierarchy.reorganise)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.accounts import access
from apps.hierarchy import reorganise
from apps.hierarchy.models import PARENT, UNIT_MODELS, District, Unit

PART_SLOTS = (1, 2, 3)


def unit_key(unit: Unit) -> str:
    return f"{unit.level}:{unit.pk}"


def unit_label(unit: Unit) -> str:
    # Hamlet and group names repeat from one parent to the next ("Tổ 1"): name the parent too.
    parent = getattr(unit, PARENT.get(unit.level, ""), None)
    own = f"{unit.name} ({unit.code})"
    return f"{own} — {parent.name}" if parent is not None else own


def living_units(user, level: str) -> list[Unit]:
    """The units of `level` still alive that the user may reorganise, in one query."""
    if level == "district":
        return list(access.administered(user).filter(ended_on__isnull=True))
    model = UNIT_MODELS[level]
    units = access.writable(user, model).filter(**{f"{model.life[1]}__isnull": True})
    return list(units.select_related(PARENT[level]).order_by(f"{PARENT[level]}__name", "code"))


class UnitChoiceField(forms.ChoiceField):
    """A choice among units (of one or more levels), cleaned to the unit itself."""

    def __init__(self, units: list[Unit], **kwargs):
        self.units = {unit_key(unit): unit for unit in units}
        super().__init__(choices=[("", "—"), *self._choices()], **kwargs)

    def _choices(self):
        return [(key, unit_label(unit)) for key, unit in self.units.items()]

    def clean(self, value):
        return self.units.get(super().clean(value))


class UnitsChoiceField(forms.MultipleChoiceField):
    def __init__(self, units: list[Unit], **kwargs):
        self.units = {unit_key(unit): unit for unit in units}
        choices = [(key, unit_label(unit)) for key, unit in self.units.items()]
        super().__init__(choices=choices, **kwargs)

    def clean(self, value):
        return [self.units[key] for key in super().clean(value)]


class OperationForm(forms.Form):
    """The fields every reorganisation has: its day and its legal basis."""

    on = forms.DateField(
        label=_("Takes effect on"),
        help_text=_("dd/mm/yyyy"),
        widget=forms.TextInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}),
    )
    legal_basis = forms.CharField(
        label=_("Legal basis"),
        max_length=200,
        required=False,
        help_text=_("E.g. Nghị quyết 1663/NQ-UBTVQH15"),
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea({"rows": 2}))

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.add_fields()
        # The operation's own fields first, then the day, the legal basis and the note.
        self.order_fields([name for name in self.fields if name not in self.base_fields])

    def add_fields(self) -> None:
        """Add the operation's own fields (each operation's form says which)."""

    def new_unit(self, prefix: str, level: str) -> dict | None:
        """The `new` dict of a unit to create, from the fields starting with `prefix`."""
        data = self.cleaned_data
        if not data.get(f"{prefix}code"):
            return None
        return {
            "code": data[f"{prefix}code"],
            "name": data.get(f"{prefix}name"),
            "kind": data.get(f"{prefix}kind") if level != "group" else None,
            "parent": data.get(f"{prefix}parent"),
        }

    def add_new_unit_fields(self, prefix: str, level: str) -> None:
        self.fields[f"{prefix}code"] = forms.CharField(
            label=_("New unit's code"), max_length=20, required=False
        )
        self.fields[f"{prefix}name"] = forms.CharField(
            label=_("New unit's name"), max_length=120, required=False
        )
        if level != "group":
            kinds = UNIT_MODELS[level].Kind.choices
            self.fields[f"{prefix}kind"] = forms.ChoiceField(
                label=_("New unit's kind"), choices=kinds, required=False
            )
        self.fields[f"{prefix}parent"] = UnitChoiceField(
            living_units(self.user, PARENT[level]), label=_("New unit belongs to"), required=False
        )


class RenameForm(OperationForm):
    title = _("Rename a unit")

    def add_fields(self) -> None:
        self.fields["unit"] = UnitChoiceField(splittable(self.user), label=_("Unit"))
        self.fields["name"] = forms.CharField(label=_("New name"), max_length=120)

    def plan(self) -> reorganise.Plan:
        data = self.cleaned_data
        return reorganise.check_rename(data["unit"], name=data["name"], on=data["on"], by=self.user)


class MoveForm(OperationForm):
    title = _("Move a hamlet or a group")

    def add_fields(self) -> None:
        units = [u for level in ("hamlet", "group") for u in living_units(self.user, level)]
        targets = [u for level in ("commune", "hamlet") for u in living_units(self.user, level)]
        self.fields["unit"] = UnitChoiceField(units, label=_("Unit to move"))
        self.fields["to"] = UnitChoiceField(targets, label=_("Move to"))

    def plan(self) -> reorganise.Plan:
        data = self.cleaned_data
        return reorganise.check_move(data["unit"], to=data["to"], on=data["on"], by=self.user)


class MergeForm(OperationForm):
    title = _("Merge units")

    def __init__(self, *args, level: str, **kwargs):
        self.level = level
        super().__init__(*args, **kwargs)

    def add_fields(self) -> None:
        units = living_units(self.user, self.level)
        self.fields["units"] = UnitsChoiceField(
            units, label=_("Units to merge"), widget=forms.CheckboxSelectMultiple
        )
        self.fields["into"] = UnitChoiceField(
            units,
            label=_("Into an existing unit"),
            required=False,
            help_text=_("Or leave empty and describe the new unit below."),
        )
        self.add_new_unit_fields("new_", self.level)

    def plan(self) -> reorganise.Plan:
        data = self.cleaned_data
        return reorganise.check_merge(
            data["units"],
            into=data["into"],
            new=self.new_unit("new_", self.level),
            on=data["on"],
            by=self.user,
        )


class SplitForm(OperationForm):
    """The unit is chosen first (`unit`); then each of its children (a group's households)
    is given to one of up to three parts, each an existing unit or a new one."""

    title = _("Split a unit")

    def __init__(self, *args, unit: Unit, **kwargs):
        self.unit = unit
        super().__init__(*args, **kwargs)

    def add_fields(self) -> None:
        unit = self.unit
        level = unit.level
        self.children = (
            reorganise.current_households(unit)
            if level == "group"
            else reorganise.living_children(unit)
        )
        others = [u for u in living_units(self.user, level) if u != unit]
        part_choices = [(str(slot), _("Part %(n)s") % {"n": slot}) for slot in PART_SLOTS]
        for slot in PART_SLOTS:
            self.fields[f"part{slot}_into"] = UnitChoiceField(
                others, label=_("Part %(n)s: an existing unit") % {"n": slot}, required=False
            )
            self.add_new_unit_fields(f"part{slot}_", level)
        for child in self.children:
            self.fields[f"child_{child.pk}"] = forms.ChoiceField(
                label=str(child), choices=part_choices
            )
        self.fields["records_to"] = forms.ChoiceField(
            label=_("Records of %(unit)s itself made since the day go to") % {"unit": unit.name},
            choices=part_choices,
            initial=str(PART_SLOTS[0]),
            required=False,
            help_text=_(
                "Its own meetings, ratings, outreach sessions and decisions dated on or after "
                "the day, if the split is recorded late; the preview says how many."
            ),
        )

    def plan(self) -> reorganise.Plan:
        data = self.cleaned_data
        given = "households" if self.unit.level == "group" else "children"
        parts = []
        for slot in PART_SLOTS:
            into, new = data[f"part{slot}_into"], self.new_unit(f"part{slot}_", self.unit.level)
            chosen = [c for c in self.children if data[f"child_{c.pk}"] == str(slot)]
            if into is None and new is None:
                if chosen:
                    raise forms.ValidationError(
                        _("Part %(n)s is given units but is not described.") % {"n": slot}
                    )
                continue
            parts.append({"into": into} if into else {"new": new})
            parts[-1][given] = chosen
            # A part left undescribed takes nothing: records, if any, then refuse the split.
            parts[-1]["takes_records"] = data["records_to"] == str(slot)
        return reorganise.check_split(self.unit, parts=parts, on=data["on"], by=self.user)


class RegroupForm(OperationForm):
    title = _("End a district: its communes go to a province")

    def add_fields(self) -> None:
        tops = living_units(self.user, "district")
        districts = [top for top in tops if top.kind == District.Kind.DISTRICT]
        provinces = [top for top in tops if top.kind != District.Kind.DISTRICT]
        self.fields["district"] = UnitChoiceField(districts, label=_("District"))
        self.fields["province"] = UnitChoiceField(provinces, label=_("Province or city"))

    def plan(self) -> reorganise.Plan:
        data = self.cleaned_data
        return reorganise.check_regroup(
            data["district"], province=data["province"], on=data["on"], by=self.user
        )


def splittable(user) -> list[Unit]:
    """The units an administrator may split (or rename)."""
    return [u for level in ("commune", "hamlet", "group") for u in living_units(user, level)]
