"""The figures of a unit and of every unit below it, one sheet per level, as real numbers.

Each sheet is one table a committee can sort and filter as it is: a header row with
filters, the units above each row's unit (a group's commune and hamlet), only the
indicators that mean something at the sheet's level, and shares as percent cells.
A cell with nothing to count is empty, never 0. A first sheet says what the file
holds: the unit, the period and when it was exported.
"""

from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from apps.core.xlsx import Percent, add_pairs_sheet, add_sheet, new_workbook
from apps.hierarchy.models import LEVELS, UNIT_MODELS
from apps.hierarchy.names import Names, called_then, name_then
from apps.indicators.approval import approval_status
from apps.indicators.area import Period, compute, levels_below, reading_of
from apps.indicators.reading import level_word, names_then, reading_label
from apps.indicators.report import Figures, Line, LineDef, lines_at
from apps.indicators.stays import Stay, month_apart

SHEET_TITLES = {  # the top unit's sheet is named by its kind: huyện, tỉnh, thành phố
    "commune": "Xã",
    "hamlet": "Ấp, khóm",
    "group": "Tổ",
}
INFO_TITLE = "Thông tin"
ANCESTOR_LABELS = {"commune": gettext_lazy("Commune"), "hamlet": gettext_lazy("Hamlet")}


@dataclass(frozen=True)
class Column:
    """An indicator's columns on a sheet: its value (with its denominator and percent for a
    share) and, after the first share of a kind, how complete that kind is."""

    line: LineDef
    with_coverage: bool

    def header(self) -> list[str]:
        label, out_of = str(self.line.label), _("out of")
        names = [label, f"{label} — {out_of}", f"{label} (%)"] if self.line.is_share else [label]
        if self.with_coverage:
            covered = self.line.covered
            names += [str(covered.counted), str(covered.total), f"{covered.counted} (%)"]
        return names

    def cells(self, figures: Figures) -> list:
        return self.cells_of(self.line.line(figures))

    def cells_of(self, line: Line) -> list:
        """The cells of the indicator's line already made (a span's total)."""
        if not self.line.is_share:
            return [line.count]
        cells = [line.count, line.denominator, _percent(line.percent)]
        if self.with_coverage:
            coverage = line.share.coverage  # even with none assessed: "0 of 120 rated"
            cells += (
                [None, None, None]
                if coverage is None
                else [coverage.count, coverage.denominator, _percent(coverage.percent)]
            )
        return cells


def _percent(value) -> Percent | None:
    return None if value is None else Percent(value)


def columns_at(level: str) -> list[Column]:
    """The columns of a sheet of units of the level: the indicators that mean something
    there; the coverage of the households, or of the ratings, once."""
    columns, seen = [], set()
    for d in lines_at(level):
        columns.append(Column(d, d.covered is not None and d.covered not in seen))
        seen.add(d.covered)
    return columns


def _between(top: str, level: str) -> list[str]:
    """The levels strictly between the exported unit's and a sheet's: its ancestor columns."""
    return list(LEVELS[LEVELS.index(top) + 1 : LEVELS.index(level)])


def _header(columns: list[Column], ancestors: list[str]) -> list[str]:
    header = [_("Code"), _("Unit"), *(str(ANCESTOR_LABELS[a]) for a in ancestors)]
    for column in columns:
        header += column.header()
    return header


def _cells(columns: list[Column], figures: Figures) -> list:
    return [cell for column in columns for cell in column.cells(figures)]


def info_rows(unit, todays_map: bool, names: Names, rows: list) -> list[tuple[str, object]]:
    """A workbook's first sheet: the map and the unit, then `rows` (the period and how its
    figures stand), then when it was exported and what an empty cell means."""
    return [
        (_("Map"), reading_label(todays_map)),
        (_("Unit"), called_then(unit, names)),
        (_("Code"), unit.code),
        *rows,
        (_("Exported at"), timezone.now()),
        (_("Empty cell"), _("no data: nothing to count in the period")),
    ]


def _info(unit, period: Period, todays_map: bool, names: Names) -> list[tuple[str, object]]:
    approval = approval_status(unit, period, todays_map=todays_map)
    return info_rows(
        unit,
        todays_map,
        names,
        [
            (_("Year"), period.year),
            (_("Figures as of"), period.as_of),
            (_("Monthly meetings for"), period.month.label),
            (_("Figures of the month"), approval.month.label()),
            (_("Figures of the year"), approval.year.label()),
        ],
    )


def area_workbook(unit, period: Period, *, todays_map: bool = False) -> Workbook:
    workbook = new_workbook()
    names = names_then(period.as_of, todays_map)
    add_pairs_sheet(workbook, INFO_TITLE, _info(unit, period, todays_map, names))
    below = levels_below(unit.level)
    by_level = {level: compute(unit, period, by=level, todays_map=todays_map) for level in below}
    # Counting by the first level below gives the unit's own total too.
    totals = (by_level[below[0]] if below else compute(unit, period, todays_map=todays_map))[None]
    own = columns_at(unit.level)
    add_sheet(
        workbook,
        capfirst(level_word(unit)) if unit.level == "district" else SHEET_TITLES[unit.level],
        _header(own, []),
        [[unit.code, name_then(unit.level, unit.pk, unit.name, names), *_cells(own, totals)]],
        filters=True,
    )
    for level, figures in by_level.items():
        columns, ancestors = columns_at(level), _between(unit.level, level)
        add_sheet(
            workbook,
            SHEET_TITLES[level],
            _header(columns, ancestors),
            _rows(unit, period, todays_map, Sheet(level, ancestors, columns, figures, names)),
            filters=True,
        )
    return workbook


@dataclass(frozen=True)
class Sheet:
    """What the rows of a level's sheet are made of."""

    level: str
    ancestors: list[str]
    columns: list[Column]
    figures: dict[int | None, Figures]
    names: Names


def _rows(unit, period: Period, todays_map: bool, sheet: Sheet) -> Iterator:
    """The units of the level alive in the period, as read, each under the units it stood in;
    then those that stood within the unit at the month's end only (apps.indicators.stays)."""
    model = UNIT_MODELS[sheet.level]
    alive = model.alive_q(period.start, period.end)
    reading = reading_of(unit, period, todays_map=todays_map)
    # The ids are read apart from the rows, which stream: holding a province's 18,000 groups
    # to read them once would keep 10-20 MB for the sake of one query.
    year_ids = reading.units(model).filter(alive).values_list("pk", flat=True)
    apart = month_apart(unit, period, sheet.level, year_ids, todays_map=todays_map)
    stays = apart.stays if apart else {}
    for child, named in named_units(reading, sheet.level, sheet.ancestors, alive, sheet.names):
        yield _row(child, named, stays.get(child.pk), sheet)
    if apart and apart.left:
        left = alive & Q(pk__in=apart.left)
        for child, named in named_units(
            apart.reading, sheet.level, sheet.ancestors, left, sheet.names
        ):
            yield _row(child, named, stays[child.pk], sheet)


def _row(child, named: list[str], stay: Stay | None, sheet: Sheet) -> list:
    figures = sheet.figures.get(child.pk, Figures())
    if stay is not None:
        figures = stay.figures(figures)
        if label := stay.label():
            named = [f"{named[0]} ({label})", *named[1:]]
    return [child.code, *named, *_cells(sheet.columns, figures)]


def named_units(reading, level: str, ancestors: list[str], alive: Q, names: Names) -> Iterator:
    """The units of the level that `alive` keeps, as `reading` finds them, in code order under
    their ancestors; each with its name and its ancestors' names, as of then where `names`
    (apps.hierarchy.names) has them."""
    model = UNIT_MODELS[level]
    keys = {ancestor: reading.unit_key(level, ancestor) for ancestor in ancestors}
    above = {f"above_{a}": F(f"{key}__name") for a, key in keys.items()}
    above |= {f"above_{a}_pk": F(key) for a, key in keys.items()}
    units = (
        reading.units(model)
        .filter(alive)
        .annotate(**above)
        .order_by(*(f"{key}__code" for key in keys.values()), "code")
    )
    for child in units.iterator(chunk_size=2000):
        yield (
            child,
            [
                name_then(level, child.pk, child.name, names),
                *(
                    name_then(
                        a, getattr(child, f"above_{a}_pk"), getattr(child, f"above_{a}"), names
                    )
                    for a in ancestors
                ),
            ],
        )
