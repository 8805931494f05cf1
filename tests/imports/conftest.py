import pytest

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
