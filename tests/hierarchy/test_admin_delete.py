"""A unit with units (a group: households) under it has no delete in the admin (they
protect it; it ends instead): its delete page would gather every record filed under it,
minutes for a district. An empty unit, made by mistake, can still be deleted."""

import pytest

from apps.hierarchy.models import Commune
from tests.factories import CommuneFactory, HouseholdFactory

pytestmark = pytest.mark.usefixtures("today")


def test_units_with_units_under_them_cannot_be_deleted_in_the_admin(
    client, world, superuser, django_assert_max_num_queries
):
    HouseholdFactory(group=world.a.group)
    client.force_login(superuser)
    for url in (
        f"/admin/hierarchy/district/{world.district.pk}/",
        f"/admin/hierarchy/commune/{world.a.commune.pk}/",
        f"/admin/hierarchy/hamlet/{world.a.hamlet.pk}/",
        f"/admin/hierarchy/group/{world.a.group.pk}/",
    ):
        assert f"{url}delete/" not in client.get(f"{url}change/").content.decode()
        with django_assert_max_num_queries(8):
            assert client.get(f"{url}delete/").status_code == 403
        assert client.post(f"{url}delete/", {"post": "yes"}).status_code == 403
    assert Commune.objects.filter(pk=world.a.commune.pk).exists()


def test_an_empty_unit_can_still_be_deleted(client, world, superuser):
    empty = CommuneFactory(district=world.district)
    client.force_login(superuser)
    url = f"/admin/hierarchy/commune/{empty.pk}/"
    assert f"{url}delete/" in client.get(f"{url}change/").content.decode()
    assert client.post(f"{url}delete/", {"post": "yes"}).status_code == 302
    assert not Commune.objects.filter(pk=empty.pk).exists()
