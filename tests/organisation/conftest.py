"""Committees of the world's district and communes, and a place for uploaded files."""

from dataclasses import dataclass

import pytest

from apps.accounts.models import Scope, User
from apps.organisation.models import CommitteeMember, SteeringCommittee
from tests.conftest import make_user
from tests.factories import CommitteeMemberFactory, SteeringCommitteeFactory


@dataclass
class Committees:
    district: SteeringCommittee
    a: SteeringCommittee
    b: SteeringCommittee
    district_member: CommitteeMember
    a_member: CommitteeMember
    b_member: CommitteeMember


@pytest.fixture
def committees(world) -> Committees:
    """The district's committee and those of communes A and B, one member each."""
    district = SteeringCommitteeFactory(commune=None, district=world.district)
    a = SteeringCommitteeFactory(commune=world.a.commune)
    b = SteeringCommitteeFactory(commune=world.b.commune)
    return Committees(
        district,
        a,
        b,
        CommitteeMemberFactory(committee=district, full_name="Phạm Văn Huyện"),
        CommitteeMemberFactory(committee=a, full_name="Nguyễn Thị An"),
        CommitteeMemberFactory(committee=b, full_name="Võ Văn Bình"),
    )


@pytest.fixture
def hamlet_a_official(world) -> User:
    return make_user(Scope.Role.HAMLET, world.a.hamlet)


@pytest.fixture
def commune_b_official(world) -> User:
    return make_user(Scope.Role.COMMUNE, world.b.commune)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads go to a temporary folder, never to the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
