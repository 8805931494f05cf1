"""Users of both communes for the reminder rules, and a clock for the job."""

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from apps.accounts.models import Scope, User
from tests.conftest import make_user


def at(day: datetime.date, hour: int = 8, minute: int = 0) -> datetime.datetime:
    """A moment of `day`, local time (Asia/Ho_Chi_Minh)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


@dataclass
class People:
    leader_a: User
    leader_b: User
    hamlet_a: User
    hamlet_b: User
    commune_a: User
    commune_b: User
    admin: User
    steering: User


@pytest.fixture
def people(world) -> People:
    return People(
        leader_a=make_user(Scope.Role.GROUP_LEADER, world.a.group, username="to-a"),
        leader_b=make_user(Scope.Role.GROUP_LEADER, world.b.group, username="to-b"),
        hamlet_a=make_user(Scope.Role.HAMLET, world.a.hamlet, username="ap-a"),
        hamlet_b=make_user(Scope.Role.HAMLET, world.b.hamlet, username="ap-b"),
        commune_a=make_user(Scope.Role.COMMUNE, world.a.commune, username="xa-a"),
        commune_b=make_user(Scope.Role.COMMUNE, world.b.commune, username="xa-b"),
        admin=make_user(Scope.Role.ADMIN, world.district, username="huyen-admin"),
        steering=make_user(Scope.Role.STEERING, world.district, username="huyen"),
    )
