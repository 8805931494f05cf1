from django.urls import path

from apps.imports import views

app_name = "imports"
SLUGS = {"district": "huyen", "commune": "xa", "hamlet": "ap", "group": "to"}

urlpatterns = [path("mau.xlsx", views.template, name="template")]
urlpatterns += [
    path(f"{slug}/<int:{level}_id>/", views.export, {"level": level}, name=f"{level}_export")
    for level, slug in SLUGS.items()
]
