"""Redis as the cache and the sessions' first store when REDIS_URL is set, against the Redis
on 127.0.0.1:6379 (TEST_REDIS_URL). Without a reachable Redis these tests are skipped, except
where TOCDP_REQUIRE_REDIS is set (CI), where they fail. A Redis that is down (nothing
listening on its port) is skipped: the pages serve, sessions from the database."""

import logging
import os
import socket
import uuid
from pathlib import Path

import pytest
import redis
from django.contrib.sessions.backends.cached_db import KEY_PREFIX as SESSION_PREFIX
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from redis.connection import Connection

from apps.core import redis_pool
from tests.conftest import PASSWORD
from tests.settings_process import settings_in_a_process

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_settings(settings):
    """The settings REDIS_URL gives, with a key prefix of the test's own (nothing else in
    that Redis is touched); the test's keys are removed afterwards."""
    server = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        server.ping()
    except redis.ConnectionError as error:
        message = f"no Redis at {REDIS_URL} ({error}): apt-get install -y redis-server"
        if os.environ.get("TOCDP_REQUIRE_REDIS"):
            pytest.fail(message)
        pytest.skip(message)
    prefix = f"tocdp-test-{uuid.uuid4().hex[:8]}"
    found = _settings_in_a_process(REDIS_URL=REDIS_URL)
    settings.CACHES = {"default": {**found["CACHES"]["default"], "KEY_PREFIX": prefix}}
    settings.SESSION_ENGINE = found["SESSION_ENGINE"]
    yield server
    for key in server.scan_iter(f"{prefix}:*"):
        server.delete(key)


def _settings_in_a_process(**env: str) -> dict:
    """CACHES, SESSION_ENGINE and django-redis's logging as tocdp/settings.py makes them from
    this environment."""
    names = {"CACHES": "s.CACHES", "SESSION_ENGINE": "s.SESSION_ENGINE"}
    for name in ("DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS", "DJANGO_REDIS_LOGGER"):
        names[name] = f"getattr(s, {name!r}, None)"
    return settings_in_a_process(names, drop=("REDIS_URL",), **env)


def test_without_redis_url_the_cache_is_local_memory_and_sessions_the_database():
    found = _settings_in_a_process()

    assert found["CACHES"]["default"]["BACKEND"].endswith("LocMemCache")
    assert found["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"


def test_redis_url_makes_redis_the_cache_and_sessions_cached_db():
    found = _settings_in_a_process(REDIS_URL="redis://cache.internal:6380/2")

    assert found["CACHES"]["default"]["BACKEND"] == "django_redis.cache.RedisCache"
    assert found["CACHES"]["default"]["OPTIONS"]["IGNORE_EXCEPTIONS"] is True
    assert found["CACHES"]["default"]["LOCATION"] == "redis://cache.internal:6380/2"
    assert found["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"


@pytest.mark.django_db
def test_a_cache_value_round_trips_through_redis(redis_settings):
    figures = {"meetings": 12964, "share": "27,35 %"}

    cache.set("dashboard:test", figures, 60)

    assert cache.get("dashboard:test") == figures
    stored = [k for k in redis_settings.scan_iter("*dashboard:test")]
    assert len(stored) == 1
    assert 0 < redis_settings.ttl(stored[0]) <= 60


@pytest.mark.django_db
def test_a_session_round_trips_through_redis_and_is_kept_in_the_database(
    client, commune_a_official, redis_settings
):
    response = client.post(
        reverse("login"), {"username": commune_a_official.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    key = client.cookies["sessionid"].value
    assert list(redis_settings.scan_iter(f"*{SESSION_PREFIX}{key}")), "the session is in Redis"
    assert Session.objects.filter(session_key=key).exists(), "and in the database"

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("meetings:status"))

    assert response.status_code == 200
    assert response.wsgi_request.user == commune_a_official
    assert not [q for q in queries if "django_session" in q["sql"]], "read from Redis"


@pytest.mark.django_db
def test_a_session_outlives_a_redis_that_lost_it(client, commune_a_official, redis_settings):
    client.force_login(commune_a_official)
    key = client.cookies["sessionid"].value
    for stored in redis_settings.scan_iter(f"*{SESSION_PREFIX}{key}"):
        redis_settings.delete(stored)

    response = client.get(reverse("meetings:status"))

    assert response.status_code == 200
    assert response.wsgi_request.user == commune_a_official
    assert list(redis_settings.scan_iter(f"*{SESSION_PREFIX}{key}")), "put back in Redis"


def _closed_port() -> int:
    """A loopback port nothing listens on (it was free a moment ago)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_down(settings, monkeypatch):
    """The settings REDIS_URL gives, pointing at a closed port; counts the tries to connect."""
    found = _settings_in_a_process(REDIS_URL=f"redis://127.0.0.1:{_closed_port()}/0")
    for name in ("CACHES", "SESSION_ENGINE", "DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS"):
        setattr(settings, name, found[name])
    settings.DJANGO_REDIS_LOGGER = found["DJANGO_REDIS_LOGGER"]
    tries = []
    connect = Connection._connect

    def counted(connection):
        tries.append(connection.port)
        return connect(connection)

    monkeypatch.setattr(Connection, "_connect", counted)
    (throttle,) = logging.getLogger("tocdp.cache").filters
    monkeypatch.setattr(throttle, "_next", 0.0)  # as in a process that has logged nothing yet
    return tries


@pytest.mark.django_db
def test_with_redis_down_one_logs_in_and_reads_the_dashboard(
    client, steering_user, redis_down, caplog, monkeypatch
):
    response = client.post(
        reverse("login"), {"username": steering_user.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert len(redis_down) == 1, "refused once, then left alone"
    key = client.cookies["sessionid"].value
    assert Session.objects.filter(session_key=key).exists(), "kept in the database"

    with CaptureQueriesContext(connection) as queries:
        dashboard = client.get("/chi-tieu/", follow=True)

    assert dashboard.status_code == 200
    district = steering_user.scopes.get().district_id
    assert dashboard.redirect_chain[-1][0] == f"/chi-tieu/huyen/{district}/"
    assert dashboard.wsgi_request.user == steering_user
    assert len(redis_down) == 1, "two pages, and Redis not tried again"
    assert len([q for q in queries if "django_session" in q["sql"]]) == 2, "read from the database"
    skipped = [r for r in caplog.records if r.name == "tocdp.cache"]
    assert len(skipped) == 1, "logged once, not at every page"
    assert "Connection refused" in skipped[0].exc_text

    # Some seconds later, the next page tries Redis again (to read the session, then to
    # put it back: refused both times, the second only because the first was).
    later = redis_pool.monotonic() + redis_pool.PausingConnectionPool.PAUSE + 1
    monkeypatch.setattr(redis_pool, "monotonic", lambda: later)
    assert client.get(dashboard.redirect_chain[-1][0]).status_code == 200
    assert len(redis_down) == 2


def test_redis_connections_are_tried_briefly_and_failures_skipped():
    options = _settings_in_a_process(REDIS_URL="redis://cache.internal:6379/0")["CACHES"]
    assert options["default"]["OPTIONS"]["SOCKET_CONNECT_TIMEOUT"] <= 0.5
    assert options["default"]["OPTIONS"]["SOCKET_TIMEOUT"] <= 1
