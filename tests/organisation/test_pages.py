"""Every organisation page opens for the people it is for; the overview's figures; the admin."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.organisation import urls
from apps.organisation.models import Document
from tests.factories import (
    BoardMemberFactory,
    CommendationFactory,
    CommitteeAssignmentFactory,
    DocumentFactory,
    FollowUpFactory,
    MobilisationBoardFactory,
    SupervisionVisitFactory,
)

pytestmark = pytest.mark.usefixtures("today")


@pytest.fixture
def commune_a_records(world, committees):
    """One record of every kind in commune A, made by commune A's committee."""
    assignment = CommitteeAssignmentFactory(member=committees.a_member, hamlet=world.a.hamlet)
    board_member = BoardMemberFactory(board=MobilisationBoardFactory(hamlet=world.a.hamlet))
    visit = SupervisionVisitFactory(unit=world.a.group, members=[committees.a_member])
    return {
        "committee_id": committees.a.pk,
        "member_id": committees.a_member.pk,
        "assignment_id": assignment.pk,
        "board_id": board_member.board_id,
        "board_member_id": board_member.pk,
        "visit_id": visit.pk,
        "follow_up_id": FollowUpFactory(visit=visit).pk,
        "commendation_id": CommendationFactory(unit=world.a.hamlet).pk,
        "document_id": DocumentFactory(unit=world.a.commune).pk,
    }


# Every address of the part is a page but a follow-up's two buttons, which only post
# (test_visits.py), and a document's PDF (test_documents.py); each takes the ids it names.
NOT_PAGES = {"follow_up_done", "follow_up_reopen", "document_download"}
ROUTES = [
    (route.name, list(route.pattern.converters))
    for route in urls.urlpatterns
    if route.name not in NOT_PAGES
]


@pytest.mark.parametrize("user_fixture", ["commune_a_official", "admin_user", "superuser"])
def test_every_page_opens_for_those_who_keep_the_records(
    request, client, commune_a_records, user_fixture
):
    client.force_login(request.getfixturevalue(user_fixture))
    for name, parameters in ROUTES:
        url = reverse(f"organisation:{name}", args=[commune_a_records[p] for p in parameters])
        response = client.get(url)
        assert response.status_code == 200, url


def test_readers_open_the_lists_and_records(
    client, commune_a_records, steering_user, hamlet_a_official, group_a_leader
):
    for user in (steering_user, hamlet_a_official, group_a_leader):
        client.force_login(user)
        for name in (
            "overview",
            "committee_list",
            "board_list",
            "visit_list",
            "commendation_list",
            "document_list",
        ):
            assert client.get(reverse(f"organisation:{name}")).status_code == 200
        url = reverse("organisation:visit_detail", args=[commune_a_records["visit_id"]])
        assert client.get(url).status_code == 200


def test_every_page_asks_visitors_to_log_in(client, commune_a_records):
    for name, parameters in ROUTES:
        url = reverse(f"organisation:{name}", args=[commune_a_records[p] for p in parameters])
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/dang-nhap/"), url


def test_the_overview_shows_the_areas_figures(client, world, admin_user, committees):
    SupervisionVisitFactory(unit=world.a.hamlet, members=[committees.district_member])
    FollowUpFactory(
        visit=SupervisionVisitFactory(unit=world.b.hamlet, members=[committees.b_member]),
        due_on=datetime.date(2026, 11, 1),
    )
    client.force_login(admin_user)
    response = client.get("/to-chuc/")
    assert response.context["overdue"] == 1
    # Commune B was visited by its own committee only, not by the district's.
    assert response.context["never_visited"].units == [world.b.commune]
    organisations = dict(response.context["organisations"])
    assert sum(organisations.values()) == 3
    page = response.content.decode()
    assert 'id="overdue-follow-ups"' in page and 'id="members-by-organisation"' in page


def test_the_overview_of_a_commune_counts_its_hamlets(client, world, commune_a_official):
    client.force_login(commune_a_official)
    never_visited = client.get("/to-chuc/").context["never_visited"]
    assert (never_visited.units, never_visited.total) == ([world.a.hamlet], 1)


def test_the_admin_is_scoped_and_checks_uploads(client, world, commune_a_official, committees):
    ours = SupervisionVisitFactory(unit=world.a.hamlet, members=[committees.a_member])
    theirs = SupervisionVisitFactory(unit=world.b.hamlet, members=[committees.b_member])
    client.force_login(commune_a_official)
    response = client.get(reverse("admin:organisation_supervisionvisit_changelist"))
    assert list(response.context["cl"].result_list) == [ours]
    url = reverse("admin:organisation_supervisionvisit_change", args=[theirs.pk])
    assert client.get(url).status_code == 404
    url = reverse("admin:organisation_supervisionvisit_change", args=[ours.pk])
    members = client.get(url).context["adminform"].form.fields["members"].queryset
    assert set(members) == {committees.a_member}
    document = DocumentFactory(unit=world.a.commune)
    url = reverse("admin:organisation_document_change", args=[document.pk])
    page = client.get(url).content.decode()
    assert page.count("/media/") == 0
    response = client.post(
        url,
        {
            "number": document.number,
            "issued_on": "2019-02-20",
            "issued_by": document.issued_by,
            "title": document.title,
            "file": SimpleUploadedFile("a.pdf", b"MZ\x90\x00 not a pdf"),
        },
    )
    assert response.status_code == 200
    assert "file" in response.context["adminform"].form.errors
    assert not Document.objects.get().file
