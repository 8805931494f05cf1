"""Records happen within their unit's life: the one check that refuses a date (or a year)
before the unit began or after it ended, used by the models' `clean` (so by every form
and admin page saving them) and by the assessment pages, which save in bulk; and what is
held at a unit (a group's roles, a commune's committee, a hamlet's board) ends with it."""

import datetime
import operator
from functools import reduce
from typing import TYPE_CHECKING

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import Model, Q, QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _

if TYPE_CHECKING:  # the models call this check: no import of them at run time
    from apps.hierarchy.models import Unit


def refuse_outside_life(
    unit: "Unit",
    first: datetime.date,
    last: datetime.date | None = None,
    *,
    field: str | None = None,
) -> None:
    """Raise a ValidationError (on `field` if given) unless `unit` was alive on `first`, or on
    at least one day of [first, last] (a year's assessment)."""
    last = last or first
    began, ended = (getattr(unit, name) for name in unit.life)
    if ended is not None and ended < first:
        message = _("%(unit)s ended on %(day)s; nothing can be recorded after that day.") % {
            "unit": unit,
            "day": date_format(ended, "SHORT_DATE_FORMAT"),
        }
    elif began is None or last < began:
        message = _("%(unit)s had not yet been established on %(day)s.") % {
            "unit": unit,
            "day": date_format(last, "SHORT_DATE_FORMAT"),
        }
    else:
        return
    raise ValidationError({field: message} if field else message)


def ending_models() -> list[type[Model]]:
    """The models of periods held at a unit (apps.hierarchy.models.EndsWithItsUnit): from
    the app registry, not a migration's own copies of them."""
    from apps.hierarchy.models import EndsWithItsUnit

    return [model for model in apps.get_models() if issubclass(model, EndsWithItsUnit)]


def _held_at(model: type[Model], units: list["Unit"]) -> Q | None:
    found = [q for q in (model.held_at(unit) for unit in units) if q is not None]
    return reduce(operator.or_, found) if found else None


def _ongoing(model: type[Model], held: Q, last_day: datetime.date) -> QuerySet:
    """The rows `held` of `model` begun by `last_day` that go on past it."""
    past_the_end = Q(ended_on__isnull=True) | Q(ended_on__gt=last_day)
    return model.objects.filter(held, past_the_end, **{f"{model.begins}__lte": last_day})


def held_past(units: list["Unit"], last_day: datetime.date) -> list[QuerySet]:
    """The periods held at `units` that began by `last_day` and go on past it: those the
    units' end on `last_day` ends."""
    found = [(model, _held_at(model, units)) for model in ending_models()]
    return [_ongoing(model, held, last_day) for model, held in found if held is not None]


def held_from_above_past(unit: "Unit", parent: "Unit", last_day: datetime.date) -> list[QuerySet]:
    """The periods held over `unit` from `parent` (an oversight) that go on past `last_day`:
    those its move away from `parent` the next day ends."""
    found = [(model, model.held_from_above(unit, parent)) for model in ending_models()]
    return [_ongoing(model, held, last_day) for model, held in found if held is not None]


def end_held(periods: list[QuerySet], last_day: datetime.date, by=None) -> list[list]:
    """End `periods` on `last_day`. Returns [model, id, former last day] of each, for a
    reversal (restore_what_was_held)."""
    ended = []
    for rows in periods:
        for held in rows:
            former = held.ended_on.isoformat() if held.ended_on else None
            ended.append([held._meta.label, held.pk, former])
            held.ended_on, held._history_user = last_day, by
            held.save(update_fields=["ended_on"])
    return ended


def end_what_was_held(unit: "Unit", by=None) -> list[list]:
    """End on an ended unit's last day what was held at it past that day: a merged group's
    leader leads no group, a merged commune's committee and its members sit no more, a
    district committee member oversees that commune no more."""
    return end_held(held_past([unit], unit.last_day), unit.last_day, by)


def restore_what_was_held(ended: list[list], by=None) -> None:
    """Undo `end_held` (a reversed reorganisation)."""
    for label, pk, former in ended:
        held = apps.get_model(label).objects.get(pk=pk)
        held.ended_on = datetime.date.fromisoformat(former) if former else None
        held._history_user = by
        held.save(update_fields=["ended_on"])


def held_from(units: list["Unit"], day: datetime.date) -> Model | None:
    """A period held at one of `units` that begins on `day` or later, if any: a unit ended
    the day before cannot end it."""
    for model in ending_models():
        held = _held_at(model, units)
        if held is not None:
            found = model.objects.filter(held, **{f"{model.begins}__gte": day}).first()
            if found is not None:
                return found
    return None
