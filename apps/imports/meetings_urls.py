from django.urls import path

from apps.imports import meetings_views as views

app_name = "meeting_import"

urlpatterns = [
    path("", views.upload, name="upload"),
    path("mau.xlsx", views.template, name="template"),
    path("<int:pending_id>/", views.preview, name="preview"),
    path("<int:pending_id>/xac-nhan/", views.confirm, name="confirm"),
]
