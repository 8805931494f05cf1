"""A petition sent twice from a phone's queue is recorded once."""

import uuid

import pytest

from apps.core.models import SaveKey
from apps.petitions.models import Petition
from tests.petitions.conftest import petition_data

pytestmark = pytest.mark.usefixtures("today")


def _data(group, **changes) -> dict:
    return petition_data(group, **{"save_key": uuid.uuid4().hex, **changes})


def test_the_same_key_posted_twice_records_one_petition(client, world, people):
    client.force_login(people["hamlet_a"])
    data = _data(world.a.group)
    first = client.post("/kien-nghi/moi/", data)
    again = client.post("/kien-nghi/moi/", data)
    petition = Petition.objects.get()
    assert first.url == again.url == f"/kien-nghi/{petition.pk}/"
    assert data["save_key"] in again.cookies["saved_drafts"].value.split(".")
    # Another petition (a new draft, a new key) is another record.
    assert client.post("/kien-nghi/moi/", _data(world.a.group)).status_code == 302
    assert Petition.objects.count() == 2


def test_a_refused_petition_claims_no_key(client, world, people):
    client.force_login(people["hamlet_a"])
    data = _data(world.a.group, raised_on="2026-11-30")  # in the future
    assert client.post("/kien-nghi/moi/", data).status_code == 200
    assert not SaveKey.objects.exists() and not Petition.objects.exists()
    assert client.post("/kien-nghi/moi/", {**data, "raised_on": "2026-11-16"}).status_code == 302
    assert Petition.objects.count() == 1


def test_readers_cannot_replay_a_key(client, world, people):
    client.force_login(people["hamlet_a"])
    data = _data(world.a.group)
    client.post("/kien-nghi/moi/", data)
    client.force_login(people["steering"])
    assert client.post("/kien-nghi/moi/", data).status_code == 403
    assert Petition.objects.count() == 1
