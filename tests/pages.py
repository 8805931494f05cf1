"""Reading a rendered page in tests: an element's text, its tags taken out."""

import re


def page_text(html: str) -> str:
    """The text of `html`: tags out, white space folded."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def card(page: str, key: str) -> str:
    """The text of the dashboard's card of the indicator `key`, "" when the page has none."""
    match = re.search(rf'<li id="card-{key}">(.*?)</li>', page, re.S)
    return page_text(match.group(1)) if match else ""
