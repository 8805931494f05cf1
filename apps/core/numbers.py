"""Numbers the way the active language writes them: 12.964 and 27,35 % in Vietnamese."""

from decimal import Decimal
from functools import cache

from django.utils.formats import get_format, number_format
from django.utils.translation import get_language, gettext


@cache
def _separators(language: str | None) -> tuple[str, str]:
    return get_format("DECIMAL_SEPARATOR", language), get_format("THOUSAND_SEPARATOR", language)


def format_number(value: int | Decimal | float, decimals: int | None = None) -> str:
    """A number in the active language, grouped by thousands (12.964; 27,35 in Vietnamese).

    What django.utils.formats.number_format does for our numbers (both our languages
    group by three), without looking the separators up again for every number: a
    dashboard writes a few hundred of them."""
    if not isinstance(value, int | Decimal | float):  # text, or a template's missing value
        return number_format(value, decimals, force_grouping=True)
    decimal_separator, thousand_separator = _separators(get_language())
    text = f"{value:,}" if decimals is None else f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", decimal_separator).replace("\0", thousand_separator)


def format_percent(value: Decimal | None) -> str:
    """Decimal("27.35") → "27,35 %"; no value (nothing to count) → "no data", never a bare
    "%" (a template's missing value is no value either)."""
    if not isinstance(value, int | Decimal | float):
        return no_data()
    return f"{format_number(value, 2)} %"


def no_data() -> str:
    """What a figure with nothing to count says (DOMAIN.md: "chưa có số liệu")."""
    return gettext("no data")
