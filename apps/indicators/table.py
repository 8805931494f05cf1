"""The child-unit table of a dashboard: its columns, its rows, and sorting them."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from apps.core.shares import Share
from apps.indicators.area import Figures


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str  # "count" or "share"

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
    Column("active", _("Active groups"), "count"),
    Column("meetings", _("Groups that met"), "share"),
    Column("on_time", _("Recorded on time"), "share"),
    Column("three_no", _('"3 không" households'), "share"),
    Column("cultural", _("Cultural families"), "share"),
    Column("safe_groups", _("Safe groups"), "share"),
    Column("overdue", _("Overdue petitions"), "count"),
    Column("petitions_on_time", _("Petitions closed on time"), "share"),
]
BY_KEY = {c.key: c for c in CHILD_COLUMNS}


@dataclass
class Row:
    unit: object
    figures: Figures

    def cells(self) -> list:
        return [(column, column.value(self.figures)) for column in CHILD_COLUMNS]


def child_rows(children: list, figures: dict[int, Figures]) -> list[Row]:
    """One row per child unit, in code order; a child with nothing recorded has empty figures."""
    return [Row(child, figures.get(child.pk, Figures())) for child in children]


def _sort_key(column: Column, row: Row):
    value = column.value(row.figures)
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
