"""A meeting, petition or outreach session is refused on a day its unit did not exist."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from apps.core.periods import Month
from apps.hierarchy.models import Group
from apps.meetings.forms import MeetingForm, OutreachForm
from apps.petitions.forms import PetitionRaiseForm
from tests.conftest import TODAY
from tests.factories import GroupFactory, HamletFactory, MeetingFactory
from tests.meetings.conftest import meeting_data

ENDED = "Tổ Cũ đã giải thể từ ngày 05/11/2026; không thể ghi nhận sau ngày đó."
NOT_YET = "Tổ Mới chưa thành lập vào ngày 10/11/2026."


@pytest.fixture
def dissolved(db) -> Group:
    return GroupFactory(
        name="Tổ Cũ", status=Group.Status.DISSOLVED, dissolved_on=datetime.date(2026, 11, 5)
    )


@pytest.fixture
def planned(db) -> Group:
    return GroupFactory(
        name="Tổ Mới",
        status=Group.Status.PLANNED,
        planned_on=datetime.date(2026, 11, 12),
        activated_on=None,
    )


def _meeting_form(group: Group, **changes) -> MeetingForm:
    data = meeting_data(households_represented="", **changes)
    return MeetingForm(data, group=group, month=Month(2026, 11), today=TODAY)


@pytest.mark.parametrize(("unit", "message"), [("dissolved", ENDED), ("planned", NOT_YET)])
def test_the_meeting_form_refuses_a_day_outside_the_groups_life(request, unit, message):
    form = _meeting_form(request.getfixturevalue(unit))
    assert not form.is_valid()
    assert form.errors["held_on"] == [message]


def test_the_meeting_form_accepts_the_groups_last_day(dissolved):
    form = _meeting_form(dissolved, held_on="2026-11-05")
    assert "held_on" not in form.errors


def test_changing_a_meeting_to_a_day_after_its_group_ended_is_refused(dissolved):
    meeting = MeetingFactory(group=dissolved, month=datetime.date(2026, 11, 1))
    meeting.held_on = datetime.date(2026, 11, 10)
    with pytest.raises(ValidationError) as error:
        meeting.full_clean()
    assert error.value.message_dict["held_on"] == [ENDED]


@pytest.mark.parametrize(("unit", "message"), [("dissolved", ENDED), ("planned", NOT_YET)])
def test_the_petition_form_refuses_a_day_outside_the_groups_life(request, unit, message):
    group = request.getfixturevalue(unit)
    data = {
        "group": group.pk,
        "raised_on": "2026-11-10",
        "content": "Đề nghị sửa cống thoát nước.",
        "category": "infrastructure",
        "level": "group",
        "citizen_name": "",
    }
    form = PetitionRaiseForm(data, groups=Group.objects.all(), today=TODAY)
    assert not form.is_valid()
    assert form.errors["raised_on"] == [message]


def test_the_outreach_form_refuses_a_day_after_the_hamlet_ended(db):
    hamlet = HamletFactory(name="Ấp Cũ", ended_on=datetime.date(2026, 10, 31))
    units = {f"hamlet:{hamlet.pk}": hamlet}
    data = {"unit": f"hamlet:{hamlet.pk}", "theme": "Luật Đất đai", "attendees": "30"}
    form = OutreachForm({**data, "held_on": "2026-11-02"}, units=units, today=TODAY)
    assert not form.is_valid()
    assert form.errors["held_on"] == [
        "Ấp Cũ đã giải thể từ ngày 31/10/2026; không thể ghi nhận sau ngày đó."
    ]
    form = OutreachForm({**data, "held_on": "2026-10-31"}, units=units, today=TODAY)
    assert form.is_valid(), form.errors
