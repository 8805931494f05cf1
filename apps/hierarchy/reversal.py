"""Undoing a reorganisation exactly: units back where they stood, parents and names back,
ended units reopened and units it created deleted, from what its `details` kept.

Refused once records are dated on or after its day in the units it changed (the figures
of that day on would change), or a later reorganisation changed the same units.
"""

import datetime

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.access import administers
from apps.hierarchy import life, placements
from apps.hierarchy.models import PARENT, UNIT_MODELS, Group, Reorganisation, Unit


def _units(reorganisation: Reorganisation) -> dict[str, set[int]]:
    found: dict[str, set[int]] = {}
    for level, pk in reorganisation.details.get("units", []):
        found.setdefault(level, set()).add(pk)
    return found


def _records_since(units: dict[str, set[int]], day: datetime.date) -> bool:
    """Whether any record of these units (or below them) is dated `day` or later, or anything
    held at them (a role, a committee) begins then."""
    for records in placements.records_dated_since(day):
        where = Q(pk__in=[])
        for level, ids in units.items():
            if placements.keeps(records.model, level):
                where |= Q(**{f"{level}__in": ids})
        if records.filter(where).exists():
            return True
    stored = [UNIT_MODELS[level](pk=pk) for level, ids in units.items() for pk in ids]
    return life.held_from(stored, day) is not None


def check_reverse(reorganisation: Reorganisation, *, by) -> None:
    """Refuse, with the reason, a reversal that cannot be done, before anything is written."""
    if reorganisation.reversed_at:
        raise ValidationError(_("This reorganisation was already reversed."))
    if not administers(by, reorganisation.district):
        raise ValidationError(
            _("Only an administrator of %(top)s may reorganise its units.")
            % {"top": reorganisation.district.name}
        )
    units = _units(reorganisation)
    later = Reorganisation.objects.filter(pk__gt=reorganisation.pk, reversed_at__isnull=True)
    for other in later:
        if any(ids & _units(other).get(level, set()) for level, ids in units.items()):
            raise ValidationError(
                _("A later reorganisation (%(other)s) changed the same units: reverse it first.")
                % {"other": other}
            )
    if _records_since(units, reorganisation.took_effect_on):
        raise ValidationError(
            _(
                "Records dated %(day)s or later exist in these units: the reorganisation can "
                "no longer be reversed."
            )
            % {"day": f"{reorganisation.took_effect_on:%d/%m/%Y}"}
        )


def why_not_reversible(reorganisation: Reorganisation, *, by) -> str:
    """Why check_reverse would refuse the reversal ("" if it can be done): said on the page
    before the user is asked to confirm."""
    try:
        check_reverse(reorganisation, by=by)
    except ValidationError as refused:
        return " ".join(refused.messages)
    return ""


def _unit(level: str, pk: int, by) -> Unit:
    unit = UNIT_MODELS[level].objects.get(pk=pk)
    unit._history_user = by
    return unit


@transaction.atomic
def reverse(reorganisation: Reorganisation, *, by) -> None:
    """Undo the reorganisation exactly: places, parents, ended units reopened, created units
    deleted, names back. Refused once records are dated on or after its day in its units,
    or a later reorganisation changed them."""
    reorganisation = Reorganisation.objects.select_for_update().get(pk=reorganisation.pk)
    check_reverse(reorganisation, by=by)
    details, on = reorganisation.details, reorganisation.took_effect_on
    household_model = apps.get_model("people", "Household")
    back: dict[int, list] = {}
    for household_id, group_id in details["households"]:
        back.setdefault(group_id, []).append(household_id)
    for group_id, ids in back.items():
        households = list(household_model.objects.filter(pk__in=ids))
        for household in households:
            household._history_user = by
        placements.move_households(households, Group.objects.get(pk=group_id), on)
    for level, pk, parent_id in reversed(details["moves"]):
        placements.unmove(_unit(level, pk, by), _unit(PARENT[level], parent_id, by), on)
    life.restore_what_was_held(details.get("held", []), by)
    for level, pk, last_day, status in details["ended"]:
        unit = _unit(level, pk, by)
        setattr(unit, unit.life[1], last_day and datetime.date.fromisoformat(last_day))
        fields = [unit.life[1]]
        if status:
            unit.status = status
            fields.append("status")
        unit.save(update_fields=fields)
    for level, pk in details["created"]:
        try:
            _unit(level, pk, by).delete()
        except ProtectedError as exc:
            raise ValidationError(
                _("%(unit)s has records of its own now: the reorganisation cannot be reversed.")
                % {"unit": _unit(level, pk, by).name}
            ) from exc
    if "renamed" in details:
        ((level, pk),) = details["units"]
        unit = _unit(level, pk, by)
        unit.name = details["renamed"]["old"]
        unit.save(update_fields=["name", "name_folded"])
    reorganisation.reversed_at, reorganisation.reversed_by = timezone.now(), by
    reorganisation.save(update_fields=["reversed_at", "reversed_by"])
