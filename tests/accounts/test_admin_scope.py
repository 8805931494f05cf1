"""The admin honours the scope rule: lists, choices, changes and history."""

import pytest

from apps.accounts.models import Scope
from apps.hierarchy.models import Group
from tests.conftest import make_user


def test_commune_official_admin_lists_only_their_groups(client, world, commune_a_official):
    client.force_login(commune_a_official)
    response = client.get("/admin/hierarchy/group/")
    assert response.status_code == 200
    assert list(response.context["cl"].queryset) == [world.a.group]


def test_commune_official_gets_404_for_another_communes_group(client, world, commune_a_official):
    client.force_login(commune_a_official)
    assert client.get(f"/admin/hierarchy/group/{world.b.group.pk}/change/").status_code == 404


def test_group_form_offers_only_hamlets_in_scope(client, world, commune_a_official):
    client.force_login(commune_a_official)
    response = client.get("/admin/hierarchy/group/add/")
    choices = list(response.context["adminform"].form.fields["hamlet"].queryset)
    assert choices == [world.a.hamlet]


def test_group_cannot_be_moved_into_another_commune_by_a_crafted_post(
    client, world, commune_a_official
):
    client.force_login(commune_a_official)
    group = world.a.group
    response = client.post(
        f"/admin/hierarchy/group/{group.pk}/change/",
        {
            "hamlet": world.b.hamlet.pk,
            "code": group.code,
            "name": group.name,
            "status": group.status,
            "planned_on": "01/01/2019",
            "activated_on": "01/03/2019",
            **_empty_inlines(),
        },
    )
    assert response.status_code == 200  # the form comes back with an error
    assert response.context["adminform"].form.errors["hamlet"]
    group.refresh_from_db()
    assert group.hamlet == world.a.hamlet


def test_autocomplete_offers_only_hamlets_in_scope(client, world, commune_a_official):
    client.force_login(commune_a_official)
    response = client.get(
        "/admin/autocomplete/",
        {"app_label": "hierarchy", "model_name": "group", "field_name": "hamlet", "term": "Ấp"},
    )
    ids = [int(r["id"]) for r in response.json()["results"]]
    assert ids == [world.a.hamlet.pk]


def test_steering_committee_reads_the_admin_but_cannot_change(client, world, steering_user):
    steering_user.is_staff = True
    steering_user.save(update_fields=["is_staff"])
    client.force_login(steering_user)
    assert client.get("/admin/hierarchy/group/").status_code == 200
    assert client.get("/admin/hierarchy/group/add/").status_code == 403
    url = f"/admin/hierarchy/group/{world.a.group.pk}/change/"
    assert client.get(url).status_code == 200  # read-only view
    response = client.post(url, {"name": "Đổi tên", "code": "X", "hamlet": world.a.hamlet.pk})
    assert response.status_code == 403
    world.a.group.refresh_from_db()
    assert world.a.group.name != "Đổi tên"


def test_delete_action_only_reaches_objects_in_scope(client, world, commune_a_official):
    client.force_login(commune_a_official)
    client.post(
        "/admin/hierarchy/group/",
        {"action": "delete_selected", "_selected_action": [world.b.group.pk], "post": "yes"},
    )
    assert Group.objects.filter(pk=world.b.group.pk).exists()


def test_hamlet_official_cannot_open_the_commune_list(client, world):
    user = make_user(Scope.Role.HAMLET, world.a.hamlet, is_staff=True)
    client.force_login(user)
    response = client.get("/admin/hierarchy/commune/")
    assert response.status_code == 200
    assert not response.context["cl"].queryset.exists()


def test_user_admin_is_for_administrators_only(client, world, commune_a_official, admin_user):
    client.force_login(commune_a_official)
    assert client.get("/admin/accounts/user/").status_code == 403
    client.force_login(admin_user)
    response = client.get("/admin/accounts/user/")
    assert response.status_code == 200
    assert commune_a_official in response.context["cl"].queryset


def _empty_inlines() -> dict:
    data = {}
    for prefix in ("roles", "oversights"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    return data


@pytest.mark.parametrize("path", ["/admin/hierarchy/group/", "/admin/people/person/"])
def test_admin_lists_for_a_commune_official_run_a_fixed_number_of_queries(
    client, world, commune_a_official, path, django_assert_max_num_queries
):
    client.force_login(commune_a_official)
    with django_assert_max_num_queries(15):
        assert client.get(path).status_code == 200
