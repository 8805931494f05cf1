from django.urls import path

from apps.organisation import views

app_name = "organisation"
urlpatterns = [
    path("", views.overview, name="overview"),
    # Steering committees, their members and the units each member oversees.
    path("ban-chi-dao/", views.committee_list, name="committee_list"),
    path("ban-chi-dao/moi/", views.committee_edit, name="committee_create"),
    path("ban-chi-dao/<int:committee_id>/", views.committee_detail, name="committee_detail"),
    path("ban-chi-dao/<int:committee_id>/sua/", views.committee_edit, name="committee_edit"),
    path("ban-chi-dao/<int:committee_id>/xoa/", views.committee_delete, name="committee_delete"),
    path(
        "ban-chi-dao/<int:committee_id>/thanh-vien/moi/",
        views.member_create,
        name="member_create",
    ),
    path("thanh-vien/<int:member_id>/", views.member_edit, name="member_edit"),
    path("thanh-vien/<int:member_id>/xoa/", views.member_delete, name="member_delete"),
    path(
        "thanh-vien/<int:member_id>/phu-trach/moi/",
        views.assignment_create,
        name="assignment_create",
    ),
    path("phu-trach/<int:assignment_id>/", views.assignment_edit, name="assignment_edit"),
    path("phu-trach/<int:assignment_id>/xoa/", views.assignment_delete, name="assignment_delete"),
    # Mobilisation boards and their members.
    path("ban-van-dong/", views.board_list, name="board_list"),
    path("ban-van-dong/moi/", views.board_edit, name="board_create"),
    path("ban-van-dong/<int:board_id>/", views.board_detail, name="board_detail"),
    path("ban-van-dong/<int:board_id>/sua/", views.board_edit, name="board_edit"),
    path("ban-van-dong/<int:board_id>/xoa/", views.board_delete, name="board_delete"),
    path(
        "ban-van-dong/<int:board_id>/thanh-vien/moi/",
        views.board_member_create,
        name="board_member_create",
    ),
    path(
        "thanh-vien-ban-van-dong/<int:board_member_id>/",
        views.board_member_edit,
        name="board_member_edit",
    ),
    path(
        "thanh-vien-ban-van-dong/<int:board_member_id>/xoa/",
        views.board_member_delete,
        name="board_member_delete",
    ),
    # Supervision visits and their follow-up actions.
    path("kiem-tra/", views.visit_list, name="visit_list"),
    path("kiem-tra/moi/", views.visit_edit, name="visit_create"),
    path("kiem-tra/<int:visit_id>/", views.visit_detail, name="visit_detail"),
    path("kiem-tra/<int:visit_id>/sua/", views.visit_edit, name="visit_edit"),
    path("kiem-tra/<int:visit_id>/xoa/", views.visit_delete, name="visit_delete"),
    path("viec-can-lam/<int:follow_up_id>/xong/", views.follow_up_done, name="follow_up_done"),
    path(
        "viec-can-lam/<int:follow_up_id>/mo-lai/",
        views.follow_up_reopen,
        name="follow_up_reopen",
    ),
    path("viec-can-lam/<int:follow_up_id>/xoa/", views.follow_up_delete, name="follow_up_delete"),
    # Commendations.
    path("khen-thuong/", views.commendation_list, name="commendation_list"),
    path("khen-thuong/moi/", views.commendation_edit, name="commendation_create"),
    path("khen-thuong/<int:commendation_id>/", views.commendation_edit, name="commendation_edit"),
    path(
        "khen-thuong/<int:commendation_id>/xoa/",
        views.commendation_delete,
        name="commendation_delete",
    ),
    # Documents: the PDF goes out only through the download view, which checks the scope.
    path("van-ban/", views.document_list, name="document_list"),
    path("van-ban/moi/", views.document_edit, name="document_create"),
    path("van-ban/<int:document_id>/", views.document_edit, name="document_edit"),
    path("van-ban/<int:document_id>/tai-ve/", views.document_download, name="document_download"),
    path("van-ban/<int:document_id>/xoa/", views.document_delete, name="document_delete"),
]
