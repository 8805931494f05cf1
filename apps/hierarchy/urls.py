from django.urls import path

from apps.hierarchy import views

app_name = "hierarchy"
urlpatterns = [
    path("", views.reorganisation_list, name="reorganisations"),
    path("doi-ten/", views.rename, name="rename"),
    path("chuyen/", views.move, name="move"),
    path("sap-nhap/", views.merge, name="merge"),
    path("chia-tach/", views.split, name="split"),
    path("ket-thuc-huyen/", views.regroup, name="regroup"),
    path("<int:reorganisation_id>/hoan-tac/", views.reverse, name="reverse"),
]
