"""A span's workbook: one sheet with the unit's figures in a column per year (or month)
and the span's total, then one sheet per level below with each unit's total over the
span, as real numbers, like the one-year workbook (apps.indicators.workbook)."""

import datetime
from collections import defaultdict
from collections.abc import Iterator

from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl import Workbook

from apps.core.xlsx import Percent, add_pairs_sheet, add_sheet, new_workbook
from apps.hierarchy.models import UNIT_MODELS
from apps.hierarchy.names import Names, name_then
from apps.hierarchy.placements import last_days_within
from apps.indicators.approval import SPAN_APPROVAL_RULE, span_approval_status
from apps.indicators.area import Figures, levels_below, within_period
from apps.indicators.combine import SPAN_RULE, SpanLine, span_lines
from apps.indicators.reading import (
    AsItWas,
    AsTheyStandNow,
    level_word,
    names_then,
)
from apps.indicators.span_figures import column_readings, counted_units, span_figures
from apps.indicators.spans import Span
from apps.indicators.workbook import (
    ANCESTOR_LABELS,
    INFO_TITLE,
    SHEET_TITLES,
    _between,
    columns_at,
    info_rows,
    named_units,
)

BY_COLUMN_TITLE = {True: "Theo năm", False: "Theo tháng"}


def _info(unit, span: Span, todays_map: bool, names: Names) -> list[tuple[str, object]]:
    approval = span_approval_status(unit, span, todays_map=todays_map)
    return info_rows(
        unit,
        todays_map,
        names,
        [
            (_("Period"), span.label),
            (_("Figures as of"), span.columns[-1].as_of),
            (_("How the total is made"), str(SPAN_RULE)),
            (_("Figures of the period"), approval.label()),
            (_("Approved period"), str(SPAN_APPROVAL_RULE)),
        ],
    )


def _percent(value) -> Percent | None:
    return None if value is None else Percent(value)


def _line_cells(line) -> list:
    if line.share is None:
        return [line.count]
    return [line.count, line.denominator, _percent(line.percent)]


def _by_column_sheet(workbook: Workbook, span: Span, lines: list[SpanLine]) -> None:
    header = [_("Indicator")]
    for label in [*span.labels, span.label]:
        header += [label, f"{label} — {_('out of')}", f"{label} (%)"]
    rows = []
    for line in lines:
        row = [str(line.label)]
        for cell_line in [*line.columns, line.total]:
            cells = _line_cells(cell_line)
            row += cells + [None] * (3 - len(cells))
        rows.append(row)
    add_sheet(workbook, BY_COLUMN_TITLE[span.yearly], header, rows, filters=True)


def span_workbook(unit, span: Span, *, todays_map: bool = False) -> Workbook:
    workbook = new_workbook()
    # Named as at the span's end, as its units are read (apps.indicators.span_pages).
    names = names_then(span.columns[-1].as_of, todays_map)
    add_pairs_sheet(workbook, INFO_TITLE, _info(unit, span, todays_map, names))
    below = levels_below(unit.level)
    by_level = {level: span_figures(unit, span, by=level, todays_map=todays_map) for level in below}
    columns = by_level[below[0]] if below else span_figures(unit, span, todays_map=todays_map)
    own = span_lines([figures[None] for figures in columns], unit.level, yearly=span.yearly)
    _by_column_sheet(workbook, span, own)
    title = capfirst(level_word(unit)) if unit.level == "district" else SHEET_TITLES[unit.level]
    sheet_columns = columns_at(unit.level)
    totals = {line.key: line.total for line in own}
    own_cells = _cells(sheet_columns, totals)
    add_sheet(
        workbook,
        f"{title} {span.slug}",
        _header(sheet_columns, []),
        [[unit.code, name_then(unit.level, unit.pk, unit.name, names), *own_cells]],
        filters=True,
    )
    for level, figures in by_level.items():
        sheet_columns, ancestors = columns_at(level), _between(unit.level, level)
        add_sheet(
            workbook,
            f"{SHEET_TITLES[level]} {span.slug}",
            _header(sheet_columns, ancestors),
            _rows(unit, span, level, ancestors, sheet_columns, figures, todays_map, names),
            filters=True,
        )
    return workbook


def _header(columns, ancestors: list[str]) -> list[str]:
    header = [_("Code"), _("Unit"), *(str(ANCESTOR_LABELS[a]) for a in ancestors)]
    for column in columns:
        header += column.header()
    return header


def _cells(columns, totals: dict) -> list:
    return [cell for column in columns for cell in column.cells_of(totals[column.line.key])]


def _rows(unit, span: Span, level, ancestors, columns, figures, todays_map, names) -> Iterator:
    """The units of the level the span's page lists (apps.indicators.span_pages): those alive
    in a column that stood within the unit at its end, each under the units it stood in at
    the last such end (the span's end first, then each earlier stretch over which the area
    stood the same), then any counted in a column without standing there at its end, under
    the units they stood in there (_where_counted); each with its total over the span."""
    model = UNIT_MODELS[level]
    listed: set[int] = set()
    for reading, alive in reversed(column_readings(unit, span, model, todays_map=todays_map)):
        for child, named in named_units(reading, level, ancestors, alive, names):
            if child.pk not in listed:
                listed.add(child.pk)
                yield _row(child, named, span, columns, figures)
    counted = counted_units(figures) - listed
    for reading, ids in _where_counted(unit, span, level, counted, todays_map):
        for child, named in named_units(reading, level, ancestors, Q(pk__in=ids), names):
            yield _row(child, named, span, columns, figures)


def _where_counted(
    unit, span: Span, level: str, counted: set[int], todays_map: bool
) -> list[tuple[AsItWas | AsTheyStandNow, set[int]]]:
    """The units counted in a column without standing within the unit at its end (a month
    read at its own end, a record kept where it was made), grouped by the reading that names
    them: as the area stood on the last day of the span each stood within it, latest first;
    on today's map, or with no such day, as they stand now. One query (none on today's map)."""
    if not counted:
        return []
    last = within_period(span.columns[-1], unit).as_of
    days = {} if todays_map else last_days_within(unit, level, counted, span.columns[0].start, last)
    by_day: dict[datetime.date | None, set[int]] = defaultdict(set)
    for pk in counted:
        by_day[days.get(pk)].add(pk)
    latest_first = sorted(set(days.values()), reverse=True)
    readings: list = [(AsItWas(unit, day), by_day[day]) for day in latest_first]
    if None in by_day:
        readings.append((AsTheyStandNow(), by_day[None]))
    return readings


def _row(child, named: list[str], span: Span, columns, figures) -> list:
    lines = span_lines(
        [column.get(child.pk, Figures()) for column in figures], child.level, yearly=span.yearly
    )
    totals = {line.key: line.total for line in lines}
    return [child.code, *named, *_cells(columns, totals)]
