"""The child-unit table of a dashboard: its units, its columns, its rows, and sorting them.

Its month's columns (the meetings) are read at the month's end and the others at the
year's, as the cards above it: its units are those that stood within the unit on either
day (apps.indicators.stays), so that its rows add up to the cards."""

from dataclasses import dataclass

from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from apps.core.shares import Share
from apps.hierarchy.models import UNIT_MODELS
from apps.indicators.area import CHILD_LEVEL, Figures, Period, children_of
from apps.indicators.stays import Stay, month_apart


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str  # "count", "share", or "absent" (ABSENT)
    figure: str  # the field of Figures it reads

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


@dataclass
class Row:
    unit: object
    figures: Figures
    stay: Stay | None = None  # how its unit stood within the unit, if on one day only

    def reads(self, column: Column) -> bool:
        return self.stay is None or self.stay.reads(column.figure)

    def value(self, column: Column):
        return column.value(self.figures) if self.reads(column) else None

    def cells(self) -> list:
        return [
            (column, column.value(self.figures)) if self.reads(column) else (ABSENT, None)
            for column in CHILD_COLUMNS
        ]


def child_rows(children: list[tuple[Model, Stay | None]], figures: dict[int, Figures]) -> list[Row]:
    """One row per child unit, in code order; a child with nothing recorded has empty figures."""
    return [Row(child, figures.get(child.pk, Figures()), stay) for child, stay in children]


def table_children(
    unit: Model, period: Period, *, todays_map: bool = False
) -> list[tuple[Model, Stay | None]]:
    """The child units of the table, in code order: those alive in the period that stood
    within the unit at the year's end or at the month's (apps.indicators.stays), each with
    its Stay when it stood there on one of the two days only."""
    children = list(children_of(unit, period, todays_map=todays_map))
    level = CHILD_LEVEL.get(unit.level)
    apart = level and month_apart(
        unit, period, level, {child.pk for child in children}, todays_map=todays_map
    )
    if not apart:
        return [(child, None) for child in children]
    children += UNIT_MODELS[level].objects.filter(pk__in=apart.left)
    children.sort(key=lambda child: child.code)
    return [(child, apart.stays.get(child.pk)) for child in children]


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
