"""Charts drawn on the server as inline SVG (pygal): no JavaScript, no CDN, printable.

pygal's tooltips script is left out (`js=[]`); each chart is followed on the
page by a table of its numbers, so it reads without the picture too.
"""

import re
from decimal import Decimal

import pygal
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from pygal.style import Style

from apps.core.numbers import format_number, format_percent

STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1b1f23",
    foreground_strong="#1b1f23",
    foreground_subtle="#9aa3ab",
    colors=("#0b5cad", "#a50e0e", "#0f6b2f", "#b26b00"),
    font_family="system-ui, sans-serif",
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=13,
    title_font_size=15,
)
OPTIONS = {
    "style": STYLE,
    "js": [],
    "disable_xml_declaration": False,
    "width": 640,
    "height": 340,
    "legend_at_bottom": True,
    "legend_at_bottom_columns": 3,
    "margin": 8,
    "margin_bottom": 28,
    "show_y_guides": True,
    "truncate_label": -1,
    "truncate_legend": -1,
}


def _month(month) -> str:
    """A short month label that fits under a bar: 11/25."""
    return f"{month.month:02d}/{month.year % 100:02d}"


SCRIPT = re.compile(r"<script\b.*?</script>", re.S)


def _count(value) -> str:
    whole = float(value).is_integer()
    return format_number(int(value)) if whole else format_number(value, 1)


def _render(chart) -> SafeString:
    # pygal builds the SVG with an XML library, which escapes every label it is given. Its
    # inline config script only serves the tooltips we leave out: the page runs no chart code.
    return mark_safe(SCRIPT.sub("", chart.render(is_unicode=True)))  # noqa: S308


def _pct(share) -> float | None:
    percent = share.percent if share is not None else None
    return float(percent) if isinstance(percent, Decimal) else None


def line_of_shares(title: str, labels: list[str], series: dict[str, list]) -> SafeString:
    """Shares (Share objects, None where missing) over time, from 0 to 100 %."""
    chart = pygal.Line(
        title=title, range=(0, 100), value_formatter=format_percent, x_labels=labels, **OPTIONS
    )
    for name, shares in series.items():
        chart.add(name, [_pct(s) for s in shares])
    return _render(chart)


def bars_of_counts(title: str, labels: list[str], series: dict[str, list[int]]) -> SafeString:
    chart = pygal.Bar(
        title=title,
        x_labels=labels,
        value_formatter=_count,
        **OPTIONS,
    )
    for name, values in series.items():
        chart.add(name, values)
    return _render(chart)


def meeting_chart(completeness) -> SafeString:
    return line_of_shares(
        _("Monthly meeting completeness"),
        [_month(m) for m, _c in completeness],
        {
            _("Groups that met"): [c.completeness for _m, c in completeness],
            _("Recorded on time"): [c.timeliness for _m, c in completeness],
        },
    )


def petition_chart(months) -> SafeString:
    return bars_of_counts(
        _("Petitions raised and closed"),
        [_month(m.month) for m in months],
        {_("Raised"): [m.raised for m in months], _("Closed"): [m.closed for m in months]},
    )


def yearly_chart(trends) -> SafeString:
    return line_of_shares(
        _("Yearly assessments"),
        [str(t.year) for t in trends],
        {
            _('"3 không" households'): [
                t.households and t.households.three_no_share for t in trends
            ],
            _("Cultural families"): [t.households and t.households.cultural_share for t in trends],
            _("Cultural hamlets"): [t.hamlets.cultural_share for t in trends],
        },
    )
