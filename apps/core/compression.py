"""Compression of responses: HTML and other text, not what is compressed already.

Django's GZipMiddleware compresses every response it may. A workbook (.xlsx), a PDF or an
image is already compressed inside: gzip over it saves next to nothing and costs the
server's CPU on every download, the larger files most. Such responses go out as they are.
"""

from django.http import HttpRequest, HttpResponseBase
from django.middleware.gzip import GZipMiddleware

ALREADY_COMPRESSED = frozenset(
    {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",  # .xlsx
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",  # .docx
        "application/zip",
        "application/gzip",
        "application/pdf",
        "image/png",
        "image/jpeg",
        "image/webp",
    }
)


class GZipTextMiddleware(GZipMiddleware):
    """GZipMiddleware, but for responses whose content type is compressed already."""

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        content_type = response.get("Content-Type", "").partition(";")[0].strip().lower()
        if content_type in ALREADY_COMPRESSED:
            return response
        return super().process_response(request, response)
