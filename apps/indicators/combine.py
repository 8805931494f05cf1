"""A span's total from its columns (each year of a range, each month of a quarter).

Every column is read by the real code exactly as its own page reads it; the total is
made from those columns only, so that a range's sums are the sums of its years:
- what is done (outreach sessions and people attending, petitions raised, open and
  overdue at each column's end) is summed;
- a share is computed over the span: the sum of the columns' counts over the sum of
  their denominators (group-years, group-months), never an average of percentages;
  its coverage likewise;
- what stands (leaders, deputies, cadres per group, the cultural-standard communes) is
  as at the span's end: a sum of people over years would count the same people again;
- the median days to close is the median of every petition closed in the columns;
- in a quarter, the yearly assessments are its year's, as in each of its months.
"""

from collections import Counter
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from apps.core.shares import Share
from apps.indicators.area import Figures
from apps.indicators.report import Line, LineDef, lines_at
from apps.petitions.figures import median_of

SUMMED = {"outreach", "outreach_people", "petitions", "petitions_open", "petitions_overdue"}
AT_END = {"leaders", "deputies", "cadres", "cultural_communes"}
YEARLY = {
    "three_no",
    "cultural_families",
    "safe_groups",
    "cultural_groups",
    "safe_hamlets",
    "cultural_hamlets",
}
MEDIAN = "petitions_days"
SPAN_RULE = _(
    "Counts of what was done are summed over the columns; each share is computed over the "
    "whole period: the sum of the columns' counts over the sum of their denominators, not an "
    "average of their percentages; leaders, deputies, cadres per group and cultural-standard "
    "communes are those at the end of the period."
)


@dataclass(frozen=True)
class SpanLine:
    """An indicator's line in each column and over the whole span."""

    definition: LineDef
    columns: list[Line]
    total: Line

    @property
    def key(self) -> str:
        return self.definition.key

    @property
    def label(self):
        return self.definition.label


def span_lines(columns: list[Figures], level: str, *, yearly: bool) -> list[SpanLine]:
    """Every indicator of a unit of the level, in each column and in total."""
    found = []
    for definition in lines_at(level):
        lines = [definition.line(figures) for figures in columns]
        found.append(SpanLine(definition, lines, combined(definition, lines, columns, yearly)))
    return found


def combined(definition: LineDef, lines: list[Line], columns: list[Figures], yearly: bool) -> Line:
    """The span's line from its columns' lines (see the module's rules)."""
    key = definition.key
    if key in AT_END or (key in YEARLY and not yearly):
        return lines[-1]
    if key == MEDIAN:
        days = sum((f.petitions.days_to_close for f in columns if f.petitions), Counter())
        return definition.line_of(median_of(days))
    if definition.is_share:
        return definition.line_of(summed_share([line.share for line in lines]))
    counts = [line.count for line in lines if line.count is not None]
    return definition.line_of(sum(counts) if counts else None)


def summed_share(shares: list[Share]) -> Share:
    """Sum of the counts over sum of the denominators, and the same of their coverage."""
    coverages = [share.coverage for share in shares if share.coverage is not None]
    coverage = (
        Share(sum(c.count for c in coverages), sum(c.denominator for c in coverages))
        if coverages
        else None
    )
    return Share(
        sum(share.count for share in shares), sum(share.denominator for share in shares), coverage
    )
