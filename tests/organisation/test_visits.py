"""Supervision visits with their follow-up actions: recorded by the committee's officials,
seen by the visited unit's."""

import datetime

import pytest

from apps.hierarchy.placements import move
from apps.organisation import selectors
from apps.organisation.models import FollowUp, SupervisionVisit
from apps.organisation.services import visits
from tests.factories import (
    CommitteeMemberFactory,
    FollowUpFactory,
    HamletFactory,
    SupervisionVisitFactory,
)

pytestmark = pytest.mark.usefixtures("today")

D = datetime.date


def visit_data(unit: str, members: list, **changes) -> dict:
    """A complete visit form with one follow-up action and one empty row."""
    data = {
        "unit": unit,
        "visited_on": "2026-11-12",
        "members": [str(m.pk) for m in members],
        "findings": "Các tổ sinh hoạt đều; biên bản ghi đầy đủ.",
        "shortcomings": "Tổ 3 chưa mời đủ hộ.",
        "followups-TOTAL_FORMS": "2",
        "followups-INITIAL_FORMS": "0",
        "followups-MIN_NUM_FORMS": "0",
        "followups-MAX_NUM_FORMS": "20",
        "followups-0-action": "Mời đủ các hộ dự sinh hoạt tháng tới.",
        "followups-0-due_on": "2026-12-10",
        "followups-1-action": "",
        "followups-1-due_on": "",
    }
    data.update(changes)
    return data


def existing_action(follow_up_id: int, action: str) -> dict:
    """The edit form's row of an action already recorded: `action`, due on 1 December 2026."""
    return {
        "existing-TOTAL_FORMS": "1",
        "existing-INITIAL_FORMS": "1",
        "existing-MIN_NUM_FORMS": "0",
        "existing-MAX_NUM_FORMS": "1000",
        "existing-0-id": str(follow_up_id),
        "existing-0-action": action,
        "existing-0-due_on": "2026-12-01",
    }


def test_commune_official_records_a_visit_to_a_hamlet_with_a_follow_up(
    client, world, commune_a_official, committees
):
    client.force_login(commune_a_official)
    page = client.get("/to-chuc/kiem-tra/moi/").content.decode()
    assert f'value="hamlet:{world.a.hamlet.pk}"' in page
    assert f'value="group:{world.a.group.pk}"' in page
    assert f"commune:{world.a.commune.pk}" not in page  # the district committee visits communes
    assert f"hamlet:{world.b.hamlet.pk}" not in page
    assert "Nguyễn Thị An" in page and "Võ Văn Bình" not in page and "Phạm Văn Huyện" not in page

    response = client.post(
        "/to-chuc/kiem-tra/moi/",
        visit_data(f"hamlet:{world.a.hamlet.pk}", [committees.a_member]),
    )

    visit = SupervisionVisit.objects.get()
    assert response.status_code == 302
    assert response.url == f"/to-chuc/kiem-tra/{visit.pk}/"
    assert (visit.district, visit.commune, visit.hamlet, visit.group) == (
        world.district,
        world.a.commune,
        world.a.hamlet,
        None,
    )
    assert list(visit.members.all()) == [committees.a_member]
    assert visit.recorded_by == commune_a_official
    follow_up = FollowUp.objects.get()
    assert (follow_up.visit, follow_up.due_on, follow_up.done) == (visit, D(2026, 12, 10), False)


def test_the_visitors_must_oversee_the_unit_and_be_members_that_day(
    client, world, admin_user, committees
):
    client.force_login(admin_user)
    # Commune B's member cannot visit commune A's hamlet.
    response = client.post(
        "/to-chuc/kiem-tra/moi/",
        visit_data(f"hamlet:{world.a.hamlet.pk}", [committees.b_member]),
    )
    assert response.status_code == 200
    assert "members" in response.context["form"].errors
    newcomer = CommitteeMemberFactory(committee=committees.district, started_on=D(2026, 11, 15))
    response = client.post(
        "/to-chuc/kiem-tra/moi/", visit_data(f"commune:{world.a.commune.pk}", [newcomer])
    )
    assert "members" in response.context["form"].errors
    response = client.post(
        "/to-chuc/kiem-tra/moi/",
        visit_data(f"commune:{world.a.commune.pk}", [newcomer], visited_on="2026-11-19"),
    )
    assert "visited_on" in response.context["form"].errors
    assert not SupervisionVisit.objects.exists()
    # The district's member visits a commune; commune B's member joins at a hamlet of B.
    client.post(
        "/to-chuc/kiem-tra/moi/",
        visit_data(f"commune:{world.a.commune.pk}", [committees.district_member]),
    )
    client.post(
        "/to-chuc/kiem-tra/moi/",
        visit_data(
            f"hamlet:{world.b.hamlet.pk}", [committees.district_member, committees.b_member]
        ),
    )
    assert SupervisionVisit.objects.count() == 2


def test_a_visit_is_checked_where_its_unit_stood_on_its_day(client, world, admin_user, committees):
    """A's hamlet is B's since June: A's member visited it in May (entered now, kept under
    A); since June it is B's members' to visit."""
    move(world.a.hamlet, world.b.commune, D(2026, 6, 1))
    client.force_login(admin_user)
    hamlet = f"hamlet:{world.a.hamlet.pk}"
    may = visit_data(hamlet, [committees.a_member], visited_on="2026-05-10")
    assert client.post("/to-chuc/kiem-tra/moi/", may).status_code == 302
    assert SupervisionVisit.objects.get().commune == world.a.commune
    response = client.post("/to-chuc/kiem-tra/moi/", visit_data(hamlet, [committees.a_member]))
    assert "members" in response.context["form"].errors
    response = client.post("/to-chuc/kiem-tra/moi/", visit_data(hamlet, [committees.b_member]))
    assert response.status_code == 302
    assert SupervisionVisit.objects.latest("pk").commune == world.b.commune


def test_a_visit_needs_a_member_and_findings(client, world, commune_a_official, committees):
    client.force_login(commune_a_official)
    response = client.post(
        "/to-chuc/kiem-tra/moi/",
        visit_data(f"hamlet:{world.a.hamlet.pk}", [], findings="", **{"followups-0-due_on": ""}),
    )
    form = response.context["form"]
    assert {"members", "findings"} <= set(form.errors)
    assert response.context["follow_ups"].errors[0]  # an action without its due date
    assert not SupervisionVisit.objects.exists() and not FollowUp.objects.exists()


def test_the_visited_units_officials_see_the_visit_and_do_not_change_it(
    client, world, hamlet_a_official, group_a_leader, committees
):
    visit = SupervisionVisitFactory(unit=world.a.group, members=[committees.a_member])
    follow_up = FollowUpFactory(visit=visit)
    elsewhere = SupervisionVisitFactory(unit=world.b.hamlet, members=[committees.b_member])
    for user in (hamlet_a_official, group_a_leader):
        client.force_login(user)
        page = client.get("/to-chuc/kiem-tra/").content.decode()
        assert f"/to-chuc/kiem-tra/{visit.pk}/" in page
        assert f"/to-chuc/kiem-tra/{elsewhere.pk}/" not in page
        assert client.get(f"/to-chuc/kiem-tra/{visit.pk}/").status_code == 200
        assert client.get(f"/to-chuc/kiem-tra/{elsewhere.pk}/").status_code == 404
        assert client.get(f"/to-chuc/kiem-tra/{visit.pk}/sua/").status_code == 403
        assert client.get("/to-chuc/kiem-tra/moi/").status_code == 403
        url = f"/to-chuc/viec-can-lam/{follow_up.pk}/xong/"
        assert client.post(url, {"done_on": "2026-11-18"}).status_code == 403
    follow_up.refresh_from_db()
    assert not follow_up.done


def test_the_district_committees_visit_is_the_districts_to_change(
    client, world, commune_a_official, admin_user, committees
):
    visit = SupervisionVisitFactory(unit=world.a.hamlet, members=[committees.district_member])
    follow_up = FollowUpFactory(visit=visit)
    client.force_login(commune_a_official)
    assert client.get(f"/to-chuc/kiem-tra/{visit.pk}/").status_code == 200
    assert client.get(f"/to-chuc/kiem-tra/{visit.pk}/sua/").status_code == 403
    assert client.post(f"/to-chuc/kiem-tra/{visit.pk}/xoa/").status_code == 403
    url = f"/to-chuc/viec-can-lam/{follow_up.pk}/xong/"
    assert client.post(url, {"done_on": "2026-11-18"}).status_code == 403
    client.force_login(admin_user)
    assert client.post(url, {"done_on": "2026-11-18"}).status_code == 302
    follow_up.refresh_from_db()
    assert (follow_up.done, follow_up.done_on) == (True, D(2026, 11, 18))


def test_marking_a_follow_up_done_and_open_again(client, world, commune_a_official, committees):
    visit = SupervisionVisitFactory(unit=world.a.hamlet, members=[committees.a_member])
    follow_up = FollowUpFactory(visit=visit, due_on=D(2026, 11, 1))
    client.force_login(commune_a_official)
    page = client.get(f"/to-chuc/kiem-tra/{visit.pk}/").content.decode()
    assert f'id="mark-done-{follow_up.pk}"' in page and 'class="badge late"' in page
    url = f"/to-chuc/viec-can-lam/{follow_up.pk}/xong/"
    assert client.get(url).status_code == 405
    client.post(url, {"done_on": "2026-11-19"})  # tomorrow: refused
    follow_up.refresh_from_db()
    assert not follow_up.done
    response = client.post(url, {"done_on": "2026-11-16"})
    assert response.status_code == 302 and response.url == f"/to-chuc/kiem-tra/{visit.pk}/"
    follow_up.refresh_from_db()
    assert (follow_up.done, follow_up.done_on) == (True, D(2026, 11, 16))
    page = client.get(f"/to-chuc/kiem-tra/{visit.pk}/").content.decode()
    assert f'id="reopen-{follow_up.pk}"' in page
    client.post(f"/to-chuc/viec-can-lam/{follow_up.pk}/mo-lai/")
    follow_up.refresh_from_db()
    assert (follow_up.done, follow_up.done_on) == (False, None)


def test_editing_a_visit_changes_its_actions_and_adds_new_ones(
    client, world, commune_a_official, committees
):
    visit = SupervisionVisitFactory(unit=world.a.hamlet, members=[committees.a_member])
    follow_up = FollowUpFactory(visit=visit, action="Cũ")
    client.force_login(commune_a_official)
    assert client.get(f"/to-chuc/kiem-tra/{visit.pk}/sua/").status_code == 200
    data = visit_data(
        f"group:{world.a.group.pk}",
        [committees.a_member],
        **existing_action(follow_up.pk, "Đã sửa"),
    )
    response = client.post(f"/to-chuc/kiem-tra/{visit.pk}/sua/", data)
    assert response.status_code == 302
    visit.refresh_from_db()
    assert (visit.hamlet, visit.group) == (world.a.hamlet, world.a.group)
    assert sorted(visit.follow_ups.values_list("action", flat=True)) == [
        "Mời đủ các hộ dự sinh hoạt tháng tới.",
        "Đã sửa",
    ]


def test_an_action_of_another_visit_cannot_be_slipped_into_an_edit(
    client, world, commune_a_official, committees
):
    visit = SupervisionVisitFactory(unit=world.a.hamlet, members=[committees.a_member])
    foreign = FollowUpFactory(
        visit=SupervisionVisitFactory(unit=world.b.hamlet, members=[committees.b_member]),
        action="B",
    )
    client.force_login(commune_a_official)
    data = visit_data(
        f"hamlet:{world.a.hamlet.pk}",
        [committees.a_member],
        **existing_action(foreign.pk, "Hijacked"),
    )
    client.post(f"/to-chuc/kiem-tra/{visit.pk}/sua/", data)
    assert not FollowUp.objects.filter(action="Hijacked").exists()
    foreign.refresh_from_db()
    assert (foreign.action, foreign.visit.hamlet) == ("B", world.b.hamlet)


def test_deleting_a_visit_or_an_action_asks_first(client, world, commune_a_official, committees):
    visit = SupervisionVisitFactory(unit=world.a.hamlet, members=[committees.a_member])
    kept, dropped = FollowUpFactory.create_batch(2, visit=visit)
    client.force_login(commune_a_official)
    url = f"/to-chuc/viec-can-lam/{dropped.pk}/xoa/"
    assert 'id="confirm-delete"' in client.get(url).content.decode()
    assert FollowUp.objects.count() == 2
    client.post(url)
    assert list(FollowUp.objects.all()) == [kept]
    url = f"/to-chuc/kiem-tra/{visit.pk}/xoa/"
    assert 'id="confirm-delete"' in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert not SupervisionVisit.objects.exists() and not FollowUp.objects.exists()


def test_the_year_filter(client, world, commune_a_official, committees):
    old = SupervisionVisitFactory(
        unit=world.a.hamlet, members=[committees.a_member], visited_on=D(2025, 5, 1)
    )
    new = SupervisionVisitFactory(unit=world.a.hamlet, members=[committees.a_member])
    client.force_login(commune_a_official)
    page = client.get("/to-chuc/kiem-tra/?nam=2025").content.decode()
    assert f"/to-chuc/kiem-tra/{old.pk}/" in page and f"/to-chuc/kiem-tra/{new.pk}/" not in page
    assert client.get("/to-chuc/kiem-tra/?nam=abc").status_code == 200


@pytest.mark.parametrize("count", [2, 30])
def test_the_visit_list_does_not_query_per_row(
    client, world, admin_user, committees, django_assert_max_num_queries, count
):
    for _ in range(count):
        hamlet = HamletFactory(commune=world.a.commune)
        visit = SupervisionVisitFactory(unit=hamlet, members=[committees.a_member])
        FollowUpFactory(visit=visit, due_on=D(2026, 11, 1))
    client.force_login(admin_user)
    with django_assert_max_num_queries(10):
        response = client.get("/to-chuc/kiem-tra/")
    assert len(response.context["page"]) == count
    assert response.content.decode().count('class="badge late"') == count


def test_a_change_asks_once_whether_the_visit_may_be_changed(
    client, world, commune_a_official, committees, monkeypatch
):
    asked = []

    def visit_changeable(user, visit):
        asked.append(visit.pk)
        return original(user, visit)

    original = selectors.visit_changeable
    monkeypatch.setattr(selectors, "visit_changeable", visit_changeable)
    monkeypatch.setattr(visits, "visit_changeable", visit_changeable)
    visit = SupervisionVisitFactory(unit=world.a.hamlet, members=[committees.a_member])
    follow_up = FollowUpFactory(visit=visit)
    client.force_login(commune_a_official)
    data = visit_data(
        f"hamlet:{world.a.hamlet.pk}",
        [committees.a_member],
        **existing_action(follow_up.pk, follow_up.action),
    )
    assert client.post(f"/to-chuc/kiem-tra/{visit.pk}/sua/", data).status_code == 302
    assert client.get(f"/to-chuc/kiem-tra/{visit.pk}/sua/").status_code == 200
    url = f"/to-chuc/viec-can-lam/{follow_up.pk}/xong/"
    assert client.post(url, {"done_on": "2026-11-16"}).status_code == 302
    assert client.post(f"/to-chuc/viec-can-lam/{follow_up.pk}/xoa/").status_code == 302
    assert asked == [visit.pk] * 4


def test_a_form_sent_with_mistakes_is_refused_to_those_who_may_not_change_the_visit(
    client, world, commune_a_official, committees
):
    visit = SupervisionVisitFactory(unit=world.a.hamlet, members=[committees.district_member])
    follow_up = FollowUpFactory(visit=visit)
    client.force_login(commune_a_official)
    data = visit_data(f"hamlet:{world.a.hamlet.pk}", [committees.a_member], visited_on="")
    assert client.post(f"/to-chuc/kiem-tra/{visit.pk}/sua/", data).status_code == 403
    url = f"/to-chuc/viec-can-lam/{follow_up.pk}/xong/"
    assert client.post(url, {"done_on": "2026-11-19"}).status_code == 403
    assert client.get(f"/to-chuc/viec-can-lam/{follow_up.pk}/xoa/").status_code == 403
    assert client.get(f"/to-chuc/kiem-tra/{visit.pk}/xoa/").status_code == 403
