"""Leaders entered on a group's page in the admin: never two on the same day, even when
several rows are added or changed at once."""

import datetime

from apps.hierarchy.models import Group
from apps.people.figures import group_figures_over
from apps.people.models import GroupRole
from tests.factories import GroupRoleFactory, HouseholdFactory, PersonFactory

LEADER, DEPUTY = GroupRole.Role.LEADER, GroupRole.Role.DEPUTY


def _post(client, admin_user, group, roles: list[dict], initial: int = 0, **changes):
    """The group's admin page sent by the district administrator, with these role rows and
    these changes to the group's own fields."""
    client.force_login(admin_user)
    data = {
        "hamlet": group.hamlet_id,
        "code": group.code,
        "name": group.name,
        "status": group.status,
        "planned_on": group.planned_on.strftime("%d/%m/%Y"),
        "activated_on": group.activated_on.strftime("%d/%m/%Y") if group.activated_on else "",
        "roles-TOTAL_FORMS": str(len(roles)),
        "roles-INITIAL_FORMS": str(initial),
        "oversights-TOTAL_FORMS": "0",
        "oversights-INITIAL_FORMS": "0",
        **changes,
    }
    for index, role in enumerate(roles):
        for name, value in role.items():
            data[f"roles-{index}-{name}"] = value
    return client.post(f"/admin/hierarchy/group/{group.pk}/change/", data)


def _members(group, n):
    household = HouseholdFactory(group=group)
    return [PersonFactory(household=household) for _ in range(n)]


def _row(person, role, started_on, ended_on=""):
    return {"person": person.pk, "role": role, "started_on": started_on, "ended_on": ended_on}


def _terms(group):
    return list(
        GroupRole.objects.filter(group=group)
        .order_by("started_on")
        .values_list("role", "started_on", "ended_on")
    )


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def test_two_overlapping_leaders_added_at_once_are_refused(client, world, admin_user):
    group = world.a.group
    an, binh = _members(group, 2)
    rows = [_row(an, LEADER, "01/01/2020", "31/12/2020"), _row(binh, LEADER, "01/06/2020")]
    response = _post(client, admin_user, group, rows)

    assert response.status_code == 200
    assert (
        "Tổ đã có tổ trưởng trong một phần của khoảng thời gian này." in response.content.decode()
    )
    assert _terms(group) == []


def test_two_leaders_one_after_the_other_and_a_deputy_added_at_once_are_saved(
    client, world, admin_user
):
    group = world.a.group
    an, binh = _members(group, 2)
    rows = [
        _row(an, LEADER, "01/01/2020", "31/12/2020"),
        _row(binh, LEADER, "01/01/2021"),
        _row(an, DEPUTY, "01/01/2021"),
    ]
    response = _post(client, admin_user, group, rows)

    assert response.status_code == 302
    assert _terms(group) == [
        (LEADER, day("2020-01-01"), day("2020-12-31")),
        (LEADER, day("2021-01-01"), None),
        (DEPUTY, day("2021-01-01"), None),
    ]


def test_two_leader_terms_moved_onto_each_other_at_once_are_refused(client, world, admin_user):
    """Each row alone overlaps neither saved term; together they share March to June."""
    group = world.a.group
    an, binh = _members(group, 2)
    first = GroupRoleFactory(
        group=group, person=an, started_on=day("2020-01-01"), ended_on=day("2020-12-31")
    )
    second = GroupRoleFactory(
        group=group, person=binh, started_on=day("2022-01-01"), ended_on=day("2022-12-31")
    )
    rows = [
        {"id": first.pk, **_row(an, LEADER, "01/01/2023", "30/06/2023")},
        {"id": second.pk, **_row(binh, LEADER, "01/03/2023", "31/12/2023")},
    ]
    response = _post(client, admin_user, group, rows, initial=2)

    assert response.status_code == 200
    assert _terms(group) == [
        (LEADER, day("2020-01-01"), day("2020-12-31")),
        (LEADER, day("2022-01-01"), day("2022-12-31")),
    ]


def test_a_group_dissolved_in_the_admin_ends_its_leaders_term_that_day(client, world, admin_user):
    """Who led a dissolved group leads no group after its last day: the leader and the deputy
    the page still shows as current are ended then, and count no more in the figures."""
    group = world.a.group
    an, binh, chi = _members(group, 3)
    leader = GroupRoleFactory(group=group, person=an, started_on=day("2020-01-01"))
    deputy = GroupRoleFactory(group=group, person=binh, role=DEPUTY, started_on=day("2020-01-01"))
    former = GroupRoleFactory(
        group=group, person=chi, started_on=day("2019-01-01"), ended_on=day("2019-12-31")
    )
    rows = [
        {"id": held.pk, **_row(held.person, held.role, held.started_on.strftime("%d/%m/%Y"),
                               held.ended_on.strftime("%d/%m/%Y") if held.ended_on else "")}
        for held in (leader, deputy, former)
    ]  # fmt: skip
    response = _post(
        client, admin_user, group, rows, initial=3,
        status=Group.Status.DISSOLVED, dissolved_on="30/06/2026",
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    assert sorted(_terms(group)) == [
        (DEPUTY, day("2020-01-01"), day("2026-06-30")),
        (LEADER, day("2019-01-01"), day("2019-12-31")),
        (LEADER, day("2020-01-01"), day("2026-06-30")),
    ]
    groups = Group.objects.filter(pk=group.pk)
    june, july = group_figures_over(groups, [(day("2026-06-30"),) * 2, (day("2026-07-01"),) * 2])
    assert (june[None].leaders, june[None].deputies) == (1, 1)
    assert (july[None].leaders, july[None].deputies) == (0, 0)
