import pytest

from apps.accounts.models import Scope, User
from tests.accounts.test_user_management import create_account
from tests.conftest import PASSWORD
from tests.factories import CommuneFactory, HamletFactory


@pytest.fixture
def units(world):
    """Codes the roster can name: commune A is C-A ("Xã Bình Thạnh") with hamlets "Ấp Bình
    Thạnh" (H-A1) and "Ấp Tân Hòa" (H-A2); commune B is C-B ("Xã Mỹ Hội")."""
    world.a.commune.code, world.b.commune.code = "C-A", "C-B"
    world.a.commune.save()
    world.b.commune.save()
    world.a.hamlet.code = "H-A1"
    world.a.hamlet.save()
    HamletFactory(commune=world.a.commune, code="H-A2", name="Ấp Tân Hòa")
    return world


@pytest.fixture
def near_namesake(units):
    """A commune whose name differs from commune A's only by a tone mark."""
    return CommuneFactory(district=units.district, code="C-C", name="Xã Bình Thành")


@pytest.fixture
def page_admin(client, units, admin_user) -> User:
    """A district administrator created on the user page, as the product creates them."""
    client.force_login(admin_user)
    response = create_account(
        client,
        "quantri-huyen",
        "Phạm Văn Quản",
        PASSWORD,
        Scope.Role.ADMIN,
        district=units.district,
    )
    assert response.status_code == 302
    client.logout()
    created = User.objects.get(username="quantri-huyen")
    assert not created.is_staff
    response = client.post("/dang-nhap/", {"username": "quantri-huyen", "password": PASSWORD})
    assert response.status_code == 302
    return created


@pytest.fixture(autouse=True)
def job_files(settings, tmp_path):
    """Files made by background jobs (a district's roster) go to the test's own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
