"""What the dashboard and the printed report show for a span (apps.indicators.spans): the
unit's indicators in a column per year (or month) beside the span's total, and each
child unit's total over the span."""

from django.db.models import Model

from apps.hierarchy.models import UNIT_MODELS
from apps.hierarchy.names import told_apart
from apps.indicators.approval import SPAN_APPROVAL_RULE, span_approval_status
from apps.indicators.area import CHILD_LEVEL, Figures
from apps.indicators.combine import SPAN_RULE, span_lines
from apps.indicators.reading import names_then
from apps.indicators.report import lines_at
from apps.indicators.span_figures import column_readings, counted_units, span_figures
from apps.indicators.spans import Span

# The child table's columns over a span: what a committee compares its units by.
CHILD_KEYS = [
    "formed",
    "meetings",
    "meetings_on_time",
    "outreach",
    "outreach_people",
    "petitions",
    "petitions_closed",
    "petitions_on_time",
    "cultural_families",
]


def span_context(unit: Model, span: Span, *, todays_map: bool, children: bool) -> dict:
    """The span's lines (each with its columns and total) and, with `children`, one row per
    child unit with its totals, and whether the communes approved it. Queries: see
    apps.indicators.span_figures, one per column for the child units alive in it, one for
    the approvals, and one for the names of units renamed since the span's end."""
    child_level = CHILD_LEVEL.get(unit.level) if children else None
    found = span_figures(unit, span, by=child_level, todays_map=todays_map)
    context = {
        "span": span,
        "span_rule": SPAN_RULE,
        "span_lines": span_lines([f[None] for f in found], unit.level, yearly=span.yearly),
        "child_level": child_level,
        "child_columns": [],
        "span_rows": [],
        "span_approval": span_approval_status(unit, span, todays_map=todays_map),
        "span_approval_rule": SPAN_APPROVAL_RULE,
        "names_then": names_then(span.columns[-1].as_of, todays_map),
    }
    if child_level:
        definitions = {d.key: d for d in lines_at(child_level)}
        keys = [key for key in CHILD_KEYS if key in definitions]
        context["child_columns"] = [definitions[key].label for key in keys]
        for child in _children(unit, span, todays_map, found):
            columns = [figures.get(child.pk, Figures()) for figures in found]
            totals = {
                line.key: line.total
                for line in span_lines(columns, child_level, yearly=span.yearly)
            }
            context["span_rows"].append((child, [totals[key] for key in keys]))
        context["apart"] = told_apart([child for child, _totals in context["span_rows"]])
    return context


def _children(unit: Model, span: Span, todays_map: bool, found: list[dict]) -> list:
    """The child units alive in a column that stood within the unit at its end, and those
    counted in a column without standing there at its end (a month of a year is read at the
    month's end, a record where it was made), in code order: the rows add up to the totals."""
    model = UNIT_MODELS[CHILD_LEVEL[unit.level]]
    children = {}
    for reading, alive in column_readings(unit, span, model, todays_map=todays_map):
        children.update((child.pk, child) for child in reading.units(model).filter(alive))
    counted = counted_units(found) - set(children)
    if counted:
        children.update((child.pk, child) for child in model.objects.filter(pk__in=counted))
    return sorted(children.values(), key=lambda child: child.code)
