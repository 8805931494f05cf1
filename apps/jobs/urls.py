from django.urls import path

from apps.jobs import views

app_name = "jobs"

urlpatterns = [
    path("<int:job_id>/", views.status, name="status"),
    path("<int:job_id>/trang-thai/", views.status_json, name="status_json"),
    path("<int:job_id>/tai-ve/", views.download, name="download"),
]
