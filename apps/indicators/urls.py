from django.urls import path

from apps.hierarchy.models import LEVEL_SLUGS
from apps.indicators import exports, views

app_name = "indicators"

urlpatterns = [path("", views.start, name="start")]
for level, slug in LEVEL_SLUGS.items():
    parameter = f"<int:{level}_id>"
    kwargs = {"level": level}
    urlpatterns += [
        path(f"{slug}/{parameter}/", views.dashboard, kwargs, name=level),
        path(f"{slug}/{parameter}/bao-cao/", views.report, kwargs, name=f"{level}_report"),
        path(f"{slug}/{parameter}/excel/", views.workbook, kwargs, name=f"{level}_workbook"),
        path(
            f"{slug}/{parameter}/excel/chuan-bi/",
            exports.workbook_later,
            kwargs,
            name=f"{level}_workbook_later",
        ),
        path(
            f"{slug}/{parameter}/bieu-do/<slug:name>.svg",
            views.chart,
            kwargs,
            name=f"{level}_chart",
        ),
        path(
            f"{slug}/{parameter}/bieu-do/<slug:name>/so-lieu/",
            views.chart,
            {**kwargs, "as_table": True},
            name=f"{level}_chart_table",
        ),
    ]
