"""The petition state machine: every action allowed or refused, by state, role and scope."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.petitions import services
from apps.petitions.models import Petition, PetitionEvent
from apps.petitions.workflow import allowed_actions
from tests.factories import AnswerDeadlineFactory
from tests.petitions.conftest import raise_petition

pytestmark = pytest.mark.usefixtures("today")

HANDLER = {"group": "leader_a", "hamlet": "hamlet_a", "commune": "commune_a", "district": "admin"}
ALL_OPEN_ACTIONS = ["taken", "resolved", "answered", "moved_up"]


@pytest.mark.parametrize("level", list(HANDLER))
@pytest.mark.parametrize(
    "who", ["leader_a", "hamlet_a", "commune_a", "admin", "steering", "leader_b", "commune_b"]
)
def test_only_the_officials_of_the_handling_level_act(world, people, level, who):
    petition = raise_petition(world.a.group, people["leader_a"], level=level)
    expected = []
    if who == HANDLER[level]:
        expected = [a for a in ALL_OPEN_ACTIONS if a != "moved_up" or level != "district"]
    assert allowed_actions(people[who], petition) == expected


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ("received", ["taken", "resolved", "answered", "moved_up"]),
        ("in_progress", ["resolved", "answered", "moved_up"]),
        ("resolved", []),
        ("answered", []),
    ],
)
def test_actions_by_state(world, people, state, expected):
    petition = raise_petition(world.a.group, people["leader_a"], level="commune")
    Petition.objects.filter(pk=petition.pk).update(
        state=state,
        closed_on=datetime.date(2026, 11, 10) if state in ("resolved", "answered") else None,
        answer="Đã trả lời." if state == "answered" else "",
    )
    petition.refresh_from_db()
    assert allowed_actions(people["commune_a"], petition) == expected


def test_the_life_of_a_petition_is_kept_in_its_history(world, people):
    petition = raise_petition(world.a.group, people["leader_a"], level="group")
    assert petition.due_on == datetime.date(2026, 11, 17)  # default: 15 days for a group
    services.petition_act(
        petition=petition, action="taken", note="Đã liên hệ điện lực.", user=people["leader_a"]
    )
    AnswerDeadlineFactory(district=world.district, level="hamlet", days=7)
    petition = services.petition_act(
        petition=petition, action="moved_up", note="Vượt khả năng của tổ.", user=people["leader_a"]
    )
    # Moved up: received again at the hamlet, which has 7 days (as configured) from the move;
    # the petition keeps the due date of its first level.
    assert (petition.level, petition.state, petition.due_on) == (
        "hamlet",
        "received",
        datetime.date(2026, 11, 17),
    )
    assert petition.events.get(action="moved_up").due_on == datetime.date(2026, 11, 25)
    assert allowed_actions(people["leader_a"], petition) == []
    petition = services.petition_act(
        petition=petition,
        action="answered",
        note="Điện lực hẹn thay đèn trong quý I.",
        user=people["hamlet_a"],
    )
    assert (petition.state, petition.closed_on, petition.answer) == (
        "answered",
        datetime.date(2026, 11, 18),
        "Điện lực hẹn thay đèn trong quý I.",
    )
    events = list(petition.events.order_by("at", "id"))
    assert [(e.action, e.state, e.level, e.by) for e in events] == [
        ("raised", "received", "group", people["leader_a"]),
        ("taken", "in_progress", "group", people["leader_a"]),
        ("moved_up", "received", "hamlet", people["leader_a"]),
        ("answered", "answered", "hamlet", people["hamlet_a"]),
    ]
    assert events[2].note == "Vượt khả năng của tổ."


def test_refusals_change_nothing(world, people):
    petition = raise_petition(world.a.group, people["leader_a"], level="commune")
    for refusal, action, note, who in [
        (PermissionDenied, "resolved", "x", "steering"),
        (PermissionDenied, "resolved", "x", "commune_b"),
        (ValidationError, "answered", "  ", "commune_a"),
        (PermissionDenied, "reopened", "x", "commune_a"),
    ]:
        with pytest.raises(refusal):
            services.petition_act(petition=petition, action=action, note=note, user=people[who])
    services.petition_act(
        petition=petition, action="resolved", note="Xong.", user=people["commune_a"]
    )
    with pytest.raises(PermissionDenied):  # closed: nothing more
        services.petition_act(
            petition=petition, action="answered", note="x", user=people["commune_a"]
        )
    petition.refresh_from_db()
    assert petition.state == "resolved"
    assert petition.events.count() == 2
    assert PetitionEvent.objects.filter(petition=petition, action="answered").count() == 0
