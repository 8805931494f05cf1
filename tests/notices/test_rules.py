"""Each rule reminds exactly the right users on fixed days."""

import datetime

import pytest
from django.utils import timezone

from apps.accounts.models import Scope
from apps.notices import rules
from apps.petitions.models import Petition
from tests.conftest import make_user
from tests.factories import GroupFactory, MeetingFactory, MonthApprovalFactory, PetitionFactory

NOV = datetime.date(2026, 11, 1)


def _who(reminders) -> set[tuple[str, str]]:
    return {(r.user_id, r.subject) for r in reminders}


def test_no_meeting_reminder_before_day_25(world, people):
    assert rules.meeting_missing(datetime.date(2026, 11, 24)) == []


def test_from_day_25_leaders_and_hamlet_officials_of_groups_without_the_meeting(world, people):
    MeetingFactory(group=world.b.group, month=NOV)
    reminders = rules.meeting_missing(datetime.date(2026, 11, 25))
    assert _who(reminders) == {
        (people.leader_a.pk, f"group:{world.a.group.pk}"),
        (people.hamlet_a.pk, f"hamlet:{world.a.hamlet.pk}"),
    }
    assert {r.period for r in reminders} == {NOV}
    hamlet = next(r for r in reminders if r.subject.startswith("hamlet"))
    assert hamlet.facts == {"hamlet": "Ấp Bình Thạnh", "names": ["Tổ Bình Thạnh"], "count": 1}


def test_dissolved_groups_inactive_accounts_and_ended_hamlets_are_left_out(world, people):
    GroupFactory(
        hamlet=world.b.hamlet,
        status="dissolved",
        activated_on=datetime.date(2020, 1, 1),
        dissolved_on=datetime.date(2026, 10, 31),
    )
    people.leader_a.is_active = False
    people.leader_a.save(update_fields=["is_active"])
    world.b.hamlet.ended_on = datetime.date(2026, 11, 20)
    world.b.hamlet.save(update_fields=["ended_on"])
    reminders = rules.meeting_missing(datetime.date(2026, 11, 26))
    assert _who(reminders) == {
        (people.hamlet_a.pk, f"hamlet:{world.a.hamlet.pk}"),
        (people.leader_b.pk, f"group:{world.b.group.pk}"),
    }


def test_a_meeting_is_late_only_after_day_5_of_the_next_month(world, people):
    MeetingFactory(group=world.a.group, month=NOV)
    assert rules.meeting_late(datetime.date(2026, 12, 5)) == []
    reminders = rules.meeting_late(datetime.date(2026, 12, 6))
    assert _who(reminders) == {
        (people.leader_b.pk, f"group:{world.b.group.pk}"),
        (people.hamlet_b.pk, f"hamlet:{world.b.hamlet.pk}"),
    }
    assert {r.period for r in reminders} == {NOV}
    # December's own meetings are not due before the 25th.
    assert rules.meeting_missing(datetime.date(2026, 12, 6)) == []


@pytest.fixture
def petitions(world):
    """Open petitions of commune A at each level, due around Wednesday 18/11/2026."""

    def petition(level, due, **fields):
        return PetitionFactory(
            group=world.a.group,
            level=level,
            raised_on=datetime.date(2026, 11, 1),
            due_on=due,
            **fields,
        )

    return {
        "group_today": petition("group", datetime.date(2026, 11, 18)),
        "commune_in_3": petition("commune", datetime.date(2026, 11, 21)),
        "group_in_4": petition("group", datetime.date(2026, 11, 22)),
        "hamlet_overdue": petition("hamlet", datetime.date(2026, 11, 10)),
        "district_overdue": petition("district", datetime.date(2026, 11, 17)),
        "closed_overdue": petition(
            "group",
            datetime.date(2026, 11, 10),
            state=Petition.State.RESOLVED,
            closed_on=datetime.date(2026, 11, 15),
        ),
    }


def test_petitions_due_within_3_days_remind_the_officials_of_their_level(world, people, petitions):
    reminders = rules.petition_due(datetime.date(2026, 11, 18))
    assert _who(reminders) == {
        (people.leader_a.pk, f"petition:{petitions['group_today'].pk}"),
        (people.commune_a.pk, f"petition:{petitions['commune_in_3'].pk}"),
    }
    commune = next(r for r in reminders if r.user_id == people.commune_a.pk)
    assert commune.period == datetime.date(2026, 11, 21)
    assert commune.facts["group"] == "Tổ Bình Thạnh"


def test_overdue_petitions_remind_the_officials_of_their_level(world, people, petitions):
    reminders = rules.petition_overdue(datetime.date(2026, 11, 18))
    assert _who(reminders) == {
        (people.hamlet_a.pk, f"petition:{petitions['hamlet_overdue'].pk}"),
        (people.admin.pk, f"petition:{petitions['district_overdue'].pk}"),
    }


def test_approval_rules_follow_the_communes_real_approvals(world, people):
    """Commune B approved November (a hamlet's approval or an unlocked one does not count):
    only commune A is awaited, then late."""
    approve = {"month": NOV, "approved_at": timezone.now()}
    MonthApprovalFactory(commune=world.b.commune, **approve)
    MonthApprovalFactory(commune=world.a.commune, hamlet=world.a.hamlet, **approve)
    MonthApprovalFactory(commune=world.a.commune, unlocked_at=timezone.now(), **approve)
    awaited = rules.approval_awaited(datetime.date(2026, 12, 6))
    assert {r.subject for r in awaited} == {f"commune:{world.a.commune.pk}"}
    late = rules.approval_late(datetime.date(2026, 12, 11))
    assert late and all(r.facts["names"] == ["Xã Bình Thạnh"] for r in late)


@pytest.fixture
def commune_a_not_approved(world, monkeypatch):
    def awaiting(communes, month):
        assert month.first_day == NOV
        return [c for c in communes if c.pk == world.a.commune.pk]

    monkeypatch.setattr(rules, "awaiting_approval", awaiting)


def test_commune_officials_are_reminded_of_a_month_awaiting_their_approval(
    world, people, commune_a_not_approved
):
    assert rules.approval_awaited(datetime.date(2026, 12, 5)) == []
    reminders = rules.approval_awaited(datetime.date(2026, 12, 6))
    assert _who(reminders) == {(people.commune_a.pk, f"commune:{world.a.commune.pk}")}
    assert reminders[0].period == NOV


def test_the_district_hears_of_communes_not_approved_by_day_10(
    world, people, commune_a_not_approved
):
    both = make_user(Scope.Role.ADMIN, world.district)
    Scope.objects.create(user=both, role=Scope.Role.STEERING, district=world.district)
    assert rules.approval_late(datetime.date(2026, 12, 10)) == []
    reminders = rules.approval_late(datetime.date(2026, 12, 11))
    subject = f"district:{world.district.pk}"
    assert sorted((r.user_id, r.subject) for r in reminders) == sorted(
        [(people.admin.pk, subject), (people.steering.pk, subject), (both.pk, subject)]
    )
    assert reminders[0].facts == {
        "district": "Huyện Cao Lãnh",
        "names": ["Xã Bình Thạnh"],
        "count": 1,
    }
