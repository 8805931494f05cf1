import datetime

import pytest

from tests.factories import HouseholdFactory, MeetingFactory


@pytest.fixture
def households(world):
    """Twelve households in group A (the meeting form checks against them)."""
    return HouseholdFactory.create_batch(12, group=world.a.group)


def november_meeting(group):
    """Group's meeting of 11/2026, held on the 8th, nine of its twelve households there."""
    return MeetingFactory(
        group=group,
        month=datetime.date(2026, 11, 1),
        held_on=datetime.date(2026, 11, 8),
        households_total=12,
        households_represented=9,
    )


def meeting_data(**changes) -> dict:
    """A complete, valid meeting form for 10/11/2026, with one petition row left empty."""
    data = {
        "version": "",
        "held_on": "2026-11-10",
        "attendees": "18",
        "households_represented": "10",
        "theme_safety": "on",
        "theme_defence": "on",
        "overseer_attended": "on",
        "minutes": "Bàn việc giữ gìn an ninh trật tự, vệ sinh môi trường.",
        "decisions": "Tổ chức tổng vệ sinh ngày 20/11.",
        "petitions-TOTAL_FORMS": "1",
        "petitions-INITIAL_FORMS": "0",
        "petitions-MIN_NUM_FORMS": "0",
        "petitions-MAX_NUM_FORMS": "30",
        "petitions-0-content": "",
        "petitions-0-category": "",
        "petitions-0-level": "group",
        "petitions-0-citizen_name": "",
    }
    data.update(changes)
    return data
