"""A unit's name on a day. A rename (apps.hierarchy.reorganise.rename) keeps the unit and its
code and gives it a new name from the rename's day; the old name is kept in the rename's
record. So a page of an earlier period names the unit as it was called then."""

import datetime
from collections.abc import Iterable

from apps.hierarchy.models import Reorganisation


def names_on(units: Iterable, day: datetime.date) -> dict[tuple[str, int], str]:
    """The name each of `units` had on `day`, keyed by (level, pk), for those renamed after
    it (the others had their name of today); one query."""
    wanted = {(unit.level, unit.pk) for unit in units}
    renames = Reorganisation.objects.filter(
        kind=Reorganisation.Kind.RENAME,
        reversed_at__isnull=True,
        took_effect_on__gt=day,
        level__in={level for level, _pk in wanted},
    ).order_by("-took_effect_on", "-pk")
    names = {}
    # Newest first, so the first rename after `day` is the last written: its old name.
    for details in renames.values_list("details", flat=True):
        ((level, pk),) = details["units"]
        if (level, pk) in wanted:
            names[(level, pk)] = details["renamed"]["old"]
    return names
