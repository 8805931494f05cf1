import datetime

import pytest

from apps.accounts.models import Scope
from apps.petitions import services
from apps.petitions.models import Petition
from tests.conftest import make_user


@pytest.fixture
def people(world, admin_user, steering_user, commune_a_official, group_a_leader) -> dict:
    """Everyone who might touch a petition of group A, by a short name."""
    return {
        "leader_a": group_a_leader,
        "hamlet_a": make_user(Scope.Role.HAMLET, world.a.hamlet),
        "commune_a": commune_a_official,
        "admin": admin_user,
        "steering": steering_user,
        "leader_b": make_user(Scope.Role.GROUP_LEADER, world.b.group),
        "commune_b": make_user(Scope.Role.COMMUNE, world.b.commune),
    }


def raise_petition(group, user, *, level="group", raised_on=datetime.date(2026, 11, 2), **fields):
    petition = Petition(
        content=fields.pop("content", "Đề nghị nạo vét kênh nội đồng."),
        category=fields.pop("category", Petition.Category.INFRASTRUCTURE),
        level=level,
        **fields,
    )
    return services.petition_raise(petition=petition, group=group, raised_on=raised_on, user=user)


def petition_data(group, **changes) -> dict:
    """The new-petition form for `group`: a welfare petition for the commune, raised on
    16/11/2026; `changes` replace or add fields."""
    return {
        "group": group.pk,
        "raised_on": "2026-11-16",
        "content": "Xin hỗ trợ hộ nghèo sửa nhà.",
        "category": "welfare",
        "level": "commune",
        "citizen_name": "",
        **changes,
    }


def act_on(petition, action: str, user, on: datetime.date, *, note: str = "Xong."):
    """One step of the petition's workflow, taken on the day `on` through the service."""
    return services.petition_act(petition=petition, action=action, note=note, user=user, on=on)
