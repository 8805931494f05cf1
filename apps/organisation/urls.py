from django.urls import path

from apps.organisation.views import (
    boards,
    commendations,
    committees,
    documents,
    overview,
    visits,
)

app_name = "organisation"
urlpatterns = [
    path("", overview.overview, name="overview"),
    # Steering committees, their members and the units each member oversees.
    path("ban-chi-dao/", committees.committee_list, name="committee_list"),
    path("ban-chi-dao/moi/", committees.committee_edit, name="committee_create"),
    path("ban-chi-dao/<int:committee_id>/", committees.committee_detail, name="committee_detail"),
    path("ban-chi-dao/<int:committee_id>/sua/", committees.committee_edit, name="committee_edit"),
    path(
        "ban-chi-dao/<int:committee_id>/xoa/", committees.committee_delete, name="committee_delete"
    ),
    path(
        "ban-chi-dao/<int:committee_id>/thanh-vien/moi/",
        committees.member_create,
        name="member_create",
    ),
    path("thanh-vien/<int:member_id>/", committees.member_edit, name="member_edit"),
    path("thanh-vien/<int:member_id>/xoa/", committees.member_delete, name="member_delete"),
    path(
        "thanh-vien/<int:member_id>/phu-trach/moi/",
        committees.assignment_create,
        name="assignment_create",
    ),
    path("phu-trach/<int:assignment_id>/", committees.assignment_edit, name="assignment_edit"),
    path(
        "phu-trach/<int:assignment_id>/xoa/", committees.assignment_delete, name="assignment_delete"
    ),
    # Mobilisation boards and their members.
    path("ban-van-dong/", boards.board_list, name="board_list"),
    path("ban-van-dong/moi/", boards.board_edit, name="board_create"),
    path("ban-van-dong/<int:board_id>/", boards.board_detail, name="board_detail"),
    path("ban-van-dong/<int:board_id>/sua/", boards.board_edit, name="board_edit"),
    path("ban-van-dong/<int:board_id>/xoa/", boards.board_delete, name="board_delete"),
    path(
        "ban-van-dong/<int:board_id>/thanh-vien/moi/",
        boards.board_member_create,
        name="board_member_create",
    ),
    path(
        "thanh-vien-ban-van-dong/<int:board_member_id>/",
        boards.board_member_edit,
        name="board_member_edit",
    ),
    path(
        "thanh-vien-ban-van-dong/<int:board_member_id>/xoa/",
        boards.board_member_delete,
        name="board_member_delete",
    ),
    # Supervision visits and their follow-up actions.
    path("kiem-tra/", visits.visit_list, name="visit_list"),
    path("kiem-tra/moi/", visits.visit_edit, name="visit_create"),
    path("kiem-tra/<int:visit_id>/", visits.visit_detail, name="visit_detail"),
    path("kiem-tra/<int:visit_id>/sua/", visits.visit_edit, name="visit_edit"),
    path("kiem-tra/<int:visit_id>/xoa/", visits.visit_delete, name="visit_delete"),
    path("viec-can-lam/<int:follow_up_id>/xong/", visits.follow_up_done, name="follow_up_done"),
    path(
        "viec-can-lam/<int:follow_up_id>/mo-lai/",
        visits.follow_up_reopen,
        name="follow_up_reopen",
    ),
    path("viec-can-lam/<int:follow_up_id>/xoa/", visits.follow_up_delete, name="follow_up_delete"),
    # Commendations.
    path("khen-thuong/", commendations.commendation_list, name="commendation_list"),
    path("khen-thuong/moi/", commendations.commendation_edit, name="commendation_create"),
    path(
        "khen-thuong/<int:commendation_id>/",
        commendations.commendation_edit,
        name="commendation_edit",
    ),
    path(
        "khen-thuong/<int:commendation_id>/xoa/",
        commendations.commendation_delete,
        name="commendation_delete",
    ),
    # Documents: the PDF goes out only through the download view, which checks the scope.
    path("van-ban/", documents.document_list, name="document_list"),
    path("van-ban/moi/", documents.document_edit, name="document_create"),
    path("van-ban/<int:document_id>/", documents.document_edit, name="document_edit"),
    path(
        "van-ban/<int:document_id>/tai-ve/", documents.document_download, name="document_download"
    ),
    path("van-ban/<int:document_id>/xoa/", documents.document_delete, name="document_delete"),
]
