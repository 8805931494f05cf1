"""Template helpers: Vietnamese numbers and shares, and links that keep the current filters."""

from decimal import Decimal
from functools import lru_cache

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext

from apps.core.numbers import format_number, format_percent, no_data
from apps.core.shares import Share

register = template.Library()


@register.filter
def count(value: int) -> str:
    """12964 → "12.964" in Vietnamese, "12,964" in English."""
    return format_number(value)


@register.filter
def percent(value: Decimal | None) -> str:
    """Decimal("27.35") → "27,35 %"; no value (nothing to count) → "chưa có số liệu"."""
    return format_percent(value)


@register.filter
def share(value: Share) -> str:
    """Share(85, 100) → "85/100 (85,00 %)"."""
    return f"{count(value.count)}/{count(value.denominator)} ({percent(value.percent)})"


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (None removes one)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        query.pop(key, None)
        if value is not None and value != "":
            query[key] = value
    return f"?{query.urlencode()}"


@register.filter
def overdue_on(petition, day) -> bool:
    return petition.is_overdue_on(day)


@register.filter
def points(value: Decimal | None) -> str:
    """A change of a share: Decimal("2.35") → "+2,35 điểm %" (percentage points)."""
    if value is None:
        return "—"
    sign = "+" if value > 0 else ""
    unit = gettext("percentage points")
    return f"{sign}{format_number(value, 2)} {unit}"


@register.filter
def change_from(line, previous) -> str:
    """A report line's change from the same line of the period before, in points; nothing
    unless both periods have data."""
    change = line.change_from(previous)
    return "" if change is None else points(change)


@register.filter
def number(value) -> str:
    """A count or a ratio the Vietnamese way (12.964; 1,3); nothing recorded → "—"."""
    return "—" if value is None else format_number(value)


@register.filter
def named_as_then(unit, names_then: dict) -> str:
    """The unit's name in the period shown (`names_then`, apps.hierarchy.names), with its
    name of today beside it, so that a renamed unit is named as it was and still found."""
    then = (names_then or {}).get((unit.level, unit.pk))
    if then is None:
        return unit.name
    return format_html('{} <small class="muted">({} {})</small>', then, gettext("now"), unit.name)


@register.filter
def aside(unit, asides: dict) -> str:
    """What tells the unit apart from another of the same name on the page, if anything
    (`asides` keyed by (level, pk): apps.hierarchy.names.told_apart)."""
    text = (asides or {}).get((unit.level, unit.pk))
    return format_html(' <small class="muted">({})</small>', text) if text else ""


@register.simple_tag
def dashboard_url(unit) -> str:
    return url_of(f"indicators:{unit.level}", unit.pk)


@register.simple_tag
def url_of(viewname: str, pk: int) -> str:
    """reverse(viewname, args=[pk]), remembered: a dashboard links a hundred units and
    petitions, and the same ones on every visit."""
    return _reverse(viewname, pk, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())


@lru_cache(maxsize=16384)
def _reverse(viewname: str, pk: int, urlconf, prefix: str) -> str:
    return reverse(viewname, args=[pk], urlconf=urlconf)


@register.filter
def share_cell(value: Share | None) -> str:
    """A share in a table cell: "27,35 %" over "3/11"; nothing to count → "chưa có số liệu"."""
    if value is None or not value.has_data:
        return format_html('<span class="muted">{}</span>', no_data())
    return format_html(
        "{}<br><small>{}/{}</small>",
        percent(value.percent),
        number(value.count),
        number(value.denominator),
    )


@register.filter
def table_cells(cells) -> str:
    """A table row's cells, each (column, value): a share as share_cell, a column the row's
    unit was not there for ("absent") as a dash, anything else as a number. One call a row
    instead of template tags in every cell: a dashboard's table has a few hundred cells, and
    drawing them took half of its rendering."""
    return format_html_join(
        "", "<td>{}</td>", ((_cell(column.kind, value),) for column, value in cells)
    )


def _cell(kind: str, value) -> str:
    if kind == "share":
        return share_cell(value)
    return "—" if kind == "absent" else number(value)


@register.filter
def line_value(line) -> str:
    """A report line's value on a card: the share and its count, with its coverage while
    it is being assessed, or the count alone; nothing to count → "chưa có số liệu"."""
    if not line.has_data:
        return format_html('<strong class="no-data">{}</strong>', no_data())
    if line.share is None:
        return format_html("<strong>{}</strong>", number(line.count))
    value = format_html(
        "<strong>{}</strong><small>{}/{}</small>",
        percent(line.percent),
        number(line.count),
        number(line.denominator),
    )
    covered = coverage(line)
    return format_html('{}<small class="coverage">{}</small>', value, covered) if covered else value


@register.filter
def coverage(line) -> str:
    """How complete a yearly share is, while it is not: "32/47.600 households assessed
    (0,07 %)"; "" once complete."""
    share = line.coverage
    if share is None:
        return ""
    counts = {"count": number(share.count), "total": number(share.denominator)}
    said = str(line.covered.said) % counts
    return f"{said} ({percent(share.percent)})"
