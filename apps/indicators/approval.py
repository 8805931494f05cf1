"""Final and provisional figures: a period's figures are final once every commune of the
area has approved it (apps.approvals), provisional ("số liệu tạm") until then. The
dashboard, the report and the workbook all ask `approval_status` (a year and its month)
or `span_approval_status` (a range of years, a quarter).

A span counts a commune as having approved it when the commune approved every month of the
span it was alive in, and the assessments of every year of the span it was alive in (a
span's columns show their year's assessments, as a month's page does); one month or one
year not approved, or unlocked since, and the commune has not approved the span. The span
is final when every commune of the area alive in it has.
"""

import datetime
from dataclasses import dataclass

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    Model,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.approvals.models import MonthApproval, YearApproval
from apps.core.dated import alive_between
from apps.core.periods import Month
from apps.hierarchy.models import Commune
from apps.hierarchy.placements import placed_on_q
from apps.indicators.area import Period, reading_of, within_period
from apps.indicators.reading import AsItWas
from apps.indicators.spans import Span

# The span's rule in words, under its mark on the pages and in the workbook.
SPAN_APPROVAL_RULE = gettext_lazy(
    "A commune has approved the period when it has approved every month of it and the "
    "assessments of each of its years, for as long as it existed."
)


@dataclass(frozen=True)
class Approved:
    """How many of the area's communes alive in the period have approved it."""

    approved: int
    total: int

    @property
    def final(self) -> bool:
        return self.total > 0 and self.approved == self.total

    @property
    def nothing_asked(self) -> bool:
        """No commune belonged to the area then (a province's months before it began)."""
        return self.total == 0

    def label(self) -> str:
        if self.nothing_asked:
            return _("no commune belonged to the area")
        if self.final:
            return _("final: approved by all %(total)s communes") % {"total": self.total}
        return _("provisional: %(approved)s of %(total)s communes approved") % {
            "approved": self.approved,
            "total": self.total,
        }


@dataclass(frozen=True)
class PeriodApproval:
    month: Approved
    year: Approved

    @property
    def final(self) -> bool:
        """The month (unless no commune was there to approve it) and the year approved."""
        return (self.month.final or self.month.nothing_asked) and self.year.final


def _communes(
    unit: Model, period: Period, todays_map: bool = False, *, month: bool = False
) -> QuerySet[Commune]:
    """The communes of the unit's area as read for the period (a hamlet's or group's own) on
    its last day or, with `month`, on its month's (as the month's meeting figures read it,
    apps.indicators.area.MONTHLY), or on today's map: a merged commune's predecessors
    approved its earlier periods."""
    if todays_map:
        return reading_of(unit, period, todays_map=True).units(Commune)
    within = within_period(period, unit)
    day = within.month_as_of if month else within.as_of
    if unit.level in ("district", "commune"):
        return AsItWas(unit, day).units(Commune)
    return Commune.objects.filter(
        placed_on_q(day, "placements__"), **{f"placements__{unit.level}": unit.pk}
    )


def approval_status(unit: Model, period: Period, *, todays_map: bool = False) -> PeriodApproval:
    """How many communes approved the period's month (meetings, outreach, petitions) and its
    year (assessments), out of those of the area at the month's end and at the year's, alive
    in each: one query, a row per commune and part (each area's query written once, not
    once per count)."""
    month = period.month
    month_approved = MonthApproval.objects.filter(
        commune=OuterRef("pk"),
        hamlet__isnull=True,
        month=month.first_day,
        unlocked_at__isnull=True,
    )
    year_approved = YearApproval.objects.filter(
        commune=OuterRef("pk"), year=period.year, unlocked_at__isnull=True
    )
    in_month = _communes(unit, period, todays_map, month=True).filter(
        Commune.alive_q(month.first_day, month.last_day)
    )
    in_year = _communes(unit, period, todays_map).filter(Commune.alive_q(period.start, period.end))
    # Each commune once (a hamlet's communes are found through each of its placements), and
    # without the communes' own order: SQLite orders no part of a union.
    rows = (
        in_month.order_by()
        .values("pk", part=Value("month"), approved=Exists(month_approved))
        .distinct()
        .union(
            in_year.order_by()
            .values("pk", part=Value("year"), approved=Exists(year_approved))
            .distinct(),
            all=True,
        )
    )
    found = {"month": [0, 0], "year": [0, 0]}  # approved, total
    for row in rows:
        found[row["part"]][0] += bool(row["approved"])
        found[row["part"]][1] += 1
    return PeriodApproval(month=Approved(*found["month"]), year=Approved(*found["year"]))


def span_months(span: Span) -> list[Month]:
    """Every month the span's figures count: from its first column's first month to the
    month of its last column's last day (today's month while it runs, so a span that
    holds the running month stays provisional)."""
    month, last = Month.of(span.columns[0].start), Month.of(span.columns[-1].as_of)
    months = []
    while month <= last:
        months.append(month)
        month = month.next()
    return months


def _count_of(approvals: QuerySet) -> Coalesce:
    counted = approvals.values("commune").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def span_approval_status(unit: Model, span: Span, *, todays_map: bool = False) -> Approved:
    """How many of the area's communes alive in the span have approved all of it (see the
    module's rule), out of those alive in it: one query, whatever the span's length."""
    months = span_months(span)
    years = sorted({month.year for month in months})
    first, last = months[0].first_day, months[-1].last_day
    in_area = Q()
    for column in span.columns:
        in_area |= Q(pk__in=_communes(unit, column, todays_map).values("pk"))
    standing_months = MonthApproval.objects.filter(
        commune=OuterRef("pk"),
        hamlet__isnull=True,
        unlocked_at__isnull=True,
        month__gte=first,
        month__lte=last,
    )
    standing_years = YearApproval.objects.filter(
        commune=OuterRef("pk"), unlocked_at__isnull=True, year__in=years
    )
    start, end = Commune.life
    communes = (
        Commune.objects.filter(in_area, Commune.alive_q(first, last))
        .annotate(months=_count_of(standing_months), years=_count_of(standing_years))
        .values(start, end, "months", "years")
    )
    approved = total = 0
    for commune in communes:
        alive = (commune[start], commune[end])
        months_due = sum(alive_between(*alive, m.first_day, m.last_day) for m in months)
        years_due = sum(
            alive_between(*alive, datetime.date(y, 1, 1), datetime.date(y, 12, 31)) for y in years
        )
        total += 1
        approved += commune["months"] >= months_due and commune["years"] >= years_due
    return Approved(approved, total)


def years_final(unit: Model, years: list[int], today: datetime.date) -> bool:
    """Whether every commune of the area alive in the years has approved each of their
    months and each year (the span's rule above): one query."""
    columns = tuple(Period(year, Month(year, 12), today) for year in years)
    return span_approval_status(unit, Span(columns, label="", yearly=True)).final
