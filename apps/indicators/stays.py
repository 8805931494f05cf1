"""Units that stood within a unit on only one of the two days a period's page reads it on:
the month's end (the month's meetings, apps.indicators.area.MONTHLY) and the year's end (the
rest).

A page that lists the units below a unit (the dashboard's table, the workbook's sheets)
lists both, each with its Stay, so that its rows add up to the unit's own figures: a unit
there at the month's end only shows the month's figures, one come after it the year's, and
both show those counted from the places records keep (KEPT_PLACES: its own records there).
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace

from django.db.models import Model
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from apps.core.dated import alive_on
from apps.hierarchy.models import UNIT_MODELS, Placement
from apps.indicators.area import KEPT_PLACES, MONTHLY, Figures, Period, within_period
from apps.indicators.reading import AsItWas, own_places


@dataclass(frozen=True)
class Stay:
    """A unit there at the month's end that `left` before the year's end (`day`: its last
    day there), or one that came after the month's end (`day`: its first)."""

    left: bool
    day: datetime.date | None

    def reads(self, figure: str) -> bool:
        """Whether the unit's value of the figure (a field of Figures) belongs on its row."""
        return figure in KEPT_PLACES or (figure in MONTHLY) == self.left

    def figures(self, figures: Figures) -> Figures:
        """The unit's figures without those read on the day it was not there."""
        return replace(figures, **{f.name: None for f in fields(Figures) if not self.reads(f.name)})

    def label(self) -> str:
        if self.day is None:
            return ""
        day = date_format(self.day, "SHORT_DATE_FORMAT")
        if self.left:
            return _("in the area until %(day)s") % {"day": day}
        return _("in the area from %(day)s") % {"day": day}


@dataclass(frozen=True)
class MonthApart:
    """The area at the month's end, and the Stay of each unit of a level that stood within
    the unit on only one of the two days."""

    reading: AsItWas
    stays: dict[int, Stay]

    @property
    def left(self) -> list[int]:
        return [pk for pk, stay in self.stays.items() if stay.left]


def month_apart(
    unit: Model, period: Period, level: str, year_ids: Iterable[int], *, todays_map: bool = False
) -> MonthApart | None:
    """Where the month's end and the year's differ for the units of `level` alive in the
    period (`year_ids`: those of the year's end, read only here), None where they cannot
    (today's map, one day for both): one query, and one more when some unit stood there on
    one day only."""
    within = within_period(period, unit)
    if todays_map or within.month_as_of == within.as_of:
        return None
    year_ids = set(year_ids)
    model = UNIT_MODELS[level]
    reading = AsItWas(unit, within.month_as_of)
    # Begun by the month's end: a unit placed "from its beginning" (a place with no first
    # day) stands nowhere before its own first day.
    begun = model.alive_q(period.start, within.month_as_of)
    month_ids = set(reading.units(model).filter(begun).values_list("pk", flat=True))
    left, came = month_ids - year_ids, year_ids - month_ids
    return MonthApart(reading, _stays(unit, level, within, left, came) if left or came else {})


def _stays(unit: Model, level: str, within: Period, left: set, came: set) -> dict[int, Stay]:
    """The last day of the place within the unit that held at the month's end, for those
    that left; the first of the one that held at the year's end, for those that came (a
    place "from its beginning": the unit's own first day)."""
    began = f"{level}__{UNIT_MODELS[level].life[0]}"
    places = Placement.objects.filter(
        **{f"{level}__in": [*left, *came], unit.level: unit.pk}, **own_places(level)
    ).values_list(level, "started_on", "ended_on", began)
    days = {}
    for pk, start, end, unit_began in places:
        if pk in left and alive_on(start, end, within.month_as_of, open_start=True):
            days[pk] = end
        elif pk in came and alive_on(start, end, within.as_of, open_start=True):
            days[pk] = start or unit_began
    return {pk: Stay(pk in left, days.get(pk)) for pk in left | came}
