"""District administrators create, deactivate and reset accounts from pages."""

from apps.accounts.models import Scope, User
from tests.conftest import PASSWORD


def create_account(client, username: str, full_name: str, password: str, role: str, **units):
    """Send the new-account page; `units` gives the role's unit by level (commune=…)."""
    return client.post(
        "/nguoi-dung/tao-moi/",
        {
            "username": username,
            "full_name": full_name,
            "password": password,
            "role": role,
            **{level: unit.pk for level, unit in units.items()},
        },
    )


def test_administrator_creates_a_hamlet_official(client, world, admin_user):
    client.force_login(admin_user)
    response = create_account(
        client,
        "ap-moi",
        "Trần Thị Thuý",
        "một mật khẩu đủ dài 2026",
        Scope.Role.HAMLET,
        hamlet=world.a.hamlet,
    )
    assert response.status_code == 302
    user = User.objects.get(username="ap-moi")
    assert user.check_password("một mật khẩu đủ dài 2026")
    assert [(s.role, s.hamlet) for s in user.scopes.all()] == [("hamlet", world.a.hamlet)]


def test_a_role_without_its_unit_comes_back_with_a_message_and_nothing_saved(
    client, world, admin_user
):
    client.force_login(admin_user)
    response = create_account(client, "xa-moi", "A", "một mật khẩu đủ dài 2026", Scope.Role.COMMUNE)
    assert response.status_code == 200
    assert response.context["form"].errors["commune"]
    assert 'value="xa-moi"' in response.content.decode()
    assert not User.objects.filter(username="xa-moi").exists()


def test_weak_passwords_are_refused(client, world, admin_user):
    client.force_login(admin_user)
    response = create_account(client, "x", "A", "123", "commune", commune=world.a.commune)
    assert response.context["form"].errors["password"]
    assert not User.objects.filter(username="x").exists()


def test_unit_choices_come_from_the_administrators_district(client, world, admin_user):
    from tests.factories import CommuneFactory

    elsewhere = CommuneFactory()
    client.force_login(admin_user)
    choices = list(client.get("/nguoi-dung/tao-moi/").context["form"].fields["commune"].queryset)
    assert elsewhere not in choices
    assert world.a.commune in choices


def test_deactivation_asks_for_confirmation_then_blocks_login(
    client, world, admin_user, commune_a_official
):
    client.force_login(admin_user)
    url = f"/nguoi-dung/{commune_a_official.pk}/khoa/"
    assert client.get(url).status_code == 200
    commune_a_official.refresh_from_db()
    assert commune_a_official.is_active
    client.post(url)
    commune_a_official.refresh_from_db()
    assert not commune_a_official.is_active
    client.logout()
    response = client.post(
        "/dang-nhap/", {"username": commune_a_official.username, "password": PASSWORD}
    )
    assert response.status_code == 200


def test_administrator_sets_a_new_password(client, world, admin_user, commune_a_official):
    client.force_login(admin_user)
    new = "mật khẩu mới rất dài 2026"
    response = client.post(
        f"/nguoi-dung/{commune_a_official.pk}/dat-mat-khau/",
        {"new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    commune_a_official.refresh_from_db()
    assert commune_a_official.check_password(new)


def test_user_pages_are_closed_to_other_roles(client, world, commune_a_official, steering_user):
    for user in (commune_a_official, steering_user):
        client.force_login(user)
        assert client.get("/nguoi-dung/").status_code == 403
        assert client.get("/nguoi-dung/tao-moi/").status_code == 403


def test_user_list_is_paginated_and_runs_a_fixed_number_of_queries(
    client, world, admin_user, django_assert_max_num_queries
):
    from tests.conftest import make_user

    for _ in range(60):
        make_user(Scope.Role.GROUP_LEADER, world.a.group)
    client.force_login(admin_user)
    with django_assert_max_num_queries(12):
        response = client.get("/nguoi-dung/")
    assert len(response.context["page"].object_list) == 50
    assert response.context["page"].paginator.count == 61
