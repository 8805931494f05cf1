from django.urls import URLPattern, path

from apps.imports import records_views as views
from apps.imports.records_views import RecordsPages


def records_urls(pages: RecordsPages) -> list[URLPattern]:
    """The addresses of a past-records import, under the prefix its URLconf is included at."""
    kwargs = {"pages": pages}
    return [
        path("", views.upload, kwargs, name="upload"),
        path("mau.xlsx", views.template, kwargs, name="template"),
        path("<int:pending_id>/", views.preview, kwargs, name="preview"),
        path("<int:pending_id>/xac-nhan/", views.confirm, kwargs, name="confirm"),
    ]
