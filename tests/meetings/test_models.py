"""The database refuses what the forms refuse, so no import or bug can slip past them."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from apps.core.periods import Month
from apps.meetings.models import Meeting
from tests.factories import MeetingFactory, OutreachSessionFactory, PetitionFactory


def _refused(**fields) -> bool:
    try:
        with transaction.atomic():
            MeetingFactory(**fields)
    except IntegrityError:
        return True
    return False


def test_one_meeting_per_group_per_month(world):
    MeetingFactory(group=world.a.group, month=datetime.date(2026, 10, 1))
    assert _refused(group=world.a.group, month=datetime.date(2026, 10, 1))
    assert not _refused(group=world.a.group, month=datetime.date(2026, 9, 1))
    assert not _refused(group=world.b.group, month=datetime.date(2026, 10, 1))


def test_a_meeting_needs_a_theme(world):
    assert _refused(group=world.a.group, theme_safety=False)


def test_households_represented_cannot_exceed_the_group(world):
    assert _refused(group=world.a.group, households_represented=26, households_total=25)
    assert not _refused(group=world.a.group, households_represented=25, households_total=25)


def test_a_meeting_is_not_held_before_its_month(world):
    assert _refused(
        group=world.a.group, month=datetime.date(2026, 10, 1), held_on=datetime.date(2026, 9, 30)
    )


@pytest.mark.parametrize(
    ("state", "closed_on", "answer", "refused"),
    [
        ("received", None, "", False),
        ("received", datetime.date(2025, 10, 20), "", True),
        ("resolved", None, "", True),
        ("resolved", datetime.date(2025, 10, 20), "", False),
        ("answered", datetime.date(2025, 10, 20), "", True),
        ("answered", datetime.date(2025, 10, 20), "Đã giải thích.", False),
    ],
)
def test_petition_state_and_dates_agree(world, state, closed_on, answer, refused):
    try:
        with transaction.atomic():
            PetitionFactory(group=world.a.group, state=state, closed_on=closed_on, answer=answer)
    except IntegrityError:
        assert refused
    else:
        assert not refused


def test_outreach_session_fills_the_ancestors_of_its_unit(world):
    session = OutreachSessionFactory(unit=world.a.group)
    assert (session.district, session.commune, session.hamlet, session.group) == (
        world.district,
        world.a.commune,
        world.a.hamlet,
        world.a.group,
    )
    at_commune = OutreachSessionFactory(unit=world.b.commune)
    assert (at_commune.hamlet, at_commune.group, at_commune.unit) == (None, None, world.b.commune)


def test_month_arithmetic():
    assert Month(2026, 12).next() == Month(2027, 1)
    assert Month(2027, 1).previous() == Month(2026, 12)
    assert Month(2026, 2).last_day == datetime.date(2026, 2, 28)
    assert Month(2026, 12).due_on == datetime.date(2027, 1, 5)
    assert Month.parse("2026-13", Month(2026, 1)) == Month(2026, 1)
    assert Month.parse("x", Month(2026, 1)) == Month(2026, 1)
    assert str(Month(2026, 3)) == "2026-03"
    assert Meeting._meta.get_field("month").null is False
