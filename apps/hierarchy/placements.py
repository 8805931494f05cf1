"""Where units stood on a day, and where records were made: the one place that writes
Placement rows and the keys of PlacedRecord models.

- A new commune, hamlet or group gets its current Placement row as it is saved
  (a signal; `place_new` for units made in bulk).
- A reorganisation (apps.hierarchy.reorganise) ends the current rows and begins new
  ones; records keep the keys they had.
- Changing a unit's parent by hand is the correction of a mistaken placement: the
  unit was never where it was entered. The current rows of the unit and of the units
  below it are rewritten, and so are the keys of the records made since they began.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence

from django.apps import apps
from django.db.models import Model, Q, QuerySet
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from apps.core.dated import alive_q
from apps.hierarchy.models import (
    LEVELS,
    PARENT,
    UNIT_MODELS,
    AtUnit,
    Commune,
    Group,
    Hamlet,
    OfDistrictOrCommune,
    PlacedRecord,
    Placement,
    path_up,
)

PLACED_LEVELS = ("commune", "hamlet", "group")
# Placement rows of the units of a level themselves (not of the units below them).
OWN_ROWS = {
    "commune": Q(hamlet__isnull=True),
    "hamlet": Q(hamlet__isnull=False, group__isnull=True),
    "group": Q(group__isnull=False),
}


def placed_on_q(day: datetime.date, prefix: str = "") -> Q:
    """Placement rows (reached through `prefix`, e.g. "placements__") in force on `day`.
    A first row has no first day: it holds from the unit's beginning."""
    start, end = f"{prefix}started_on", f"{prefix}ended_on"
    return alive_q(day, day, start=start, end=end, open_start=True)


def within_on(unit: Model, day: datetime.date, prefix: str = "placements__") -> Q:
    """Units (through `prefix`) that stood within `unit` on `day`."""
    return placed_on_q(day, prefix) & Q(**{f"{prefix}{unit.level}": unit.pk})


def place_new(units: Iterable[Model], since: datetime.date | None = None) -> None:
    """Give each unit without one its current Placement row, from its parent fields."""
    rows = []
    for level in PLACED_LEVELS:
        model = UNIT_MODELS[level]
        ids = [u.pk for u in units if u.level == level]
        if not ids:
            continue
        placed = set(
            Placement.objects.filter(OWN_ROWS[level], ended_on__isnull=True)
            .filter(**{f"{level}__in": ids})
            .values_list(level, flat=True)
        )
        for keys in _keys_of(model, [i for i in ids if i not in placed]):
            rows.append(Placement(**{f"{k}_id": v for k, v in keys.items()}, started_on=since))
    Placement.objects.bulk_create(rows, batch_size=2000)


def _keys_of(model: type[Model], ids: Sequence[int]) -> list[dict[str, int]]:
    """Each unit's own id and its ancestors' ids from the parent fields, in one query."""
    above = LEVELS[: LEVELS.index(model.level)]
    paths = {level: path_up(model.level, level) for level in above}
    found = []
    for row in model.objects.filter(pk__in=ids).values("pk", *paths.values()):
        keys = {model.level: row["pk"]}
        keys.update({level: row[lookup] for level, lookup in paths.items()})
        found.append(keys)
    return found


def last_days_within(
    unit: Model, level: str, ids: Iterable[int], first: datetime.date, last: datetime.date
) -> dict[int, datetime.date]:
    """For units of `level`, the last day from `first` to `last` on which each stood within
    `unit` (absent: none). One query."""
    rows = Placement.objects.filter(
        OWN_ROWS[level],
        alive_q(first, last, start="started_on", end="ended_on", open_start=True),
        **{f"{level}__in": set(ids), unit.level: unit.pk},
    )
    found: dict[int, datetime.date] = {}
    for pk, ended in rows.values_list(level, "ended_on"):
        day = min(ended, last) if ended else last
        found[pk] = max(found.get(pk, day), day)
    return found


def keys_on(level: str, ids: Iterable[int], day: datetime.date) -> dict[int, dict[str, int]]:
    """For units of `level`, the ids of the units above them on `day` (one query)."""
    rows = Placement.objects.filter(OWN_ROWS[level], placed_on_q(day)).filter(
        **{f"{level}__in": set(ids)}
    )
    found = {}
    for row in rows.values(*LEVELS):
        found[row[level]] = {k: v for k, v in row.items() if v is not None}
    return found


def place_records(records: Sequence[PlacedRecord]) -> None:
    """Fill each record's ancestor keys with its unit's place on the record's day.

    One query per distinct day (records made together mostly share a few days). A unit
    with no place on the day (a record dated before the unit began) takes the unit's
    current place, so the record is kept; the forms refuse such dates."""
    by_day: dict[datetime.date, list[PlacedRecord]] = defaultdict(list)
    if records:
        type(records[0]).before_placing(list(records))
    for record in records:
        by_day[record.place_day()].append(record)
    for day, dated in by_day.items():
        level = dated[0].placed_unit
        ids = {getattr(r, f"{level}_id") for r in dated}
        places = keys_on(level, ids, day)
        missing = ids - places.keys()
        if missing:
            found = _keys_of(UNIT_MODELS[level], list(missing))
            places.update((keys[level], keys) for keys in found)
        for record in dated:
            _set_keys(record, places[getattr(record, f"{level}_id")])


def place_held_record(record: AtUnit) -> None:
    """Name the units above an AtUnit record's own (outreach, a visit, a commendation) as they
    stood on the record's day: a session entered late for a day before its hamlet moved
    counts where the hamlet was. A unit with no place that day keeps its current one."""
    own = next((level for level in LEVELS[:0:-1] if getattr(record, f"{level}_id")), None)
    day = getattr(record, record.dated_by)
    if own is None or day is None:  # held by a district: nothing above it to name
        return
    unit_id = getattr(record, f"{own}_id")
    keys = keys_on(own, [unit_id], day).get(unit_id)
    for level in LEVELS[: LEVELS.index(own)] if keys else ():
        setattr(record, f"{level}_id", keys[level])


def parent_on(unit: Model, day: datetime.date | None) -> int | None:
    """The id of the unit a commune or hamlet stood under on `day` (a commune's district or
    province, a hamlet's commune); None if it had no place then. A commune's committee or
    document is kept under the district of its own day."""
    keys = keys_on(unit.level, [unit.pk], day).get(unit.pk) if day else None
    return keys[PARENT[unit.level]] if keys else None


def stood_under(unit: Model, parent_id: int, day: datetime.date | None) -> bool:
    """Whether a commune or hamlet stands under `parent_id` today, or stood under it on `day`:
    a record of that day (a committee, an assignment) may name it there after it moved."""
    own = getattr(unit, f"{PARENT[unit.level]}_id")
    return own == parent_id or parent_on(unit, day) == parent_id


def place_as_now(records: Sequence[PlacedRecord]) -> None:
    """Fill the records' keys from their units' parent fields, one query per level: for
    records written in bulk into a structure not reorganised since their days (the demo
    building its past before its reorganisations)."""
    by_level: dict[str, list[PlacedRecord]] = defaultdict(list)
    for record in records:
        by_level[record.placed_unit].append(record)
    for level, placed in by_level.items():
        ids = {getattr(r, f"{level}_id") for r in placed}
        keys = {k[level]: k for k in _keys_of(UNIT_MODELS[level], list(ids))}
        for record in placed:
            _set_keys(record, keys[getattr(record, f"{level}_id")])


def _set_keys(record: PlacedRecord, keys: dict[str, int]) -> None:
    level = record.placed_unit
    for key in LEVELS[: LEVELS.index(level)]:
        setattr(record, f"{key}_id", keys[key])


def placed_record_models() -> list[type[PlacedRecord]]:
    """Every concrete model that keeps where its records were made."""
    found, pending = [], list(PlacedRecord.__subclasses__())
    while pending:
        model = pending.pop()
        pending.extend(model.__subclasses__())
        if not model._meta.abstract:
            found.append(model)
    return found


def correct(unit: Model) -> None:
    """The unit's parent was corrected by hand: rewrite its current place and that of the
    units below it, and the keys of the records made since that place began."""
    current = Placement.objects.filter(OWN_ROWS[unit.level], ended_on__isnull=True).get(
        **{unit.level: unit.pk}
    )
    (keys,) = _keys_of(type(unit), [unit.pk])
    above = {k: v for k, v in keys.items() if k != unit.level}
    rows = Placement.objects.filter(ended_on__isnull=True, **{unit.level: unit.pk})
    rows.update(**{f"{k}_id": v for k, v in above.items()})
    _rekey_records(unit, above, since=current.started_on)


def move(unit: Model, parent: Model, day: datetime.date) -> None:
    """Place `unit`, with the units below it, under `parent` from `day` on: their current
    rows end the day before and new ones begin on `day`. Records dated before `day` keep
    their keys; records already made for `day` or later take the new place.

    The building block of reorganisations (apps.hierarchy.reorganise), which check
    their rules first; it refuses only a move before the unit's current place began."""
    level = unit.level
    if parent.level != PARENT[level]:
        raise ValueError(f"A {level} is placed under a {PARENT[level]}, not a {parent.level}.")
    rows = list(Placement.objects.filter(ended_on__isnull=True, **{level: unit.pk}))
    if any(row.started_on is not None and row.started_on >= day for row in rows):
        raise ValueError("A unit cannot move before its current place began.")
    above = _own_and_above(parent)
    Placement.objects.filter(pk__in=[row.pk for row in rows]).update(
        ended_on=day - datetime.timedelta(days=1)
    )
    for row in rows:
        row.pk, row.started_on, row.ended_on = None, day, None
        for key, value in above.items():
            setattr(row, f"{key}_id", value)
    Placement.objects.bulk_create(rows)
    setattr(unit, f"{PARENT[level]}_id", parent.pk)
    unit.save(update_fields=[PARENT[level]])  # kept in the unit's history; rows agree already
    _rekey_records(unit, above, since=day)


def _own_and_above(unit: Model) -> dict[str, int]:
    """The ids of `unit` and of the units above it, as they stand now."""
    if unit.level == "district":
        return {"district": unit.pk}
    (keys,) = _keys_of(type(unit), [unit.pk])
    return keys


def records_dated_since(since: datetime.date | None) -> Iterator[QuerySet]:
    """Every kind of record that keeps the units above it: those keeping their own day's
    place (PlacedRecord), those held at a unit of any level (AtUnit: outreach, visits,
    commendations) and those of a district or commune (committees, documents), dated
    `since` or later (None: all)."""
    for model in placed_record_models():
        records = model.objects.all()
        yield records if since is None else records.filter(model.placed_since_q(since))
    for model in apps.get_models():  # the app registry's: not a migration's own copies
        if not issubclass(model, (AtUnit, OfDistrictOrCommune)):
            continue
        records = model.objects.all()
        yield records if since is None else records.filter(**{f"{model.dated_by}__gte": since})


def keeps(model: type[Model], level: str) -> bool:
    """Whether the model's records name a unit of `level` (a commune's rating names no hamlet)."""
    return any(field.name == level for field in model._meta.fields)


def held_at(unit: Model, since: datetime.date) -> Iterator[QuerySet]:
    """The records held at `unit` itself, not below it, dated `since` or later: a commune's
    rating and outreach sessions, a group's meetings. Those below move with their units."""
    below = LEVELS[LEVELS.index(unit.level) + 1] if unit.level != "group" else None
    for records in records_dated_since(since):
        own = getattr(records.model, "placed_unit", None)
        if own == unit.level:
            yield records.filter(**{unit.level: unit.pk})
        elif own is None and keeps(records.model, unit.level):
            held = records.filter(**{unit.level: unit.pk})
            below_too = below and keeps(records.model, below)
            yield held.filter(**{f"{below}__isnull": True}) if below_too else held


def hand_over(unit: Model, successor: Model, since: datetime.date) -> None:
    """Give the records held at `unit` from `since` on to `successor`, which takes its place
    (a merger recorded after records were made, a district's end): they count where the
    work went on. A unique record the successor already holds for the same period raises
    IntegrityError, a committee overlapping the successor's ValidationError: the caller
    says which."""
    for held in held_at(unit, since):
        records = list(held)
        if not records:
            continue
        model = type(records[0])
        for record in records:
            if isinstance(record, PlacedRecord):
                setattr(record, record.placed_unit, successor)
            else:
                record.set_unit(successor)
                record.place()  # where the successor stood on the record's day
            if isinstance(record, OfDistrictOrCommune):
                record.clean()  # a committee's period against the successor's committees
        if issubclass(model, PlacedRecord):
            place_records(records)
        model.objects.bulk_update(records, [level for level in LEVELS if keeps(model, level)])


def _rekey_records(unit: Model, above: dict[str, int], since: datetime.date | None) -> None:
    """Give the records of `unit` (and below) dated `since` or later the ancestors `above`."""
    for records in records_dated_since(since):
        if keeps(records.model, unit.level):  # a record above the unit does not move with it
            records.filter(**{unit.level: unit.pk}).update(
                **{f"{k}_id": v for k, v in above.items()}
            )


def _current_parent(unit: Model) -> int | None:
    """The parent id in the unit's current Placement row; None if it has none yet."""
    level = unit.level
    return (
        Placement.objects.filter(OWN_ROWS[level], ended_on__isnull=True)
        .filter(**{level: unit.pk})
        .values_list(f"{PARENT[level]}_id", flat=True)
        .first()
    )


@receiver(post_save, sender=Commune)
@receiver(post_save, sender=Hamlet)
@receiver(post_save, sender=Group)
def keep_placement(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    if raw:  # loaddata: fixtures carry their own placements
        return
    placed_under = None if created else _current_parent(instance)
    if placed_under is None:
        place_new([instance])
    elif placed_under != getattr(instance, f"{PARENT[instance.level]}_id"):
        correct(instance)


def unmove(unit: Model, parent: Model, day: datetime.date) -> None:
    """Undo `move(unit, …, day)` (a reversed reorganisation): the rows it began go, the rows
    it ended the day before are current again, and `unit` is back under `parent`."""
    level = unit.level
    rows = Placement.objects.filter(**{level: unit.pk})
    rows.filter(ended_on__isnull=True, started_on=day).delete()
    rows.filter(ended_on=day - datetime.timedelta(days=1)).update(ended_on=None)
    setattr(unit, f"{PARENT[level]}_id", parent.pk)
    unit.save(update_fields=[PARENT[level]])
    _rekey_records(unit, _own_and_above(parent), since=day)


def move_households(
    households: Sequence[Model], group: Group, day: datetime.date | None = None
) -> None:
    """Households join `group` from `day` (default today): their memberships of their old
    group end the day before and new ones begin (people.HouseholdMembership), so the old
    group's past keeps them; their records dated `day` or later (a household's yearly
    assessment) take the group's place."""
    day = day or timezone.localdate()
    above = _own_and_above(group)
    ids = [household.pk for household in households]
    apps.get_model("people", "HouseholdMembership").objects.move(households, group, day)
    for records in records_dated_since(day):
        if keeps(records.model, "household"):
            records.filter(household__in=ids).update(**{f"{k}_id": v for k, v in above.items()})
    for household in households:
        household.group = group
        household.save(update_fields=["group"])
