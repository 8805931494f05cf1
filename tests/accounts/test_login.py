"""Logging in, throttling, logout and password change."""

from django.conf import settings

from tests.conftest import PASSWORD


def _login(client, username, password):
    return client.post("/dang-nhap/", {"username": username, "password": password})


def test_login_with_the_right_password_goes_to_the_start_page(client, commune_a_official):
    response = _login(client, commune_a_official.username, PASSWORD)
    assert response.status_code == 302
    assert response.url == "/"


def test_a_wrong_password_shows_a_vietnamese_message(client, commune_a_official):
    response = _login(client, commune_a_official.username, "wrong")
    assert response.status_code == 200
    assert "mật khẩu chính xác" in response.content.decode()


def test_repeated_failures_lock_the_account_even_with_the_right_password(
    client, commune_a_official
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, commune_a_official.username, "wrong")
    response = _login(client, commune_a_official.username, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_repeated_failures_from_one_address_lock_that_address(client, world):
    for n in range(settings.AXES_FAILURE_LIMIT):
        _login(client, f"nobody{n}", "wrong")
    from apps.accounts.models import Scope
    from tests.conftest import make_user

    user = make_user(Scope.Role.COMMUNE, world.a.commune)
    assert _login(client, user.username, PASSWORD).status_code == 429


def test_logout_needs_a_post_and_ends_the_session(client, commune_a_official):
    client.force_login(commune_a_official)
    response = client.post("/dang-xuat/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_change_applies_the_validators(client, commune_a_official):
    client.force_login(commune_a_official)
    response = client.post(
        "/doi-mat-khau/",
        {"old_password": PASSWORD, "new_password1": "123", "new_password2": "123"},
    )
    assert response.status_code == 200
    commune_a_official.refresh_from_db()
    assert commune_a_official.check_password(PASSWORD)


def test_forms_are_protected_against_csrf(world, commune_a_official):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/dang-nhap/", {"username": commune_a_official.username, "password": PASSWORD}
    )
    assert response.status_code == 403
