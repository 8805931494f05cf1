"""Logging in, throttling, logout and password change."""

from django.conf import settings
from django.test import Client

from apps.accounts.models import Scope
from tests.conftest import PASSWORD, make_user


def _login(client, username, password, **headers):
    return client.post("/dang-nhap/", {"username": username, "password": password}, **headers)


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


CARRIER = "203.0.113.7"  # one mobile-carrier address shared by a commune's officials


def test_a_guesser_is_stopped_but_a_colleague_behind_the_same_address_logs_in(client, world):
    guessed = make_user(Scope.Role.COMMUNE, world.a.commune)
    colleague = make_user(Scope.Role.COMMUNE, world.a.commune)
    # The guesser hammers on past the lockout, as far as the address limit: tries made while
    # locked out must not count against the colleagues behind the same address.
    for _ in range(settings.LOGIN_ADDRESS_FAILURE_LIMIT):
        _login(client, guessed.username, "wrong", REMOTE_ADDR=CARRIER)
    assert _login(Client(), guessed.username, PASSWORD, REMOTE_ADDR=CARRIER).status_code == 429

    response = _login(Client(), colleague.username, PASSWORD, REMOTE_ADDR=CARRIER)
    assert response.status_code == 302


def test_a_spray_over_many_user_names_locks_the_address_at_its_own_high_limit(client, world):
    colleague = make_user(Scope.Role.COMMUNE, world.a.commune)
    limit = settings.LOGIN_ADDRESS_FAILURE_LIMIT
    assert limit >= 10 * settings.AXES_FAILURE_LIMIT  # far above one office's typos
    for n in range(limit - 1):
        _login(client, f"nobody{n}", "wrong", REMOTE_ADDR=CARRIER)
    assert _login(Client(), colleague.username, PASSWORD, REMOTE_ADDR=CARRIER).status_code == 302

    _login(client, f"nobody{limit}", "wrong", REMOTE_ADDR=CARRIER)

    colleague_client = Client()
    response = _login(colleague_client, colleague.username, PASSWORD, REMOTE_ADDR=CARRIER)
    assert response.status_code == 429
    assert "_auth_user_id" not in colleague_client.session
    # Another address is not concerned.
    assert (
        _login(Client(), colleague.username, PASSWORD, REMOTE_ADDR="198.51.100.2").status_code
        == 302
    )


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


def test_the_login_page_says_when_plain_http_cannot_keep_the_login(client, db, settings):
    """Secure cookies are dropped by browsers over plain http (apps.core.https)."""
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    over_http = client.get("/dang-nhap/").content.decode()
    over_https = client.get("/dang-nhap/", secure=True).content.decode()
    assert "đăng nhập sẽ không thành công" in over_http
    assert "đăng nhập sẽ không thành công" not in over_https
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    assert "đăng nhập sẽ không thành công" not in client.get("/dang-nhap/").content.decode()
