"""The figures of a unit and of every unit below it, one sheet per level, as real numbers."""

from django.utils.translation import gettext as _
from openpyxl import Workbook

from apps.core.xlsx import add_sheet, new_workbook
from apps.hierarchy.models import UNIT_MODELS
from apps.indicators.area import GROUP_TO, Period, compute, levels_below
from apps.indicators.report import LINES, Figures, report_lines

SHEET_TITLES = {
    "district": "Huyện",
    "commune": "Xã",
    "hamlet": "Ấp, khóm",
    "group": "Tổ",
}
UNIT_FILTER = {  # from a unit of a level to an ancestor of another level
    ("commune", "district"): "district",
    ("hamlet", "district"): "commune__district",
    ("hamlet", "commune"): "commune",
    ("group", "district"): GROUP_TO["district"],
    ("group", "commune"): GROUP_TO["commune"],
    ("group", "hamlet"): GROUP_TO["hamlet"],
}


def _header() -> list[str]:
    header = [_("Code"), _("Unit")]
    out_of = _("out of")
    for d in LINES:
        header += [str(d.label), f"{d.label} — {out_of}", f"{d.label} (%)"]
    return header


def _cells(figures: Figures) -> list:
    by_key = {line.key: line for line in report_lines(figures)}
    cells = []
    for d in LINES:
        line = by_key.get(d.key)
        cells += [line.count, line.denominator, line.percent] if line else [None, None, None]
    return cells


def area_workbook(unit, period: Period) -> Workbook:
    workbook = new_workbook()
    header = _header()
    below = levels_below(unit.level)
    by_level = {level: compute(unit, period, by=level) for level in below}
    # Counting by the first level below gives the unit's own total too.
    totals = (by_level[below[0]] if below else compute(unit, period))[None]
    add_sheet(workbook, SHEET_TITLES[unit.level], header, [[unit.code, unit.name, *_cells(totals)]])
    for level, figures in by_level.items():
        units = (
            UNIT_MODELS[level]
            .objects.filter(**{UNIT_FILTER[(level, unit.level)]: unit})
            .order_by("code")
        )
        rows = ([u.code, u.name, *_cells(figures.get(u.pk, Figures()))] for u in units.iterator())
        add_sheet(workbook, SHEET_TITLES[level], header, rows)
    return workbook
