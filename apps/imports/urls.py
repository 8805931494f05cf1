from django.urls import path

from apps.hierarchy.models import LEVEL_SLUGS
from apps.imports import views

app_name = "imports"

urlpatterns = [
    path("mau.xlsx", views.template, name="template"),
    path("nhap/", views.upload, name="upload"),
    path("nhap/<int:pending_id>/", views.preview, name="preview"),
    path("nhap/<int:pending_id>/xac-nhan/", views.confirm, name="confirm"),
]
for level, slug in LEVEL_SLUGS.items():
    urlpatterns += [
        path(f"{slug}/<int:{level}_id>/", views.export, {"level": level}, name=f"{level}_export"),
        path(
            f"{slug}/<int:{level}_id>/chuan-bi/",
            views.export_later,
            {"level": level},
            name=f"{level}_export_later",
        ),
    ]
