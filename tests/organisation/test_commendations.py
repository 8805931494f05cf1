"""Commendations of people and units, placed at a unit like everything else."""

import pytest

from apps.organisation.models import Commendation
from tests.factories import CommendationFactory

pytestmark = pytest.mark.usefixtures("today")

COMMENDATION = {
    "person_name": "",
    "year": "2025",
    "title": "Giấy khen của Chủ tịch UBND xã",
    "decision_number": "88/QĐ-UBND",
    "decision_date": "2026-01-20",
    "achievement": "Tổ dẫn đầu phong trào tổ an toàn năm 2025.",
}


def test_commune_official_commends_a_group_and_a_person(client, world, commune_a_official):
    client.force_login(commune_a_official)
    page = client.get("/to-chuc/khen-thuong/moi/").content.decode()
    assert f'value="group:{world.a.group.pk}"' in page and "district:" not in page
    assert f"hamlet:{world.b.hamlet.pk}" not in page

    client.post("/to-chuc/khen-thuong/moi/", {**COMMENDATION, "unit": f"group:{world.a.group.pk}"})
    client.post(
        "/to-chuc/khen-thuong/moi/",
        {**COMMENDATION, "unit": f"hamlet:{world.a.hamlet.pk}", "person_name": "Lê  Văn Bảy"},
    )

    group, person = Commendation.objects.order_by("id")
    assert (group.group, group.hamlet, group.commune, group.person_name) == (
        world.a.group,
        world.a.hamlet,
        world.a.commune,
        "",
    )
    assert (person.hamlet, person.group, person.person_name) == (world.a.hamlet, None, "Lê Văn Bảy")
    page = client.get("/to-chuc/khen-thuong/?nam=2025").content.decode()
    assert "Lê Văn Bảy" in page


def test_commendations_of_another_commune_are_out_of_reach(
    client, world, commune_a_official, hamlet_a_official
):
    theirs = CommendationFactory(unit=world.b.hamlet, title="Bằng khen B")
    ours = CommendationFactory(unit=world.a.group, title="Bằng khen A")
    client.force_login(commune_a_official)
    page = client.get("/to-chuc/khen-thuong/").content.decode()
    assert "Bằng khen A" in page and "Bằng khen B" not in page
    assert client.get(f"/to-chuc/khen-thuong/{theirs.pk}/").status_code == 404
    response = client.post(
        "/to-chuc/khen-thuong/moi/", {**COMMENDATION, "unit": f"hamlet:{world.b.hamlet.pk}"}
    )
    assert response.status_code == 200 and "unit" in response.context["form"].errors
    assert client.post(f"/to-chuc/khen-thuong/{theirs.pk}/xoa/").status_code == 404
    client.force_login(hamlet_a_official)  # the hamlet's officials see the group's commendation
    assert "Bằng khen A" in client.get("/to-chuc/khen-thuong/").content.decode()
    assert Commendation.objects.count() == 2 and ours.pk


def test_deleting_a_commendation_asks_first(client, world, commune_a_official):
    commendation = CommendationFactory(unit=world.a.hamlet)
    client.force_login(commune_a_official)
    url = f"/to-chuc/khen-thuong/{commendation.pk}/xoa/"
    assert 'id="confirm-delete"' in client.get(url).content.decode()
    assert Commendation.objects.exists()
    client.post(url)
    assert not Commendation.objects.exists()


def test_a_year_out_of_range_is_refused(client, world, commune_a_official):
    client.force_login(commune_a_official)
    data = {**COMMENDATION, "unit": f"hamlet:{world.a.hamlet.pk}", "year": "1999"}
    response = client.post("/to-chuc/khen-thuong/moi/", data)
    assert "year" in response.context["form"].errors
    assert not Commendation.objects.exists()


@pytest.mark.parametrize("count", [2, 30])
def test_the_commendation_list_does_not_query_per_row(
    client, world, admin_user, django_assert_max_num_queries, count
):
    CommendationFactory.create_batch(count, unit=world.a.group)
    client.force_login(admin_user)
    with django_assert_max_num_queries(9):
        response = client.get("/to-chuc/khen-thuong/")
    assert len(response.context["page"]) == count
