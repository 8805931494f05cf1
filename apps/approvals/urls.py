from django.urls import path

from apps.approvals import views

app_name = "approvals"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("xa/<int:commune_id>/<int:year>/<int:month>/", views.month_page, name="commune_month"),
    path("ap/<int:hamlet_id>/<int:year>/<int:month>/", views.month_page, name="hamlet_month"),
    path("mo-khoa/<int:approval_id>/", views.month_unlock, name="month_unlock"),
    path("nam/<int:commune_id>/<int:year>/", views.year_page, name="commune_year"),
    path("nam/mo-khoa/<int:year_approval_id>/", views.year_unlock, name="year_unlock"),
]
