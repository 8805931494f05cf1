"""The child-unit table of a dashboard: its units, its columns, its rows, and sorting them.

Its month's columns (the meetings) are read at the month's end and the others at the
year's, as the cards above it (apps.indicators.area.MONTHLY): its units are those that stood
within the unit on either day, each with the columns of the day it stood there, so that the
rows add up to the cards."""

import datetime
from dataclasses import dataclass

from django.db.models import BooleanField, ExpressionWrapper, Model, Q
from django.utils.translation import gettext_lazy as _

from apps.core.shares import Share
from apps.hierarchy.models import UNIT_MODELS, Placement
from apps.indicators.area import (
    CHILD_LEVEL,
    MONTHLY,
    Figures,
    Period,
    children_of,
    reading_of,
    within_period,
)
from apps.indicators.reading import AsItWas, own_places


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str  # "count" or "share"
    figure: str  # the field of Figures it reads

    @property
    def monthly(self) -> bool:
        return self.figure in MONTHLY

    def value(self, figures: Figures):
        return VALUES[self.key](figures)


VALUES = {
    "active": lambda f: f.groups.active,
    "meetings": lambda f: f.meetings.completeness if f.meetings else None,
    "on_time": lambda f: f.meetings.timeliness if f.meetings else None,
    "three_no": lambda f: f.households.three_no_share if f.households else None,
    "cultural": lambda f: f.households.cultural_share if f.households else None,
    "safe_groups": lambda f: f.group_ratings.safe_share if f.group_ratings else None,
    "overdue": lambda f: f.petitions.overdue if f.petitions else 0,
    "petitions_on_time": lambda f: f.petitions.on_time if f.petitions else None,
}
CHILD_COLUMNS = [
    Column("active", _("Active groups"), "count", "groups"),
    Column("meetings", _("Groups that met"), "share", "meetings"),
    Column("on_time", _("Recorded on time"), "share", "meetings"),
    Column("three_no", _('"3 không" households'), "share", "households"),
    Column("cultural", _("Cultural families"), "share", "households"),
    Column("safe_groups", _("Safe groups"), "share", "group_ratings"),
    Column("overdue", _("Overdue petitions"), "count", "petitions"),
    Column("petitions_on_time", _("Petitions closed on time"), "share", "petitions"),
]
# The cell of a column read on a day the row's unit did not stand within the unit.
ABSENT = Column("absent", "", "absent", "")
BY_KEY = {c.key: c for c in CHILD_COLUMNS}


@dataclass(frozen=True)
class Stay:
    """How a row's unit stood within the unit when it did on only one of the table's two
    days: there at the month's end and gone `until` the day it left, before the year's end;
    or come `since` a day after the month's end."""

    since: datetime.date | None = None
    until: datetime.date | None = None

    def reads(self, column: Column) -> bool:
        return column.monthly == (self.until is not None)


@dataclass
class Row:
    unit: object
    figures: Figures
    stay: Stay | None = None

    def reads(self, column: Column) -> bool:
        return self.stay is None or self.stay.reads(column)

    def value(self, column: Column):
        return column.value(self.figures) if self.reads(column) else None

    def cells(self) -> list:
        return [
            (column, self.value(column)) if self.reads(column) else (ABSENT, None)
            for column in CHILD_COLUMNS
        ]


def child_rows(children: list[tuple[Model, Stay | None]], figures: dict[int, Figures]) -> list[Row]:
    """One row per child unit, in code order; a child with nothing recorded has empty figures."""
    return [Row(child, figures.get(child.pk, Figures()), stay) for child, stay in children]


def table_children(
    unit: Model, period: Period, *, todays_map: bool = False
) -> list[tuple[Model, Stay | None]]:
    """The child units of the table, in code order: those alive in the period that stood
    within the unit at the year's end or at the month's, each with its Stay when it stood
    there on only one of the two days. One query, and one more for the days of such units."""
    level = CHILD_LEVEL.get(unit.level)
    within = within_period(period, unit)
    if level is None or todays_map or within.month_as_of == within.as_of:
        return [(child, None) for child in children_of(unit, period, todays_map=todays_map)]
    model = UNIT_MODELS[level]
    in_year = Q(pk__in=reading_of(unit, period).units(model).values("pk"))
    in_month = Q(pk__in=AsItWas(unit, within.month_as_of).units(model).values("pk"))
    children = list(
        model.objects.filter(in_year | in_month, model.alive_q(period.start, period.end))
        .annotate(
            in_year=ExpressionWrapper(in_year, output_field=BooleanField()),
            in_month=ExpressionWrapper(in_month, output_field=BooleanField()),
        )
        .order_by("code")
    )
    partial = [child for child in children if not (child.in_year and child.in_month)]
    stays = _stays(unit, partial, within) if partial else {}
    return [(child, stays.get(child.pk)) for child in children]


def _stays(unit: Model, children: list[Model], within: Period) -> dict[int, Stay]:
    """The Stay of each child that stood within the unit on only one of the two days: the
    last day of its place there that held at the month's end, or the first of the one that
    held at the year's end (its own first or last day where the place has none)."""
    level = children[0].level
    places = Placement.objects.filter(
        **{f"{level}__in": [child.pk for child in children], unit.level: unit.pk},
        **own_places(level),
    ).values_list(level, "started_on", "ended_on")
    held = {}
    for pk, start, end in places:
        for day in (within.month_as_of, within.as_of):
            if (start is None or start <= day) and (end is None or end >= day):
                held[pk, day] = (start, end)
    stays = {}
    for child in children:
        if child.in_month:
            _start, end = held.get((child.pk, within.month_as_of), (None, None))
            stays[child.pk] = Stay(until=end or child.last_day)
        else:
            start, _end = held.get((child.pk, within.as_of), (None, None))
            stays[child.pk] = Stay(since=start or getattr(child, child.life[0]))
    return stays


def _sort_key(column: Column, row: Row):
    value = row.value(column)
    if isinstance(value, Share):
        value = value.percent
    # Units without a value go last whichever way the column is sorted.
    return (value is None, value if value is not None else 0)


def sort_rows(rows: list[Row], sort: str | None) -> list[Row]:
    """`sort` is a column key, with "-" in front for descending; anything else keeps code order."""
    key = (sort or "").lstrip("-")
    if key not in BY_KEY:
        return rows
    column = BY_KEY[key]
    present = [r for r in rows if _sort_key(column, r)[0] is False]
    missing = [r for r in rows if _sort_key(column, r)[0] is True]
    present.sort(key=lambda r: _sort_key(column, r)[1], reverse=sort.startswith("-"))
    return present + missing
