"""Scopes over time: communes A and B merged into N on 01/07/2025. A's official still reads
A's past and writes nothing; N's officials read A's and B's past and write N's present."""

import datetime
from dataclasses import dataclass

import pytest
from django.urls import reverse

from apps.accounts import access
from apps.accounts.models import Scope, User
from apps.assessments.models import CommuneAssessment
from apps.hierarchy.models import Commune, Group, Hamlet, Reorganisation, Succession
from apps.hierarchy.placements import move
from apps.meetings.models import Meeting, MonthlyProgramme, OutreachSession
from apps.organisation.models import CommitteeMember, SteeringCommittee
from apps.petitions.models import Petition
from tests.conftest import make_user
from tests.factories import (
    CommendationFactory,
    CommitteeMemberFactory,
    CommuneAssessmentFactory,
    CommuneFactory,
    DistrictFactory,
    DocumentFactory,
    FollowUpFactory,
    GroupFactory,
    HamletFactory,
    MeetingFactory,
    MonthlyProgrammeFactory,
    OutreachSessionFactory,
    PetitionFactory,
    SteeringCommitteeFactory,
    SupervisionVisitFactory,
)

MERGED_ON = datetime.date(2025, 7, 1)
LAST_DAY = datetime.date(2025, 6, 30)

pytestmark = pytest.mark.usefixtures("today")


@dataclass
class Old:
    """A commune merged away, with its hamlet, group and records of 2024."""

    commune: Commune
    hamlet: Hamlet
    group: Group
    meeting: Meeting
    petition: Petition
    assessment: CommuneAssessment
    outreach: OutreachSession  # held by the commune
    hamlet_outreach: OutreachSession
    programme: MonthlyProgramme
    committee: SteeringCommittee


def _old_commune(district, name: str) -> Old:
    commune = CommuneFactory(district=district, name=f"Xã {name}")
    hamlet = HamletFactory(commune=commune, name=f"Ấp {name}")
    group = GroupFactory(hamlet=hamlet, name=f"Tổ {name}")
    meeting = MeetingFactory(group=group, month=datetime.date(2024, 5, 1))
    return Old(
        commune,
        hamlet,
        group,
        meeting,
        PetitionFactory(group=group, raised_on=meeting.held_on, due_on=datetime.date(2024, 6, 1)),
        CommuneAssessmentFactory(commune=commune, year=2024),
        OutreachSessionFactory(unit=commune, held_on=datetime.date(2024, 6, 1)),
        OutreachSessionFactory(unit=hamlet, held_on=datetime.date(2024, 6, 2)),
        MonthlyProgrammeFactory(commune=commune, month=datetime.date(2024, 5, 1)),
        SteeringCommitteeFactory(commune=commune),
    )


@dataclass
class Merger:
    a: Old
    b: Old
    new: Commune
    a_official: User
    new_official: User
    leader: User  # of A's former group, now within N


@pytest.fixture
def merger(db) -> Merger:
    district = DistrictFactory()
    a, b = _old_commune(district, "An Bình"), _old_commune(district, "Bình Hòa")
    new = CommuneFactory(district=district, name="Xã An Hòa", started_on=MERGED_ON)
    reorganisation = Reorganisation.objects.create(
        kind=Reorganisation.Kind.MERGE,
        level="commune",
        took_effect_on=MERGED_ON,
        district=district,
    )
    for old in (a, b):
        move(old.hamlet, new, MERGED_ON)
        old.commune.ended_on = LAST_DAY
        old.commune.save()
        Succession.objects.create(
            reorganisation=reorganisation,
            level="commune",
            predecessor_id=old.commune.pk,
            successor_id=new.pk,
        )
    return Merger(
        a,
        b,
        new,
        make_user(Scope.Role.COMMUNE, a.commune),
        make_user(Scope.Role.COMMUNE, new),
        make_user(Scope.Role.GROUP_LEADER, a.group),
    )


def _records(old: Old) -> dict[type, set]:
    return {
        Meeting: {old.meeting},
        Petition: {old.petition},
        CommuneAssessment: {old.assessment},
        OutreachSession: {old.outreach, old.hamlet_outreach},
        MonthlyProgramme: {old.programme},
        SteeringCommittee: {old.committee},
        Commune: {old.commune},
        Hamlet: {old.hamlet},
        Group: {old.group},
    }


def test_the_official_of_a_merged_commune_reads_its_past_and_nothing_of_the_other(merger):
    for model, expected in _records(merger.a).items():
        assert set(access.readable(merger.a_official, model)) == expected, model


def test_the_official_of_a_merged_commune_does_not_read_what_its_units_did_since(merger):
    since = MeetingFactory(group=merger.a.group, month=datetime.date(2025, 9, 1))
    assert since.commune == merger.new
    assert since not in access.readable(merger.a_official, Meeting)
    assert since in access.readable(merger.new_official, Meeting)


def test_the_official_of_a_merged_commune_writes_nothing(merger):
    user = merger.a_official
    for model in _records(merger.a):
        assert not access.writable(user, model).exists(), model
        assert not access.can_write_any(user, model), model
    assert not access.writable_parents(user, Meeting, "group").exists()
    assert not access.may(user, Meeting, merger.a.group, write=True)
    assert access.may(user, Meeting, merger.a.commune)


def test_the_new_commune_reads_its_predecessors_past(merger):
    for model in _records(merger.a):
        expected = _records(merger.a)[model] | _records(merger.b)[model]
        if model is Commune:
            expected |= {merger.new}
        assert set(access.readable(merger.new_official, model)) == expected, model


def test_the_new_commune_writes_its_present_units_only(merger):
    user = merger.new_official
    assert set(access.writable(user, Hamlet)) == {merger.a.hamlet, merger.b.hamlet}
    assert set(access.writable_parents(user, Meeting, "group")) == {merger.a.group, merger.b.group}
    # Through the current structure: a past meeting of a group now within N, ...
    assert merger.a.meeting in access.writable(user, Meeting)
    # ... but not the predecessors' own records, which stay with the ended communes.
    assert not access.writable(user, CommuneAssessment).exists()
    assert not access.writable(user, OutreachSession).exists()


def test_a_leader_of_a_moved_group_still_writes_their_group(merger):
    assert list(access.writable_parents(merger.leader, Meeting, "group")) == [merger.a.group]
    assert list(access.writable(merger.leader, Meeting)) == [merger.a.meeting]


def test_a_hamlet_ended_within_a_live_commune_is_read_only(merger):
    hamlet = merger.a.hamlet
    hamlet.ended_on = datetime.date(2026, 1, 31)
    hamlet.save()
    user = make_user(Scope.Role.COMMUNE, merger.new)
    assert set(access.writable(user, Hamlet)) == {merger.b.hamlet}
    assert set(access.writable_parents(user, Meeting, "group")) == {merger.b.group}
    assert hamlet in access.readable(user, Hamlet)


def test_a_reversed_reorganisation_no_longer_opens_the_past(merger):
    Reorganisation.objects.update(reversed_at=datetime.datetime(2025, 8, 1, tzinfo=datetime.UTC))
    user = make_user(Scope.Role.COMMUNE, merger.new)
    assert not access.readable(user, CommuneAssessment).exists()


def test_successions_are_followed_transitively(merger):
    later = CommuneFactory(district=merger.new.district, started_on=datetime.date(2026, 1, 1))
    Succession.objects.create(
        reorganisation=Reorganisation.objects.create(
            kind=Reorganisation.Kind.RENAME,
            level="commune",
            took_effect_on=datetime.date(2026, 1, 1),
            district=merger.new.district,
        ),
        level="commune",
        predecessor_id=merger.new.pk,
        successor_id=later.pk,
    )
    user = make_user(Scope.Role.COMMUNE, later)
    expected = {merger.a.assessment, merger.b.assessment}
    assert set(access.readable(user, CommuneAssessment)) == expected


def test_reading_with_predecessors_costs_one_query_per_generation(
    merger, django_assert_num_queries
):
    user = merger.new_official
    # The scopes, N's predecessors (A and B), theirs (none), the meetings.
    with django_assert_num_queries(4):
        assert len(list(access.readable(user, Meeting))) == 2


def test_pages_answer_the_merged_communes_official(merger, client):
    a = merger.a
    client.force_login(merger.a_official)
    meeting_page = f"/sinh-hoat/to/{a.group.pk}/2024/5/"
    page = client.get(meeting_page)
    assert page.status_code == 200
    assert "Ấp An Bình, Xã An Bình</span>" in page.content.decode()  # where it was held
    petition_page = client.get(f"/kien-nghi/{a.petition.pk}/").content.decode()
    assert "Tổ An Bình, Ấp An Bình, Xã An Bình" in petition_page  # where it was raised
    assert "(nay thuộc Ấp An Bình, Xã An Hòa)" in petition_page
    assert client.get("/sinh-hoat/tuyen-truyen/").status_code == 200
    assert client.post(meeting_page, {}).status_code == 403
    assert client.get("/kien-nghi/moi/").status_code == 403
    assert client.get("/sinh-hoat/tuyen-truyen/moi/").status_code == 403
    assert client.get(f"/sinh-hoat/tuyen-truyen/{a.outreach.pk}/").status_code == 403
    assert client.get(f"/binh-xet/xa/{a.commune.pk}/2024/").status_code == 403
    b_page = f"/sinh-hoat/to/{merger.b.group.pk}/2024/5/"
    assert client.get(b_page).status_code == 404
    assert client.get(f"/kien-nghi/{merger.b.petition.pk}/").status_code == 404


def test_pages_answer_the_new_communes_official(merger, client):
    client.force_login(merger.new_official)
    assert client.get(f"/kien-nghi/{merger.b.petition.pk}/").status_code == 200
    assert client.get(f"/sinh-hoat/to/{merger.b.group.pk}/2024/5/").status_code == 200
    response = client.get("/sinh-hoat/tuyen-truyen/moi/")
    assert response.status_code == 200
    choices = dict(response.context["form"].fields["unit"].choices)
    assert set(choices) == {f"commune:{merger.new.pk}"} | {
        f"{u.level}:{u.pk}"
        for u in (merger.a.hamlet, merger.b.hamlet, merger.a.group, merger.b.group)
    }


def test_the_merged_communes_official_does_not_follow_its_group_into_the_new_commune(
    merger, client
):
    """Its group's meetings since the merger belong to N: neither the month's list nor the
    group's page of such a month shows them to A's official; May 2024 still does."""
    a = merger.a
    MeetingFactory(group=a.group, month=datetime.date(2025, 9, 1), minutes="Bàn việc sau sáp nhập.")
    client.force_login(merger.a_official)

    september = client.get("/sinh-hoat/?thang=2025-09").content.decode()
    may = client.get("/sinh-hoat/?thang=2024-05").content.decode()

    assert "tháng 06/2025" in september and "tháng 09/2025" not in september  # its last
    assert a.group.name in may and "đã ghi" in may
    assert client.get(f"/sinh-hoat/to/{a.group.pk}/2025/9/").status_code == 404
    assert client.get(f"/sinh-hoat/to/{a.group.pk}/2025/6/").status_code == 200
    client.force_login(merger.new_official)
    page = client.get(f"/sinh-hoat/to/{a.group.pk}/2025/9/").content.decode()
    assert "Bàn việc sau sáp nhập." in page
    assert a.group.name in client.get("/sinh-hoat/?thang=2024-05").content.decode()


def test_a_group_moved_away_is_read_by_its_old_commune_up_to_the_move_only(merger, client):
    """B's hamlet and group, within N since the merger, move to another commune in 2026:
    N's official reads the group's months up to the move, not after it."""
    other = CommuneFactory(district=merger.new.district, name="Xã Khác")
    move(merger.b.hamlet, other, datetime.date(2026, 1, 1))
    client.force_login(merger.new_official)
    group = merger.b.group
    assert client.get(f"/sinh-hoat/to/{group.pk}/2025/12/").status_code == 200
    assert client.get(f"/sinh-hoat/to/{group.pk}/2026/1/").status_code == 404
    assert group.name not in client.get("/sinh-hoat/?thang=2026-01").content.decode()
    assert group.name in client.get("/sinh-hoat/?thang=2025-12").content.decode()


def test_the_merged_communes_official_starts_on_its_last_month(merger, client):
    client.force_login(merger.a_official)
    page = client.get("/sinh-hoat/").content.decode()
    assert "Sinh hoạt tổ — tháng 06/2025" in page
    assert "Xã An Bình đã kết thúc ngày 30/06/2025" in page
    assert merger.a.group.name in page
    assert 'max="2025-06"' in page and "thang=2025-07" not in page  # nothing to go on to
    assert "tháng 06/2025" in client.get("/sinh-hoat/?thang=2026-01").content.decode()
    client.force_login(merger.new_official)
    page = client.get("/sinh-hoat/").content.decode()
    assert 'id="unit-ended"' not in page and "tháng 06/2025" not in page


def test_the_merged_communes_official_counts_no_unit_it_lost(merger, client):
    """The year's assessments and the organisation's visits count the units as they stand in
    the year shown: A's group and hamlet are N's since the merger."""
    client.force_login(merger.a_official)
    assessments = client.get("/binh-xet/")
    assert assessments.context["year"] == 2025
    assert list(assessments.context["years"])[:2] == [2025, 2024]  # no year after its end
    assert assessments.context["groups"].units == 1
    # Its group's households of the years it stood in A, read-only; not those of N's years.
    assert [g.pk for g in assessments.context["page"]] == [merger.a.group.pk]
    rows = client.get(f"/binh-xet/to/{merger.a.group.pk}/2025/")
    assert rows.status_code == 200 and rows.context["can_write"] is False
    assert client.post(f"/binh-xet/to/{merger.a.group.pk}/2025/", {}).status_code == 403
    assert client.get(f"/binh-xet/to/{merger.a.group.pk}/2026/").status_code == 404
    sheet = f"/binh-xet/ap/{merger.a.hamlet.pk}/2024/excel/"
    assert client.get(sheet).status_code == 200
    assert client.get(sheet.replace("2024", "2026")).status_code == 404
    assert client.get(f"/binh-xet/to/{merger.b.group.pk}/2024/").status_code == 404  # B's
    assert client.get("/binh-xet/?nam=2026").context["groups"].units == 0
    visits = client.get("/to-chuc/").context  # its last year, its hamlet as it stood then
    assert (visits["year"], visits["never_visited"].units) == (2025, [merger.a.hamlet])
    assert merger.a.hamlet.name not in client.get("/duyet/").content.decode()
    client.force_login(merger.new_official)
    assert client.get("/binh-xet/?nam=2026").context["groups"].units == 2
    assert client.get("/to-chuc/").context["never_visited"].total == 2
    assert merger.a.hamlet.name in client.get("/duyet/").content.decode()


def test_the_merged_communes_official_counts_follow_ups_and_members_on_its_last_day(merger, client):
    """What lapsed or changed after A ended is N's: A's organisation page counts overdue
    actions and committee members as they stood on A's last day."""
    visit = SupervisionVisitFactory(unit=merger.a.hamlet, visited_on=datetime.date(2025, 5, 5))
    late = datetime.date(2025, 8, 1)  # done by N, after A's end: overdue on A's last day
    FollowUpFactory(visit=visit, due_on=datetime.date(2025, 6, 1), done=True, done_on=late)
    FollowUpFactory(visit=visit, due_on=datetime.date(2025, 6, 15), done=True, done_on=late)
    FollowUpFactory(visit=visit, due_on=datetime.date(2025, 9, 1))  # N's to do, overdue now
    farmers = CommitteeMember.Organisation.FARMERS
    left = datetime.date(2025, 12, 31)
    CommitteeMemberFactory(committee=merger.a.committee, organisation=farmers, ended_on=left)
    client.force_login(merger.a_official)
    page = client.get("/to-chuc/").context
    assert page["overdue"] == 2
    assert dict(page["organisations"])[farmers.label] == 1  # on A's last day, not today
    client.force_login(merger.new_official)
    assert client.get("/to-chuc/").context["overdue"] == 1


def test_an_ended_districts_committee_reads_its_last_year_of_visits(merger, client):
    district = merger.new.district
    district.ended_on = LAST_DAY
    district.save()
    client.force_login(make_user(Scope.Role.STEERING, district))
    visits = client.get("/to-chuc/").context
    assert (visits["year"], visits["never_visited"].total) == (2025, 2)  # A and B, not N


def _card(page, key: str):
    return next(line for line, _before in page.context["cards"] if line.key == key)


def test_a_merged_communes_dashboard_has_no_period_after_its_end(merger, client):
    """Asked for 2026, or for a month of 2025 after its end, A's dashboard shows its last
    year up to its last day: A had no groups then, N had."""
    client.force_login(merger.new_official)  # N reads its predecessors
    url = f"/chi-tieu/xa/{merger.a.commune.pk}/"
    for query in ("?nam=2026&thang=2026-10", "?nam=2025&thang=2025-11"):
        period = client.get(url + query).context["period"]
        assert (period.year, str(period.month), period.today) == (2025, "2025-06", LAST_DAY)


def test_the_merged_communes_official_reads_its_lost_hamlet_up_to_the_merger_only(merger, client):
    """A's hamlet stands within N since the merger: A's official reads its dashboard, report
    and workbook up to 30/06/2025, N's official all of it."""
    a = merger.a
    GroupFactory(
        hamlet=a.hamlet,
        planned_on=datetime.date(2025, 9, 1),
        activated_on=datetime.date(2025, 9, 1),
    )
    url = f"/chi-tieu/ap/{a.hamlet.pk}/"
    client.force_login(merger.a_official)
    page = client.get(url + "?nam=2026")
    assert (page.context["period"].year, page.context["period"].as_of) == (2025, LAST_DAY)
    assert page.context["years"][0] == 2025
    assert _card(page, "formed").denominator == 1  # the group of N's time is not A's
    assert 'id="roster"' not in page.content.decode()  # today's people are N's
    # Gaps are today's, N's to act on: A's official is told there are none for it here.
    assert page.context["gaps"] is None
    assert "được xem đến ngày 30/06/2025" in page.content.decode()
    report = client.get(url + "bao-cao/?nam=2025&thang=2025-12")
    assert report.context["period"].as_of == LAST_DAY
    span = client.get(url + "?tu=2024&den=2026")
    assert span.context["span"].columns[-1].year == 2025

    client.force_login(merger.new_official)
    page = client.get(url + "?nam=2025")
    assert page.context["period"].as_of == datetime.date(2025, 12, 31)
    assert _card(page, "formed").denominator == 2
    assert 'id="roster"' in page.content.decode()
    assert page.context["gaps"]["no_leader"][1] == 2 and 'id="no-gaps"' not in page.content.decode()
    assert client.get(url + "?nam=2026").context["period"].year == 2026


def test_the_lists_offer_the_successors_official_to_edit_only_its_own_records(merger, client):
    """N's official reads A's outreach sessions, commendations and documents and changes none
    of them: the lists offer no edit button that the edit page would refuse."""
    new = merger.new
    records = {
        "meetings:outreach": (
            merger.a.outreach,
            OutreachSessionFactory(unit=new, held_on=datetime.date(2025, 8, 1)),
        ),
        "organisation:commendation": (
            CommendationFactory(unit=merger.a.commune, year=2024),
            CommendationFactory(unit=new, year=2025),
        ),
        "organisation:document": (
            DocumentFactory(unit=merger.a.commune),
            DocumentFactory(unit=new, issued_on=datetime.date(2025, 8, 1)),
        ),
    }
    client.force_login(merger.new_official)
    for kind, (predecessors, own) in records.items():
        response = client.get(reverse(f"{kind}_list"))
        page = response.content.decode()
        assert {predecessors, own} <= set(response.context["page"]), kind
        edit_own, edit_predecessors = (
            reverse(f"{kind}_edit", args=[record.pk]) for record in (own, predecessors)
        )
        assert f'href="{edit_own}"' in page and client.get(edit_own).status_code == 200, kind
        assert f'href="{edit_predecessors}"' not in page, kind
        assert client.get(edit_predecessors).status_code == 403, kind
