from django.urls import path

from apps.petitions import views

app_name = "petitions"
urlpatterns = [
    path("", views.petition_queue, name="queue"),
    path("xuat-excel/", views.petition_export, name="export"),
    path("moi/", views.petition_raise, name="raise"),
    path("<int:petition_id>/", views.petition_detail, name="detail"),
]
