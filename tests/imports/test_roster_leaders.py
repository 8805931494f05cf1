"""Appointing a group leader: a roster that names a new leader since a day hands the group
over, ending the previous leader's term (and the newcomer's own role) the day before. A day
on which that term began, or one before, is refused: the group would have two leaders."""

import datetime

import pytest

from apps.hierarchy.models import Group
from apps.people.models import GroupRole, Person
from tests.factories import GroupRoleFactory
from tests.imports.roster_files import workbook_bytes
from tests.imports.test_roster_import import _family, _import

pytestmark = pytest.mark.usefixtures("today")

LEADER = GroupRole.Role.LEADER
AN, BINH, CUONG = 0, 1, 2  # the lines of _family(): An leads, Bình is a member, Cường a deputy
GROUP_NAME, ROLE, GROUP_SINCE, ROLE_SINCE = 3, 10, 13, 14


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def leader_on(group, on):
    """Who led `group` on `on` (the held-on rule of GroupRole.objects.held_on)."""
    role = GroupRole.objects.held_on(on).filter(group=group, role=LEADER).first()
    return role.person if role else None


def _roster(admin_user, *, leader_since: str | None, deputy: bool = True) -> Group:
    """Tổ 1 as the roster first brings it, active since 01/01/2016: An its leader since
    `leader_since` (no leader when None), Cường its deputy unless `deputy` is False."""
    rows = _family()
    rows[AN][GROUP_SINCE] = "01/01/2016"
    if leader_since is None:
        rows[AN][ROLE] = "thành viên"
    else:
        rows[AN][ROLE_SINCE] = leader_since
    if deputy:
        rows[CUONG][ROLE_SINCE] = "01/01/2016"
    else:
        rows[CUONG][ROLE] = "thành viên"
    plan = _import(workbook_bytes({"S": rows}), admin_user)
    assert plan.errors == []
    return Group.objects.get(code="T01")


def _appoint(admin_user, line: int, since: str, *, deputy: bool = True):
    """The roster again, naming the person of `line` leader since `since` (dd/mm/yyyy)."""
    rows = _family()
    rows[AN][ROLE] = "thành viên"
    if not deputy:
        rows[CUONG][ROLE] = "thành viên"
    rows[line][ROLE], rows[line][ROLE_SINCE] = "tổ trưởng", since
    return _import(workbook_bytes({"S": rows}), admin_user)


def _person(name: str) -> Person:
    return Person.objects.get(full_name=name)


def test_appointing_a_leader_ends_the_previous_term_the_day_before(units, admin_user):
    group = _roster(admin_user, leader_since="01/03/2019")
    previous = GroupRole.objects.get(group=group, role=LEADER)
    newcomer = _person("Trần Thị Bình")

    assert _appoint(admin_user, BINH, "01/06/2024").errors == []

    previous.refresh_from_db()
    assert previous.ended_on == day("2024-05-31")
    role = GroupRole.objects.get(group=group, person=newcomer)
    assert (role.person, role.role, role.started_on, role.ended_on) == (
        newcomer,
        LEADER,
        day("2024-06-01"),
        None,
    )
    assert leader_on(group, day("2024-05-31")) == previous.person
    assert leader_on(group, day("2024-06-01")) == newcomer


def test_appointing_the_first_leader_of_a_group_just_records_the_term(units, admin_user):
    group = _roster(admin_user, leader_since=None, deputy=False)
    person = _person("Nguyễn Văn An")

    assert _appoint(admin_user, AN, "01/06/2024", deputy=False).errors == []

    assert list(GroupRole.objects.filter(group=group).values_list("person", "ended_on")) == [
        (person.pk, None)
    ]


def test_appointing_a_leader_the_day_after_the_previous_start_leaves_a_one_day_term(
    units, admin_user
):
    group = _roster(admin_user, leader_since="01/06/2024")
    previous = GroupRole.objects.get(group=group, role=LEADER)

    _appoint(admin_user, BINH, "02/06/2024")

    previous.refresh_from_db()
    assert previous.ended_on == previous.started_on


@pytest.mark.parametrize(
    "appointed_on",
    [
        pytest.param("01/06/2024", id="on-the-day-the-current-one-started"),
        pytest.param("01/01/2024", id="before-the-current-one-started"),
    ],
)
def test_appointing_a_leader_not_after_the_current_one_started_is_refused(
    units, admin_user, appointed_on
):
    group = _roster(admin_user, leader_since="01/06/2024", deputy=False)
    current = GroupRole.objects.get(group=group, role=LEADER)

    assert _appoint(admin_user, BINH, appointed_on, deputy=False).errors

    current.refresh_from_db()
    assert current.ended_on is None
    assert GroupRole.objects.filter(group=group).count() == 1


def test_appointing_a_leader_leaves_other_groups_alone(units, admin_user):
    _roster(admin_user, leader_since="01/03/2019")
    elsewhere = GroupRoleFactory(started_on=day("2019-03-01"))

    _appoint(admin_user, BINH, "01/06/2024")

    elsewhere.refresh_from_db()
    assert elsewhere.ended_on is None


def test_a_refused_appointment_leaves_the_current_leader_in_office(units, admin_user):
    """The deputy only started that day, so their term cannot end the day before; the whole
    appointment must roll back rather than leave the group without a leader."""
    group = _roster(admin_user, leader_since="01/03/2019", deputy=False)
    current = GroupRole.objects.get(group=group, role=LEADER)
    rows = _family()
    rows[CUONG][ROLE_SINCE] = "01/06/2024"  # Cường becomes deputy on 01/06/2024
    assert _import(workbook_bytes({"S": rows}), admin_user).errors == []

    assert _appoint(admin_user, CUONG, "01/06/2024").errors

    current.refresh_from_db()
    assert current.ended_on is None
    assert leader_on(group, day("2024-06-01")) == current.person


def test_a_deputy_promoted_to_leader_ends_the_deputy_term_the_day_before(units, admin_user):
    group = _roster(admin_user, leader_since="01/03/2019")
    leader = GroupRole.objects.get(group=group, role=LEADER)
    deputy = GroupRole.objects.get(group=group, role=GroupRole.Role.DEPUTY)
    _appoint(admin_user, CUONG, "01/06/2024")
    leader.refresh_from_db()
    deputy.refresh_from_db()
    assert leader.ended_on == deputy.ended_on == day("2024-05-31")
    assert leader_on(group, day("2024-06-01")) == deputy.person


def test_a_same_day_appointment_is_refused_on_its_line_in_vietnamese(units, admin_user):
    _roster(admin_user, leader_since="01/06/2024", deputy=False)

    plan = _appoint(admin_user, BINH, "01/06/2024", deputy=False)

    assert [(e.line, e.column, e.message) for e in plan.errors] == [
        (3, "Giữ vai trò từ ngày", "Chức danh hiện tại mới bắt đầu từ ngày 01/06/2024.")
    ]


def test_a_same_day_appointment_writes_nothing_of_the_file(units, admin_user):
    group = _roster(admin_user, leader_since="01/06/2024", deputy=False)
    rows = _family()
    rows[AN][ROLE] = "thành viên"
    rows[CUONG][ROLE] = "thành viên"
    rows[BINH][ROLE], rows[BINH][ROLE_SINCE] = "tổ trưởng", "01/06/2024"
    rows[AN][GROUP_NAME] = "Tổ Một"  # a new name for the group, on another line of the file

    assert _import(workbook_bytes({"S": rows}), admin_user).errors

    group.refresh_from_db()
    assert group.name == "Tổ 1"
    assert list(
        GroupRole.objects.filter(group=group).values_list("person__full_name", "ended_on")
    ) == [("Nguyễn Văn An", None)]


def test_a_leader_who_becomes_deputy_cannot_be_succeeded_before_stepping_down(units, admin_user):
    """An steps down to deputy on 01/06/2024 (leader until 31/05); Bình cannot lead from
    01/03/2024, while An still did."""
    group = _roster(admin_user, leader_since="01/03/2019", deputy=False)
    rows = _family()
    rows[CUONG][ROLE] = "thành viên"
    rows[AN][ROLE], rows[AN][ROLE_SINCE] = "tổ phó", "01/06/2024"
    rows[BINH][ROLE], rows[BINH][ROLE_SINCE] = "tổ trưởng", "01/03/2024"

    plan = _import(workbook_bytes({"S": rows}), admin_user)

    assert [e.message for e in plan.errors] == [
        "Tổ trưởng trước của tổ giữ vai trò đến 31/05/2024."
    ]
    assert list(GroupRole.objects.filter(group=group).values_list("role", "ended_on")) == [
        (LEADER, None)
    ]


def test_a_new_leader_cannot_begin_before_a_past_leader_ended(units, admin_user):
    group = _roster(admin_user, leader_since="01/03/2019", deputy=False)
    assert _appoint(admin_user, BINH, "01/06/2024", deputy=False).errors == []
    rows = _family()
    rows[AN][ROLE] = rows[BINH][ROLE] = rows[CUONG][ROLE] = "thành viên"
    assert _import(workbook_bytes({"S": rows}), admin_user).errors == []  # nobody leads now

    plan = _appoint(admin_user, CUONG, "01/01/2024", deputy=False)

    assert [e.message for e in plan.errors] == [
        "Tổ trưởng trước của tổ giữ vai trò đến 17/11/2026."
    ]
    assert _appoint(admin_user, CUONG, "18/11/2026", deputy=False).errors == []
    assert leader_on(group, day("2026-11-18")) == _person("Lê Văn Cường")
