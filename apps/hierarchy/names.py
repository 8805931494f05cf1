"""A unit's name on a day. A rename (apps.hierarchy.reorganise.rename) keeps the unit and its
code and gives it a new name from the rename's day; the old name is kept in the rename's
record. So a page or a workbook of an earlier period names the unit as it was called then,
with today's name beside it so that it can still be found."""

import datetime
from collections.abc import Iterable

from django.utils.translation import gettext

from apps.hierarchy.models import Reorganisation

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
