"""Petitions keep their real dates: entered afterwards with the day received and each
action's day, measured against their first due date, and marked when entered late."""

import datetime
import importlib
import re

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.timezone import localtime

from apps.core.periods import Month, MonthDueOn
from apps.core.shares import Share
from apps.petitions import services
from apps.petitions.figures import Window, petition_figures_over
from apps.petitions.models import Petition, PetitionEvent
from tests.factories import GroupFactory, PetitionFactory
from tests.pages import card, check_petitions_counted_in_their_year, district_dashboard
from tests.petitions.conftest import act_on, raise_petition

pytestmark = pytest.mark.usefixtures("today")
D = datetime.date


def _figures(first: datetime.date, last: datetime.date, as_of: datetime.date):
    return petition_figures_over(Petition.objects.all(), [Window(first, last, as_of)])[0][None]


@pytest.fixture
def old_group(world):
    """A group of hamlet A active since 2008."""
    return GroupFactory(
        hamlet=world.a.hamlet,
        name="Tổ Cũ",
        planned_on=D(2008, 1, 1),
        activated_on=D(2008, 2, 1),
    )


def _raise(client, group, raised_on: str, level: str = "hamlet"):
    return client.post(
        "/kien-nghi/moi/",
        {
            "group": group.pk,
            "raised_on": raised_on,
            "content": "Đề nghị sửa cầu khỉ.",
            "category": "infrastructure",
            "level": level,
        },
    )


def test_a_petition_closed_in_a_past_year_counts_as_closed_in_that_year(
    client, world, people, old_group
):
    client.force_login(people["hamlet_a"])
    response = _raise(client, old_group, "2009-03-02")
    petition = Petition.objects.get()
    assert response.url == f"/kien-nghi/{petition.pk}/"
    url = f"/kien-nghi/{petition.pk}/"
    client.post(url, {"action": "taken", "note": "Ấp đã tiếp nhận.", "on": "2009-03-05"})
    response = client.post(url, {"action": "resolved", "note": "Đã sửa cầu.", "on": "2009-03-20"})
    assert response.status_code == 302

    petition.refresh_from_db()
    assert (petition.state, petition.raised_on, petition.closed_on) == (
        "resolved",
        D(2009, 3, 2),
        D(2009, 3, 20),
    )
    assert petition.recorded_on == D(2026, 11, 18) and petition.entered_late
    assert list(petition.events.values_list("action", "on")) == [
        ("raised", D(2009, 3, 2)),
        ("taken", D(2009, 3, 5)),
        ("resolved", D(2009, 3, 20)),
    ]
    detail = client.get(url).content.decode()
    assert "nhập muộn" in detail and "20/03/2009" in detail

    client.force_login(people["steering"])
    # Closed by its due date, but typed in seventeen years later: not on time.
    check_petitions_counted_in_their_year(
        client,
        world.district,
        2009,
        count=1,
        closed="100,00 % 1/1",
        overdue=0,
        on_time="0,00 % 0/1",
    )


@pytest.fixture
def twelve(world, people):
    """Twelve group-level petitions of group A received on 01/11/2026 (due 16/11): ten
    closed on time, one closed late, one still open, overdue on 18/11."""
    leader = people["leader_a"]
    made = [raise_petition(world.a.group, leader, raised_on=D(2026, 11, 1)) for _ in range(12)]
    for petition in made[:10]:
        act_on(petition, "resolved", leader, D(2026, 11, 10))
    act_on(made[10], "resolved", leader, D(2026, 11, 17))
    return made


def test_an_escalated_overdue_petition_stays_overdue(client, world, people, twelve):
    before = _figures(D(2026, 1, 1), D(2026, 12, 31), D(2026, 11, 18))
    assert (before.overdue, before.on_time) == (1, Share(10, 12))
    overdue = twelve[11]
    client.force_login(people["leader_a"])
    response = client.post(
        f"/kien-nghi/{overdue.pk}/", {"action": "moved_up", "note": "Vượt khả năng của tổ."}
    )
    assert response.status_code == 302

    overdue.refresh_from_db()
    # The hamlet has its own 15 days, kept in the history; the petition keeps its first due date.
    assert (overdue.level, overdue.due_on) == ("hamlet", D(2026, 11, 16))
    moved = overdue.events.get(action="moved_up")
    assert (moved.on, moved.due_on) == (D(2026, 11, 18), D(2026, 12, 3))
    after = _figures(D(2026, 1, 1), D(2026, 12, 31), D(2026, 11, 18))
    assert (after.overdue, after.on_time) == (1, Share(10, 12))  # not 10/11

    client.force_login(people["hamlet_a"])
    assert "quá hạn từ 16/11/2026" in client.get("/kien-nghi/").content.decode()
    detail = client.get(f"/kien-nghi/{overdue.pk}/").content.decode()
    assert re.search(r'id="due-on">16/11/2026<', detail)
    assert re.search(r'id="level-due-on">03/12/2026<', detail)
    client.force_login(people["steering"])
    page = district_dashboard(client, world.district, 2026)
    assert card(page, "petitions_on_time").endswith("83,33 % 10/12")
    assert card(page, "petitions_overdue").endswith(" 1")


def test_closing_after_an_escalation_is_measured_against_the_first_due_date(world, people):
    petition = raise_petition(world.a.group, people["leader_a"], raised_on=D(2026, 10, 20))
    act_on(petition, "moved_up", people["leader_a"], D(2026, 10, 30), note="Chuyển ấp.")
    act_on(petition, "answered", people["hamlet_a"], D(2026, 11, 10), note="Đã trả lời.")
    petition.refresh_from_db()
    # Within the hamlet's own 15 days, but after the group's due date of 04/11.
    assert petition.due_on == D(2026, 11, 4) and not petition.closed_on_time
    figures = _figures(D(2026, 1, 1), D(2026, 12, 31), D(2026, 11, 18))
    assert (figures.closed, figures.closed_on_time) == (1, 0)


def test_a_late_entered_petition_is_not_on_time(client, world, people):
    client.force_login(people["commune_a"])
    # September's petitions were due to be entered by 05/10; October's by 05/11.
    for raised_on in ("2026-09-20", "2026-10-20", "2026-11-02"):
        assert _raise(client, world.a.group, raised_on, level="commune").status_code == 302
    late_sep, late_oct, in_time = Petition.objects.order_by("raised_on")
    assert [p.entered_late for p in (late_sep, late_oct, in_time)] == [True, True, False]
    for petition in (late_sep, late_oct, in_time):
        client.post(
            f"/kien-nghi/{petition.pk}/",
            {"action": "resolved", "note": "Đã xử lý.", "on": "2026-11-10"},
        )
    # All three closed on 10/11, before each one's due date (30 days at the commune);
    # only the one entered in time counts as on time.
    figures = _figures(D(2026, 1, 1), D(2026, 12, 31), D(2026, 11, 18))
    assert (figures.closed, figures.closed_on_time, figures.on_time) == (3, 1, Share(1, 3))
    page = client.get("/kien-nghi/?trang_thai=all").content.decode()
    assert page.count("nhập muộn") == 2
    workbook_rows = client.get("/kien-nghi/xuat-excel/?trang_thai=all")
    assert workbook_rows.status_code == 200


def test_the_reporting_deadline_is_the_same_in_python_and_in_the_database(world):
    days = [D(2026, 1, 31), D(2026, 2, 1), D(2024, 2, 29), D(2026, 12, 31), D(2025, 12, 1)]
    for day in days:
        PetitionFactory(group=world.a.group, raised_on=day, due_on=day)
    found = dict(
        Petition.objects.annotate(deadline=MonthDueOn("raised_on")).values_list(
            "raised_on", "deadline"
        )
    )
    assert found == {day: Month.of(day).due_on for day in days}
    assert found[D(2026, 12, 31)] == D(2027, 1, 5)
    # Entered on the deadline is in time; the day after is late.
    Petition.objects.filter(raised_on=D(2026, 1, 31)).update(recorded_on=D(2026, 2, 5))
    Petition.objects.filter(raised_on=D(2026, 2, 1)).update(recorded_on=D(2026, 3, 6))
    in_time = set(
        Petition.objects.filter(Petition.entered_in_time_q()).values_list("raised_on", flat=True)
    )
    assert in_time == set(days) - {D(2026, 2, 1)}
    assert {p.raised_on for p in Petition.objects.all() if not p.entered_late} == in_time


def _state(petition: Petition) -> tuple:
    petition.refresh_from_db()
    return (
        petition.state,
        petition.level,
        petition.due_on,
        petition.closed_on,
        petition.events.count(),
    )


@pytest.mark.parametrize(
    ("on", "message"),
    [
        ("2026-11-19", "Ngày không được sau ngày hôm nay."),
        ("2026-10-31", "Kiến nghị được tiếp nhận ngày 01/11/2026"),
        ("2026-11-04", "Thao tác gần nhất của kiến nghị là ngày 05/11/2026"),
    ],
)
def test_an_action_on_a_bad_day_is_refused_and_changes_nothing(client, world, people, on, message):
    petition = raise_petition(world.a.group, people["leader_a"], raised_on=D(2026, 11, 1))
    act_on(petition, "taken", people["leader_a"], D(2026, 11, 5), note="Tổ đã tiếp nhận.")
    before = _state(petition)
    client.force_login(people["leader_a"])
    for action in ("resolved", "moved_up"):
        response = client.post(
            f"/kien-nghi/{petition.pk}/", {"action": action, "note": "Xong.", "on": on}
        )
        assert response.status_code == 200
        assert message in response.content.decode()
        assert _state(petition) == before


def test_raising_on_a_bad_day_is_refused_and_changes_nothing(client, world, people):
    client.force_login(people["hamlet_a"])
    assert "được đánh dấu nhập muộn" in client.get("/kien-nghi/moi/").content.decode()
    for raised_on, message in [
        ("2026-11-19", "Ngày không được sau ngày hôm nay."),
        ("2018-12-31", "chưa thành lập vào ngày 31/12/2018"),  # the group: from 2019
    ]:
        response = _raise(client, world.a.group, raised_on)
        assert response.status_code == 200
        assert message in response.content.decode()
    assert not Petition.objects.exists() and not PetitionEvent.objects.exists()


def test_the_service_refuses_bad_days_without_a_form(world, people):
    with pytest.raises(ValidationError):
        raise_petition(world.a.group, people["leader_a"], raised_on=D(2018, 12, 31))
    with pytest.raises(ValidationError):
        raise_petition(world.a.group, people["leader_a"], raised_on=D(2026, 11, 19))
    assert not Petition.objects.exists()


def test_the_action_day_defaults_to_today(client, world, people):
    petition = raise_petition(world.a.group, people["leader_a"], raised_on=D(2026, 11, 1))
    client.force_login(people["leader_a"])
    page = client.get(f"/kien-nghi/{petition.pk}/").content.decode()
    assert re.search(r'<input type="date" name="on" value="2026-11-18"', page)
    client.post(f"/kien-nghi/{petition.pk}/", {"action": "resolved", "note": "Xong."})
    petition.refresh_from_db()
    assert petition.closed_on == D(2026, 11, 18)
    assert petition.events.last().on == D(2026, 11, 18)


def test_the_petition_page_does_not_query_more_with_a_longer_history(client, world, people):
    petition = raise_petition(world.a.group, people["hamlet_a"], level="hamlet")
    client.force_login(people["hamlet_a"])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/kien-nghi/{petition.pk}/").status_code == 200
        return len(captured)

    few = queries()
    PetitionEvent.objects.bulk_create(
        PetitionEvent(
            petition=petition,
            action="taken",
            state="in_progress",
            level="hamlet",
            note="Đang xử lý.",
            by=people["hamlet_a"],
            on=D(2026, 11, 2),
            at=petition.events.get().at,
        )
        for _ in range(10)
    )
    assert queries() == few


def test_filling_the_dates_of_petitions_entered_before_they_were_kept(world, people):
    """The data migration: each move's due date goes to its history entry, and the petition
    takes back its first level's due date, which a move used to overwrite."""
    leader = people["leader_a"]
    moved = raise_petition(world.a.group, leader, raised_on=D(2026, 11, 2))
    services.petition_act(petition=moved, action="moved_up", note="Lên ấp.", user=leader)
    plain = raise_petition(world.a.group, leader, raised_on=D(2026, 11, 3))
    # As the rows stood: the move's due date on the petition, and no dates in the history.
    Petition.objects.filter(pk=moved.pk).update(due_on=D(2026, 12, 3))
    PetitionEvent.objects.update(due_on=None, on=D(2000, 1, 1))
    fill = importlib.import_module("apps.petitions.migrations.0006_fill_petition_dates")

    fill.fill_dates(django_apps, None)

    moved.refresh_from_db()
    plain.refresh_from_db()
    assert (moved.due_on, plain.due_on) == (D(2026, 11, 17), D(2026, 11, 18))
    assert list(moved.events.values_list("action", "on", "due_on")) == [
        ("raised", D(2026, 11, 2), D(2026, 11, 17)),
        ("moved_up", localtime(moved.events.get(action="moved_up").at).date(), D(2026, 12, 3)),
    ]
    assert list(plain.events.values_list("on", "due_on")) == [(D(2026, 11, 3), D(2026, 11, 18))]
    assert moved.recorded_on == localtime(moved.created_at).date()
