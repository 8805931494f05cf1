"""Alive in a period: the one rule for everything dated.

Units, roles, oversight assignments, committee terms and memberships each have a first
day and, once over, a last day (empty while they last); both days belong to the period.
A dated thing counts for a period when it was alive on at least one of its days: it
began by the period's last day and had not ended before its first. A thing with no
first day yet (a group still planned) is alive in no period, unless an empty first day
means "from the beginning" (a unit's first Placement row: `open_start`).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


def alive_q(
    first: datetime.date,
    last: datetime.date | None,
    *,
    start: str = "started_on",
    end: str = "ended_on",
    open_start: bool = False,
) -> Q:
    """Rows alive on at least one day of [first, last]; `last` None: any day from `first` on
    (only the end is asked).

    `start` and `end` name the model's first-day and last-day fields; with `open_start`
    an empty first day is no bound.
    """
    condition = Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": first})
    if last is not None:
        began = Q(**{f"{start}__lte": last})
        if open_start:
            began |= Q(**{f"{start}__isnull": True})
        condition &= began
    return condition


def alive_between(
    started: datetime.date | None,
    ended: datetime.date | None,
    first: datetime.date,
    last: datetime.date,
    *,
    open_start: bool = False,
) -> bool:
    """The same rule for one object already in memory, over [first, last] (with
    `open_start`, an empty first day is no bound)."""
    began = open_start if started is None else started <= last
    return began and (ended is None or ended >= first)


def alive_on(
    started: datetime.date | None,
    ended: datetime.date | None,
    day: datetime.date,
    *,
    open_start: bool = False,
) -> bool:
    """The same rule for one object already in memory, on one day."""
    return alive_between(started, ended, day, day, open_start=open_start)


def check_ends_after_start(
    first: datetime.date | None, last: datetime.date | None, *, end: str = "ended_on"
) -> None:
    """A model's clean(): a last day before the first day is refused, as an error on the field
    `end`."""
    if first and last and last < first:
        raise ValidationError({end: _("The end date is before the start date.")})


def ends_after_start(
    name: str, *, start: str = "started_on", end: str = "ended_on", open_start: bool = False
) -> models.CheckConstraint:
    """The same rule kept by the database: a last day, once set, is not before the first
    day (with `open_start`, an empty first day is no bound either)."""
    condition = Q(**{f"{end}__isnull": True})
    if open_start:
        condition |= Q(**{f"{start}__isnull": True})
    return models.CheckConstraint(condition=condition | Q(**{f"{end}__gte": F(start)}), name=name)


def one_running(*fields: str, name: str, end: str = "ended_on") -> models.UniqueConstraint:
    """At most one period still running (no last day yet) for each value of `fields`."""
    return models.UniqueConstraint(
        fields=list(fields), condition=Q(**{f"{end}__isnull": True}), name=name
    )
