"""Reorganisations: renames, moves, mergers, splits and the end of a district, as dated
operations that a district (or province) administrator previews, confirms and may reverse.

Each operation is checked first (`check_*` returns the plan, or raises ValidationError with
a message for the user, before anything is written), then carried out in one transaction
on the Placement primitive (apps.hierarchy.placements.move): units keep their ids and
codes, the old place stays in the Placement history, and a Reorganisation row (with
Succession rows from predecessors to successors) records it. `details` keeps what a
reversal needs.
"""

import datetime
import functools
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model, Q
from django.utils.translation import gettext as _

from apps.accounts.access import administers
from apps.hierarchy import life, placements, reversal
from apps.hierarchy.models import (
    PARENT,
    UNIT_MODELS,
    District,
    Group,
    Hamlet,
    Reorganisation,
    Succession,
    Unit,
    ancestors,
)

ONE_DAY = datetime.timedelta(days=1)
CHILD = {parent: child for child, parent in PARENT.items()}


@dataclass
class Plan:
    """What an operation will do: shown by the preview, carried out by `apply`."""

    kind: str
    level: str
    on: datetime.date
    top: District
    renamed: tuple[Unit, str, str] | None = None
    created: list[Unit] = field(default_factory=list)  # not saved yet
    moves: list[tuple[Unit, Unit]] = field(default_factory=list)  # (unit, new parent)
    households: list[tuple[Model, Group]] = field(default_factory=list)
    ended: list[Unit] = field(default_factory=list)
    successions: list[tuple[Unit, Unit, str]] = field(default_factory=list)
    # The part of a split that takes the records the split unit itself holds since the day.
    records_to: Unit | None = None
    involved: list[Unit] = field(default_factory=list)
    # The same check, run again by `apply` under the lock, on the units as stored then.
    check_again: Callable[[], "Plan"] | None = None

    def saved_objects(self) -> list[Model]:
        """The units (and households) the plan saves, so each history row names the user."""
        renamed = [self.renamed[0]] if self.renamed else []
        moved = [item for item, _target in self.moves + self.households]
        return [*self.created, *renamed, *moved, *self.ended]

    @property
    def ends_on(self) -> datetime.date:
        """The last day of the units that end."""
        return self.on - ONE_DAY

    def held_that_ends(self) -> int:
        """How many roles, committees, boards and their members held at the units that end
        end with them, and oversights from the parents the moved units leave (for the
        preview)."""
        held = life.held_past(self.ended, self.ends_on)
        for unit, _parent in self.moves:
            held += life.held_from_above_past(unit, _left(unit), self.ends_on)
        # An oversight of a moved hamlet by its ended commune's committee is found twice.
        return len({(rows.model, pk) for rows in held for pk in rows.values_list("pk", flat=True)})

    def records_handed_to_a_part(self) -> int:
        """How many records the split unit itself holds since the day, which go to the part
        chosen for them (for the preview)."""
        if self.records_to is None:
            return 0
        return sum(held.count() for held in placements.held_at(self.ended[0], self.on))

    def move_rows(self) -> list[tuple[Unit, Unit, Unit]]:
        """(unit, from, to) for each unit that moves (for the preview)."""
        return [(u, getattr(u, PARENT[u.level]), parent) for u, parent in self.moves]

    def summary(self) -> str:
        """The change in a line, with the names of the day (the list of reorganisations)."""
        if self.renamed:
            _unit, old, new = self.renamed
            return f"{old} → {new}"
        if self.kind == "move":
            ((unit, parent),) = self.moves
            return f"{unit.name}: {getattr(unit, PARENT[unit.level]).name} → {parent.name}"
        predecessors = dict.fromkeys(p.name for p, _s, _share in self.successions)
        successors = dict.fromkeys(s.name for _p, s, _share in self.successions)
        return f"{', '.join(predecessors)} → {', '.join(successors)}"

    def moved_below(self) -> dict[str, int]:
        """How many communes, hamlets, groups and households move, those below a moved unit
        included (for the preview)."""
        ids = {
            level: [unit.pk for unit, _parent in self.moves if unit.level == level]
            for level in ("commune", "hamlet", "group")
        }
        hamlets = Hamlet.objects.filter(Q(pk__in=ids["hamlet"]) | Q(commune__in=ids["commune"]))
        groups = Group.objects.filter(Q(pk__in=ids["group"]) | Q(hamlet__in=hamlets))
        households = apps.get_model("people", "Household").objects.filter(group__in=groups)
        return {
            "commune": len(ids["commune"]),
            "hamlet": hamlets.count(),
            "group": groups.count(),
            "household": households.count() + len(self.households),
        }


# The checks


def _name(unit: Unit) -> str:
    return f"{unit.name} ({unit.code})"


def _began(unit: Unit) -> datetime.date:
    """The first day of the unit's life (a group: the day it became active, if it did)."""
    first = getattr(unit, unit.life[0])
    return max(first, unit.activated_on) if getattr(unit, "activated_on", None) else first


def _top(unit: Unit) -> District:
    return ancestors(unit)[0]


def _check_administers(by, units: list[Unit]) -> None:
    """`by` must administer the top unit of each of `units`."""
    for top in {_top(unit) for unit in units}:
        if not administers(by, top):
            raise ValidationError(
                _("Only an administrator of %(top)s may reorganise its units.") % {"top": top.name}
            )


def _check_alive(units: list[Unit], on: datetime.date) -> None:
    for unit in units:
        if not unit.alive_on(on):
            raise ValidationError(
                _("%(unit)s is not in existence on %(day)s.")
                % {"unit": _name(unit), "day": f"{on:%d/%m/%Y}"}
            )


def _check_can_end(units: list[Unit], on: datetime.date) -> None:
    """A unit ends the day before `on`: it must have begun before `on`."""
    for unit in units:
        if _began(unit) >= on:
            raise ValidationError(
                _("%(unit)s began on %(began)s: it can end only from the next day on.")
                % {"unit": _name(unit), "began": f"{_began(unit):%d/%m/%Y}"}
            )


def _left(unit: Unit) -> Unit:
    """The parent a moving unit leaves (as an id-only instance)."""
    level = PARENT[unit.level]
    return UNIT_MODELS[level](pk=getattr(unit, f"{level}_id"))


def _check_movable(units: list[Unit], on: datetime.date) -> None:
    """The current places of each unit and of the units within it must have begun before
    `on` (the primitive's own rule: they all move together)."""
    for level in ("commune", "hamlet", "group"):
        ids = [unit.pk for unit in units if unit.level == level]
        late = set(
            placements.Placement.objects.filter(ended_on__isnull=True)
            .filter(**{f"{level}__in": ids, "started_on__gte": on})
            .values_list(level, flat=True)
        )
        for unit in units:
            if unit.level == level and unit.pk in late:
                raise ValidationError(
                    _("%(unit)s was last moved on or after %(day)s: choose a later date.")
                    % {"unit": _name(unit), "day": f"{on:%d/%m/%Y}"}
                )


def _check_codes_free(items: list[Model], parent: Model, related_name: str) -> None:
    """Codes are unique within the parent: none of `items` may take a code already there."""
    if parent.pk is None:
        taken = set()
    else:
        taken = set(getattr(parent, related_name).values_list("code", flat=True))
    codes = [item.code for item in items]
    clashes = sorted({c for c in codes if c in taken or codes.count(c) > 1})
    if clashes:
        raise ValidationError(
            _("%(parent)s would have two units with the code %(codes)s; change a code first.")
            % {"parent": parent.name, "codes": ", ".join(clashes)}
        )


def living_children(unit: Unit, on: datetime.date | None = None) -> list[Unit]:
    """The unit's children not ended before `on` (None: not ended): they move with a merger
    or a split."""
    model = UNIT_MODELS[CHILD[unit.level]]
    end = model.life[1]
    alive = Q(**{f"{end}__isnull": True})
    if on is not None:
        alive |= Q(**{f"{end}__gte": on})
    return list(model.objects.filter(alive, **{PARENT[model.level]: unit}).order_by("code"))


def current_households(group: Group, on: datetime.date | None = None) -> list[Model]:
    """The group's households that had not left before `on` (None: not left)."""
    stayed = Q(left_on__isnull=True)
    if on is not None:
        stayed |= Q(left_on__gte=on)
    return list(group.households.filter(stayed).order_by("code"))


def _new_unit(level: str, spec: dict, on: datetime.date, by) -> Unit:
    """An unsaved unit from the form's `new` dict, checked."""
    model = UNIT_MODELS[level]
    parent = spec.get("parent")
    code, name = (spec.get("code") or "").strip(), (spec.get("name") or "").strip()
    if not code or not name:
        raise ValidationError(_("A new unit needs a code and a name."))
    if parent is None or parent.level != PARENT[level]:
        raise ValidationError(_("Choose the unit the new one belongs to."))
    _check_administers(by, [parent])
    _check_alive([parent], on)
    fields = {"code": code, "name": name, PARENT[level]: parent}
    if level == "group":
        fields.update(status=Group.Status.ACTIVE, planned_on=on, activated_on=on)
    else:
        fields.update(started_on=on, kind=spec.get("kind") or model.Kind.values[0])
    unit = model(**fields)
    _check_codes_free([unit], parent, f"{CHILD[parent.level]}s")
    return unit


def _checked_again(check: Callable[..., Plan]) -> Callable[..., Plan]:
    """A check whose plan `apply` can check again, inside its lock, with the units reloaded."""

    @functools.wraps(check)
    def checked(*args, **kwargs) -> Plan:
        plan = check(*args, **kwargs)
        plan.check_again = lambda: check(*args, **kwargs)
        return plan

    return checked


def _check_common(by, units: list[Unit], on: datetime.date) -> None:
    if not isinstance(on, datetime.date):
        raise ValidationError(_("Enter the date it takes effect."))
    _check_administers(by, units)
    _check_alive(units, on)


@_checked_again
def check_rename(unit: Unit, *, name: str, on: datetime.date, by) -> Plan:
    _check_common(by, [unit], on)
    name = (name or "").strip()
    if not name or name == unit.name:
        raise ValidationError(_("Enter the new name, different from the current one."))
    if _began(unit) > on:
        raise ValidationError(_("A unit cannot be renamed before it began."))
    return Plan(
        "rename", unit.level, on, _top(unit), renamed=(unit, unit.name, name), involved=[unit]
    )


@_checked_again
def check_move(unit: Unit, *, to: Unit, on: datetime.date, by) -> Plan:
    if unit.level not in ("hamlet", "group") or to.level != PARENT[unit.level]:
        raise ValidationError(_("A hamlet moves to another commune, a group to another hamlet."))
    if getattr(unit, f"{PARENT[unit.level]}_id") == to.pk:
        raise ValidationError(_("%(unit)s is already there.") % {"unit": _name(unit)})
    _check_common(by, [unit, to], on)
    _check_movable([unit], on)
    _check_codes_free([unit], to, f"{unit.level}s")
    return Plan("move", unit.level, on, _top(to), moves=[(unit, to)], involved=[unit])


def _check_same_level(units: list[Unit]) -> str:
    levels = {unit.level for unit in units}
    if len(levels) != 1 or levels & {"district"}:
        raise ValidationError(_("Choose communes, hamlets or groups, all of one level."))
    return levels.pop()


def _hand_over(plan: Plan, unit: Unit, successor: Unit) -> None:
    """Plan the move of `unit`'s living children (a group's households) to `successor`."""
    if unit.level == "group":
        plan.households += [(h, successor) for h in current_households(unit, plan.on)]
    else:
        plan.moves += [(child, successor) for child in living_children(unit, plan.on)]


def _check_handed_over(plan: Plan) -> None:
    """The moved units' (households') codes stay unique in each receiving unit."""
    by_target: dict[int, tuple[Model, list[Model]]] = {}
    for item, target in plan.moves + plan.households:
        by_target.setdefault(id(target), (target, []))[1].append(item)
    for target, items in by_target.values():
        below = "households" if target.level == "group" else f"{CHILD[target.level]}s"
        _check_codes_free(items, target, below)
    _check_movable([unit for unit, _target in plan.moves], plan.on)


@_checked_again
def check_merge(
    units: list[Unit], *, into: Unit | None = None, new: dict | None = None, on, by
) -> Plan:
    if len(set(units) - {into}) < (1 if into else 2):
        raise ValidationError(_("Choose at least two units to merge."))
    if (into is None) == (new is None):
        raise ValidationError(_("Merge into one existing unit or into a new one."))
    level = _check_same_level([*units, *([into] if into else [])])
    _check_common(by, [*units, *([into] if into else [])], on)
    # Units of several districts may merge into a unit of a province (the 2025 reform):
    # whoever merges them administers every one of their top units (_check_common).
    successor = into or _new_unit(level, new, on, by)
    top = _top(successor)
    merged = [unit for unit in units if unit != successor]
    _check_can_end(merged, on)
    plan = Plan("merge", level, on, top, ended=merged)
    plan.created = [] if into else [successor]
    for unit in merged:
        _hand_over(plan, unit, successor)
        plan.successions.append((unit, successor, Succession.Share.WHOLE))
    _check_handed_over(plan)
    plan.involved = [*merged, successor, *(u for u, _t in plan.moves)]
    return plan


@_checked_again
def check_split(unit: Unit, *, parts: list[dict], on, by) -> Plan:
    _check_common(by, [unit], on)
    top = _top(unit)
    if unit.level == "district" or len(parts) < 2:
        raise ValidationError(_("Split a commune, a hamlet or a group into at least two parts."))
    _check_can_end([unit], on)
    if not any(part.get("takes_records") for part in parts):
        _check_nothing_held(unit, on)
    plan = Plan("split", unit.level, on, top, ended=[unit])
    given_name = "households" if unit.level == "group" else "children"
    expected = current_households(unit, on) if unit.level == "group" else living_children(unit, on)
    handed: list[Model] = []
    for part in parts:
        successor = part.get("into")
        if successor is None:
            successor = _new_unit(unit.level, part.get("new") or {}, on, by)
            plan.created.append(successor)
        elif successor.level != unit.level or successor == unit:
            raise ValidationError(_("Each part is another unit of the same level."))
        else:
            _check_common(by, [successor], on)
        given = list(part.get(given_name) or [])
        handed += given
        if unit.level == "group":
            plan.households += [(h, successor) for h in given]
        else:
            plan.moves += [(child, successor) for child in given]
        plan.successions.append((unit, successor, Succession.Share.PART))
        if part.get("takes_records"):
            plan.records_to = successor
    if sorted(x.pk for x in handed) != sorted(x.pk for x in expected):
        raise ValidationError(
            _("Each hamlet, group or household of %(unit)s must go to exactly one part.")
            % {"unit": _name(unit)}
        )
    _check_handed_over(plan)
    for parent in {getattr(new, PARENT[new.level]) for new in plan.created}:
        siblings = [new for new in plan.created if getattr(new, PARENT[new.level]) == parent]
        _check_codes_free(siblings, parent, f"{unit.level}s")
    successors = [successor for _unit, successor, _share in plan.successions]
    plan.involved = [unit, *successors, *(child for child, _target in plan.moves)]
    return plan


@_checked_again
def check_regroup(district: District, *, province: District, on, by) -> Plan:
    if district.kind != District.Kind.DISTRICT or province.kind == District.Kind.DISTRICT:
        raise ValidationError(_("Choose a district, and the province or city it goes to."))
    _check_common(by, [district, province], on)
    _check_can_end([district], on)
    communes = living_children(district, on)
    plan = Plan("regroup", "district", on, province, ended=[district])
    plan.moves = [(commune, province) for commune in communes]
    plan.successions = [(district, province, Succession.Share.WHOLE)]
    _check_handed_over(plan)
    plan.involved = [district, *communes]
    return plan


# The writes


def _end(unit: Unit, on: datetime.date) -> list:
    """End the unit the day before `on`; returns what a reversal restores."""
    last_day = unit.last_day.isoformat() if unit.last_day else None
    before = [unit.level, unit.pk, last_day, getattr(unit, "status", None)]
    setattr(unit, unit.life[1], on - ONE_DAY)
    fields = [unit.life[1]]
    if unit.level == "group":
        unit.status = Group.Status.DISSOLVED
        fields.append("status")
    unit.save(update_fields=fields)
    return before


def _one_at_a_time(units: list[Unit]) -> None:
    """Lock the top units the operation touches and reload the units: two reorganisations
    of one area run one after the other, and the second is checked against what the first
    left (PostgreSQL locks the rows; SQLite writes one transaction at a time anyway)."""
    stored = [unit for unit in units if unit.pk]
    tops = {ancestors(unit)[0].pk for unit in stored}
    list(District.objects.select_for_update().filter(pk__in=tops).order_by("pk"))
    for unit in stored:
        unit.refresh_from_db()


def _hand_over_held(unit: Unit, successor: Unit, on: datetime.date) -> None:
    """What the unit itself holds from `on` on goes to the unit that takes its place."""
    try:
        with transaction.atomic():
            placements.hand_over(unit, successor, on)
    except (IntegrityError, ValidationError) as error:
        raise ValidationError(
            _(
                "%(unit)s and %(successor)s both hold a record of the same period from "
                "%(day)s on (a rating, a meeting, a steering committee): keep one of them "
                "first."
            )
            % {"unit": _name(unit), "successor": _name(successor), "day": f"{on:%d/%m/%Y}"}
        ) from error


def _check_nothing_held(unit: Unit, on: datetime.date) -> None:
    """A unit split in parts cannot say which part its own records go to: the caller
    chooses one (`takes_records`)."""
    if any(held.exists() for held in placements.held_at(unit, on)):
        raise ValidationError(
            _(
                "%(unit)s holds records of its own dated %(day)s or later (ratings, outreach "
                "sessions, meetings): choose the part that takes them."
            )
            % {"unit": _name(unit), "day": f"{on:%d/%m/%Y}"}
        )


def _check_nothing_begins_after(units: list[Unit], on: datetime.date) -> None:
    """What is held at a unit (a role, a committee) ends with it, so none of it may begin on
    or after `on`; asked once what the successors take over has been handed to them."""
    held = life.held_from(units, on)
    if held is not None:
        raise ValidationError(
            _(
                "%(held)s begins on %(day)s, after the unit it is held at ends: change its "
                "dates first."
            )
            % {"held": held, "day": f"{getattr(held, held.begins):%d/%m/%Y}"}
        )


@transaction.atomic
def apply(plan: Plan, *, by, legal_basis: str = "", note: str = "") -> Reorganisation:
    """Check the plan again under the lock, carry it out, and record it."""
    _one_at_a_time([*plan.involved, plan.top])
    if plan.check_again:
        plan = plan.check_again()
    for unit in plan.saved_objects():
        unit._history_user = by  # simple-history names who made the change
    details: dict = {"summary": plan.summary(), "moves": [], "households": [], "ended": []}
    details["created"] = []
    for unit in plan.created:
        unit.save()
        details["created"].append([unit.level, unit.pk])
    if plan.renamed:
        unit, old, new = plan.renamed
        unit.name = new
        unit.save(update_fields=["name", "name_folded"])
        details["renamed"] = {"old": old, "new": new}
    details["held"] = []
    for unit, parent in plan.moves:
        left = _left(unit)
        details["moves"].append([unit.level, unit.pk, left.pk])
        details["held"] += life.end_held(
            life.held_from_above_past(unit, left, plan.ends_on), plan.ends_on, by
        )
        placements.move(unit, parent, plan.on)
    by_group: dict[int, tuple[Group, list]] = {}
    for household, group in plan.households:
        details["households"].append([household.pk, household.group_id])
        by_group.setdefault(id(group), (group, []))[1].append(household)
    for group, households in by_group.values():
        placements.move_households(households, group, plan.on)
    for predecessor, successor, share in plan.successions:
        if share == Succession.Share.WHOLE or successor is plan.records_to:
            _hand_over_held(predecessor, successor, plan.on)
    _check_nothing_begins_after(plan.ended, plan.on)
    details["ended"] = [_end(unit, plan.on) for unit in plan.ended]
    details["held"] += [held for unit in plan.ended for held in life.end_what_was_held(unit, by)]
    details["units"] = sorted({(u.level, u.pk) for u in plan.involved})
    reorganisation = Reorganisation.objects.create(
        kind=plan.kind,
        level=plan.level,
        district=plan.top,
        took_effect_on=plan.on,
        legal_basis=legal_basis,
        note=note,
        details=details,
        recorded_by=by,
    )
    Succession.objects.bulk_create(
        Succession(
            reorganisation=reorganisation,
            level=predecessor.level,
            predecessor_id=predecessor.pk,
            successor_id=successor.pk,
            share=share,
        )
        for predecessor, successor, share in plan.successions
    )
    return reorganisation


def rename(unit, *, name: str, on, by, legal_basis: str = "", note: str = "") -> Reorganisation:
    """The unit takes a new name from `on`; its code stays and its history keeps the old one."""
    plan = check_rename(unit, name=name, on=on, by=by)
    return apply(plan, by=by, legal_basis=legal_basis, note=note)


def move(unit, *, to, on, by, legal_basis: str = "", note: str = "") -> Reorganisation:
    """A hamlet to another commune, or a group to another hamlet, from `on`."""
    plan = check_move(unit, to=to, on=on, by=by)
    return apply(plan, by=by, legal_basis=legal_basis, note=note)


def merge(
    units, *, into=None, new=None, on, by, legal_basis: str = "", note: str = ""
) -> Reorganisation:
    """Units of one level become `into` (or a new unit) from `on`: their children (a group's
    households) move to it, and each of them ends the day before."""
    plan = check_merge(units, into=into, new=new, on=on, by=by)
    return apply(plan, by=by, legal_basis=legal_basis, note=note)


def split(unit, *, parts, on, by, legal_basis: str = "", note: str = "") -> Reorganisation:
    """The unit's children (a group's households) go to the parts from `on`; it ends the
    day before. Records of the unit itself made since `on` (a split recorded late) go to the
    part marked `takes_records`; without one they refuse the split."""
    plan = check_split(unit, parts=parts, on=on, by=by)
    return apply(plan, by=by, legal_basis=legal_basis, note=note)


def regroup(district, *, province, on, by, legal_basis: str = "", note: str = "") -> Reorganisation:
    """The district ends the day before `on`; its communes stand under `province` from `on`."""
    plan = check_regroup(district, province=province, on=on, by=by)
    return apply(plan, by=by, legal_basis=legal_basis, note=note)


def reverse(reorganisation: Reorganisation, *, by) -> None:
    """Undo the reorganisation exactly (apps.hierarchy.reversal)."""
    reversal.reverse(reorganisation, by=by)
