"""Where units stood on a day, and the place each record keeps (apps.hierarchy.placements)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from apps.hierarchy.models import District, Group, Hamlet, Placement
from apps.hierarchy.placements import keys_on, move, place_new
from apps.meetings.models import Meeting
from tests.factories import (
    CommendationFactory,
    CommitteeAssignmentFactory,
    CommuneFactory,
    DistrictFactory,
    DocumentFactory,
    GroupAssessmentFactory,
    GroupFactory,
    HamletAssessmentFactory,
    HamletFactory,
    HouseholdAssessmentFactory,
    HouseholdFactory,
    MeetingFactory,
    OutreachSessionFactory,
    PetitionFactory,
    SteeringCommitteeFactory,
    SupervisionVisitFactory,
)

pytestmark = pytest.mark.django_db

MOVED_ON = datetime.date(2024, 7, 1)


def current(unit) -> Placement:
    return Placement.objects.get(**{unit.level: unit}, ended_on__isnull=True, **own(unit))


def own(unit) -> dict:
    return {"group": {}, "hamlet": {"group": None}, "commune": {"hamlet": None}}[unit.level]


def test_a_new_unit_is_placed_where_its_parents_say():
    group = GroupFactory()
    row = current(group)
    hamlet = group.hamlet
    assert (row.hamlet, row.commune, row.district) == (
        hamlet,
        hamlet.commune,
        hamlet.commune.district,
    )
    assert row.started_on is None  # from the unit's beginning
    assert current(hamlet).group is None
    assert current(hamlet.commune).hamlet is None


def test_units_made_in_bulk_are_placed_once():
    hamlet = HamletFactory()
    groups = Group.objects.bulk_create(
        [
            Group(hamlet=hamlet, code=f"B{n}", name=f"Tổ {n}", planned_on=datetime.date(2020, 1, 1))
            for n in range(3)
        ]
    )
    place_new(groups)
    place_new(groups)
    assert Placement.objects.filter(group__in=groups).count() == 3


def test_a_record_keeps_the_place_of_its_own_day():
    group = GroupFactory()
    old_commune = group.hamlet.commune
    new_commune = CommuneFactory(district=old_commune.district)
    before = MeetingFactory(group=group, month=datetime.date(2024, 6, 1))
    move(group.hamlet, new_commune, MOVED_ON)
    after = MeetingFactory(group=group, month=datetime.date(2024, 8, 1))
    petition = PetitionFactory(group=group, raised_on=datetime.date(2024, 5, 2))
    late = MeetingFactory(group=group, month=datetime.date(2024, 3, 1))  # entered late
    for record in (before, after, petition, late):
        record.refresh_from_db()
    assert before.commune == old_commune
    assert petition.commune == old_commune
    assert late.commune == old_commune  # the structure of its own date
    assert after.commune == new_commune
    assert after.hamlet == before.hamlet == group.hamlet
    group.hamlet.refresh_from_db()
    assert group.hamlet.commune == new_commune


def test_a_record_held_at_a_unit_keeps_the_place_of_its_own_day():
    """Outreach sessions, visits and commendations (AtUnit) name the units above theirs as
    they stood on their own day, entered late or not, as meetings and petitions do."""
    group = GroupFactory()
    hamlet, old_commune = group.hamlet, group.hamlet.commune
    new_commune = CommuneFactory(district=old_commune.district)
    move(hamlet, new_commune, MOVED_ON)
    before = datetime.date(2024, 6, 20)
    late = [
        OutreachSessionFactory(unit=hamlet, held_on=before),
        OutreachSessionFactory(unit=group, held_on=before),
        SupervisionVisitFactory(unit=group, visited_on=before),
        CommendationFactory(unit=hamlet, decision_date=before, year=2024),
    ]
    after = OutreachSessionFactory(unit=hamlet, held_on=MOVED_ON)
    for record in [*late, after]:
        record.refresh_from_db()
    assert [r.commune for r in late] == [old_commune] * 4
    assert [r.unit for r in late] == [hamlet, group, group, hamlet]
    assert after.commune == new_commune
    # Changed later (the theme), the session keeps its day's place.
    late[0].theme = "Phòng chống ma túy"
    late[0].save()
    late[0].refresh_from_db()
    assert late[0].commune == old_commune
    # Moved to another day after the move, it takes that day's place.
    late[0].held_on = MOVED_ON
    late[0].save()
    late[0].refresh_from_db()
    assert late[0].commune == new_commune


def test_a_communes_committee_and_document_keep_the_district_of_their_day():
    """A commune moved into a province keeps its committee of 2019 and its document under the
    district it stood in then, entered late or not; and its committees overlap whatever
    district each is kept under."""
    commune = CommuneFactory()
    district = commune.district
    province = DistrictFactory(kind=District.Kind.PROVINCE)
    move(commune, province, MOVED_ON)
    commune.refresh_from_db()
    committee = SteeringCommitteeFactory(commune=commune, established_on=datetime.date(2019, 3, 1))
    document = DocumentFactory(unit=commune, issued_on=datetime.date(2019, 2, 20))
    later = DocumentFactory(unit=commune, issued_on=MOVED_ON)
    for record in (committee, document, later):
        record.refresh_from_db()
    assert (committee.district, document.district, later.district) == (district, district, province)
    committee.full_clean()  # still in its district of then, as the admin checks it on a change
    overlapping = SteeringCommitteeFactory.build(
        commune=commune, district=province, established_on=datetime.date(2025, 8, 1)
    )
    with pytest.raises(ValidationError):
        overlapping.clean()


def test_an_assignment_to_a_hamlet_that_moved_away_can_still_be_ended():
    """A commune committee member oversaw a hamlet since 2019; the hamlet joined another
    commune: the assignment still passes its check (to be ended), a new one does not."""
    assignment = CommitteeAssignmentFactory(started_on=datetime.date(2019, 3, 1))
    hamlet = assignment.hamlet
    move(hamlet, CommuneFactory(district=hamlet.commune.district), MOVED_ON)
    assignment.refresh_from_db()
    assignment.ended_on = MOVED_ON - datetime.timedelta(days=1)
    assignment.full_clean()
    late = CommitteeAssignmentFactory.build(
        member=assignment.member, hamlet=assignment.hamlet, started_on=MOVED_ON
    )
    with pytest.raises(ValidationError):
        late.full_clean()


def test_a_move_keeps_each_day_of_the_past():
    group = GroupFactory()
    hamlet = group.hamlet
    old_commune, new_commune = hamlet.commune, CommuneFactory()
    move(hamlet, new_commune, MOVED_ON)
    day_before = MOVED_ON - datetime.timedelta(days=1)
    assert keys_on("group", [group.pk], day_before)[group.pk]["commune"] == old_commune.pk
    assert keys_on("group", [group.pk], MOVED_ON)[group.pk]["commune"] == new_commune.pk
    assert keys_on("group", [group.pk], MOVED_ON)[group.pk]["district"] == new_commune.district_id
    assert keys_on("hamlet", [hamlet.pk], datetime.date(2010, 1, 1))[hamlet.pk]["commune"] == (
        old_commune.pk
    )
    # Hamlet and group each have one current row and one ended the day before the move.
    assert Placement.objects.filter(group=group).count() == 2
    assert Placement.objects.filter(hamlet=hamlet, group=None, ended_on=day_before).count() == 1


def test_a_unit_cannot_move_before_its_current_place_began():
    hamlet = HamletFactory()
    move(hamlet, CommuneFactory(), MOVED_ON)
    with pytest.raises(ValueError):
        move(hamlet, CommuneFactory(), MOVED_ON)
    with pytest.raises(ValueError):
        move(hamlet, HamletFactory(), datetime.date(2025, 1, 1))


def test_records_already_made_after_a_backdated_move_take_the_new_place():
    """A merger recorded on 15 July effective 1 July: meetings of 5 July belong to it."""
    group = GroupFactory()
    meeting = MeetingFactory(group=group, month=datetime.date(2024, 7, 1))
    new_commune = CommuneFactory()
    move(group.hamlet, new_commune, MOVED_ON)
    meeting.refresh_from_db()
    assert meeting.commune == new_commune


def test_correcting_a_mistaken_parent_rewrites_the_current_place_and_its_records():
    group = GroupFactory()
    wrong_hamlet = group.hamlet
    meeting = MeetingFactory(group=group, month=datetime.date(2023, 1, 1))
    right_hamlet = HamletFactory()
    group.hamlet = right_hamlet
    group.save()
    meeting.refresh_from_db()
    assert current(group).hamlet == right_hamlet
    assert (meeting.hamlet, meeting.commune) == (right_hamlet, right_hamlet.commune)
    assert Placement.objects.filter(group=group, hamlet=wrong_hamlet).count() == 0


def test_assessments_keep_the_place_of_their_year():
    group = GroupFactory()
    household = HouseholdFactory(group=group)
    hamlet = group.hamlet
    old_commune = hamlet.commune
    rated_2023 = [
        HouseholdAssessmentFactory(household=household, year=2023),
        GroupAssessmentFactory(group=group, year=2023),
        HamletAssessmentFactory(hamlet=hamlet, year=2023),
    ]
    move(hamlet, CommuneFactory(), MOVED_ON)
    rated_2024 = HamletAssessmentFactory(hamlet=hamlet, year=2024)
    for record in rated_2023:
        record.refresh_from_db()
        assert record.commune == old_commune
    assert rated_2023[0].group == group
    assert rated_2024.commune != old_commune


def test_a_hamlet_saved_unchanged_keeps_its_place():
    hamlet = HamletFactory()
    hamlet.name = "Ấp Mới"
    hamlet.save()
    assert Placement.objects.filter(hamlet=hamlet, group=None).count() == 1
    assert Hamlet.objects.get(pk=hamlet.pk).name == "Ấp Mới"
    assert Meeting.objects.count() == 0


def test_sessions_held_within_a_moved_hamlet_since_its_move_take_the_new_place():
    hamlet = HamletFactory()
    old_commune, new_commune = hamlet.commune, CommuneFactory()
    before = OutreachSessionFactory(unit=hamlet, held_on=datetime.date(2024, 6, 2))
    since = OutreachSessionFactory(unit=hamlet, held_on=datetime.date(2024, 7, 3))
    move(hamlet, new_commune, MOVED_ON)
    before.refresh_from_db()
    since.refresh_from_db()
    assert (before.commune, before.district) == (old_commune, old_commune.district)
    assert (since.commune, since.district) == (new_commune, new_commune.district)
    assert since.hamlet == hamlet
