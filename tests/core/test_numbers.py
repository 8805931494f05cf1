"""Numbers as each language writes them, the same as Django's own number_format."""

from decimal import Decimal

import pytest
from django.urls import reverse, set_script_prefix
from django.utils import translation
from django.utils.formats import number_format

from apps.core.numbers import format_number, format_percent
from apps.core.templatetags.tocdp import table_cells, url_of

NUMBERS = [0, 7, 999, 1000, 12964, 1234567, -12964, Decimal("1.3"), Decimal("-1234.5"), 12.5]


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("value", NUMBERS)
def test_format_number_matches_django(language, value):
    with translation.override(language):
        assert format_number(value) == number_format(value, force_grouping=True)


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("value", [Decimal("27.35"), Decimal("100.00"), Decimal("0.00"), 1234])
def test_format_with_decimals_matches_django(language, value):
    with translation.override(language):
        assert format_number(value, 2) == number_format(value, 2, force_grouping=True)


@pytest.mark.parametrize("value", ["", "1234.5"])
def test_text_goes_to_django(value):
    with translation.override("vi"):
        assert format_number(value) == number_format(value, force_grouping=True)


def test_vietnamese_and_english_ways():
    with translation.override("vi"):
        assert format_number(12964) == "12.964"
        assert format_percent(Decimal("27.35")) == "27,35 %"
        # Nothing to count says so, and a template's missing value is no bare "%".
        assert format_percent(None) == "chưa có số liệu"
        assert format_percent("") == "chưa có số liệu"
    with translation.override("en"):
        assert format_number(12964) == "12,964"
        assert format_percent(Decimal("27.35")) == "27.35 %"
        assert format_percent(None) == "no data"


def test_url_of_is_reverse_under_each_script_prefix():
    assert url_of("indicators:group", 12) == reverse("indicators:group", args=[12])
    try:
        set_script_prefix("/tocdp/")
        # Remembered per prefix: not the link made under "/" a moment ago.
        assert url_of("indicators:group", 12) == reverse("indicators:group", args=[12])
        assert url_of("indicators:group", 12).startswith("/tocdp/chi-tieu/")
    finally:
        set_script_prefix("/")
    assert url_of("petitions:detail", 3) == reverse("petitions:detail", args=[3])


def test_a_table_row_shows_shares_and_counts_the_vietnamese_way():
    from apps.core.shares import Share
    from apps.indicators.table import CHILD_COLUMNS

    share_column, count_column = CHILD_COLUMNS[1], CHILD_COLUMNS[0]
    cells = [(count_column, 12964), (share_column, Share(3, 11)), (share_column, Share(0, 0))]
    with translation.override("vi"):
        html = table_cells(cells)
    assert html == (
        "<td>12.964</td><td>27,27 %<br><small>3/11</small></td>"
        '<td><span class="muted">chưa có số liệu</span></td>'
    )
