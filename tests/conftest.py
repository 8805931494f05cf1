"""Shared units and users: two communes (A and B), each with one hamlet and one group."""

import datetime
from dataclasses import dataclass

import pytest
from django.conf import settings
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


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Tests create many users; the production hasher is slow on purpose."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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
