"""The lock rule, in one place: what an approval closes.

- A month is locked for a group (and for a hamlet or commune) when its commune, or its
  hamlet, as the unit stood on the day in question (apps.hierarchy.placements: records
  keep their place), has an approval of that month not unlocked (MonthApproval).
  Meetings, outreach sessions and petitions dated in a locked month can be neither added
  nor changed. Records held at the district itself are locked by no commune.
- A year is locked for a commune when it has an approval of that year not unlocked
  (YearApproval): household, group, hamlet and commune assessments of that year.

Every write path (the pages' services, the admin, the imports) asks here before it
writes: `check_month_open` / `check_year_open` raise a ValidationError saying what is
locked, and `locked_months` / `locked_years` answer for many records at once.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db.models import Model, Q
from django.utils.translation import gettext as _

from apps.approvals.models import MonthApproval, YearApproval
from apps.core.periods import Month
from apps.hierarchy.models import AtUnit, PlacedRecord
from apps.hierarchy.placements import keys_on

Place = tuple[int | None, int | None]  # (commune id, hamlet id); None above or unknown


def _month_of(day_or_month: datetime.date | Month) -> Month:
    return day_or_month if isinstance(day_or_month, Month) else Month.of(day_or_month)


def _places(units: list[Model], day: datetime.date) -> list[Place]:
    """Where each unit (or record) stood on `day`: a record by the keys it keeps, a unit by
    its Placement rows (one query per level), else by its parent fields."""
    found: list[Place] = []
    keys = {}
    for level in ("hamlet", "group"):
        ids = {u.pk for u in units if _is_unit(u) and u.level == level}
        if ids:
            keys[level] = keys_on(level, ids, day)
    for unit in units:
        if not _is_unit(unit):
            # A record keeps its place; one held at the district is closed by no commune.
            found.append((unit.commune_id, getattr(unit, "hamlet_id", None)))
        elif unit.level == "commune":
            found.append((unit.pk, None))
        elif unit.pk in keys.get(unit.level, {}):
            row = keys[unit.level][unit.pk]
            found.append((row["commune"], row.get("hamlet")))
        elif unit.level == "hamlet":
            found.append((unit.commune_id, unit.pk))
        elif unit.level == "group":
            found.append((unit.hamlet.commune_id, unit.hamlet_id))
        else:
            found.append((None, None))
    return found


def _is_unit(obj: Model) -> bool:
    return not isinstance(obj, PlacedRecord | AtUnit)


def _locking_q(month: Month, places: Iterable[Place]) -> Q:
    communes = {c for c, _h in places if c is not None}
    hamlets = {h for _c, h in places if h is not None}
    return Q(month=month.first_day, unlocked_at__isnull=True) & (
        Q(commune__in=communes, hamlet__isnull=True) | Q(hamlet__in=hamlets)
    )


def _locks(place: Place, approvals: list[MonthApproval]) -> MonthApproval | None:
    commune, hamlet = place
    for approval in approvals:
        if approval.hamlet_id is None and approval.commune_id == commune:
            return approval
    for approval in approvals:
        if approval.hamlet_id is not None and approval.hamlet_id == hamlet:
            return approval
    return None


def month_lock(unit: Model, day_or_month: datetime.date | Month) -> MonthApproval | None:
    """The approval that locks the month for `unit` (a commune, hamlet or group, or a record
    keeping its place), or None while the month is open. A month given without a day is
    read where the unit stood on its last day."""
    month = _month_of(day_or_month)
    day = day_or_month if isinstance(day_or_month, datetime.date) else month.last_day
    (place,) = _places([unit], day)
    if place == (None, None):
        return None
    approvals = list(MonthApproval.objects.filter(_locking_q(month, [place])))
    return _locks(place, approvals)


def month_locked(unit: Model, day_or_month: datetime.date | Month) -> bool:
    """Whether the month of `day_or_month` is locked for `unit`."""
    return month_lock(unit, day_or_month) is not None


def month_locked_message(approval: MonthApproval) -> str:
    label = Month.of(approval.month).label
    if approval.hamlet_id is None:
        return _("%(month)s was approved and locked by the commune; unlock it to make changes.") % {
            "month": label
        }
    return _("%(month)s was approved and locked by the hamlet; unlock it to make changes.") % {
        "month": label
    }


def check_month_open(
    unit: Model, day_or_month: datetime.date | Month, *, field: str | None = None
) -> None:
    """Raise a ValidationError (on `field`, if given) when the month is locked for `unit`."""
    approval = month_lock(unit, day_or_month)
    if approval is not None:
        message = month_locked_message(approval)
        raise ValidationError({field: message} if field else message)


def locked_months(pairs: Iterable[tuple[Model, datetime.date]]) -> list[MonthApproval | None]:
    """For many (unit or record, day) pairs at once, the approval locking each one's month
    (None: open), in the pairs' order: one query for the approvals of the months concerned
    and, where some exist, a few for where the units stood and which approvals apply."""
    pairs = list(pairs)
    months = {Month.of(day).first_day for _unit, day in pairs}
    if (
        not pairs
        or not MonthApproval.objects.filter(month__in=months, unlocked_at__isnull=True).exists()
    ):
        return [None] * len(pairs)
    by_day: dict[datetime.date, list[int]] = defaultdict(list)
    for index, (_unit, day) in enumerate(pairs):
        by_day[day].append(index)
    places: list[Place] = [(None, None)] * len(pairs)
    for day, indexes in by_day.items():
        for index, place in zip(indexes, _places([pairs[i][0] for i in indexes], day), strict=True):
            places[index] = place
    by_month: dict[Month, list[Place]] = defaultdict(list)
    for (_unit, day), place in zip(pairs, places, strict=True):
        by_month[Month.of(day)].append(place)
    wanted = Q(pk__in=[])
    for month, month_places in by_month.items():
        wanted |= _locking_q(month, month_places)
    approvals: dict[datetime.date, list[MonthApproval]] = defaultdict(list)
    for approval in MonthApproval.objects.filter(wanted):
        approvals[approval.month].append(approval)
    return [
        _locks(place, approvals[Month.of(day).first_day])
        for (_unit, day), place in zip(pairs, places, strict=True)
    ]


def _commune_id(unit: Model) -> int | None:
    """The commune of a commune, hamlet or group as it stands, or of a record as kept."""
    if not _is_unit(unit):
        return unit.commune_id
    if unit.level == "commune":
        return unit.pk
    if unit.level == "hamlet":
        return unit.commune_id
    if unit.level == "group":
        return unit.hamlet.commune_id
    return None


def year_lock(unit: Model, year: int) -> YearApproval | None:
    """The approval locking the year's assessments for `unit` (a commune, hamlet or group,
    or an assessment), or None while the year is open."""
    commune_id = _commune_id(unit)
    if commune_id is None:
        return None
    return YearApproval.objects.filter(
        commune_id=commune_id, year=year, unlocked_at__isnull=True
    ).first()


def year_locked(unit: Model, year: int) -> bool:
    """Whether the year's assessments and ratings are locked for `unit`."""
    return year_lock(unit, year) is not None


def year_locked_message(year: int) -> str:
    return _("%(year)s was approved and locked by the commune; unlock it to make changes.") % {
        "year": year
    }


def check_year_open(unit: Model, year: int) -> None:
    """Raise a ValidationError when the year is locked for `unit`."""
    if year_locked(unit, year):
        raise ValidationError(year_locked_message(year))


def locked_years(commune_ids: Iterable[int], year: int) -> set[int]:
    """The communes among `commune_ids` whose `year` is locked (one query)."""
    return set(
        YearApproval.objects.filter(
            commune_id__in=set(commune_ids), year=year, unlocked_at__isnull=True
        ).values_list("commune_id", flat=True)
    )


class MonthLocks:
    """The approvals in force of some communes (and their hamlets), read once, for a write
    that checks many units against many months (the roster import's groups): which
    approval, if any, locks a month of a span for a hamlet's group."""

    def __init__(self, commune_ids: Iterable[int]) -> None:
        self.approvals = list(
            MonthApproval.objects.filter(
                commune_id__in=set(commune_ids), unlocked_at__isnull=True
            ).order_by("month")
        )

    def first_locked(
        self, place: Place, first: Month, last: Month | None = None
    ) -> MonthApproval | None:
        """The earliest approval locking a month from `first` to `last` (no end: any later
        month) for a unit standing at `place` (commune id, hamlet id)."""
        for approval in self.approvals:
            if approval.month < first.first_day or (last and approval.month > last.first_day):
                continue
            if _locks(place, [approval]) is not None:
                return approval
        return None
