"""Charts drawn on the server as SVG (pygal): no JavaScript, no CDN, printable.

Each chart is first a `Chart` (its title, labels and series); it is drawn as a
picture, for a wide screen or for a phone (`narrow`: drawn at about the width a
phone shows it, so that its text is not shrunk below 12 px), and listed as a table
of its numbers ("Xem số liệu"), so it reads without the picture too. pygal's
tooltips script is left out (`js=[]`).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import pygal
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from pygal.style import Style

from apps.core.numbers import format_number, format_percent, no_data

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
    # A chart with nothing to draw says so in the words and the size of the page's own text.
    no_data_font_family="system-ui, sans-serif",
    no_data_font_size=15,
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
# A phone shows the picture about 310 px wide (360 less the page's margins): drawn at 320
# with 14 px text, its text is shown at about 13.5 px. Twelve months' labels skip every other.
NARROW_STYLE = Style(
    **{
        **STYLE.to_dict(),
        "label_font_size": 14,
        "major_label_font_size": 14,
        "legend_font_size": 14,
        "value_font_size": 14,
        "value_label_font_size": 14,
        "tooltip_font_size": 14,
        "title_font_size": 16,
        "no_data_font_size": 16,
    }
)
NARROW_OPTIONS = {
    **OPTIONS,
    "style": NARROW_STYLE,
    "width": 320,
    "height": 380,
    "legend_at_bottom_columns": 1,
    "x_labels_major_every": 2,
    "show_minor_x_labels": False,
}
# The query parameter that asks for the phone's drawing (?kho=hep: the narrow format).
NARROW_PARAMETER, NARROW = "kho", "hep"


def _month(month) -> str:
    """A short month label that fits under a bar: 11/25."""
    return f"{month.month:02d}/{month.year % 100:02d}"


SCRIPT = re.compile(r"<script\b.*?</script>", re.S)


def _count(value) -> str:
    whole = float(value).is_integer()
    return format_number(int(value)) if whole else format_number(value, 1)


def _pct(share) -> float | None:
    percent = share.percent if share is not None else None
    return float(percent) if isinstance(percent, Decimal) else None


@dataclass(frozen=True)
class Chart:
    """What a chart shows: shares over time from 0 to 100 % (`line`) or counts (`bar`), at
    `labels` along the axis named `axis` (months or years)."""

    title: str
    kind: str
    axis: str
    labels: list[str]
    series: dict[str, list[float | None]]
    formatter: Callable

    def rows(self) -> list[tuple[str, list[str]]]:
        """The numbers as a table's rows: each label with its value in every series."""
        return [
            (label, [self.formatter(values[i]) for values in self.series.values()])
            for i, label in enumerate(self.labels)
        ]


def draw(chart: Chart, *, narrow: bool = False) -> SafeString:
    """The chart as SVG, for a wide screen or (`narrow`) for a phone."""
    options = {
        **(NARROW_OPTIONS if narrow else OPTIONS),
        "title": chart.title,
        "x_labels": chart.labels,
        "value_formatter": chart.formatter,
        "no_data_text": no_data(),
    }
    if narrow and len(chart.labels) <= 6:
        options["show_minor_x_labels"] = True  # five years fit; twelve months do not
    drawn = pygal.Line(range=(0, 100), **options) if chart.kind == "line" else pygal.Bar(**options)
    for name, values in chart.series.items():
        drawn.add(name, values)
    # pygal builds the SVG with an XML library, which escapes every label it is given. Its
    # inline config script only serves the tooltips we leave out: the page runs no chart code.
    return mark_safe(SCRIPT.sub("", drawn.render(is_unicode=True)))  # noqa: S308


def line_of_shares(title: str, axis: str, labels: list[str], series: dict[str, list]) -> Chart:
    """Shares (Share objects, None where missing) over time, from 0 to 100 %."""
    values = {name: [_pct(s) for s in shares] for name, shares in series.items()}
    return Chart(title, "line", axis, labels, values, format_percent)


def bars_of_counts(title: str, axis: str, labels: list[str], series: dict[str, list[int]]) -> Chart:
    return Chart(title, "bar", axis, labels, series, _count)


def meeting_chart(completeness) -> Chart:
    return line_of_shares(
        _("Monthly meeting completeness"),
        _("Month"),
        [_month(m) for m, _c in completeness],
        {
            _("Groups that met"): [c.completeness for _m, c in completeness],
            _("Recorded on time"): [c.timeliness for _m, c in completeness],
        },
    )


def petition_chart(months) -> Chart:
    return bars_of_counts(
        _("Petitions raised and closed"),
        _("Month"),
        [_month(m.month) for m in months],
        {_("Raised"): [m.raised for m in months], _("Closed"): [m.closed for m in months]},
    )


def yearly_chart(trends) -> Chart:
    return line_of_shares(
        _("Yearly assessments"),
        _("Year"),
        [str(t.year) for t in trends],
        {
            _('"3 không" households'): [
                t.households and t.households.three_no_share for t in trends
            ],
            _("Cultural families"): [t.households and t.households.cultural_share for t in trends],
            _("Cultural hamlets"): [t.hamlets.cultural_share for t in trends],
        },
    )
