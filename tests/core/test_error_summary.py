"""A refused form opens on one summary of its messages, each a link to its field."""

import re

import pytest

from tests.factories import HouseholdFactory
from tests.meetings.conftest import meeting_data
from tests.petitions.conftest import raise_petition

pytestmark = pytest.mark.usefixtures("today")


@pytest.fixture
def households(world):
    return HouseholdFactory.create_batch(12, group=world.a.group)


def summary_links(html: str) -> list[tuple[str, str]]:
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S)
    assert summary, "no error summary on the page"
    return re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary.group(0))


@pytest.mark.usefixtures("households")
def test_a_refused_meeting_lists_each_message_linked_to_its_field(client, world, group_a_leader):
    client.force_login(group_a_leader)
    data = meeting_data(
        attendees="",
        theme_safety="",
        theme_defence="",
        **{"petitions-0-content": "Xin lắp đèn.", "petitions-0-category": ""},
    )
    del data["theme_safety"], data["theme_defence"]
    response = client.post(f"/sinh-hoat/to/{world.a.group.pk}/2026/11/", data)
    assert response.status_code == 200
    links = summary_links(response.content.decode())
    assert [target for target, _ in links] == [
        "id_attendees",
        "id_theme_safety",
        "id_petitions-0-category",
    ]
    assert links[0][1] == "Số người dự: Trường này là bắt buộc."
    assert links[1][1].startswith("Nội dung đã sinh hoạt: ")  # the boxes, not the first box
    assert links[2][1].startswith("Lĩnh vực (dòng 1): ")


@pytest.mark.usefixtures("households")
def test_a_form_that_is_not_refused_has_no_summary(client, world, group_a_leader):
    client.force_login(group_a_leader)
    response = client.get(f"/sinh-hoat/to/{world.a.group.pk}/2026/11/")
    html = response.content.decode()
    assert 'id="error-summary"' not in html
    # Required fields are marked before anything is sent.
    assert '<label for="id_minutes" class="required">' in html
    assert '<label for="id_decisions">' in html


def test_the_note_of_a_petition_action_is_marked_required_and_its_summary_links_to_it(
    client, world, group_a_leader, commune_a_official
):
    petition = raise_petition(world.a.group, group_a_leader, level="commune")
    client.force_login(commune_a_official)
    html = client.get(f"/kien-nghi/{petition.pk}/").content.decode()
    assert '<label for="id_note" class="required">' in html
    assert 'aria-describedby="id_note_helptext"' in html
    assert "Bắt buộc cho mọi thao tác bên dưới" in html
    response = client.post(f"/kien-nghi/{petition.pk}/", {"action": "taken", "note": " "})
    assert summary_links(response.content.decode()) == [
        (
            "id_note",
            "Ghi chú (việc đã làm hoặc câu trả lời): "
            "Hãy ghi nội dung: việc đã làm hoặc câu trả lời.",
        ),
    ]
    petition.refresh_from_db()
    assert petition.state == "received"
