"""Production settings: secure by default, loud when misconfigured."""

import os
import subprocess
import sys

import pytest
from django.db import connection

from tests import processes


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    clean = {
        k: v for k, v in clean.items() if not k.startswith(("SECURE_", "STATIC_", "WHITENOISE"))
    }
    return processes.run([sys.executable, "manage.py", *args], {**clean, **env})


def test_production_settings_pass_the_deploy_check_without_warnings():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY="x7Gq2vLp9sR4tY8uW1zA3bC5dE6fH0jK2mN4pQ6rS8tU0vW2xY4zA6bC8dE0fG2h",
        ALLOWED_HOSTS="tocdp.example.gov.vn",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check", DEBUG="false", ALLOWED_HOSTS="tocdp.example.gov.vn")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")
def test_postgresql_runs_the_queries_without_compiling_them():
    """The query compiler costs the dashboard's counts more than it saves (settings.py)."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")
def test_postgresql_prices_an_index_probe_for_memory_not_a_spinning_disk():
    """At the default (4) a district among ten scanned the province's whole tables rather
    than probe its own groups' rows (settings.py, bench/RESULTS.md)."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone() == ("1.1",)


@pytest.mark.parametrize(
    "key",
    [
        "change-me",  # .env.example's
        "django-insecure-0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefgh",
        "please-change-me-please-change-me-please-change-me-please",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "x7Gq2vLp9sR4tY8uW1zA3bC5dE6f",  # random, but short
    ],
)
def test_production_refuses_a_placeholder_secret_key(key):
    result = _manage("check", DEBUG="false", SECRET_KEY=key, ALLOWED_HOSTS="tocdp.example.gov.vn")
    assert result.returncode != 0
    assert "SECRET_KEY is a placeholder or too weak" in result.stderr


def test_development_accepts_any_secret_key():
    result = _manage("check", DEBUG="true", SECRET_KEY="change-me")
    assert result.returncode == 0, result.stderr


def test_secure_cookies_with_no_way_to_https_are_warned_of():
    """The set-up in which logins fail without a word over plain http (apps.core.https)."""
    production = {
        "DEBUG": "false",
        "SECRET_KEY": "x7Gq2vLp9sR4tY8uW1zA3bC5dE6fH0jK2mN4pQ6rS8tU0vW2xY4zA6bC8dE0fG2h",
        "ALLOWED_HOSTS": "tocdp.example.gov.vn",
    }
    warned = _manage("check", SECURE_SSL_REDIRECT="false", **production)
    assert "tocdp.W001" in warned.stderr + warned.stdout
    behind_proxy = _manage(
        "check", SECURE_SSL_REDIRECT="false", BEHIND_TLS_PROXY="true", **production
    )
    plain_http_trial = _manage("check", HTTPS="false", **production)
    for result in (behind_proxy, plain_http_trial):
        assert result.returncode == 0, result.stderr
        assert "tocdp.W001" not in result.stderr + result.stdout
