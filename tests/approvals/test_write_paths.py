"""Every write path refuses a change dated in a locked month (or an approved year) before
writing anything, and accepts it once the approver has unlocked it: the pages and their
services, the phone's step-by-step save, the admin, the roster import and the past-records
imports."""

import datetime

import pytest

from apps.accounts.models import Scope
from apps.approvals import services
from apps.assessments.models import HouseholdAssessment
from apps.hierarchy.models import Group
from apps.hierarchy.placements import move
from apps.imports.models import PendingImport
from apps.imports.roster_format import COLUMNS
from apps.meetings.models import Meeting, OutreachSession
from apps.petitions.models import Petition
from tests.approvals.conftest import OCTOBER, unlock
from tests.assessments.test_sheets import _download, _upload
from tests.conftest import make_user
from tests.factories import (
    GroupAssessmentFactory,
    HouseholdFactory,
    MeetingFactory,
    OutreachSessionFactory,
    PetitionFactory,
)
from tests.imports import records_files as files
from tests.imports.roster_files import workbook_bytes
from tests.imports.test_meetings_import import line as meeting_line
from tests.imports.test_meetings_import import workbook as meetings_workbook
from tests.imports.test_petitions_import import line as petition_line
from tests.imports.test_petitions_import import workbook as petitions_workbook
from tests.imports.test_roster_import import _family, _import
from tests.meetings.conftest import meeting_data

LOCKED = "Tháng 10/2026 đã được xã duyệt và khóa; cần mở khóa để sửa."
MEETING_URL = "/sinh-hoat/to/{}/2026/10/"


@pytest.fixture
def households(world):
    return HouseholdFactory.create_batch(12, group=world.a.group)


def test_the_meeting_form_is_locked_then_open_after_an_unlock(
    client, world, households, group_a_leader, commune_a_official, october_locked
):
    client.force_login(group_a_leader)
    url = MEETING_URL.format(world.a.group.pk)
    page = client.get(url).content.decode()
    assert LOCKED in page and 'id="month-locked"' in page
    assert '<button type="submit" disabled>' in page
    response = client.post(url, meeting_data(held_on="2026-10-10"))
    assert response.status_code == 200 and LOCKED in response.content.decode()
    assert not Meeting.objects.exists()
    unlock(october_locked, commune_a_official)
    assert client.post(url, meeting_data(held_on="2026-10-10")).status_code == 302
    assert Meeting.objects.filter(group=world.a.group, month=OCTOBER.first_day).exists()


def test_a_locked_meeting_cannot_be_changed_on_its_page(
    client, world, households, group_a_leader, commune_a_official
):
    meeting = MeetingFactory(
        group=world.a.group, month=OCTOBER.first_day, households_total=12, households_represented=10
    )
    services.month_approve(unit=world.a.commune, month=OCTOBER, reason="", user=commune_a_official)
    client.force_login(group_a_leader)
    data = meeting_data(held_on="2026-10-11", version=str(meeting.version), attendees="30")
    response = client.post(MEETING_URL.format(world.a.group.pk), data)
    assert LOCKED in response.content.decode()
    meeting.refresh_from_db()
    assert (meeting.attendees, meeting.held_on) == (20, datetime.date(2026, 10, 10))


OUTREACH = {"held_on": "2026-10-12", "theme": "An toàn giao thông", "attendees": "40"}


def test_outreach_in_a_locked_month_is_refused_then_accepted(
    client, world, commune_a_official, october_locked
):
    client.force_login(commune_a_official)
    data = {**OUTREACH, "unit": f"hamlet:{world.a.hamlet.pk}"}
    response = client.post("/sinh-hoat/tuyen-truyen/moi/", data)
    assert LOCKED in response.content.decode()
    # The commune's own session is locked too; a November one is not.
    data_commune = {**data, "unit": f"commune:{world.a.commune.pk}"}
    assert LOCKED in client.post("/sinh-hoat/tuyen-truyen/moi/", data_commune).content.decode()
    assert not OutreachSession.objects.exists()
    november = {**data, "held_on": "2026-11-02"}
    assert client.post("/sinh-hoat/tuyen-truyen/moi/", november).status_code == 302
    session = OutreachSession.objects.get()
    # Moving a session into the locked month, or deleting one of it, is refused as well.
    edit = f"/sinh-hoat/tuyen-truyen/{session.pk}/"
    assert LOCKED in client.post(edit, data).content.decode()
    october = OutreachSessionFactory(unit=world.a.group, held_on=datetime.date(2026, 10, 20))
    client.post(f"/sinh-hoat/tuyen-truyen/{october.pk}/xoa/")
    assert OutreachSession.objects.filter(pk=october.pk).exists()
    unlock(october_locked, commune_a_official)
    assert client.post("/sinh-hoat/tuyen-truyen/moi/", data).status_code == 302
    assert client.post(f"/sinh-hoat/tuyen-truyen/{october.pk}/xoa/").status_code == 302
    assert OutreachSession.objects.filter(held_on=datetime.date(2026, 10, 12)).count() == 1


def test_a_late_session_is_locked_where_its_unit_stood_on_its_day(
    client, world, commune_a_official, october_locked
):
    """A's hamlet is B's since November: a session of October at it belongs to A's locked
    October, whoever enters it now; one of November belongs to B."""
    move(world.a.hamlet, world.b.commune, datetime.date(2026, 11, 1))
    client.force_login(make_user(Scope.Role.COMMUNE, world.b.commune))
    data = {**OUTREACH, "unit": f"hamlet:{world.a.hamlet.pk}"}
    assert LOCKED in client.post("/sinh-hoat/tuyen-truyen/moi/", data).content.decode()
    assert not OutreachSession.objects.exists()
    november = {**data, "held_on": "2026-11-02"}
    assert client.post("/sinh-hoat/tuyen-truyen/moi/", november).status_code == 302
    assert OutreachSession.objects.get().commune == world.b.commune
    unlock(october_locked, commune_a_official)
    assert client.post("/sinh-hoat/tuyen-truyen/moi/", data).status_code == 302
    assert OutreachSession.objects.get(held_on=OCTOBER.first_day.replace(day=12)).commune == (
        world.a.commune
    )


def test_petitions_received_or_acted_on_in_a_locked_month_are_refused(
    client, world, commune_a_official, october_locked
):
    client.force_login(commune_a_official)
    raise_data = {
        "group": world.a.group.pk,
        "raised_on": "2026-10-10",
        "content": "Đề nghị sửa cầu khỉ.",
        "category": "infrastructure",
        "level": "hamlet",
    }
    response = client.post("/kien-nghi/moi/", raise_data)
    assert LOCKED in response.content.decode()
    assert not Petition.objects.exists()
    petition = PetitionFactory(
        group=world.a.group,
        level="commune",
        raised_on=datetime.date(2026, 9, 20),
        due_on=datetime.date(2026, 12, 20),
    )
    action = {"action": "resolved", "note": "Đã sửa cầu.", "on": "2026-10-15"}
    response = client.post(f"/kien-nghi/{petition.pk}/", action)
    assert LOCKED in response.content.decode()
    petition.refresh_from_db()
    assert petition.state == "received"
    # Acting on it in an open month is fine: a petition of a locked month still closes.
    response = client.post(f"/kien-nghi/{petition.pk}/", {**action, "on": "2026-11-02"})
    petition.refresh_from_db()
    assert petition.state == "resolved"
    unlock(october_locked, commune_a_official)
    assert client.post("/kien-nghi/moi/", raise_data).status_code == 302
    assert Petition.objects.filter(raised_on=datetime.date(2026, 10, 10)).exists()


def test_the_admin_shows_a_locked_meeting_read_only(client, world, commune_a_official):
    meeting = MeetingFactory(group=world.a.group, month=OCTOBER.first_day)
    session = OutreachSessionFactory(unit=world.a.hamlet, held_on=datetime.date(2026, 11, 3))
    october = services.month_approve(
        unit=world.a.commune, month=OCTOBER, reason="", user=commune_a_official
    )
    client.force_login(commune_a_official)
    url = f"/admin/meetings/meeting/{meeting.pk}/change/"
    page = client.get(url).content.decode()
    assert 'name="_save"' not in page  # read-only
    response = client.post(url, {"attendees": "5"})
    assert response.status_code == 403
    meeting.refresh_from_db()
    assert meeting.attendees == 20
    # Moving an open session into the locked month is refused by the form.
    session_url = f"/admin/meetings/outreachsession/{session.pk}/change/"
    data = {"held_on": "2026-10-20", "theme": "Luật mới", "attendees": "30", "notes": ""}
    response = client.post(session_url, data)
    assert response.status_code == 200 and LOCKED in response.content.decode()
    session.refresh_from_db()
    assert session.held_on == datetime.date(2026, 11, 3)
    unlock(october, commune_a_official)
    assert client.post(session_url, data).status_code == 302
    session.refresh_from_db()
    assert session.held_on == datetime.date(2026, 10, 20)
    assert 'name="_save"' in client.get(url).content.decode()


def test_the_meetings_import_refuses_lines_of_a_locked_month(
    client, world, commune_a_official, october_locked
):
    world.a.group.code = "A-01"
    world.a.group.save()
    HouseholdFactory.create_batch(10, group=world.a.group)
    client.force_login(commune_a_official)
    rows = [
        meeting_line("A-01", datetime.date(2026, 9, 10)),
        meeting_line("A-01", datetime.date(2026, 10, 10)),
    ]
    url, page = files.preview(client, "/sinh-hoat/nhap/", meetings_workbook(rows))
    assert [(line, problem) for line, _col, problem in files.error_rows(page)] == [("3", LOCKED)]
    assert client.post(f"{url}xac-nhan/").status_code in (200, 302)
    assert not Meeting.objects.exists()
    unlock(october_locked, commune_a_official)
    url, page = files.preview(client, "/sinh-hoat/nhap/", meetings_workbook(rows))
    client.post(f"{url}xac-nhan/")
    assert Meeting.objects.filter(group=world.a.group).count() == 2


def test_the_petitions_import_refuses_lines_of_a_locked_month(
    client, world, commune_a_official, october_locked
):
    world.a.group.code = "A-01"
    world.a.group.save()
    client.force_login(commune_a_official)
    rows = [
        petition_line("A-01", datetime.date(2026, 9, 10)),
        petition_line(
            "A-01",
            datetime.date(2026, 9, 12),
            content="Đề nghị lắp đèn.",
            state="đã giải quyết",
            closed_on=datetime.date(2026, 10, 2),
            outcome="Đã lắp.",
        ),
    ]
    url, page = files.preview(client, "/kien-nghi/nhap/", petitions_workbook(rows))
    assert [(line, problem) for line, _col, problem in files.error_rows(page)] == [("3", LOCKED)]
    client.post(f"{url}xac-nhan/")
    assert not Petition.objects.exists()
    unlock(october_locked, commune_a_official)
    url, page = files.preview(client, "/kien-nghi/nhap/", petitions_workbook(rows))
    client.post(f"{url}xac-nhan/")
    assert Petition.objects.count() == 2


YEAR_LOCKED = "Năm 2025 đã được xã duyệt và khóa; cần mở khóa để sửa."


def test_assessments_of_an_approved_year_are_refused_on_every_path(
    client, world, commune_a_official, today
):
    household = HouseholdFactory(group=world.a.group)
    rating = GroupAssessmentFactory(group=world.a.group, year=2025, safe=False)
    approval = services.year_approve(
        commune=world.a.commune, year=2025, reason="", user=commune_a_official
    )
    client.force_login(commune_a_official)
    rows = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "500",
        "form-0-household": str(household.pk),
        "form-0-no_crime": "on",
        "form-0-no_social_evils": "on",
        "form-0-no_drugs": "on",
    }
    response = client.post(f"/binh-xet/to/{world.a.group.pk}/2025/", rows, follow=True)
    assert YEAR_LOCKED in response.content.decode()
    assert not HouseholdAssessment.objects.exists()
    # The admin shows the commune's ratings of the year read-only.
    response = client.post(
        f"/admin/assessments/groupassessment/{rating.pk}/change/",
        {"group": world.a.group.pk, "year": "2025", "safe": "on"},
    )
    assert response.status_code == 403
    rating.refresh_from_db()
    assert not rating.safe
    unlock(approval, commune_a_official)
    response = client.post(f"/binh-xet/to/{world.a.group.pk}/2025/", rows)
    assert response.status_code == 302
    assert HouseholdAssessment.objects.filter(household=household, year=2025).exists()


def test_the_assessment_sheet_of_an_approved_year_is_refused_at_preview_and_confirm(
    client, world, commune_a_official, today
):
    HouseholdFactory(group=world.a.group, code="H1")
    client.force_login(commune_a_official)
    workbook = _download(client, world)
    upload = f"/binh-xet/to/{world.a.group.pk}/2026/tai-len/"
    # A preview held before the approval cannot be confirmed after it.
    _upload(client, upload, workbook)
    held = PendingImport.objects.get()
    approval = services.year_approve(
        commune=world.a.commune, year=2026, reason="", user=commune_a_official
    )
    response = client.post(f"/binh-xet/tai-len/{held.pk}/", follow=True)
    assert "Năm 2026 đã được xã duyệt và khóa" in response.content.decode()
    assert not HouseholdAssessment.objects.exists()
    page = _upload(client, upload, workbook).content.decode()
    assert "Năm 2026 đã được xã duyệt và khóa" in page
    assert PendingImport.objects.count() == 1  # nothing new held
    unlock(approval, commune_a_official)
    _upload(client, upload, workbook)
    client.post(f"/binh-xet/tai-len/{PendingImport.objects.latest('pk').pk}/")
    assert HouseholdAssessment.objects.filter(year=2026).count() == 1


def test_the_admins_delete_selected_spares_a_locked_month(client, world, commune_a_official):
    locked = MeetingFactory(group=world.a.group, month=OCTOBER.first_day)
    services.month_approve(unit=world.a.commune, month=OCTOBER, reason="", user=commune_a_official)
    client.force_login(commune_a_official)
    response = client.post(
        "/admin/meetings/meeting/",
        {"action": "delete_selected", "_selected_action": [locked.pk], "post": "yes"},
    )
    assert response.status_code == 403
    assert Meeting.objects.filter(pk=locked.pk).exists()
    september = MeetingFactory(group=world.a.group, month=datetime.date(2026, 9, 1))
    response = client.post(
        "/admin/meetings/meeting/",
        {"action": "delete_selected", "_selected_action": [september.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Meeting.objects.filter(pk=september.pk).exists()


def test_the_phones_step_by_step_save_refuses_an_approved_year_then_saves_after_unlock(
    client, world, commune_a_official, today
):
    """The JSON save the phone's script posts to (one household at a time) is a write path
    of its own: refused with the lock's message while the year is approved."""
    household = HouseholdFactory(group=world.a.group)
    approval = services.year_approve(
        commune=world.a.commune, year=2026, reason="", user=commune_a_official
    )
    client.force_login(commune_a_official)
    url = f"/binh-xet/to/{world.a.group.pk}/2026/luu/"
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-household": str(household.pk),
        "form-0-no_crime": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert response.json()["message"] == YEAR_LOCKED.replace("2025", "2026")
    assert not HouseholdAssessment.objects.exists()
    unlock(approval, commune_a_official)
    response = client.post(url, data)
    assert response.status_code == 200 and response.json()["saved"] == [household.pk]
    assert HouseholdAssessment.objects.filter(household=household, year=2026).exists()


def test_the_roster_import_cannot_date_a_group_into_a_locked_month(
    world, admin_user, commune_a_official, october_locked
):
    """A group dated into an approved month would join that month's meeting figures: the
    roster import refuses a new group active since then, and moving a group's day into it,
    until the month is unlocked. A later day is imported as usual."""
    october = _family_since("15/10/2026")
    plan = _import(workbook_bytes({"S": october}), admin_user)
    assert {e.message for e in plan.errors if e.column == "Tổ hoạt động từ ngày"} == {LOCKED}
    assert not Group.objects.filter(code="T01").exists()
    _import(workbook_bytes({"S": _family_since("02/11/2026")}), admin_user)
    group = Group.objects.get(code="T01")
    plan = _import(workbook_bytes({"S": october}), admin_user)
    assert {e.message for e in plan.errors if e.column == "Tổ hoạt động từ ngày"} == {LOCKED}
    group.refresh_from_db()
    assert group.activated_on == datetime.date(2026, 11, 2)
    unlock(october_locked, commune_a_official)
    assert not _import(workbook_bytes({"S": october}), admin_user).errors
    group.refresh_from_db()
    assert group.activated_on == datetime.date(2026, 10, 15)


def _family_since(day: str) -> list:
    lines = _family()
    for line in lines:
        line[list(COLUMNS).index("group_since")] = day
    return lines
