from django.urls import path

from apps.assessments import views

app_name = "assessments"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("to/<int:group_id>/<int:year>/", views.group_households, name="group_households"),
    path("to/<int:group_id>/<int:year>/luu/", views.group_households_save, name="group_save"),
    path("to/<int:group_id>/<int:year>/excel/", views.sheet_download, name="group_sheet"),
    path("to/<int:group_id>/<int:year>/tai-len/", views.sheet_upload, name="group_upload"),
    path("ap/<int:hamlet_id>/<int:year>/excel/", views.sheet_download, name="hamlet_sheet"),
    path("ap/<int:hamlet_id>/<int:year>/tai-len/", views.sheet_upload, name="hamlet_upload"),
    path("tai-len/<int:pending_id>/", views.sheet_confirm, name="sheet_confirm"),
    path("xa/<int:commune_id>/<int:year>/", views.commune_units, name="commune_units"),
    path("huyen/<int:district_id>/<int:year>/", views.district_communes, name="district_communes"),
]
