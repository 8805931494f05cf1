"""Reading a rendered page in tests: an element's text, its tags taken out; a figure as the
reader sees it, and such figures added up; the district dashboard's petition cards and its
table of units."""

import re


def page_text(html: str) -> str:
    """The text of `html`: tags out, white space folded."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def shown_value(text: str):
    """A figure as the reader sees it: "12.964" → 12964; "27,35 % 3/11" → (3, 11);
    "chưa có số liệu" → None."""
    pair = re.search(r"([\d.]+)/([\d.]+)", text)
    if pair:
        return tuple(int(n.replace(".", "")) for n in pair.groups())
    number = re.search(r"\d[\d.]*", text)
    return int(number.group().replace(".", "")) if number else None


def summed(values: list):
    """Shown values added up: numbers, or pairs such as (3, 11) part by part."""
    if isinstance(values[0], tuple):
        return tuple(sum(parts) for parts in zip(*values, strict=True))
    return sum(values)


def card(page: str, key: str) -> str:
    """The text of the dashboard's card of the indicator `key`, "" when the page has none."""
    match = re.search(rf'<li id="card-{key}">(.*?)</li>', page, re.S)
    return page_text(match.group(1)) if match else ""


def table_rows(page: str) -> dict[str, list[str]]:
    """The dashboard's table of units: each unit's name, as the reader sees it, and the text
    of each of its cells."""
    table = re.search(r'<table[^>]*id="children">(.*?)</table>', page, re.S)
    rows = re.findall(r"<tr><td>(.*?)</td>(.*?)</tr>", table.group(1), re.S) if table else []
    return {
        page_text(name): [page_text(c) for c in re.findall(r"<td>(.*?)</td>", cells, re.S)]
        for name, cells in rows
    }


def district_dashboard(client, district, year: int) -> str:
    """The district's dashboard of `year`, as the client's user sees it."""
    return client.get(f"/chi-tieu/huyen/{district.pk}/?nam={year}").content.decode()


def check_petitions_counted_in_their_year(
    client, district, year: int, *, count: int, closed: str, overdue: int, on_time: str
) -> None:
    """Petitions entered after their time count in the year they were received, and this
    year's dashboard (2026) has none of them."""
    page = district_dashboard(client, district, year)
    assert card(page, "petitions").endswith(f" {count}")
    assert card(page, "petitions_closed").endswith(closed)
    assert card(page, "petitions_overdue").endswith(f" {overdue}")
    assert card(page, "petitions_on_time").endswith(on_time)
    assert card(district_dashboard(client, district, 2026), "petitions").endswith(" 0")
