"""Records happen within their unit's life: the one check that refuses a date (or a year)
before the unit began or after it ended, used by the models' `clean` (so by every form
and admin page saving them) and by the assessment pages, which save in bulk; and what is
held in a group (roles, oversights) ends with the group."""

import datetime
from typing import TYPE_CHECKING

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import Model, Q, QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _

if TYPE_CHECKING:  # the models call this check: no import of them at run time
    from apps.hierarchy.models import Group, Unit


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


def held_in_group_models() -> list[type[Model]]:
    """The models of periods held in a group (apps.hierarchy.models.HeldInGroup): from the
    app registry, not a migration's own copies of them."""
    from apps.hierarchy.models import HeldInGroup

    return [model for model in apps.get_models() if issubclass(model, HeldInGroup)]


def end_what_was_held(group: "Group", by=None) -> list[list]:
    """End on a dissolved group's last day what was held in it past that day: its leader is
    no leader of a group that is gone, whether it merged into another or was dissolved.
    Returns [model, id, former last day] of each period ended, for a reversal."""
    last_day = group.dissolved_on
    ended = []
    for held_in_it in held_past([group], last_day):
        for held in held_in_it:
            former = held.ended_on.isoformat() if held.ended_on else None
            ended.append([held._meta.label, held.pk, former])
            held.ended_on, held._history_user = last_day, by
            held.save(update_fields=["ended_on"])
    return ended


def held_past(groups: list["Group"], last_day: datetime.date) -> list[QuerySet]:
    """The periods held in `groups` that began by `last_day` and go on past it: those the
    groups' end on `last_day` ends."""
    past_the_end = Q(ended_on__isnull=True) | Q(ended_on__gt=last_day)
    return [
        model.objects.filter(past_the_end, group__in=groups, started_on__lte=last_day)
        for model in held_in_group_models()
    ]


def restore_what_was_held(ended: list[list], by=None) -> None:
    """Undo `end_what_was_held` (a reversed reorganisation)."""
    for label, pk, former in ended:
        held = apps.get_model(label).objects.get(pk=pk)
        held.ended_on = datetime.date.fromisoformat(former) if former else None
        held._history_user = by
        held.save(update_fields=["ended_on"])


def held_from(groups: list["Group"], day: datetime.date) -> Model | None:
    """A period held in one of `groups` that begins on `day` or later, if any: a group ended
    the day before cannot end it."""
    for model in held_in_group_models():
        found = model.objects.filter(group__in=groups, started_on__gte=day).first()
        if found is not None:
            return found
    return None
