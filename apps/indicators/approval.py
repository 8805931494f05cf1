"""Final and provisional figures: a period's figures are final once every commune of the
area has approved it (apps.approvals), provisional ("số liệu tạm") until then. The
dashboard, the report and the workbook all ask `approval_status`."""

from dataclasses import dataclass

from django.db.models import Count, Exists, Model, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from apps.approvals.models import MonthApproval, YearApproval
from apps.hierarchy.models import Commune
from apps.hierarchy.placements import placed_on_q
from apps.indicators.area import Period, within_period
from apps.indicators.reading import AsItWas


@dataclass(frozen=True)
class Approved:
    """How many of the area's communes alive in the period have approved it."""

    approved: int
    total: int

    @property
    def final(self) -> bool:
        return self.total > 0 and self.approved == self.total

    def label(self) -> str:
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
        return self.month.final and self.year.final


def _communes(unit: Model, period: Period) -> QuerySet[Commune]:
    """The communes of the unit's area as read for the period (a hamlet's or group's own)."""
    day = within_period(period, unit).as_of
    if unit.level in ("district", "commune"):
        return AsItWas(unit, day).units(Commune)
    return Commune.objects.filter(
        placed_on_q(day, "placements__"), **{f"placements__{unit.level}": unit.pk}
    )


def approval_status(unit: Model, period: Period) -> PeriodApproval:
    """How many communes approved the period's month (meetings, outreach, petitions) and its
    year (assessments), out of those alive in each: one query."""
    month = period.month
    in_month = Commune.alive_q(month.first_day, month.last_day)
    in_year = Commune.alive_q(period.start, period.end)
    month_approved = MonthApproval.objects.filter(
        commune=OuterRef("pk"),
        hamlet__isnull=True,
        month=month.first_day,
        unlocked_at__isnull=True,
    )
    year_approved = YearApproval.objects.filter(
        commune=OuterRef("pk"), year=period.year, unlocked_at__isnull=True
    )
    row = _communes(unit, period).aggregate(
        month_total=Count("pk", filter=in_month),
        month_approved=Count("pk", filter=in_month & Q(Exists(month_approved))),
        year_total=Count("pk", filter=in_year),
        year_approved=Count("pk", filter=in_year & Q(Exists(year_approved))),
    )
    return PeriodApproval(
        month=Approved(row["month_approved"], row["month_total"]),
        year=Approved(row["year_approved"], row["year_total"]),
    )
