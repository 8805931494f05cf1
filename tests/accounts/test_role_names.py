"""A role is named for the unit it works on: since the 2025 reform the unit above communes
is mostly a province, whose committee is "Ban chỉ đạo tỉnh", not a district's."""

import pytest
from django.urls import reverse

from apps.accounts.models import Scope
from apps.hierarchy.models import District
from tests.conftest import make_user
from tests.factories import DistrictFactory


@pytest.fixture
def province(db) -> District:
    return DistrictFactory(name="Tỉnh Đồng Tháp", kind=District.Kind.PROVINCE)


def test_the_home_page_names_a_provinces_committee_and_a_districts(client, world, province):
    client.force_login(make_user(Scope.Role.STEERING, province))
    assert "Ban chỉ đạo tỉnh — Tỉnh Đồng Tháp" in client.get("/").content.decode()

    client.force_login(make_user(Scope.Role.STEERING, world.district))
    assert "Ban chỉ đạo huyện — Huyện Cao Lãnh" in client.get("/").content.decode()


@pytest.mark.parametrize(
    ("kind", "role", "name"),
    [
        (District.Kind.PROVINCE, Scope.Role.ADMIN, "quản trị viên tỉnh"),
        (District.Kind.CITY, Scope.Role.STEERING, "Ban chỉ đạo thành phố"),
        (District.Kind.CITY, Scope.Role.ADMIN, "quản trị viên thành phố"),
        (District.Kind.DISTRICT, Scope.Role.ADMIN, "quản trị viên huyện"),
    ],
)
def test_the_user_list_names_each_role_for_its_unit(client, db, kind, role, name):
    top = DistrictFactory(name="Nơi làm việc", kind=kind)
    administrator = make_user(Scope.Role.ADMIN, top, is_staff=True, username="quantri")
    make_user(role, top, username="nguoidung")
    client.force_login(administrator)

    page = client.get(reverse("accounts:user_list")).content.decode()

    assert f"{name}: Nơi làm việc" in page


def test_a_commune_officials_role_keeps_its_name(world):
    official = make_user(Scope.Role.COMMUNE, world.a.commune)

    assert official.scopes.get().role_name() == "cán bộ xã"


def test_a_provinces_administrator_chooses_the_provinces_roles(client, province):
    client.force_login(make_user(Scope.Role.ADMIN, province, is_staff=True))

    page = client.get(reverse("accounts:user_create")).content.decode()

    assert '<option value="steering">Ban chỉ đạo tỉnh</option>' in page
    assert '<option value="admin">quản trị viên tỉnh</option>' in page
    assert "Ban chỉ đạo huyện" not in page
