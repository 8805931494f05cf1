"""Every password rule speaks Vietnamese, on the pages where passwords are chosen."""

import pytest
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils import translation

from apps.accounts.models import User
from tests.accounts.test_user_management import create_account
from tests.conftest import PASSWORD

TOO_SHORT_VI = "Mật khẩu quá ngắn: cần ít nhất 8 ký tự."
TOO_SHORT_EN = "This password is too short"


def _messages(password: str, user: User, language: str) -> list[str]:
    with translation.override(language):
        try:
            password_validation.validate_password(password, user)
        except ValidationError as error:
            return error.messages
        return []


@pytest.mark.parametrize("password", ["123", "nguyenvanan", "password"])
def test_every_configured_rule_has_a_vietnamese_message(password):
    user = User(username="nguyenvanan", first_name="An", last_name="Nguyễn Văn")
    english = _messages(password, user, "en")
    vietnamese = _messages(password, user, "vi")
    assert english  # each password breaks at least one rule
    assert len(vietnamese) == len(english)
    assert [m for m in vietnamese if m in english] == []


def test_every_configured_rule_has_a_vietnamese_help_text():
    for validator in password_validation.get_default_password_validators():
        with translation.override("en"):
            english = validator.get_help_text()
        with translation.override("vi"):
            assert validator.get_help_text() != english


def test_a_too_short_new_password_is_refused_in_vietnamese(client, commune_a_official):
    client.force_login(commune_a_official)
    response = client.post(
        "/doi-mat-khau/",
        {"old_password": PASSWORD, "new_password1": "x7#q", "new_password2": "x7#q"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert TOO_SHORT_VI in page
    assert TOO_SHORT_EN not in page


def test_a_too_short_password_for_a_new_account_is_refused_in_vietnamese(client, world, admin_user):
    client.force_login(admin_user)
    response = create_account(
        client, "xa-moi", "Trần Thị Thuý", "x7#q", "commune", commune=world.a.commune
    )
    page = response.content.decode()
    assert TOO_SHORT_VI in page
    assert TOO_SHORT_EN not in page
    assert not User.objects.filter(username="xa-moi").exists()
