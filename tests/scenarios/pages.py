"""Reading the product's pages as a browser would: the values its forms send, a
select's options, a dashboard's cards and a range dashboard's columns."""

import re
from html.parser import HTMLParser

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from apps.core.xlsx import as_bytes
from tests.pages import page_text, shown_value

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class _FormReader(HTMLParser):
    """The values a browser would send for the page's forms: inputs, checked boxes,
    selected options and text areas."""

    def __init__(self):
        super().__init__()
        self.values: dict[str, str] = {}
        self._select: str | None = None
        self._first_option: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.values[name] = attrs.get("value") or "on"
            elif kind not in ("submit", "button", "file"):
                self.values[name] = attrs.get("value") or ""
        elif tag == "select" and name:
            self._select, self._first_option = name, None
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            if self._first_option is None:
                self._first_option = value
                self.values.setdefault(self._select, value)
            if "selected" in attrs:
                self.values[self._select] = value
        elif tag == "textarea" and name:
            self._textarea = name
            self.values[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data


def form_values(html: str) -> dict[str, str]:
    reader = _FormReader()
    reader.feed(html)
    return reader.values


def options(html: str, name: str) -> dict[str, str]:
    """A select's options: label → value."""
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return {
        page_text(label): value
        for value, label in re.findall(r'<option value="([^"]*)"[^>]*>(.*?)</option>', select)
    }


def ok(response, status: int = 302):
    assert response.status_code == status, (
        response.status_code,
        response.content.decode()[:3000],
    )
    return response


def read_page(client: Client, url: str) -> str:
    return ok(client.get(url), 200).content.decode()


def xlsx_bytes(header: list[str], rows: list[list], title: str) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    return as_bytes(book)


def upload_file(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, XLSX)


def dashboard_cards(client: Client, url: str) -> dict[str, object]:
    """Each card of a year's dashboard: a count, or (numerator, denominator) of a share."""
    return cards_in(read_page(client, url))


def cards_in(page: str) -> dict[str, object]:
    """The cards of a dashboard page already read (see dashboard_cards)."""
    cards = re.findall(r'<li id="card-([\w]+)"><span>.*?</span>(.*?)</li>', page, re.S)
    return {key: shown_value(page_text(html)) for key, html in cards}


def listed_units(page: str) -> list[str]:
    """The units a dashboard lists under its unit, in order, as the reader sees each name."""
    table = re.search(r'<table[^>]*id="children">(.*?)</table>', page, re.S)
    names = re.findall(r"<tr><td><a [^>]*>(.*?)</a></td>", table.group(1)) if table else []
    return [page_text(name) for name in names]


def span_columns(client: Client, url: str) -> dict[str, list[object]]:
    """Each line of a range dashboard: its years' values, then the range's total."""
    page = read_page(client, url)
    lines = {}
    for key, row in re.findall(r'<tr id="line-(\w+)">(.*?)</tr>', page, re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)[1:]
        lines[key] = [shown_value(page_text(cell)) for cell in cells]
    return lines
