from django.urls import path

from apps.notices import views

app_name = "notices"
urlpatterns = [
    path("", views.preferences, name="preferences"),
    path("an/", views.dismiss, name="dismiss"),
]
