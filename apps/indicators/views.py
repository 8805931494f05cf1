"""The dashboard of any unit in the user's scope, its printable report and its workbook."""

from csp.constants import NONE, UNSAFE_INLINE
from csp.decorators import csp
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from apps.accounts import access
from apps.assessments.figures import household_counts
from apps.core.periods import Month
from apps.core.replica import reads_from_replica
from apps.hierarchy.models import ANCESTOR_PATHS, UNIT_MODELS, District, Group, ancestors
from apps.hierarchy.names import called_then, told_apart, told_apart_from_namesakes
from apps.indicators import charts, gaps, trends
from apps.indicators.approval import approval_status
from apps.indicators.area import (
    CHILD_LEVEL,
    Figures,
    Period,
    groups_of,
    last_read_day,
    reading_of,
    within_period,
)
from apps.indicators.figure_cache import kept_compute, kept_compute_over
from apps.indicators.first_year import first_year_with_data
from apps.indicators.forms import ReportNumberForm
from apps.indicators.letterhead import letterhead
from apps.indicators.reading import (
    MAP_PARAMETER,
    TODAYS_MAP,
    Hanging,
    Lineage,
    level_word,
    lineage_of,
    names_then,
    reading_label,
)
from apps.indicators.report import report_lines
from apps.indicators.span_pages import span_context
from apps.indicators.span_workbook import span_workbook
from apps.indicators.spans import (
    FROM,
    QUARTER,
    TO,
    Asked,
    asked_span,
    asks_for_span,
    quarters_to_offer,
)
from apps.indicators.table import CHILD_COLUMNS, child_rows, sort_rows, table_children
from apps.indicators.workbook import area_workbook
from apps.jobs.exports import export_page
from apps.petitions.models import Petition

GAP_LIMIT = 20
# The earliest year a date may hold (apps.core.periods.Month): the selector itself starts at
# the first year with data (apps.indicators.first_year), not at a fixed year.
FIRST_YEAR = 1900


def _unit_or_404(request: HttpRequest, level: str, ids: dict[str, int]):
    """The unit of the URL (its id comes as district_id, commune_id… by level), with the
    units above it for the breadcrumb and the report's issuing body."""
    queryset = UNIT_MODELS[level].objects.select_related(*ANCESTOR_PATHS[level])
    unit = access.get_readable_or_404(request.user, queryset, pk=ids[f"{level}_id"])
    # Read through its past only (it left the user's units): its periods end there.
    unit.read_until = access.read_until(request.user, unit)
    return unit


def _period(request: HttpRequest, unit=None, asked: Asked | None = None) -> Period:
    """The year and month asked for (?nam=2026&thang=2026-10). By default this year and
    its last complete month, or for an ended unit its last year and month; a month outside
    the year is moved into it. A range of one year (`asked.year`) is that year."""
    today = timezone.localdate()
    current = Month.of(today)
    last_day = last_read_day(unit) if unit is not None else None
    try:
        year = asked.year if asked and asked.year else int(request.GET.get("nam", ""))
    except ValueError:
        year = last_day.year if last_day else today.year
    if not FIRST_YEAR <= year <= today.year:
        year = today.year
    if last_day and year > last_day.year:  # no figures of a unit after its end
        year = last_day.year
    default = Month(year, 12) if year < today.year else max(current.previous(), Month(year, 1))
    if last_day and year == last_day.year:
        default = min(default, Month.of(last_day))
    month = Month.parse(request.GET.get("thang"), default)
    if month.year != year or month > current or (last_day and month > Month.of(last_day)):
        month = default
    return Period(year, month, min(today, last_day) if last_day else today)


def _asked(request: HttpRequest, unit, first_year: int | None = None) -> Asked:
    """The span asked for by ?tu=&den= or ?quy=, checked (nothing asked: the year page)
    against the first year with data (read here unless given)."""
    if not asks_for_span(request.GET):
        return Asked()
    if first_year is None:
        first_year = first_year_with_data(unit)
    today = timezone.localdate()
    last_day = last_read_day(unit)
    until = min(today, last_day) if last_day else today
    return asked_span(request.GET, first_year=first_year, until=until, today=today)


def _on_todays_map(request: HttpRequest, lineage: Lineage) -> bool:
    """Whether today's map was asked for (?ban-do=hien-tai), for a unit formed from others."""
    return bool(lineage.formed_from) and request.GET.get(MAP_PARAMETER) == TODAYS_MAP


@login_required
@reads_from_replica
def start(request: HttpRequest) -> HttpResponse:
    """The dashboard of the user's widest unit, for the year and month asked for."""
    query = f"?{request.GET.urlencode()}" if request.GET else ""
    scopes = access.scopes_of(request.user)
    for level in ("district", "commune", "hamlet", "group"):
        for scope in scopes:
            unit_id = getattr(scope, f"{level}_id")
            if unit_id:
                return redirect(reverse(f"indicators:{level}", args=[unit_id]) + query)
    district = access.readable(request.user, District).first()
    if district is None:
        raise Http404
    return redirect(reverse("indicators:district", args=[district.pk]) + query)


@login_required
@reads_from_replica
def dashboard(request: HttpRequest, level: str, **ids: int) -> HttpResponse:
    unit = _unit_or_404(request, level, ids)
    first_year = first_year_with_data(unit)
    asked = _asked(request, unit, first_year)
    period = _period(request, unit, asked)
    lineage = lineage_of(unit)
    todays_map = _on_todays_map(request, lineage)
    today = period.today
    years = _years(first_year, period, unit)
    choice = _period_choice(asked, years, period)
    header = {
        "unit": unit,
        "level": level,
        "level_word": level_word(unit),
        "top_word": level_word(ancestors(unit)[0]),
        "began_on": getattr(unit, unit.life[0]),
        "formed_from": _linked(request, lineage.formed_from),
        "became": _linked(request, lineage.became),
        "todays_map": todays_map,
        "reading_label": reading_label(todays_map),
        "map_switch": _map_switch(request, todays_map) if lineage.formed_from else None,
        "period": period,
        "years": years,
        "breadcrumb": [u for u in ancestors(unit)[:-1] if access.may(request.user, type(u), u)],
        **choice,
    }
    if asked.span:
        context = header | span_context(unit, asked.span, todays_map=todays_map, children=True)
        return render(request, "indicators/span_dashboard.html", context)
    child_level = CHILD_LEVEL.get(level)
    periods = [period, period.previous()]
    now, previous = kept_compute_over(unit, periods, by=child_level, todays_map=todays_map)
    figures = now[None]
    before = {line.key: line for line in report_lines(previous[None], level)}
    rows = []
    if child_level:
        children = table_children(unit, period, todays_map=todays_map)
        rows = sort_rows(child_rows(children, now), request.GET.get("sap"))
    last_month = Month.of(today).previous()
    last_day = last_read_day(unit)
    reading = reading_of(unit, period, todays_map=todays_map)
    district_share = _district_share(unit, figures, period) if level != "group" else None
    below = gaps.hamlets_below(unit, period.year, district_share, reading=reading)
    # Gaps are acted on today: a unit read only up to a past day (ended, or gone from the
    # reader's units) has none to list, only its figures.
    gap_lists = (
        None if last_day else gaps.gap_lists(groups_of(unit), today, last_month, limit=GAP_LIMIT)
    )
    context = header | {
        "months": [
            m for m in (Month(period.year, n) for n in range(1, 13)) if m <= Month.of(today)
        ],
        # Each card with the same line of the period before, for its change.
        "cards": [(line, before.get(line.key)) for line in report_lines(figures, level)],
        "child_level": child_level,
        "names_then": names_then(period.as_of, todays_map),
        "columns": CHILD_COLUMNS,
        "rows": rows,
        "apart": _told_apart(rows, below, gap_lists),
        "sort": request.GET.get("sap", ""),
        "charts": CHARTS,
        "gaps": gap_lists,
        "read_to": last_day,
        "last_month": last_month,
        "district_share": district_share,
        "hamlets_below": below,
        "approval": approval_status(unit, period, todays_map=todays_map),
    }
    return render(request, "indicators/dashboard.html", context)


def _told_apart(rows: list, below: list, gap_lists: dict | None) -> dict:
    """What tells apart the hamlets of one name the dashboard shows (those of merged communes
    kept their names): the table's, and those of the lists, each named beside its commune."""
    in_table = {(row.unit.level, row.unit.pk) for row in rows}  # a commune's: all its hamlets
    named = [hamlet for hamlet, _share in below] + gaps.hamlets_in(gap_lists)
    named = [hamlet for hamlet in named if ("hamlet", hamlet.pk) not in in_table]
    return told_apart([row.unit for row in rows]) | told_apart_from_namesakes(named)


def _linked(request: HttpRequest, units: list) -> list[tuple]:
    """Each (unit, day) with whether the user may open the unit's dashboard."""
    return [(u, day, access.may(request.user, type(u), u)) for u, day in units]


def _map_switch(request: HttpRequest, todays_map: bool) -> tuple[str, str]:
    """The link to the other reading of the figures, and its words."""
    query = request.GET.copy()
    query.pop(MAP_PARAMETER, None)
    if not todays_map:
        query[MAP_PARAMETER] = TODAYS_MAP
    return f"?{query.urlencode()}", reading_label(not todays_map)


CHARTS = ["meetings", "petitions", "yearly"]


def _years(first: int | None, period: Period, unit) -> range:
    """The years to choose from, newest first: from the first with data (`first`, see
    apps.indicators.first_year) to this year (or the unit's last), and always the one
    shown."""
    oldest = min(first or period.year, period.year)
    last_day = last_read_day(unit)
    newest = max(last_day.year if last_day else period.today.year, period.year)
    return range(newest, max(oldest, FIRST_YEAR) - 1, -1)


def _period_choice(asked: Asked, years: range, period: Period) -> dict:
    """What the range and quarter selectors show chosen, and what was wrong with the
    address: the span shown, else the three years up to the year shown."""
    span = asked.span
    chosen = span.query if span else {}
    last = int(chosen.get(TO, period.year))
    return {
        "period_error": asked.error,
        "range_from": int(chosen.get(FROM, max(last - 2, years[-1]))),
        "range_to": last,
        "quarters": quarters_to_offer(years, period.today),
        "quarter_chosen": chosen.get(QUARTER, ""),
    }


@login_required
@reads_from_replica
def chart(
    request: HttpRequest, level: str, name: str, as_table: bool = False, **ids: int
) -> HttpResponse:
    """One of the dashboard's charts as an SVG image (drawn on the server, no script), or
    (`as_table`) its numbers as a table: a page of its own, so the dashboard's figures do not
    wait for the pictures. ?kho=hep draws it for a phone's width."""
    unit = _unit_or_404(request, level, ids)
    period = _period(request, unit)
    todays_map = _on_todays_map(request, lineage_of(unit))
    # Each month and year is read as the dashboard reads it (as it was, or on today's map).
    months = trends.last_months(period.month)
    if name == "meetings":
        series = trends.completeness_series(unit, months, period.today, todays_map=todays_map)
        shown = charts.meeting_chart(series)
    elif name == "petitions":
        petitions = reading_of(unit, period, todays_map=todays_map).records(Petition)
        shown = charts.petition_chart(trends.petitions_by_month(petitions, months))
    elif name == "yearly":
        years = list(range(period.year - 4, period.year + 1))
        trend = trends.yearly_trends(unit, years, period.today, todays_map=todays_map)
        shown = charts.yearly_chart(trend)
    else:
        raise Http404
    if as_table:
        return render(request, "indicators/chart_table.html", {"unit": unit, "chart": shown})
    narrow = request.GET.get(charts.NARROW_PARAMETER) == charts.NARROW
    return _svg(charts.draw(shown, narrow=narrow))


@csp({"default-src": [NONE], "style-src": [UNSAFE_INLINE]})
def _svg(drawing: str) -> HttpResponse:
    """pygal styles its drawing with inline <style>: opened on its own (in a tab of its own),
    the picture keeps its look, and still loads and runs nothing."""
    return HttpResponse(drawing, content_type="image/svg+xml; charset=utf-8")


def _district_share(unit, figures: Figures, period: Period):
    """The district's cultural-family share of the year: the bar hamlets are measured against.
    A district's own figures already hold it."""
    if unit.level == "district":
        households = figures.households
    else:
        reading = reading_of(ancestors(unit)[0], period)
        by_year = household_counts(
            reading.units(Group), [period.year], within=Hanging(reading, None)
        )
        households = by_year[period.year].get(None)
    return households.cultural_share.percent if households else None


@login_required
@reads_from_replica
def report(request: HttpRequest, level: str, **ids: int) -> HttpResponse:
    """The period's figures as a printable A4 report: a year, or a span (a range of years, a
    quarter) with a column per year or month and the total."""
    unit = _unit_or_404(request, level, ids)
    asked = _asked(request, unit)
    period = within_period(_period(request, unit, asked), unit)
    todays_map = _on_todays_map(request, lineage_of(unit))
    number_form = ReportNumberForm(request.GET)
    query = asked.span.query if asked.span else {"nam": period.year, "thang": str(period.month)}
    if todays_map:
        query = {**query, MAP_PARAMETER: TODAYS_MAP}
    context = {
        "unit": unit,
        "period": period,
        "letterhead": letterhead(unit, period.today, number_form.number()),
        "number_form": number_form,
        "reading_label": reading_label(todays_map),
        "period_query": query,
        "period_error": asked.error,
    }
    if asked.span:
        context |= span_context(unit, asked.span, todays_map=todays_map, children=False)
        context["name_then"] = called_then(unit, context["names_then"])
    else:
        figures = kept_compute(unit, period, todays_map=todays_map)[None]
        names = names_then(period.as_of, todays_map)
        context["name_then"] = called_then(unit, names)
        context["lines"] = report_lines(figures, level)
        context["approval"] = approval_status(unit, period, todays_map=todays_map)
    return render(request, "indicators/report.html", context)


@login_required
def workbook(request: HttpRequest, level: str, **ids: int) -> HttpResponse:
    """The page of the workbook's address: it has the workbook prepared by the worker, for
    the same period (apps.indicators.exports)."""
    unit = _unit_or_404(request, level, ids)
    action = reverse(f"indicators:{level}_workbook_later", args=[unit.pk])
    if request.GET:
        action += f"?{request.GET.urlencode()}"
    return export_page(request, title=workbook_title(unit), action=action)


def workbook_title(unit) -> str:
    return _("Indicators of %(unit)s (.xlsx)") % {"unit": unit}


def workbook_file(request: HttpRequest, level: str, **ids: int) -> tuple[Workbook, str]:
    """The same figures as the dashboard as an .xlsx workbook, with its file name: one sheet
    per level, numbers as numbers (for a span, a sheet of its columns first, then each
    unit's total). The period is read from the request as the pages read it."""
    unit = _unit_or_404(request, level, ids)
    asked = _asked(request, unit)
    period = within_period(_period(request, unit, asked), unit)
    todays_map = _on_todays_map(request, lineage_of(unit))
    if asked.span:  # a wrong span falls back to the year, as on the page
        return (
            span_workbook(unit, asked.span, todays_map=todays_map),
            f"chi-tieu-{unit.code}-{asked.span.slug}.xlsx",
        )
    return (
        area_workbook(unit, period, todays_map=todays_map),
        f"chi-tieu-{unit.code}-{period.year}.xlsx",
    )
