"""Files of past records (meetings, petitions) for the import tests, reading the pages, and
who may see them."""

import io
import re

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.core.xlsx import as_bytes

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
    return as_bytes(book)


def filled_template(client, url: str, header: list[str]) -> openpyxl.Workbook:
    """The template offered at `url`, its header checked, its example line moved to the
    official's own group: A-01, of hamlet and commune Bình Thạnh."""
    response = client.get(f"{url}mau.xlsx")
    assert response["Content-Type"] == XLSX
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book.active
    assert [c.value for c in sheet[1]] == header
    sheet["C2"] = "A-01"
    sheet["A2"], sheet["B2"] = "Xã Bình Thạnh", "Ấp Bình Thạnh"
    return book


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


def check_readers_and_outsiders_refused(client, url: str, preview: str, reader, outsider) -> None:
    """A reader may neither upload at `url` nor see or confirm the preview at `preview`; an
    official of another commune does not find the preview."""
    client.force_login(reader)
    assert client.get(url).status_code == 403
    assert client.get(preview).status_code == 403
    assert client.post(f"{preview}xac-nhan/").status_code == 403
    client.force_login(outsider)
    assert client.get(preview).status_code == 404
    assert client.post(f"{preview}xac-nhan/").status_code == 404
