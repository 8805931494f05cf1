"""Reorganisations as dated operations (apps.hierarchy.reorganise): what each one leaves,
what each one refuses, and their reversal."""

import datetime
import threading
import time
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from apps.accounts.models import Scope
from apps.hierarchy import reorganise, reversal
from apps.hierarchy.models import (
    Commune,
    District,
    Group,
    Hamlet,
    Placement,
    Reorganisation,
    Succession,
)
from apps.hierarchy.placements import keys_on
from apps.people.figures import group_figures_over
from apps.people.models import Household
from tests.conftest import make_user
from tests.factories import (
    BoardMemberFactory,
    CommitteeAssignmentFactory,
    CommitteeMemberFactory,
    CommuneAssessmentFactory,
    CommuneFactory,
    DistrictFactory,
    DocumentFactory,
    GroupFactory,
    GroupRoleFactory,
    HamletFactory,
    HouseholdAssessmentFactory,
    HouseholdFactory,
    MeetingFactory,
    MobilisationBoardFactory,
    OutreachSessionFactory,
    ScopeFactory,
    SteeringCommitteeFactory,
)

ON = datetime.date(2025, 7, 1)
BEFORE = ON - datetime.timedelta(days=1)


def place(unit, day) -> dict:
    """The ids of the units above `unit` on `day`."""
    keys = keys_on(unit.level, [unit.pk], day)[unit.pk]
    return {level: pk for level, pk in keys.items() if level != unit.level}


def structure() -> list:
    """Everything a reorganisation may change, to compare before and after a reversal."""
    return [
        sorted(
            Placement.objects.values_list(
                "district", "commune", "hamlet", "group", "started_on", "ended_on"
            ),
            key=repr,
        ),
        sorted(Commune.objects.values_list("pk", "name", "district", "ended_on")),
        sorted(Hamlet.objects.values_list("pk", "name", "commune", "ended_on")),
        sorted(Group.objects.values_list("pk", "name", "hamlet", "status", "dissolved_on")),
        sorted(Household.objects.values_list("pk", "group")),
        sorted(District.objects.values_list("pk", "ended_on")),
    ]


def also_administers(user, top) -> None:
    ScopeFactory(user=user, role=Scope.Role.ADMIN, district=top)
    user.__dict__.pop("_scopes_cache", None)


@pytest.fixture
def admin(world):
    return make_user(Scope.Role.ADMIN, world.district)


# What each operation leaves


def test_a_rename_keeps_the_code_and_the_old_name(world, admin):
    commune = world.a.commune
    done = reorganise.rename(commune, name="Xã Bình Thạnh Mới", on=ON, by=admin)
    commune.refresh_from_db()
    assert (commune.name, done.kind, done.recorded_by) == ("Xã Bình Thạnh Mới", "rename", admin)
    assert done.details["renamed"]["old"] == "Xã Bình Thạnh"
    assert commune.history.filter(name="Xã Bình Thạnh").exists()
    assert not Succession.objects.exists()


def test_a_hamlet_moves_to_another_commune_with_its_groups(world, admin):
    hamlet, group = world.a.hamlet, world.a.group
    reorganise.move(hamlet, to=world.b.commune, on=ON, by=admin)
    hamlet.refresh_from_db()
    assert hamlet.commune == world.b.commune
    assert place(hamlet, BEFORE)["commune"] == world.a.commune.pk
    assert place(hamlet, ON)["commune"] == world.b.commune.pk
    assert place(group, BEFORE)["commune"] == world.a.commune.pk
    assert place(group, ON)["commune"] == world.b.commune.pk
    assert not Succession.objects.exists()


def test_two_communes_merge_into_a_new_one(world, admin):
    a, b = world.a.commune, world.b.commune
    done = reorganise.merge(
        [a, b],
        new={"code": "N1", "name": "Xã Bình Hội", "kind": "commune", "parent": world.district},
        on=ON,
        by=admin,
    )
    new = Commune.objects.get(code="N1")
    assert (new.started_on, new.ended_on, new.district) == (ON, None, world.district)
    for area in (world.a, world.b):
        area.commune.refresh_from_db()
        area.hamlet.refresh_from_db()
        assert area.commune.ended_on == BEFORE
        assert area.hamlet.commune == new
        assert place(area.hamlet, BEFORE)["commune"] == area.commune.pk
        assert place(area.group, ON)["commune"] == new.pk
    successions = set(done.successions.values_list("predecessor_id", "successor_id", "share"))
    assert successions == {(a.pk, new.pk, "whole"), (b.pk, new.pk, "whole")}
    assert done.district == world.district


def test_groups_merge_into_an_existing_group_with_their_households(world, admin):
    into, merged = world.a.group, GroupFactory(hamlet=world.b.hamlet)
    household = HouseholdFactory(group=merged)
    assessment = HouseholdAssessmentFactory(household=household, year=2025)
    earlier = HouseholdAssessmentFactory(household=household, year=2024)
    reorganise.merge([merged], into=into, on=ON, by=admin)
    merged.refresh_from_db()
    household.refresh_from_db()
    assessment.refresh_from_db()
    earlier.refresh_from_db()
    assert (merged.status, merged.dissolved_on) == (Group.Status.DISSOLVED, BEFORE)
    assert household.group == into
    assert (assessment.group_id, assessment.commune_id) == (into.pk, world.a.commune.pk)
    assert (earlier.group_id, earlier.commune_id) == (merged.pk, world.b.commune.pk)
    assert Succession.objects.get().predecessor == merged


def test_a_merged_groups_leader_leads_no_group_after_the_merger(world, admin):
    """Cadres per group after two groups become one: one leader for one group, not two."""
    into = world.a.group
    merged = GroupFactory(hamlet=world.a.hamlet, activated_on=datetime.date(2019, 2, 1))
    GroupRoleFactory(group=into)
    leader = GroupRoleFactory(group=merged)
    done = reorganise.merge([merged], into=into, on=ON, by=admin)
    leader.refresh_from_db()
    assert leader.ended_on == BEFORE
    groups = Group.objects.filter(hamlet=world.a.hamlet)
    before, after = group_figures_over(
        groups, [(BEFORE, BEFORE), (ON, datetime.date(2025, 12, 31))]
    )
    assert (before[None].active, before[None].leaders) == (2, 2)
    assert (after[None].active, after[None].leaders) == (1, 1)
    assert after[None].cadres_per_group == Decimal("1.0")
    reorganise.reverse(done, by=admin)
    leader.refresh_from_db()
    assert leader.ended_on is None


def test_a_group_whose_role_begins_after_its_end_cannot_merge(world, admin):
    merged = GroupFactory(hamlet=world.a.hamlet, activated_on=datetime.date(2019, 2, 1))
    GroupRoleFactory(group=merged, started_on=ON, person__full_name="Lê Thị Hoa")
    message = refused(reorganise.merge, [merged], into=world.a.group, on=ON, by=admin)
    assert "Lê Thị Hoa" in message and "01/07/2025" in message


def test_a_hamlet_splits_into_an_existing_and_a_new_one(world, admin):
    hamlet = world.a.hamlet
    second = GroupFactory(hamlet=hamlet)
    done = reorganise.split(
        hamlet,
        parts=[
            {"into": world.b.hamlet, "children": [world.a.group]},
            {
                "new": {"code": "NH", "name": "Ấp Mới", "parent": world.a.commune},
                "children": [second],
            },
        ],
        on=ON,
        by=admin,
    )
    new = Hamlet.objects.get(code="NH")
    hamlet.refresh_from_db()
    assert hamlet.ended_on == BEFORE
    assert place(world.a.group, ON)["hamlet"] == world.b.hamlet.pk
    assert place(second, ON)["hamlet"] == new.pk
    assert place(second, BEFORE)["hamlet"] == hamlet.pk
    assert set(done.successions.values_list("successor_id", "share")) == {
        (world.b.hamlet.pk, "part"),
        (new.pk, "part"),
    }


def test_a_group_splits_its_households(world, admin):
    group = world.a.group
    first, second = HouseholdFactory(group=group), HouseholdFactory(group=group)
    reorganise.split(
        group,
        parts=[
            {"into": GroupFactory(hamlet=world.a.hamlet, code="T2"), "households": [first]},
            {
                "new": {"code": "T3", "name": "Tổ 3", "parent": world.a.hamlet},
                "households": [second],
            },
        ],
        on=ON,
        by=admin,
    )
    second.refresh_from_db()
    assert second.group.code == "T3"
    assert Group.objects.get(code="T3").status == Group.Status.ACTIVE


def test_a_district_ends_and_its_communes_go_to_the_province(world, admin):
    province = DistrictFactory(kind=District.Kind.PROVINCE, name="Tỉnh Đồng Tháp")
    ended = CommuneFactory(district=world.district, ended_on=datetime.date(2020, 1, 1))
    also_administers(admin, province)
    done = reorganise.regroup(world.district, province=province, on=ON, by=admin)
    world.district.refresh_from_db()
    world.a.commune.refresh_from_db()
    ended.refresh_from_db()
    assert world.district.ended_on == BEFORE
    assert world.a.commune.district == province
    assert place(world.a.group, BEFORE)["district"] == world.district.pk
    assert place(world.a.group, ON)["district"] == province.pk
    assert ended.district == world.district  # already ended: it stays where it ended
    assert done.district == province


# What they refuse


def refused(operation, *args, **kwargs) -> str:
    before = structure()
    with pytest.raises(ValidationError) as error:
        operation(*args, **kwargs)
    assert structure() == before
    assert not Reorganisation.objects.exists()
    return " ".join(error.value.messages)


def test_only_the_district_administrator_may_reorganise(world, admin):
    official = make_user(Scope.Role.COMMUNE, world.a.commune)
    other = make_user(Scope.Role.ADMIN, DistrictFactory())
    for user in (official, other):
        assert "Huyện Cao Lãnh" in refused(
            reorganise.rename, world.a.hamlet, name="Ấp Mới", on=ON, by=user
        )


def test_a_date_before_the_unit_began_is_refused(world, admin):
    began = world.a.commune.started_on
    refused(
        reorganise.rename, world.a.commune, name="X", on=began - datetime.timedelta(1), by=admin
    )
    refused(
        reorganise.merge, [world.a.commune], into=world.b.commune, on=began, by=admin
    )  # it would end before it began


def test_a_unit_no_longer_alive_is_refused(world, admin):
    gone = CommuneFactory(district=world.district, ended_on=datetime.date(2020, 1, 1))
    refused(reorganise.merge, [gone, world.a.commune], into=world.b.commune, on=ON, by=admin)


def test_a_merger_needs_one_level(world, admin):
    refused(
        reorganise.merge, [world.a.hamlet, world.a.commune], into=world.b.commune, on=ON, by=admin
    )


def test_a_merger_across_top_units_needs_an_administrator_of_each(world, admin):
    elsewhere = CommuneFactory()
    assert "Chỉ quản trị viên" in refused(
        reorganise.merge, [elsewhere], into=world.a.commune, on=ON, by=admin
    )


def test_the_2025_reform_communes_of_a_district_merge_into_a_commune_of_the_province(world, admin):
    """The district's communes merge into a new commune of the province on the day the
    district ends; then the district, with no commune left, ends and the province follows it."""
    province = DistrictFactory(kind=District.Kind.PROVINCE, name="Tỉnh Đồng Tháp", started_on=ON)
    also_administers(admin, province)
    reorganise.merge(
        [world.a.commune, world.b.commune],
        new={"code": "30076", "name": "Xã Mỹ Thọ", "kind": "commune", "parent": province},
        on=ON,
        by=admin,
    )
    new = Commune.objects.get(code="30076")
    assert place(world.a.group, BEFORE)["district"] == world.district.pk
    assert place(world.a.group, ON) == {
        "hamlet": world.a.hamlet.pk, "commune": new.pk, "district": province.pk
    }  # fmt: skip
    # No living commune is left to move: the district simply ends.
    done = reorganise.regroup(world.district, province=province, on=ON, by=admin)
    world.district.refresh_from_db()
    assert world.district.ended_on == BEFORE
    assert list(done.successions.values_list("predecessor_id", "successor_id")) == [
        (world.district.pk, province.pk)
    ]


def test_a_unit_whose_units_were_just_moved_in_cannot_move_on_that_day(world, admin):
    """Its hamlets' places began that day: the move is refused, not left to fail half-way."""
    reorganise.move(world.a.hamlet, to=world.b.commune, on=ON, by=admin)
    province = DistrictFactory(kind=District.Kind.PROVINCE, name="Tỉnh Đồng Tháp", started_on=ON)
    also_administers(admin, province)
    before = Reorganisation.objects.count()
    with pytest.raises(ValidationError) as error:
        reorganise.regroup(world.district, province=province, on=ON, by=admin)
    assert "hãy chọn ngày hiệu lực muộn hơn" in " ".join(error.value.messages)
    assert Reorganisation.objects.count() == before


def test_codes_stay_unique_within_the_parent(world, admin):
    HamletFactory(commune=world.b.commune, code=world.a.hamlet.code)
    refused(reorganise.move, world.a.hamlet, to=world.b.commune, on=ON, by=admin)
    new = {"code": world.b.commune.code, "name": "Xã Mới", "parent": world.district}
    refused(reorganise.merge, [world.a.commune, world.b.commune], new=new, on=ON, by=admin)


def test_households_codes_stay_unique_in_the_group_they_join(world, admin):
    HouseholdFactory(group=world.a.group, code="HH1")
    HouseholdFactory(group=world.b.group, code="HH1")
    refused(reorganise.merge, [world.b.group], into=world.a.group, on=ON, by=admin)


def test_a_move_before_the_current_place_began_is_refused(world, admin):
    reorganise.move(world.a.hamlet, to=world.b.commune, on=ON, by=admin)
    with pytest.raises(ValidationError):
        reorganise.move(
            world.a.hamlet, to=world.a.commune, on=ON - datetime.timedelta(days=30), by=admin
        )


def test_a_split_hands_every_child_to_exactly_one_part(world, admin):
    second = GroupFactory(hamlet=world.a.hamlet)
    new = {"code": "NH", "name": "Ấp Mới", "parent": world.a.commune}
    missing = [{"into": world.b.hamlet, "children": [world.a.group]}, {"new": new, "children": []}]
    refused(reorganise.split, world.a.hamlet, parts=missing, on=ON, by=admin)
    twice = [
        {"into": world.b.hamlet, "children": [world.a.group, second]},
        {"new": new, "children": [second]},
    ]
    refused(reorganise.split, world.a.hamlet, parts=twice, on=ON, by=admin)


def test_only_a_district_goes_to_a_province(world, admin):
    other = DistrictFactory()
    also_administers(admin, other)
    refused(reorganise.regroup, world.district, province=other, on=ON, by=admin)


# Reversal


def test_a_merger_is_reversed_exactly(world, admin):
    before = structure()
    done = reorganise.merge(
        [world.a.commune, world.b.commune],
        new={"code": "N1", "name": "Xã Bình Hội", "parent": world.district},
        on=ON,
        by=admin,
    )
    reorganise.reverse(done, by=admin)
    assert structure() == before
    done.refresh_from_db()
    assert (done.reversed_by, done.reversed_at is not None) == (admin, True)


@pytest.mark.parametrize("kind", ["rename", "move", "group_merge", "split", "regroup"])
def test_every_kind_is_reversed_exactly(world, admin, kind):
    HouseholdFactory(group=world.a.group)
    province = DistrictFactory(kind=District.Kind.PROVINCE)
    also_administers(admin, province)
    before = structure()
    done = {
        "rename": lambda: reorganise.rename(world.a.hamlet, name="Ấp Mới", on=ON, by=admin),
        "move": lambda: reorganise.move(world.a.group, to=world.b.hamlet, on=ON, by=admin),
        "group_merge": lambda: reorganise.merge(
            [world.a.group], into=world.b.group, on=ON, by=admin
        ),
        "split": lambda: reorganise.split(
            world.a.group,
            parts=[
                {"into": world.b.group, "households": list(world.a.group.households.all())},
                {"new": {"code": "T9", "name": "Tổ 9", "parent": world.a.hamlet}, "households": []},
            ],
            on=ON,
            by=admin,
        ),
        "regroup": lambda: reorganise.regroup(world.district, province=province, on=ON, by=admin),
    }[kind]()
    reorganise.reverse(done, by=admin)
    assert structure() == before


def test_a_reversal_is_refused_once_records_are_made_since(world, admin):
    done = reorganise.merge([world.a.group], into=world.b.group, on=ON, by=admin)
    MeetingFactory(group=world.b.group, month=datetime.date(2025, 7, 1))
    with pytest.raises(ValidationError, match="01/07/2025"):
        reorganise.reverse(done, by=admin)


def test_a_reversal_is_refused_once_an_outreach_session_is_held_since(world, admin):
    done = reorganise.move(world.a.group, to=world.b.hamlet, on=ON, by=admin)
    OutreachSessionFactory(unit=world.a.group, held_on=ON)
    with pytest.raises(ValidationError):
        reorganise.reverse(done, by=admin)


def test_records_before_the_day_do_not_block_a_reversal(world, admin):
    MeetingFactory(group=world.a.group, month=datetime.date(2025, 6, 1))
    done = reorganise.move(world.a.group, to=world.b.hamlet, on=ON, by=admin)
    reorganise.reverse(done, by=admin)


def test_a_reversal_is_refused_after_a_later_reorganisation_of_the_same_units(world, admin):
    first = reorganise.move(world.a.group, to=world.b.hamlet, on=ON, by=admin)
    reorganise.rename(world.a.group, name="Tổ Mới", on=ON, by=admin)
    with pytest.raises(ValidationError):
        reorganise.reverse(first, by=admin)


def test_a_reversal_is_refused_twice_and_to_others(world, admin):
    done = reorganise.rename(world.a.hamlet, name="Ấp Mới", on=ON, by=admin)
    with pytest.raises(ValidationError):
        reorganise.reverse(done, by=make_user(Scope.Role.COMMUNE, world.a.commune))
    reorganise.reverse(done, by=admin)
    with pytest.raises(ValidationError):
        reorganise.reverse(done, by=admin)


def test_the_units_history_names_who_reorganised_them(world, admin):
    done = reorganise.merge([world.a.commune], into=world.b.commune, on=ON, by=admin)
    assert world.a.commune.history.first().history_user == admin
    assert world.a.hamlet.history.first().history_user == admin
    reorganise.reverse(done, by=admin)
    assert world.a.hamlet.history.first().history_user == admin


def test_a_merger_goes_into_one_existing_or_one_new_unit(world, admin):
    new = {"code": "N1", "name": "Xã Mới", "parent": world.district}
    refused(reorganise.merge, [world.a.commune], into=world.b.commune, new=new, on=ON, by=admin)
    refused(reorganise.merge, [world.a.commune], new=new, on=ON, by=admin)  # one alone


def test_two_new_parts_cannot_share_a_code(world, admin):
    second = GroupFactory(hamlet=world.a.hamlet)
    new = {"code": "NH", "name": "Ấp Mới", "parent": world.a.commune}
    parts = [{"new": new, "children": [world.a.group]}, {"new": new, "children": [second]}]
    assert "NH" in refused(reorganise.split, world.a.hamlet, parts=parts, on=ON, by=admin)


# One at a time


def test_an_operation_is_checked_against_the_structure_as_stored_not_as_passed(world, admin):
    """A page holding a unit loaded before another reorganisation ended it cannot rename it."""
    stale = Commune.objects.get(pk=world.a.commune.pk)
    reorganise.merge([world.a.commune, world.b.commune], new=_new(world), on=ON, by=admin)
    with pytest.raises(ValidationError) as error:
        reorganise.rename(stale, name="Xã Khác", on=ON, by=admin)
    assert "không còn (hoặc chưa có) vào ngày 01/07/2025" in error.value.messages[0]
    assert Commune.objects.get(pk=stale.pk).name == "Xã Bình Thạnh"


def _new(world) -> dict:
    return {"code": "N1", "name": "Xã Bình Hội", "kind": "commune", "parent": world.district}


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite runs one write transaction at a time"
)
@pytest.mark.django_db(transaction=True)
def test_two_administrators_reorganising_at_once_wait_for_each_other(world, admin):
    """The second waits for the first to commit, then finds the commune ended."""
    stale = Commune.objects.get(pk=world.a.commune.pk)
    outcome = {}

    def rename_meanwhile():
        try:
            reorganise.rename(stale, name="Xã Khác", on=ON, by=admin)
            outcome["second"] = "renamed"
        except ValidationError as error:
            outcome["second"] = " ".join(error.messages)
        finally:
            connection.close()

    with transaction.atomic():
        list(District.objects.select_for_update().filter(pk=world.district.pk))
        second = threading.Thread(target=rename_meanwhile)
        second.start()
        time.sleep(0.5)  # the second is now waiting for the district's row
        assert "second" not in outcome
        reorganise.merge([world.a.commune, world.b.commune], new=_new(world), on=ON, by=admin)
    second.join(timeout=30)
    assert "không còn (hoặc chưa có) vào ngày 01/07/2025" in outcome["second"]
    assert Commune.objects.get(pk=stale.pk).name == "Xã Bình Thạnh"


# What a unit held itself after the day, when the reorganisation is recorded late


def test_a_merger_hands_what_the_merged_commune_held_since_to_the_new_one(world, admin):
    a = world.a.commune
    session = OutreachSessionFactory(unit=a, held_on=datetime.date(2025, 8, 15))
    earlier = OutreachSessionFactory(unit=a, held_on=datetime.date(2025, 6, 15))
    rating = CommuneAssessmentFactory(commune=a, year=2025)
    reorganise.merge([a, world.b.commune], new=_new(world), on=ON, by=admin)
    new = Commune.objects.get(code="N1")
    session.refresh_from_db()
    earlier.refresh_from_db()
    rating.refresh_from_db()
    assert (session.commune, session.district) == (new, world.district)
    assert (rating.commune_id, rating.district_id) == (new.pk, world.district.pk)
    assert earlier.commune == a  # before the merger: where it was held


def test_a_merger_whose_communes_both_rated_the_year_is_refused(world, admin):
    for area in (world.a, world.b):
        CommuneAssessmentFactory(commune=area.commune, year=2025)
    message = refused(reorganise.merge, [world.a.commune, world.b.commune], new=_new(world),
                      on=ON, by=admin)  # fmt: skip
    assert message.startswith("Xã Mỹ Hội (") and "và Xã Bình Hội (N1) cùng có" in message


def test_a_unit_holding_records_since_the_day_cannot_be_split(world, admin):
    OutreachSessionFactory(unit=world.a.commune, held_on=datetime.date(2025, 8, 15))
    parts = [
        {"into": world.b.commune, "children": [world.a.hamlet]},
        {"new": {**_new(world), "code": "N2"}, "children": []},
    ]
    message = refused(reorganise.split, world.a.commune, parts=parts, on=ON, by=admin)
    assert "15/08/2025" not in message and "01/07/2025" in message
    assert "chọn phần nhận" in message


def test_a_split_recorded_late_gives_the_units_own_records_to_the_part_chosen(world, admin):
    commune = world.a.commune
    before = OutreachSessionFactory(unit=commune, held_on=datetime.date(2025, 6, 15))
    since = OutreachSessionFactory(unit=commune, held_on=datetime.date(2025, 8, 15))
    decision = DocumentFactory(unit=commune, issued_on=datetime.date(2025, 8, 20))
    parts = [
        {"into": world.b.commune, "children": [world.a.hamlet]},
        {"new": {**_new(world), "code": "N2"}, "children": [], "takes_records": True},
    ]
    done = reorganise.split(commune, parts=parts, on=ON, by=admin)
    new = Commune.objects.get(code="N2")
    for record in (before, since, decision):
        record.refresh_from_db()
    assert (since.commune, since.district) == (new, world.district)
    assert (decision.commune, decision.district) == (new, world.district)
    assert before.commune == commune  # made before the split: where it was made
    # As after a merger, the records made since the day keep the split from being undone.
    assert "01/07/2025 trở về sau" in reversal.why_not_reversible(done, by=admin)


def test_a_group_split_gives_its_meeting_since_the_day_to_the_part_chosen(world, admin):
    group = world.a.group
    meeting = MeetingFactory(group=group, month=datetime.date(2025, 8, 1))
    household = HouseholdFactory(group=group)
    other = GroupFactory(hamlet=world.a.hamlet, code="T2")
    parts = [
        {"into": other, "households": [household], "takes_records": True},
        {"new": {"code": "T3", "name": "Tổ 3", "parent": world.a.hamlet}, "households": []},
    ]
    reorganise.split(group, parts=parts, on=ON, by=admin)
    meeting.refresh_from_db()
    assert (meeting.group, meeting.hamlet, meeting.commune) == (
        other,
        world.a.hamlet,
        world.a.commune,
    )


def test_a_part_holding_a_record_of_the_same_month_cannot_take_the_records(world, admin):
    group = world.a.group
    MeetingFactory(group=group, month=datetime.date(2025, 8, 1))
    other = GroupFactory(hamlet=world.a.hamlet, code="T2")
    MeetingFactory(group=other, month=datetime.date(2025, 8, 1))
    parts = [
        {"into": other, "households": [], "takes_records": True},
        {"new": {"code": "T3", "name": "Tổ 3", "parent": world.a.hamlet}, "households": []},
    ]
    message = refused(reorganise.split, group, parts=parts, on=ON, by=admin)
    assert "cùng có một bản ghi của cùng kỳ từ ngày 01/07/2025" in message


def test_a_district_ending_hands_its_own_sessions_since_to_the_province(world, admin):
    province = DistrictFactory(kind=District.Kind.PROVINCE, name="Tỉnh Đồng Tháp")
    also_administers(admin, province)
    session = OutreachSessionFactory(unit=world.district, held_on=datetime.date(2025, 9, 1))
    at_a_commune = OutreachSessionFactory(unit=world.a.commune, held_on=datetime.date(2025, 9, 2))
    reorganise.regroup(world.district, province=province, on=ON, by=admin)
    session.refresh_from_db()
    at_a_commune.refresh_from_db()
    assert (session.district, session.commune) == (province, None)
    assert (at_a_commune.district, at_a_commune.commune) == (province, world.a.commune)


def test_a_district_ending_recorded_late_puts_what_its_communes_set_up_since_in_the_province(
    world, admin
):
    """A commune's decision of 15 July and committee of 1 August 2025, entered before the
    district's end of 1 July was recorded, are the province's; its decision of June stays
    the district's, and so does the district's own of May. The district's own decision of
    September goes to the province, as its sessions do."""
    province = DistrictFactory(kind=District.Kind.PROVINCE, name="Tỉnh Đồng Tháp")
    also_administers(admin, province)
    commune = world.a.commune
    june = DocumentFactory(unit=commune, issued_on=datetime.date(2025, 6, 2))
    july = DocumentFactory(unit=commune, issued_on=datetime.date(2025, 7, 15))
    committee = SteeringCommitteeFactory(commune=commune, established_on=datetime.date(2025, 8, 1))
    may_own = DocumentFactory(unit=world.district, issued_on=datetime.date(2025, 5, 5))
    september_own = DocumentFactory(unit=world.district, issued_on=datetime.date(2025, 9, 1))
    reorganise.regroup(world.district, province=province, on=ON, by=admin)
    for record in (june, july, committee, may_own, september_own):
        record.refresh_from_db()
    assert (june.district, june.commune) == (world.district, commune)
    assert (july.district, july.commune) == (province, commune)
    assert (committee.district, committee.commune) == (province, commune)
    assert (may_own.district, september_own.district) == (world.district, province)
    assert september_own.commune is None
    committee.full_clean()  # still passes its checks as the admin makes them on a change


def test_a_merger_recorded_late_hands_the_merged_communes_decisions_since_to_the_new_one(
    world, admin
):
    a = world.a.commune
    july = DocumentFactory(unit=a, issued_on=datetime.date(2025, 7, 15))
    june = DocumentFactory(unit=a, issued_on=datetime.date(2025, 6, 2))
    reorganise.merge([a, world.b.commune], new=_new(world), on=ON, by=admin)
    new = Commune.objects.get(code="N1")
    july.refresh_from_db()
    june.refresh_from_db()
    assert (july.commune, july.district) == (new, world.district)
    assert june.commune == a


def test_a_merger_whose_communes_both_set_up_a_committee_since_is_refused(world, admin):
    """Handed to the unit that takes their place, two committees would overlap."""
    for area in (world.a, world.b):
        SteeringCommitteeFactory(commune=area.commune, established_on=datetime.date(2025, 8, 1))
    message = refused(
        reorganise.merge, [world.a.commune, world.b.commune], into=world.b.commune, on=ON, by=admin
    )
    assert "ban chỉ đạo" in message and "01/07/2025" in message


def test_a_reversal_is_refused_once_a_decision_is_issued_since(world, admin):
    province = DistrictFactory(kind=District.Kind.PROVINCE, name="Tỉnh Đồng Tháp")
    also_administers(admin, province)
    done = reorganise.regroup(world.district, province=province, on=ON, by=admin)
    DocumentFactory(unit=world.a.commune, issued_on=ON)
    with pytest.raises(ValidationError, match="01/07/2025"):
        reorganise.reverse(done, by=admin)


def test_what_a_merged_commune_and_hamlet_held_ends_with_them_and_comes_back_on_reversal(
    world, admin
):
    """The commune's committee and its members, a district committee member's oversight of
    the commune, and the board of a hamlet merged into another end on the last day; what
    had ended before, and what the successors hold, is left as it was."""
    a, b = world.a.commune, world.b.commune
    committee = SteeringCommitteeFactory(commune=a)
    member = CommitteeMemberFactory(committee=committee)
    former = CommitteeMemberFactory(committee=committee, ended_on=datetime.date(2020, 12, 31))
    district_member = CommitteeMemberFactory(
        committee=SteeringCommitteeFactory(commune=None, district=world.district)
    )
    oversight = CommitteeAssignmentFactory(member=district_member, hamlet=None, commune=a)
    kept = SteeringCommitteeFactory(commune=b)
    done = reorganise.merge([a, b], into=b, on=ON, by=admin)
    ended = [committee, member, oversight]
    for held in [*ended, former, kept]:
        held.refresh_from_db()
    assert [held.ended_on for held in ended] == [BEFORE] * 3
    assert (former.ended_on, kept.ended_on) == (datetime.date(2020, 12, 31), None)

    gone = HamletFactory(commune=b, started_on=datetime.date(2019, 1, 1))
    board = MobilisationBoardFactory(hamlet=gone)
    board_member = BoardMemberFactory(board=board)
    later = datetime.date(2026, 1, 1)
    hamlets = reorganise.merge([gone], into=world.b.hamlet, on=later, by=admin)
    board.refresh_from_db()
    board_member.refresh_from_db()
    assert board.ended_on == board_member.ended_on == later - datetime.timedelta(days=1)

    reorganise.reverse(hamlets, by=admin)
    reorganise.reverse(done, by=admin)
    for held in [*ended, board, board_member]:
        held.refresh_from_db()
        assert held.ended_on is None, held


def test_a_hamlet_moving_away_leaves_its_old_communes_oversight_of_it(world, admin):
    """The old commune's committee member oversees the hamlet no more; an oversight of a
    hamlet that stays, and one that had ended before, are left; a reversal reopens it."""
    committee = SteeringCommitteeFactory(commune=world.a.commune)
    member = CommitteeMemberFactory(committee=committee)
    moving = CommitteeAssignmentFactory(member=member, hamlet=world.a.hamlet)
    staying = CommitteeAssignmentFactory(member=member)
    done = reorganise.move(world.a.hamlet, to=world.b.commune, on=ON, by=admin)
    moving.refresh_from_db()
    staying.refresh_from_db()
    assert (moving.ended_on, staying.ended_on) == (BEFORE, None)
    reorganise.reverse(done, by=admin)
    moving.refresh_from_db()
    assert moving.ended_on is None
