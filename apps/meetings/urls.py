from django.urls import path

from apps.meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.month_status, name="status"),
    path("to/<int:group_id>/<int:year>/<int:month>/", views.meeting_edit, name="meeting_edit"),
    path("chuong-trinh/", views.programme_list, name="programme_list"),
    path(
        "chuong-trinh/<int:commune_id>/<int:year>/<int:month>/",
        views.programme_edit,
        name="programme_edit",
    ),
    path("tuyen-truyen/", views.outreach_list, name="outreach_list"),
    path("tuyen-truyen/moi/", views.outreach_edit, name="outreach_create"),
    path("tuyen-truyen/<int:session_id>/", views.outreach_edit, name="outreach_edit"),
    path("tuyen-truyen/<int:session_id>/xoa/", views.outreach_delete, name="outreach_delete"),
]
