"""A unit's name on a day. A rename (apps.hierarchy.reorganise.rename) keeps the unit and its
code and gives it a new name from the rename's day; the old name is kept in the rename's
record. So a page or a workbook of an earlier period names the unit as it was called then,
with today's name beside it so that it can still be found.

Names also repeat: the hamlets of communes merged in 2025 kept theirs, so a new commune may
hold two "Ấp 1". A page listing both tells them apart (`told_apart`)."""

import datetime
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from django.db.models import Model
from django.utils.translation import gettext

from apps.hierarchy.models import LEVELS, PARENT, Placement, Reorganisation

Names = dict[tuple[str, int], str]


def renamed_after(day: datetime.date, levels: Iterable[str]) -> Names:
    """The name on `day` of each unit of `levels` renamed after it, keyed by (level, pk);
    one query. The units not in it had their name of today."""
    renames = Reorganisation.objects.filter(
        kind=Reorganisation.Kind.RENAME,
        reversed_at__isnull=True,
        took_effect_on__gt=day,
        level__in=set(levels),
    ).order_by("-took_effect_on", "-pk")
    names = {}
    # Newest first, so the first rename after `day` is the last written: its old name.
    for details in renames.values_list("details", flat=True):
        ((level, pk),) = details["units"]
        names[(level, pk)] = details["renamed"]["old"]
    return names


def called_then(unit, names: Names) -> str:
    """The unit's name of then alone (a report's title, a workbook's first sheet): a document
    of the period bears the name the unit had in it."""
    return names.get((unit.level, unit.pk), unit.name)


def name_then(level: str, pk: int, name: str, names: Names) -> str:
    """The unit's name of then, with today's `name` beside it, as plain text (a workbook's
    cell); its name of today where it was not renamed since."""
    then = names.get((level, pk))
    return name if then is None else f"{then} ({gettext('now')} {name})"


def named_apart(unit: Model, apart: Names) -> str:
    """The unit's name with what tells it apart (`told_apart`), as plain text (a choice)."""
    aside = apart.get((unit.level, unit.pk))
    return f"{unit.name} ({aside})" if aside else unit.name


def told_apart(units: Sequence[Model]) -> Names:
    """For the units of a list that share a name and a parent, keyed by (level, pk), what
    tells each apart: the name of the unit it stood under before its present one (the
    commune a hamlet came from in a merger), or else its code. One query, none when no name
    repeats. (Units of different parents are told apart by their parents' names.)"""
    if not units or units[0].level not in PARENT:
        return {}
    level = units[0].level
    parent = PARENT[level]
    named = Counter((getattr(unit, f"{parent}_id"), unit.name) for unit in units)
    repeated = {u.pk: u for u in units if named[(getattr(u, f"{parent}_id"), u.name)] > 1}
    if not repeated:
        return {}
    own = {f"{lower}__isnull": True for lower in LEVELS[LEVELS.index(level) + 1 :]}
    former = (
        Placement.objects.filter(**{f"{level}__in": list(repeated)}, **own)
        .exclude(ended_on=None)
        .order_by("-ended_on")
        .values_list(level, parent, f"{parent}__name")
    )
    asides = {}
    for pk, parent_pk, parent_name in former:
        if parent_pk != getattr(repeated[pk], f"{parent}_id") and (level, pk) not in asides:
            asides[(level, pk)] = parent_name
    for pk, unit in repeated.items():
        asides.setdefault((level, pk), unit.code)
    return asides


def told_apart_from_namesakes(units: Iterable[Model]) -> Names:
    """As `told_apart`, for units a page shows without the rest of their parents' units (one
    hamlet beside its commune in a header, a page of a long list): each is told apart from
    every unit of its name under its parent, shown or not. One query more; none for no unit."""
    units = list({unit.pk: unit for unit in units}.values())
    if not units or units[0].level not in PARENT:
        return {}
    model, parent = type(units[0]), f"{PARENT[units[0].level]}_id"
    shown = {(getattr(u, parent), u.name) for u in units}
    alike = model.objects.filter(
        **{f"{parent}__in": {p for p, _name in shown}, "name__in": {n for _p, n in shown}}
    ).exclude(pk__in=[u.pk for u in units])
    others = [  # read as rows: most share a parent or a name with a shown unit, not both
        model(pk=pk, name=name, code=code, **{parent: parent_pk})
        for pk, parent_pk, name, code in alike.values_list("pk", parent, "name", "code")
        if (parent_pk, name) in shown
    ]
    return told_apart(units + others)


def told_apart_beside(shown: Iterable[tuple[Model, int]]) -> Names:
    """For units each named beside a parent ("Ấp 1, Phường Mỹ Trà"), as (unit, parent id):
    what tells apart from their namesakes those whose own parent it is today. Beside a parent
    a unit has left (a petition named where it was raised), that parent's name already tells."""
    return told_apart_from_namesakes(
        unit for unit, parent_id in shown if getattr(unit, f"{PARENT[unit.level]}_id") == parent_id
    )


def choose_told_apart(field, units: Iterable[Model], label: Callable[[Model, Names], str]) -> Names:
    """Give a model choice field its units, read once (it would read them again to list
    them), each labelled `label(unit, asides)` with what tells it apart from another of its
    name (`told_apart`); the asides are returned for other fields' labels."""
    units = list(units)
    apart = told_apart(units)
    empty = [] if field.empty_label is None else [("", field.empty_label)]
    field.choices = empty + [(unit.pk, label(unit, apart)) for unit in units]
    return apart
