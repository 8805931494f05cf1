"""Steering committee pages: the committee, its members and the units each oversees."""

import datetime

import pytest

from apps.organisation.models import CommitteeAssignment, CommitteeMember, SteeringCommittee
from tests.factories import (
    CommitteeAssignmentFactory,
    CommitteeMemberFactory,
    SteeringCommitteeFactory,
    SupervisionVisitFactory,
)
from tests.organisation import posts

pytestmark = pytest.mark.usefixtures("today")

DECISION = posts.decision("45/QĐ-UBND", "2026-02-10")
MEMBER = posts.member("Trần Thị Mai", "Phó Trưởng ban", "2026-02-10", organisation="front")


def test_commune_official_sets_up_their_committee_with_a_member_and_a_hamlet(
    client, world, commune_a_official
):
    client.force_login(commune_a_official)
    page = client.get("/to-chuc/ban-chi-dao/moi/").content.decode()
    assert f'value="commune:{world.a.commune.pk}"' in page
    assert f"commune:{world.b.commune.pk}" not in page and "district:" not in page

    response = client.post(
        "/to-chuc/ban-chi-dao/moi/", {**DECISION, "unit": f"commune:{world.a.commune.pk}"}
    )

    committee = SteeringCommittee.objects.get()
    assert response.status_code == 302
    assert (committee.district, committee.commune) == (world.district, world.a.commune)
    response = client.post(f"/to-chuc/ban-chi-dao/{committee.pk}/thanh-vien/moi/", MEMBER)
    assert response.status_code == 302
    member = CommitteeMember.objects.get()
    assert (member.committee, member.organisation) == (committee, "front")
    response = client.post(
        f"/to-chuc/thanh-vien/{member.pk}/phu-trach/moi/",
        {"unit": f"hamlet:{world.a.hamlet.pk}", "started_on": "2026-03-01", "ended_on": ""},
    )
    assert response.status_code == 302
    assert CommitteeAssignment.objects.get().hamlet == world.a.hamlet
    page = client.get(f"/to-chuc/ban-chi-dao/{committee.pk}/").content.decode()
    assert "Trần Thị Mai" in page and world.a.hamlet.name in page


def test_a_commune_member_oversees_only_hamlets_of_the_commune(
    client, world, commune_a_official, committees
):
    client.force_login(commune_a_official)
    url = f"/to-chuc/thanh-vien/{committees.a_member.pk}/phu-trach/moi/"
    data = {"started_on": "2026-03-01", "ended_on": ""}
    for unit in (f"hamlet:{world.b.hamlet.pk}", f"commune:{world.a.commune.pk}"):
        response = client.post(url, {**data, "unit": unit})
        assert response.status_code == 200
        assert "unit" in response.context["form"].errors
    assert not CommitteeAssignment.objects.exists()


def test_district_administrator_assigns_communes_to_district_members(
    client, world, admin_user, committees
):
    client.force_login(admin_user)
    url = f"/to-chuc/thanh-vien/{committees.district_member.pk}/phu-trach/moi/"
    page = client.get(url).content.decode()
    assert f"commune:{world.b.commune.pk}" in page and "hamlet:" not in page
    client.post(url, {"unit": f"commune:{world.b.commune.pk}", "started_on": "2026-01-01"})
    assert CommitteeAssignment.objects.get().commune == world.b.commune


def test_a_unit_has_one_committee_at_a_time(client, world, commune_a_official, committees):
    client.force_login(commune_a_official)
    response = client.post(
        "/to-chuc/ban-chi-dao/moi/", {**DECISION, "unit": f"commune:{world.a.commune.pk}"}
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    # Once the old one has ended, the new one may start the day after.
    SteeringCommittee.objects.filter(pk=committees.a.pk).update(ended_on=datetime.date(2026, 2, 9))
    client.post("/to-chuc/ban-chi-dao/moi/", {**DECISION, "unit": f"commune:{world.a.commune.pk}"})
    assert SteeringCommittee.objects.filter(commune=world.a.commune).count() == 2


def test_dates_must_run_forwards(client, world, commune_a_official, committees):
    client.force_login(commune_a_official)
    url = f"/to-chuc/thanh-vien/{committees.a_member.pk}/"
    response = client.post(url, {**MEMBER, "ended_on": "2026-01-01"})
    assert response.status_code == 200
    assert "ended_on" in response.context["form"].errors


def test_commune_official_reaches_nothing_of_the_district_or_another_commune(
    client, world, commune_a_official, committees
):
    client.force_login(commune_a_official)
    page = client.get("/to-chuc/ban-chi-dao/").content.decode()
    assert f"/to-chuc/ban-chi-dao/{committees.a.pk}/" in page
    assert f"/to-chuc/ban-chi-dao/{committees.b.pk}/" not in page
    assert f"/to-chuc/ban-chi-dao/{committees.district.pk}/" not in page
    for committee in (committees.b, committees.district):
        assert client.get(f"/to-chuc/ban-chi-dao/{committee.pk}/").status_code == 404
        assert client.post(f"/to-chuc/ban-chi-dao/{committee.pk}/sua/", DECISION).status_code == 404
        url = f"/to-chuc/ban-chi-dao/{committee.pk}/thanh-vien/moi/"
        assert client.post(url, MEMBER).status_code == 404
    assert client.post(f"/to-chuc/thanh-vien/{committees.b_member.pk}/", MEMBER).status_code == 404
    assert CommitteeMember.objects.count() == 3


def test_steering_committee_reads_every_committee_and_changes_none(
    client, world, steering_user, committees
):
    client.force_login(steering_user)
    page = client.get("/to-chuc/ban-chi-dao/").content.decode()
    assert all(f"/to-chuc/ban-chi-dao/{c.pk}/" in page for c in (committees.a, committees.b))
    assert client.get(f"/to-chuc/ban-chi-dao/{committees.a.pk}/").status_code == 200
    assert client.get("/to-chuc/ban-chi-dao/moi/").status_code == 403
    url = f"/to-chuc/ban-chi-dao/{committees.a.pk}/thanh-vien/moi/"
    assert client.post(url, MEMBER).status_code == 403
    assert client.post(f"/to-chuc/thanh-vien/{committees.a_member.pk}/xoa/").status_code == 403
    assert CommitteeMember.objects.count() == 3


def test_hamlet_officials_and_group_leaders_see_no_committee(
    client, world, hamlet_a_official, group_a_leader, committees
):
    for user in (hamlet_a_official, group_a_leader):
        client.force_login(user)
        assert client.get("/to-chuc/ban-chi-dao/").status_code == 200
        assert client.get(f"/to-chuc/ban-chi-dao/{committees.a.pk}/").status_code == 404
        assert client.get("/to-chuc/ban-chi-dao/moi/").status_code == 403


def test_deleting_a_member_asks_first(client, world, commune_a_official, committees):
    assignment = CommitteeAssignmentFactory(member=committees.a_member, hamlet=world.a.hamlet)
    client.force_login(commune_a_official)
    url = f"/to-chuc/thanh-vien/{committees.a_member.pk}/xoa/"
    response = client.get(url)
    assert response.status_code == 200
    assert 'id="confirm-delete"' in response.content.decode()
    assert CommitteeMember.objects.filter(pk=committees.a_member.pk).exists()
    assert client.post(url).status_code == 302
    assert not CommitteeMember.objects.filter(pk=committees.a_member.pk).exists()
    assert not CommitteeAssignment.objects.filter(pk=assignment.pk).exists()


def test_a_member_who_made_visits_is_ended_not_deleted(
    client, world, commune_a_official, committees
):
    SupervisionVisitFactory(unit=world.a.hamlet, members=[committees.a_member])
    client.force_login(commune_a_official)
    for url in (
        f"/to-chuc/thanh-vien/{committees.a_member.pk}/xoa/",
        f"/to-chuc/ban-chi-dao/{committees.a.pk}/xoa/",
    ):
        response = client.post(url)
        assert response.status_code == 200
        assert 'id="delete-blocked"' in response.content.decode()
    assert CommitteeMember.objects.filter(pk=committees.a_member.pk).exists()
    assert SteeringCommittee.objects.filter(pk=committees.a.pk).exists()


def test_deleting_a_committee_takes_its_members(client, world, commune_a_official, committees):
    client.force_login(commune_a_official)
    assert client.post(f"/to-chuc/ban-chi-dao/{committees.a.pk}/xoa/").status_code == 302
    assert not SteeringCommittee.objects.filter(pk=committees.a.pk).exists()
    assert not CommitteeMember.objects.filter(committee_id=committees.a.pk).exists()


@pytest.mark.parametrize("count", [2, 25])
def test_the_committee_list_and_page_do_not_query_per_row(
    client, world, admin_user, django_assert_max_num_queries, count
):
    committee = SteeringCommitteeFactory(commune=None, district=world.district)
    for member in CommitteeMemberFactory.create_batch(count, committee=committee):
        CommitteeAssignmentFactory(member=member, commune=world.a.commune, hamlet=None)
    for _ in range(count):
        SteeringCommitteeFactory(commune__district=world.district)
    client.force_login(admin_user)
    with django_assert_max_num_queries(9):
        assert client.get("/to-chuc/ban-chi-dao/").status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(f"/to-chuc/ban-chi-dao/{committee.pk}/").status_code == 200
