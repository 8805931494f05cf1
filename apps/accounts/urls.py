from django.urls import path

from apps.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.user_list, name="user_list"),
    path("tao-moi/", views.user_create, name="user_create"),
    path("<int:user_id>/khoa/", views.user_deactivate, name="user_deactivate"),
    path("<int:user_id>/dat-mat-khau/", views.user_reset_password, name="user_reset_password"),
]
