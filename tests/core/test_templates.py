"""Ids and years in templates are written without a thousands separator.

With USE_THOUSAND_SEPARATOR on (12.964 in Vietnamese), `{{ hamlet.pk }}` renders
"1.014" once ids pass a thousand, which breaks every link and element id built
from it. Such values must go through `|unlocalize` (or `{% url %}`).
"""

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
RAW_NUMBER = re.compile(
    r"\{\{ *(?:[\w.]*(?:\.pk|\.id|_id|\.year)|y)(?: *\}\}|\|(?!unlocalize)[^}]*\}\})"
    r"|with [^%]*\byear=[\w.]+(?![\w.|])"
)


def test_no_id_or_year_is_localized_in_a_template():
    offenders = [
        f"{path.relative_to(TEMPLATES)}: {match.group(0)}"
        for path in TEMPLATES.rglob("*.html")
        for match in RAW_NUMBER.finditer(path.read_text())
    ]
    assert offenders == []


def test_no_template_comment_spans_lines():
    """`{# … #}` is a comment on one line only: spread over two, it is printed on the page."""
    offenders = [
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        for line in path.read_text().splitlines()
        if "{#" in line and "#}" not in line.split("{#", 1)[1]
    ]
    assert offenders == []
