"""Passwords are kept with Argon2id at OWASP's minimum settings, and older ones move to it."""

import pytest
from django.contrib.auth.hashers import make_password

from apps.accounts.models import Scope
from tests.conftest import PASSWORD, make_user
from tocdp import settings as site_settings

ARGON2ID = "argon2$argon2id$v=19$m=19456,t=2,p=1$"


@pytest.fixture
def production_hashers(settings):
    """The hashers the project ships with (the suite otherwise uses a fast one)."""
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS


PRODUCTION_HASHERS = list(site_settings.PASSWORD_HASHERS)


def test_a_new_password_is_kept_with_argon2id(production_hashers):
    assert make_password("mật khẩu mới 2026").startswith(ARGON2ID)


def test_a_pbkdf2_password_still_logs_in_and_is_kept_anew_with_argon2id(
    client, world, production_hashers
):
    user = make_user(Scope.Role.COMMUNE, world.a.commune)
    user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])

    response = client.post("/dang-nhap/", {"username": user.username, "password": PASSWORD})

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith(ARGON2ID)
    assert user.check_password(PASSWORD)


def test_a_login_lasts_long_enough_for_a_months_queued_saves(client, commune_a_official):
    client.post("/dang-nhap/", {"username": commune_a_official.username, "password": PASSWORD})

    assert client.session.get_expiry_age() == 35 * 24 * 3600
