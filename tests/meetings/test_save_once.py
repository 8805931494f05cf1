"""A meeting sent twice (a phone's queue sending again after a lost answer) is saved once."""

import re
import uuid

import pytest
from django.test import Client

from apps.core.models import SaveKey
from apps.meetings.models import Meeting, OutreachSession
from apps.petitions.models import Petition
from tests.meetings.conftest import meeting_data, november_meeting

pytestmark = pytest.mark.usefixtures("today", "households")


def url(group) -> str:
    return f"/sinh-hoat/to/{group.pk}/2026/11/"


def test_the_same_key_posted_twice_makes_one_meeting_and_answers_both_as_saved(
    client, world, group_a_leader
):
    client.force_login(group_a_leader)
    key = uuid.uuid4().hex
    data = meeting_data(
        save_key=key, **{"petitions-0-content": "Xin lắp đèn.", "petitions-0-category": "other"}
    )
    first = client.post(url(world.a.group), data)
    again = client.post(url(world.a.group), data)
    assert first.status_code == again.status_code == 302
    assert first.url == again.url == "/sinh-hoat/?thang=2026-11"
    assert Meeting.objects.count() == 1 and Petition.objects.count() == 1
    assert Meeting.objects.get().version == 1
    # Both answers tell the phone that the draft with this key was taken in.
    assert key in again.cookies["saved_drafts"].value.split(".")
    assert SaveKey.objects.get().user == group_a_leader


def test_a_replayed_edit_is_not_a_conflict_with_itself(client, world, group_a_leader):
    november_meeting(world.a.group)
    client.force_login(group_a_leader)
    data = meeting_data(version="1", minutes="Sửa lần một.", save_key=uuid.uuid4().hex)
    assert client.post(url(world.a.group), data).status_code == 302
    again = client.post(url(world.a.group), data)
    assert again.status_code == 302
    meeting = Meeting.objects.get()
    assert (meeting.minutes, meeting.version) == ("Sửa lần một.", 2)


def test_a_refused_save_keeps_its_key_for_the_corrected_one(client, world, group_a_leader):
    client.force_login(group_a_leader)
    key = uuid.uuid4().hex
    refused = client.post(url(world.a.group), meeting_data(save_key=key, attendees="0"))
    assert refused.status_code == 200
    # The form comes back with the same key: the corrected form is the same save.
    assert f'name="save_key" value="{key}"' in refused.content.decode()
    assert "saved_drafts" not in refused.cookies
    assert not SaveKey.objects.exists()
    assert client.post(url(world.a.group), meeting_data(save_key=key)).status_code == 302
    assert Meeting.objects.count() == 1


def test_a_conflict_releases_the_key(client, world, group_a_leader):
    client.force_login(group_a_leader)
    november_meeting(world.a.group)
    key = uuid.uuid4().hex
    conflict = client.post(url(world.a.group), meeting_data(save_key=key, minutes="Của tôi."))
    page = conflict.content.decode()
    assert "Có người khác vừa sửa biên bản này" in page and "Của tôi." in page
    assert not SaveKey.objects.exists()
    # Seen the stored one, the user saves again deliberately, with the same key.
    version = re.search(r'name="version" value="(\d+)"', page).group(1)
    done = client.post(
        url(world.a.group), meeting_data(save_key=key, version=version, minutes="Của tôi.")
    )
    assert done.status_code == 302
    assert Meeting.objects.get().minutes == "Của tôi."


def test_a_key_is_answered_only_to_its_own_user(world, group_a_leader, commune_a_official):
    leader, official = Client(), Client()
    leader.force_login(group_a_leader)
    official.force_login(commune_a_official)
    key = uuid.uuid4().hex
    assert leader.post(url(world.a.group), meeting_data(save_key=key)).status_code == 302
    stolen = official.post(url(world.a.group), meeting_data(save_key=key, minutes="x"))
    assert stolen.status_code == 403
    assert Meeting.objects.get().minutes != "x"


def test_a_replay_meets_the_scope_checks_first(client, world, group_a_leader):
    client.force_login(group_a_leader)
    key = uuid.uuid4().hex
    assert client.post(url(world.a.group), meeting_data(save_key=key)).status_code == 302
    # The same key sent to another commune's group is refused as an outsider, not answered.
    assert client.post(url(world.b.group), meeting_data(save_key=key)).status_code == 404


def test_the_form_carries_a_new_key_each_time(client, world, group_a_leader):
    client.force_login(group_a_leader)
    keys = {
        re.search(
            r'name="save_key" value="([0-9a-f]{32})"',
            client.get(url(world.a.group)).content.decode(),
        ).group(1)
        for _ in range(2)
    }
    assert len(keys) == 2


def test_a_form_without_a_key_still_saves(client, world, group_a_leader):
    client.force_login(group_a_leader)
    response = client.post(url(world.a.group), meeting_data(save_key="not-a-key"))
    assert response.status_code == 302 and Meeting.objects.count() == 1
    assert not SaveKey.objects.exists()


def test_an_outreach_session_sent_twice_is_recorded_once(client, world, group_a_leader):
    client.force_login(group_a_leader)
    data = {
        "unit": f"group:{world.a.group.pk}",
        "held_on": "2026-11-12",
        "theme": "Phòng chống ma túy",
        "attendees": "30",
        "notes": "",
        "save_key": uuid.uuid4().hex,
    }
    first = client.post("/sinh-hoat/tuyen-truyen/moi/", data)
    again = client.post("/sinh-hoat/tuyen-truyen/moi/", data)
    assert first.status_code == again.status_code == 302
    assert data["save_key"] in first.cookies["saved_drafts"].value.split(".")
    assert OutreachSession.objects.count() == 1
