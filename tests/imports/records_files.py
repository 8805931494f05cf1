"""Files of past records (meetings, petitions) for the import tests, and reading the pages."""

import io
import re

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook(header: list[str], rows: list[list], *, title: str = "") -> bytes:
    """An .xlsx of one sheet ("Năm 2025"): an optional title line, the header, the rows."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Năm 2025"
    if title:
        sheet.append([title])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(client, url: str, data: bytes, name: str = "nam-2025.xlsx"):
    return client.post(url, {"file": SimpleUploadedFile(name, data, XLSX)})


def preview(client, url: str, data: bytes) -> tuple[str, str]:
    """Upload `data` at `url`: the preview's address, and the preview page."""
    response = upload(client, url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert re.fullmatch(rf"{url}\d+/", response.url)
    return response.url, client.get(response.url).content.decode()


def error_rows(page: str) -> list[tuple[str, str, str]]:
    """(line, column, problem) of each error row shown."""
    rows = re.findall(
        r'<tr class="error"><td>[^<]*</td><td>(\d+)</td><td>([^<]*)</td><td>([^<]*)</td>', page
    )
    return [(line, column, problem.replace("&quot;", '"')) for line, column, problem in rows]
