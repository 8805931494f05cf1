"""Which units and records make up a unit's area in a period: as it was then, or on
today's map.

- As it was (the default): the units that stood within the unit on the reading day (the
  period's last day, or the unit's own if it ended before; for a month's figures, the
  month's last day: apps.indicators.area.MONTHLY), found by their Placement rows
  and counted under the child they stood in then; records by the keys they keep from their
  own day (apps.hierarchy.models.PlacedRecord, AtUnit).
- On today's map, for a unit formed by a merger: what is within it now (the parent fields)
  and whatever belonged to its predecessors, whatever keys the records carry.

Both answer the same questions, so that the indicator modules never know which is read.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

from django.db.models import FilteredRelation, Model, Q, QuerySet
from django.utils.translation import gettext

from apps.hierarchy.models import LEVELS, Group, Placement, Succession, path_up
from apps.hierarchy.names import Names, renamed_after
from apps.hierarchy.placements import placed_on_q
from apps.hierarchy.within import related_lookup

# A unit's own Placement rows among the rows reached from it (a hamlet's include its groups').
_OWN = {"commune": "hamlet__isnull", "hamlet": "group__isnull"}
T = TypeVar("T")


def own_places(level: str) -> dict:
    """The filter of a unit's own placement rows among those of the units within it."""
    return {_OWN[level]: True} if level in _OWN else {}


@dataclass(frozen=True)
class AsItWas:
    """The area of `unit` as it stood on `day`."""

    unit: Model
    day: datetime.date

    def _place(self, relation: str, own: str | None) -> FilteredRelation:
        prefix = f"{relation}__"
        condition = placed_on_q(self.day, prefix)
        if own:
            condition &= Q(**{f"{prefix}{own}": True})
        return FilteredRelation(relation, condition=condition)

    def units(self, model: type[Model]) -> QuerySet:
        """The units of the model's level that stood within the unit on the day."""
        if model.level == self.unit.level:
            return model.objects.filter(pk=self.unit.pk)
        placed = model.objects.annotate(place=self._place("placements", _OWN.get(model.level)))
        return placed.filter(**{f"place__{self.unit.level}": self.unit.pk})

    def unit_key(self, level: str, by: str) -> str:
        """The lookup from such a unit to the unit of level `by` it is counted under."""
        return "pk" if level == by else f"place__{by}"

    def counted_groups(self) -> QuerySet[Placement]:
        """The groups that stood within the unit on the day, as their Placement rows of the
        day, for counting: a row carries its group's life and reaches its meetings and
        ratings, so the group figures read the places, not the groups table (in a province,
        a probe of that table per group)."""
        rows = Placement.objects.filter(placed_on_q(self.day), group__isnull=False)
        return rows.filter(**{self.unit.level: self.unit.pk})

    def group_key(self, by: str) -> str:
        """The lookup from such a row to the unit of level `by` it is counted under."""
        return by

    def hanging(self, queryset: QuerySet, path: str = "group") -> QuerySet:
        """Records hanging from a group through `path` (roles, households): those of the
        groups that stood within the unit on the day. A record with the group's placements
        at hand (GroupPlacements) is joined to them directly, without the groups table."""
        if self.unit.level == "group":
            return queryset.filter(**{path: self.unit.pk})
        direct = path == "group" and hasattr(queryset.model, "group_placements")
        placements = "group_placements" if direct else f"{path}__placements"
        placed = queryset.annotate(place=self._place(placements, None))
        return placed.filter(**{f"place__{self.unit.level}": self.unit.pk})

    def hanging_key(self, by: str, path: str = "group") -> str:
        return path if by == "group" else f"place__{by}"

    def records(self, model: type[Model]) -> QuerySet:
        """Records keeping their place (PlacedRecord, AtUnit): by the keys of their day."""
        return model.objects.filter(**{self.unit.level: self.unit.pk})

    def record_key(self, model: type[Model], by: str) -> str:
        return by


@dataclass(frozen=True)
class OnTodaysMap:
    """The area of `unit` as it stands now, with everything of its predecessors."""

    unit: Model
    predecessors: tuple[int, ...]

    @property
    def ids(self) -> list[int]:
        return [self.unit.pk, *self.predecessors]

    def units(self, model: type[Model]) -> QuerySet:
        return model.objects.filter(**{f"{path_up(model.level, self.unit.level)}__in": self.ids})

    def unit_key(self, level: str, by: str) -> str:
        return path_up(level, by)

    def counted_groups(self) -> QuerySet:
        return self.units(Group)

    def group_key(self, by: str) -> str:
        return self.unit_key("group", by)

    def hanging(self, queryset: QuerySet, path: str = "group") -> QuerySet:
        lookup = related_lookup(path, path_up("group", self.unit.level))
        return queryset.filter(**{f"{lookup}__in": self.ids})

    def hanging_key(self, by: str, path: str = "group") -> str:
        return related_lookup(path, path_up("group", by))

    def records(self, model: type[Model]) -> QuerySet:
        """The records of what is within the unit now, and those kept under its predecessors.
        An AtUnit record is held at its lowest filled level: any of those below the unit's
        may be the one within it now."""
        level = self.unit.level
        placed = getattr(model, "placed_unit", None)
        below = [placed] if placed else LEVELS[LEVELS.index(level) + 1 :]
        found = Q(**{f"{level}__in": self.ids})
        for lower in below:
            found |= Q(**{f"{related_lookup(lower, path_up(lower, level))}__in": self.ids})
        return model.objects.filter(found)

    def record_key(self, model: type[Model], by: str) -> str:
        placed = getattr(model, "placed_unit", None)
        return by if placed is None else related_lookup(placed, path_up(placed, by))


Reading = AsItWas | OnTodaysMap


class AsTheyStandNow:
    """Any units, under the units they stand in now: to name units a page found otherwise (a
    range's units counted in a column without standing within its unit at the column's end)."""

    def units(self, model: type[Model]) -> QuerySet:
        return model.objects.all()

    def unit_key(self, level: str, by: str) -> str:
        return path_up(level, by)


@dataclass(frozen=True)
class Hanging:
    """The records hanging from the area's groups (apps.people.figures.Within), counted
    by the unit of level `by` (None: the total only)."""

    reading: Reading
    by: str | None

    def records(self, queryset: QuerySet, path: str) -> QuerySet:
        return self.reading.hanging(queryset, path)

    def key(self, path: str) -> str | None:
        return self.reading.hanging_key(self.by, path) if self.by else None


def _changed(unit: Model, first: datetime.date, last: datetime.date) -> QuerySet[Placement]:
    """The Placement rows of the unit's area that began after `first` or ended before
    `last`, up to `last`: a unit came into or left the area, or moved within it."""
    changed = Q(started_on__gt=first, started_on__lte=last) | Q(
        ended_on__gte=first, ended_on__lt=last
    )
    return Placement.objects.filter(changed, **{unit.level: unit.pk})


def reading_days(unit: Model, days: Iterable[datetime.date]) -> dict[datetime.date, datetime.date]:
    """Each of the `days` with the day to read the unit's area on for it: the last of the days
    in its stretch, over which the area stood the same, so that one reading serves the
    stretch. One query (none for a group or a single day)."""
    days = sorted(set(days))
    changes: set[datetime.date] = set()
    if unit.level != "group" and days and days[0] < days[-1]:
        for started, ended in _changed(unit, days[0], days[-1]).values_list(
            "started_on", "ended_on"
        ):
            # The first day the area stood otherwise: a row's start, or the day after its end.
            changes.update(
                day
                for day in (started, ended and ended + datetime.timedelta(days=1))
                if day and days[0] < day <= days[-1]
            )
    stretches: list[list[datetime.date]] = []
    for day in days:
        if stretches and not any(stretches[-1][-1] < change <= day for change in changes):
            stretches[-1].append(day)
        else:
            stretches.append([day])
    return {day: stretch[-1] for stretch in stretches for day in stretch}


def in_stretches(
    read_on: dict[datetime.date, datetime.date], items: Iterable[tuple[T, datetime.date]]
) -> dict[datetime.date, list[T]]:
    """The items, each with its day, grouped by the day their area is read on (`read_on`,
    from reading_days), in their order: one reading counts each group."""
    grouped: dict[datetime.date, list[T]] = {}
    for item, day in items:
        grouped.setdefault(read_on[day], []).append(item)
    return grouped


# ?ban-do=hien-tai: the figures of earlier periods on today's map.
MAP_PARAMETER, TODAYS_MAP = "ban-do", "hien-tai"


@dataclass(frozen=True)
class Lineage:
    """The units a unit was formed from and those it became, each with the day it happened."""

    formed_from: list[tuple[Model, datetime.date]]
    became: list[tuple[Model, datetime.date]]


def lineage_of(unit: Model) -> Lineage:
    """The unit's direct predecessors and successors; two queries (one without any)."""
    links = list(
        Succession.objects.filter(
            Q(successor_id=unit.pk) | Q(predecessor_id=unit.pk),
            level=unit.level,
            reorganisation__reversed_at=None,
        )
        .select_related("reorganisation")
        .order_by("reorganisation__took_effect_on", "pk")
    )
    if not links:
        return Lineage([], [])
    ids = {link.predecessor_id for link in links} | {link.successor_id for link in links}
    units = type(unit).objects.in_bulk(ids - {unit.pk})
    formed_from, became = [], []
    for link in links:
        day = link.reorganisation.took_effect_on
        if link.successor_id == unit.pk and link.predecessor_id in units:
            formed_from.append((units[link.predecessor_id], day))
        elif link.predecessor_id == unit.pk and link.successor_id in units:
            became.append((units[link.successor_id], day))
    return Lineage(formed_from, became)


def level_word(unit: Model) -> str:
    """The unit's kind in words: huyện, tỉnh or thành phố for the top unit; xã, phường…"""
    kind = getattr(unit, "get_kind_display", None)
    return kind() if kind else unit._meta.verbose_name


def reading_label(todays_map: bool) -> str:
    """What every page says about the figures it shows."""
    if todays_map:
        return gettext("Figures within today's boundaries")
    return gettext("Figures within the boundaries of the time")


def names_then(day: datetime.date, todays_map: bool) -> Names:
    """As it was, a unit renamed since `day` is named as it was then (apps.hierarchy.names);
    on today's map, by its name of today. One query, or none."""
    return {} if todays_map else renamed_after(day, LEVELS)
