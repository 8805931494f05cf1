"""Pages are sent compressed to a browser that accepts gzip; workbooks, PDFs and images,
compressed inside already, are sent as they are (apps.core.compression)."""

import gzip

from django.http import HttpResponse
from django.test import RequestFactory

from apps.core.compression import GZipTextMiddleware

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_a_page_goes_compressed(client, db):
    response = client.get("/dang-nhap/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")

    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert b"<form" in gzip.decompress(response.content)


def test_a_workbook_goes_as_it_is(client, group_a_leader):
    client.force_login(group_a_leader)

    response = client.get("/danh-sach/mau.xlsx", HTTP_ACCEPT_ENCODING="gzip, deflate, br")

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert not response.has_header("Content-Encoding")
    assert response.content.startswith(b"PK\x03\x04")  # the .xlsx itself, a zip
    assert "Accept-Encoding" not in response.get("Vary", "")


def test_compressed_kinds_are_left_alone_and_text_is_not():
    middleware = GZipTextMiddleware(lambda request: None)
    request = RequestFactory().get("/", HTTP_ACCEPT_ENCODING="gzip")
    body = b"x" * 4096
    sent = {}
    for content_type in (f"{XLSX}", "application/pdf", "image/png", "text/csv; charset=utf-8"):
        response = middleware.process_response(request, HttpResponse(body, content_type))
        sent[content_type] = response.get("Content-Encoding")

    assert sent == {
        XLSX: None,
        "application/pdf": None,
        "image/png": None,
        "text/csv; charset=utf-8": "gzip",
    }
