"""The scope rule, in one place: which objects a user may read and write.

Every view, form choice, export, dashboard and admin page gets its objects
through `readable` / `writable` (querysets) or `get_readable_or_404` /
`get_writable_or_404` (one object). An object outside the user's scope is
answered 404, the same as one that does not exist, so ids reveal nothing.

A model takes part by saying where it sits in the hierarchy:
- the units themselves (District, Commune, Hamlet, Group) carry `level`;
- every other model carries `scope_path`, the lookup from it to a unit
  (Person: "household__group");
- a record that may hang from a unit at any level, with that unit's ancestors
  stored beside it, carries `scope_fields`: level → its column (outreach).
A scope on a unit covers that unit's whole subtree. Units are written one
level down: a commune official edits the commune's hamlets and groups but not
the commune itself; a model that sets `written_from_above` (a hamlet's yearly
rating) follows the same rule. Group leaders write only models that set
`group_leader_writes = True` (meetings, petitions). The district steering
committee reads everything except models that set `hidden_from_steering`
(households' crime and drug flags), of which it sees only figures.

Over time (units end, move and succeed one another), reading and writing differ:
- Reading follows history. A scope reads through its unit and, transitively, the
  units it succeeded (Succession rows, followed backwards): the records keyed to
  them on their own day (a PlacedRecord's district/commune/hamlet keys, an AtUnit's
  columns), the units that stood within them on any day (Placement rows), and what
  stands within its unit now (the parent fields). So the official of a commune
  merged away still reads its past, and the new commune's officials read it too.
- Writing follows the present: only through the current parent fields, and only
  while every unit on the way, from the record's unit up to the scope's, has not
  ended. A unit ended by a reorganisation is read-only for all but superusers.
- A page of one period (a month's groups) reads units `on` a day: those within the
  scope's units now, and those that stood within them on that day, not on any day; so
  a unit that left (or whose commune was merged away) is not followed into its later
  periods, whose records belong to the units it stood in then. Likewise a unit's own
  pages (its dashboard) are read up to `read_until`, the last day it stood within the
  user's units, when it no longer does.
"""

import datetime
from collections.abc import Callable, Iterable
from functools import cache, reduce
from operator import or_

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, Max, Model, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from apps.accounts.models import Scope
from apps.core.dated import alive_q
from apps.hierarchy.models import (
    LEVELS,
    PARENT,
    UNIT_MODELS,
    District,
    LivedUnit,
    PlacedRecord,
    Placement,
    Succession,
    ancestors,
    predecessors,
)
from apps.hierarchy.placements import placed_on_q

WRITING_ROLES = {Scope.Role.ADMIN, Scope.Role.COMMUNE, Scope.Role.HAMLET}
NOTHING = Q(pk__in=[])


def _unit_level(model: type[Model]) -> str | None:
    """The level of a unit model; None for other models (a field named `level` is not one)."""
    level = getattr(model, "level", None)
    return level if isinstance(level, str) else None


@cache
def _placement(model: type[Model]) -> tuple[str, str]:
    """(level of the unit the model hangs from, lookup from the model to that unit)."""
    path = getattr(model, "scope_path", None)
    if path is None:
        if _unit_level(model) is None:
            raise TypeError(f"{model.__name__} declares neither `level` nor `scope_path`.")
        return _unit_level(model), ""
    target = model
    for part in path.split("__"):
        target = target._meta.get_field(part).related_model
    return _unit_level(target), path


def is_scoped(model: type[Model]) -> bool:
    """Whether the model takes part in the scope rule (every domain model does)."""
    return _unit_level(model) is not None or any(
        hasattr(model, a) for a in ("scope_path", "scope_fields")
    )


def _lookup_to(model: type[Model], level: str) -> str | None:
    """The lookup from `model` to its ancestor unit at `level`, or None if it sits above."""
    if hasattr(model, "scope_fields"):
        return model.scope_fields.get(level)
    own_level, path = _placement(model)
    hops = []
    current = own_level
    while current != level:
        if current not in PARENT:
            return None
        current = PARENT[current]
        hops.append(current)
    parts = [p for p in [path, *hops] if p]
    return "__".join(parts) if parts else "pk"


def _is(lookup: str, ids: list[int]) -> Q:
    return Q(**{lookup: ids[0]}) if len(ids) == 1 else Q(**{f"{lookup}__in": ids})


def _lived_lookups(model: type[Model], level: str) -> list[str]:
    """Lookups from `model` to the units with a life (not groups) from its own unit up to
    `level` inclusive; "pk" is the object itself."""
    below = LEVELS[LEVELS.index(level) :]
    lookups = [_lookup_to(model, lv) for lv in below if issubclass(UNIT_MODELS[lv], LivedUnit)]
    return [lookup for lookup in lookups if lookup is not None]


def _has_ended(unit: Model) -> bool:
    """Whether a unit with a life (not a group) has ended by today."""
    if not isinstance(unit, LivedUnit) or unit.ended_on is None:
        return False
    return unit.ended_on < timezone.localdate()


def _alive_q(lookups: list[str]) -> Q:
    """The units at `lookups` have not ended ("pk": the object itself) by today."""
    today = timezone.localdate()
    condition = Q()
    for lookup in lookups:
        prefix = "" if lookup == "pk" else f"{lookup}__"
        condition &= alive_q(today, None, end=f"{prefix}ended_on")
    return condition


def _read_q(
    model: type[Model], level: str, lookup: str, units: list[int], on: datetime.date | None
) -> Q:
    """Objects of `model` within `units` (of `level`): now, on their own day, or ever (a
    unit: on the day `on`, if given)."""
    condition = _is(lookup, units)
    own_level = _unit_level(model)
    if issubclass(model, PlacedRecord) and lookup != level:
        field = next((f for f in model._meta.concrete_fields if f.name == level), None)
        if field is not None and field.related_model is UNIT_MODELS[level]:
            condition |= _is(level, units)  # the record's key of its own day
    elif own_level is not None and own_level != level:
        stood_within = Placement.objects.filter(_is(level, units), **{own_level: OuterRef("pk")})
        if on is not None:
            stood_within = stood_within.filter(placed_on_q(on))
        condition |= Exists(stood_within)
    return condition


def _write_path(model: type[Model], scope: Scope) -> tuple[str, list[str]] | None:
    """For a scope that may write `model`: (the lookup to the scope's unit, the lookups to
    the units with a life on the way, which must not have ended); None if it may not."""
    level = Scope.UNIT_FIELD[scope.role]
    lookup = _lookup_to(model, level)
    if lookup is None or scope.role == Scope.Role.STEERING:
        return None
    if level != "group" and _has_ended(getattr(scope, level)):  # loaded with the scope
        return None
    if scope.role == Scope.Role.GROUP_LEADER and not getattr(model, "group_leader_writes", False):
        return None
    if lookup == "pk" or (
        getattr(model, "written_from_above", False) and lookup == _placement(model)[1]
    ):
        # A unit (or its rating) is written by the level above it, not by its own officials.
        return None
    return lookup, _lived_lookups(model, level)


def _scope_q(
    model: type[Model], scope: Scope, *, write: bool, on: datetime.date | None = None
) -> Q:
    level = Scope.UNIT_FIELD[scope.role]
    if write:
        path = _write_path(model, scope)
        if path is None:
            return NOTHING
        lookup, lived = path
        return Q(**{lookup: getattr(scope, f"{level}_id")}) & _alive_q(lived)
    lookup = _lookup_to(model, level)
    if lookup is None:
        return NOTHING
    if scope.role == Scope.Role.STEERING and getattr(model, "hidden_from_steering", False):
        return NOTHING
    return _read_q(model, level, lookup, _units_of(scope), on)


def _succeeded_q() -> Q:
    """Succession rows making a scope's unit (the scope is the outer row) a successor."""
    return reduce(
        or_, (Q(level=level, successor_id=OuterRef(f"{level}_id")) for level in LEVELS)
    ) & Q(reorganisation__reversed_at__isnull=True)


def _units_of(scope: Scope) -> list[int]:
    """The scope's unit and the units it succeeded, transitively (cached on the scope).

    No query unless the unit has predecessors (`scopes_of` asks that with the scopes)."""
    level = Scope.UNIT_FIELD[scope.role]
    own = getattr(scope, f"{level}_id")
    if not getattr(scope, "succeeds", False):
        return [own]
    if not hasattr(scope, "_units"):
        scope._units = sorted([own, *predecessors(level, own)])
    return scope._units


def scopes_of(user) -> list[Scope]:
    """The user's scopes, fetched once per request (cached on the user object)."""
    if not user.is_authenticated or not user.is_active:
        return []
    if not hasattr(user, "_scopes_cache"):
        succeeds = Exists(Succession.objects.filter(_succeeded_q()))
        # With their units, whose end stops writing through them.
        scopes = user.scopes.select_related("district", "commune", "hamlet")
        user._scopes_cache = list(scopes.annotate(succeeds=succeeds))
    return user._scopes_cache


def _filter(user, model_or_queryset, *, write: bool, on: datetime.date | None = None) -> QuerySet:
    queryset = (
        model_or_queryset
        if isinstance(model_or_queryset, QuerySet)
        else model_or_queryset._default_manager.all()
    )
    if user.is_active and user.is_superuser:
        return queryset
    conditions = [_scope_q(queryset.model, s, write=write, on=on) for s in scopes_of(user)]
    return queryset.filter(reduce(or_, conditions, NOTHING))


def readable(user, model_or_queryset, *, on: datetime.date | None = None) -> QuerySet:
    """The objects of a model (or queryset) that `user` may read; with `on`, units as they
    stood that day (the module docstring)."""
    return _filter(user, model_or_queryset, write=False, on=on)


def writable(user, model_or_queryset) -> QuerySet:
    """The objects of a model (or queryset) that `user` may create, change or delete."""
    return _filter(user, model_or_queryset, write=True)


def writable_parents(user, model: type[Model], field: str) -> QuerySet:
    """The objects of `field`'s model under which `user` may create `model` records.

    For example `writable_parents(user, Petition, "group")`: the groups whose
    petitions the user may record.
    """
    parent_model = model._meta.get_field(field).related_model
    parents = parent_model._default_manager.all()
    if user.is_active and user.is_superuser:
        return parents

    def from_parent(lookup: str) -> str:  # "group__hamlet" seen from the group: "hamlet"
        return "pk" if lookup == field else lookup.removeprefix(f"{field}__")

    conditions = []
    for scope in scopes_of(user):
        path = _write_path(model, scope)
        if path is None:
            continue
        lookup, lived = path
        if lookup != field and not lookup.startswith(f"{field}__"):
            continue
        lived = [from_parent(a) for a in lived if a == field or a.startswith(f"{field}__")]
        value = getattr(scope, f"{Scope.UNIT_FIELD[scope.role]}_id")
        conditions.append(Q(**{from_parent(lookup): value}) & _alive_q(lived))
    return parents.filter(reduce(or_, conditions, NOTHING))


def ended_unit(user) -> Model | None:
    """For an official whose every unit has ended (a commune merged away), the unit that
    ended last: their pages open on its last month. None for anyone with a living unit."""
    if user.is_superuser:
        return None
    levels = {scope: Scope.UNIT_FIELD[scope.role] for scope in scopes_of(user)}
    if not levels or "group" in levels.values():  # a group has no end of its own
        return None
    units = [getattr(scope, level) for scope, level in levels.items()]
    if not all(_has_ended(unit) for unit in units):
        return None
    return max(units, key=lambda unit: unit.ended_on)


def reading_day(user, first: datetime.date, last: datetime.date) -> datetime.date:
    """The day a page of the period from `first` to `last` reads units on (readable's `on`): its
    last (today while it runs), or the last day of the user's unit if it ended within the
    period (ended_unit). A period after that end finds none of the unit's units: they stood
    elsewhere."""
    last = min(last, timezone.localdate())
    ended = ended_unit(user)
    return ended.ended_on if ended and first <= ended.ended_on < last else last


def read_until(user, unit: Model) -> datetime.date | None:
    """The last day `user` reads `unit` (loaded with its ancestors) on: None while it stands
    within one of their units now (or for a superuser); otherwise the last day it stood
    within one, by its Placement rows: its later periods belong to the units it went to."""
    if (user.is_active and user.is_superuser) or may(user, type(unit), unit):
        return None
    within = [
        _is(Scope.UNIT_FIELD[scope.role], _units_of(scope))
        for scope in scopes_of(user)
        if LEVELS.index(Scope.UNIT_FIELD[scope.role]) < LEVELS.index(unit.level)
    ]
    rows = Placement.objects.filter(reduce(or_, within, NOTHING), **{unit.level: unit.pk})
    return rows.aggregate(last=Max("ended_on"))["last"]


def may(
    user, model: type[Model], unit: Model, *, write: bool = False, on: datetime.date | None = None
) -> bool:
    """Whether `user` may read (or write) `model` records hanging under `unit`, existing or not.

    For example `may(user, Meeting, group, write=True)`: may the user record
    the group's meetings. It asks where `unit` stands now (its ancestors must be loaded)
    and, for reading, which units the user's units succeeded; writing also needs every
    unit from the scope's down to `unit` not to have ended. Reading `on` a day, as
    `readable(..., on=day)` does, also asks where the unit stood that day (one query, only
    when where it stands now does not answer): the records of a period whose unit has left
    the user's units since.
    """
    if user.is_active and user.is_superuser:
        return True
    chain = ancestors(unit)
    if _may_at(user, model, {above.level: above.pk for above in chain}, chain, write):
        return True
    return on is not None and not write and _may_at(user, model, _stood_on(unit, on), chain)


def _may_at(
    user, model: type[Model], ids: dict[str, int], chain: list, write: bool = False
) -> bool:
    """`may`, for a unit whose ancestors' ids (by level) are `ids`."""
    for scope in scopes_of(user):
        level = Scope.UNIT_FIELD[scope.role]
        if write:
            covered = ids.get(level) == getattr(scope, f"{level}_id") and not any(
                _has_ended(u) for u in chain[LEVELS.index(level) :]
            )
            allowed = _write_path(model, scope) is not None
        else:
            covered = ids.get(level) in _units_of(scope)
            allowed = _scope_q(model, scope, write=False) != NOTHING
        if covered and allowed:
            return True
    return False


def _stood_on(unit: Model, day: datetime.date) -> dict[str, int]:
    """The unit and the units above it as it stood on `day` (none if it did not stand)."""
    if unit.level == LEVELS[0]:  # the top stands under nothing
        return {unit.level: unit.pk}
    own = {f"{level}__isnull": True for level in LEVELS[LEVELS.index(unit.level) + 1 :]}
    above = LEVELS[: LEVELS.index(unit.level)]
    row = (
        Placement.objects.filter(placed_on_q(day), **{unit.level: unit.pk}, **own)
        .values(*above)
        .first()
    )
    return {} if row is None else {**row, unit.level: unit.pk}


def check_may_write(user, model: type[Model], unit: Model) -> None:
    """Refuse (403) a write of a `model` record under `unit` that `user` may not make: what a
    service asks before it writes, so that nothing is written first and undone after."""
    if not may(user, model, unit, write=True):
        raise PermissionDenied


def get_readable_or_404(
    user, model_or_queryset, *, on: datetime.date | None = None, **lookup
) -> Model:
    """One object the user may read (`on` a day, see readable); 404 for anything else, as if
    it did not exist."""
    queryset = readable(user, model_or_queryset, on=on)
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, ValidationError) as exc:
        raise Http404 from exc


def get_writable_or_404(user, model_or_queryset, **lookup) -> Model:
    """One object the user may change: 404 if outside the scope, 403 if only readable."""
    obj = get_readable_or_404(user, model_or_queryset, **lookup)
    if not writable(user, model_or_queryset).filter(pk=obj.pk).exists():
        raise PermissionDenied
    return obj


def get_or_404(user, model_or_queryset, *, write: bool = False, **lookup) -> Model:
    """One object: 404 outside the user's scope; with `write`, 403 if the user may only read it.
    What each part's `get_<thing>_for_user(user, id, write=...)` asks."""
    if write:
        return get_writable_or_404(user, model_or_queryset, **lookup)
    return get_readable_or_404(user, model_or_queryset, **lookup)


def get_parent_or_404(user, queryset: QuerySet, model: type[Model], *, write: bool, **lookup):
    """A unit the user may read (404 otherwise) under which, with `write`, they may write
    `model` records (403 otherwise): the unit a page records `model` under."""
    unit = get_readable_or_404(user, queryset, **lookup)
    if write and not may(user, model, unit, write=True):
        raise PermissionDenied
    return unit


def to_edit(user, model: type[Model], pk: int | None, get_for_user: Callable, **new) -> Model:
    """The record an edit page changes: with `pk`, that record fetched for writing by the
    part's `get_for_user` (404 outside the scope, 403 if only readable); without, a new
    `model` record (with the fields `new` gives) for a user who may write one somewhere
    (403 otherwise)."""
    if pk is not None:
        return get_for_user(user, pk, write=True)
    if not can_write_any(user, model):
        raise PermissionDenied
    return model(**new)


def _can_any(user, model: type[Model], *, write: bool) -> bool:
    if user.is_active and user.is_superuser:
        return True
    return any(_scope_q(model, s, write=write) != NOTHING for s in scopes_of(user))


def can_read_any(user, model: type[Model]) -> bool:
    """Whether any of the user's scopes lets them read objects of `model` at all."""
    return _can_any(user, model, write=False)


def can_write_any(user, model: type[Model]) -> bool:
    """Whether any of the user's scopes lets them write objects of `model` at all."""
    return _can_any(user, model, write=True)


def changeable_among(user, model: type[Model], records: Iterable[Model]) -> set[int]:
    """The ids of `records` (a page of a list) that the user may change, so that a list offers
    an edit button only where the edit page will not refuse: one query, none for a user who
    may change no record of `model`."""
    if not can_write_any(user, model):
        return set()
    ids = [record.pk for record in records]
    return set(writable(user, model).filter(pk__in=ids).values_list("pk", flat=True))


def is_district_wide(user) -> bool:
    return (user.is_active and user.is_superuser) or any(
        s.role in (Scope.Role.ADMIN, Scope.Role.STEERING) for s in scopes_of(user)
    )


def is_administrator(user) -> bool:
    return (user.is_active and user.is_superuser) or any(
        s.role == Scope.Role.ADMIN for s in scopes_of(user)
    )


def administers(user, top) -> bool:
    """Whether `user` administers the district (or province) `top`: only they reorganise its
    units."""
    return (user.is_active and user.is_superuser) or any(
        s.role == Scope.Role.ADMIN and s.district_id == top.pk for s in scopes_of(user)
    )


def administered(user) -> QuerySet:
    """The districts (and provinces) `user` administers."""
    if user.is_active and user.is_superuser:
        return District.objects.all()
    ids = [s.district_id for s in scopes_of(user) if s.role == Scope.Role.ADMIN]
    return District.objects.filter(pk__in=ids)
