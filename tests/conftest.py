"""Shared units and users: two communes (A and B), each with one hamlet and one group."""

import datetime
import importlib
import os
from dataclasses import dataclass

import pytest
from django.conf import global_settings, settings
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone, translation

from apps.accounts.models import Scope, User
from apps.hierarchy.models import Commune, District, Group, Hamlet
from tests.factories import (
    CommuneFactory,
    DistrictFactory,
    GroupFactory,
    HamletFactory,
    ScopeFactory,
    UserFactory,
)

PASSWORD = "correct horse battery staple"
TODAY = datetime.date(2026, 11, 18)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database's tables come from the models (`--nomigrations` in pyproject.toml:
    under a second instead of about 14 s of migrating per test process), and then every
    migration of the code is recorded as applied, so the database is as `migrate` leaves it.
    tests/core/test_migrations.py proves that migrating builds these very tables; the
    migration tests (tests/people/test_membership_migration.py) migrate for real."""
    module = importlib.import_module(os.environ["DJANGO_SETTINGS_MODULE"])
    settings.MIGRATION_MODULES = getattr(
        module, "MIGRATION_MODULES", global_settings.MIGRATION_MODULES
    )
    with django_db_blocker.unblock():
        for alias in connections:
            connection = connections[alias]
            if connection.settings_dict.get("TEST", {}).get("MIRROR"):
                continue
            recorder = MigrationRecorder(connection)
            applied = recorder.applied_migrations()
            for key in MigrationLoader(connection, ignore_no_migrations=True).graph.nodes:
                if key not in applied:
                    recorder.record_applied(*key)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """`make test` keeps the tests of an `xdist_group` in one test process (loadgroup), so
    that a build they share is made once. pytest-xdist tells its scheduler the group by
    appending it to each test's id, which it writes where pytest 9.2 no longer reads it
    (pytest-dev/pytest-xdist#1386): the groups were spread over the processes, each making
    the build. This appends it where pytest reads it, and does nothing once xdist does."""
    if not getattr(config.option, "loadgroup", False):  # set in xdist's test processes only
        return
    for item in items:
        names = {
            str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
            for mark in item.iter_markers("xdist_group")
        }
        suffix = "@" + "_".join(sorted(names))
        if names and hasattr(item, "_id") and not item.nodeid.endswith(suffix):
            item._id = type(item._id).parse(item.nodeid + suffix)


@dataclass
class Area:
    commune: Commune
    hamlet: Hamlet
    group: Group


@dataclass
class World:
    district: District
    a: Area
    b: Area


def _area(district: District, name: str) -> Area:
    commune = CommuneFactory(district=district, name=f"Xã {name}")
    hamlet = HamletFactory(commune=commune, name=f"Ấp {name}")
    return Area(commune, hamlet, GroupFactory(hamlet=hamlet, name=f"Tổ {name}"))


@pytest.fixture
def world(db) -> World:
    district = DistrictFactory(name="Huyện Cao Lãnh")
    return World(district, _area(district, "Bình Thạnh"), _area(district, "Mỹ Hội"))


def make_user(role: str, unit, **user_fields) -> User:
    """A user holding one scope; `unit` is the district, commune, hamlet or group."""
    user = UserFactory(**user_fields)
    ScopeFactory(user=user, role=role, **{Scope.UNIT_FIELD[role]: unit})
    return user


@pytest.fixture
def admin_user(world) -> User:
    return make_user(Scope.Role.ADMIN, world.district, is_staff=True)


@pytest.fixture
def superuser(db) -> User:
    return UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.fixture
def steering_user(world) -> User:
    return make_user(Scope.Role.STEERING, world.district)


@pytest.fixture
def commune_a_official(world) -> User:
    return make_user(Scope.Role.COMMUNE, world.a.commune, is_staff=True)


@pytest.fixture
def group_a_leader(world) -> User:
    return make_user(Scope.Role.GROUP_LEADER, world.a.group)


@pytest.fixture
def today(monkeypatch) -> datetime.date:
    """A fixed today (Wednesday 18/11/2026), so month and due-date rules are deterministic."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    return TODAY


@pytest.fixture(autouse=True)
def site_language():
    """Each test starts in the site's language: a request in English must not leak."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()
