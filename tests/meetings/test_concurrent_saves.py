"""Officials saving the same meeting at the same instant: one is saved, the others see the
conflict page; nobody meets an error, whatever the database."""

import pytest
from django.test import Client

from apps.meetings.models import Meeting
from tests.concurrency import at_once, database_file
from tests.meetings.conftest import meeting_data, november_meeting

pytestmark = pytest.mark.usefixtures("today")

EDITORS = 4
CONFLICT = "Có người khác vừa sửa biên bản này"


@pytest.fixture
def shared_database(transactional_db, tmp_path, households, group_a_leader, commune_a_official):
    with database_file(tmp_path) as settings_dict:
        yield settings_dict


def _clients(*users) -> list[Client]:
    clients = []
    for index in range(EDITORS):
        # A 500 comes back as a response, to be counted, rather than raised in a thread.
        client = Client(raise_request_exception=False)
        client.force_login(users[index % len(users)])
        clients.append(client)
    return clients


def _save_all_at_once(shared_database, clients, group, version: str) -> list:
    url = f"/sinh-hoat/to/{group.pk}/2026/11/"
    jobs = [
        lambda client=client, n=n: client.post(
            url, meeting_data(version=version, minutes=f"Bản số {n}.")
        )
        for n, client in enumerate(clients)
    ]
    return at_once(shared_database, jobs)


def _assert_one_saved_others_told(responses) -> None:
    errors = [r for r in responses if isinstance(r, Exception) or r.status_code >= 500]
    assert errors == []
    saved = [r for r in responses if r.status_code == 302]
    refused = [r for r in responses if r.status_code == 200]
    assert len(saved) == 1
    assert len(refused) == EDITORS - 1
    for response in refused:
        page = response.content.decode()
        assert CONFLICT in page
        assert "database is locked" not in page


@pytest.mark.parametrize("attempt", range(3))
def test_simultaneous_edits_of_a_meeting_save_one_and_show_the_others_the_conflict(
    shared_database, world, group_a_leader, commune_a_official, attempt
):
    meeting = november_meeting(world.a.group)
    clients = _clients(group_a_leader, commune_a_official)

    responses = _save_all_at_once(shared_database, clients, world.a.group, version="1")

    _assert_one_saved_others_told(responses)
    meeting.refresh_from_db()
    assert meeting.version == 2
    assert meeting.minutes in {f"Bản số {n}." for n in range(EDITORS)}


def test_simultaneous_first_records_of_a_meeting_keep_one_and_show_the_others_the_conflict(
    shared_database, world, group_a_leader, commune_a_official
):
    clients = _clients(group_a_leader, commune_a_official)

    responses = _save_all_at_once(shared_database, clients, world.a.group, version="")

    _assert_one_saved_others_told(responses)
    assert Meeting.objects.filter(group=world.a.group).count() == 1
