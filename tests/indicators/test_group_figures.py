"""Group, outreach and organisation indicators against a hand-made fixture."""

import datetime
from decimal import Decimal

import pytest

from apps.core.shares import Share
from apps.hierarchy.models import Commune, Group, Hamlet
from apps.meetings.models import OutreachSession
from apps.meetings.outreach_figures import outreach_figures_over
from apps.organisation.figures import communes_with_committee_over, hamlets_with_board_over
from apps.organisation.models import MobilisationBoard, SteeringCommittee
from apps.people.figures import group_figures_over
from tests.factories import (
    GroupFactory,
    GroupRoleFactory,
    HamletFactory,
    OutreachSessionFactory,
    PartyOversightFactory,
    PersonFactory,
)

D = datetime.date
START, END = D(2026, 1, 1), D(2026, 12, 31)


@pytest.fixture
def groups(world):
    """Commune A in 2026:
    A   active since 2019; leader a party member, one deputy, overseen
    mid active from 01/07/2026; leader (not a party member) and two deputies
    old dissolved 31/03/2026: active part of the year; its leader's term ended then
    gone dissolved 31/12/2025: not in 2026 at all
    plan planned in 2026, never active
    late planned for 2027
    """
    hamlet = world.a.hamlet
    a = world.a.group
    mid = GroupFactory(hamlet=hamlet, activated_on=D(2026, 7, 1))
    old = GroupFactory(hamlet=hamlet, status=Group.Status.DISSOLVED, dissolved_on=D(2026, 3, 31))
    GroupFactory(hamlet=hamlet, status=Group.Status.DISSOLVED, dissolved_on=D(2025, 12, 31))
    GroupFactory(hamlet=hamlet, status="planned", activated_on=None, planned_on=D(2026, 5, 1))
    GroupFactory(hamlet=hamlet, status="planned", activated_on=None, planned_on=D(2027, 1, 2))
    GroupRoleFactory(group=a, person__is_party_member=True)
    GroupRoleFactory(group=a, role="deputy")
    PartyOversightFactory(group=a, person__household__group=a)
    GroupRoleFactory(group=mid, started_on=D(2026, 7, 1))
    GroupRoleFactory.create_batch(2, group=mid, role="deputy", started_on=D(2026, 7, 1))
    GroupRoleFactory(group=old, ended_on=D(2026, 3, 31), person__is_party_member=True)
    PartyOversightFactory(group=old, ended_on=D(2026, 3, 31), person__household__group=old)
    # A former leader of A whose term ended in 2025 does not count.
    GroupRoleFactory(group=a, started_on=D(2020, 1, 1), ended_on=D(2025, 6, 30))
    return world


def test_group_figures_at_the_years_end(groups):
    a_groups = Group.objects.filter(hamlet__commune=groups.a.commune)
    figures = group_figures_over(a_groups, [(START, END)])[0][None]
    # Active in 2026: A, mid, old. Planned or active in 2026: those and "plan".
    assert figures.formed == Share(3, 4)
    assert (figures.leaders, figures.deputies) == (2, 3)
    assert figures.cadres_per_group == Decimal("1.7")  # 5 / 3 = 1,67 → 1,7
    assert figures.party_leading == Share(1, 3)
    assert figures.party_overseeing == Share(1, 3)


def test_group_figures_seen_in_the_middle_of_the_year(groups):
    figures = group_figures_over(Group.objects.all(), [(START, D(2026, 2, 15))])[0][None]
    # On 15/02: A and old active (and commune B's group); mid not yet.
    assert (figures.active, figures.leaders, figures.party_led, figures.overseen) == (3, 2, 2, 2)


def test_per_commune_in_one_pass(groups, django_assert_num_queries):
    with django_assert_num_queries(3):
        per = group_figures_over(Group.objects.all(), [(START, END)], per="hamlet__commune")[0]
    assert per[groups.b.commune.pk].formed == Share(1, 1)
    assert per[groups.b.commune.pk].cadres_per_group == Decimal("0.0")
    assert per[groups.a.commune.pk].formed == Share(3, 4)


def test_outreach_sums_sessions_and_people(world):
    OutreachSessionFactory(unit=world.district, attendees=200, held_on=D(2026, 3, 1))
    OutreachSessionFactory(unit=world.a.commune, attendees=120, held_on=D(2026, 4, 1))
    OutreachSessionFactory(unit=world.a.group, attendees=30, held_on=D(2026, 5, 1))
    OutreachSessionFactory(unit=world.b.hamlet, attendees=45, held_on=D(2026, 5, 2))
    OutreachSessionFactory(unit=world.a.group, attendees=99, held_on=D(2025, 12, 31))
    district = outreach_figures_over(OutreachSession.objects.all(), [(START, END)])[0][None]
    assert (district.sessions, district.attendees) == (4, 395)
    per = outreach_figures_over(OutreachSession.objects.all(), [(START, END)], per="commune")[0]
    assert (per[world.a.commune.pk].sessions, per[world.a.commune.pk].attendees) == (2, 150)
    assert (per[world.b.commune.pk].sessions, per[world.b.commune.pk].attendees) == (1, 45)
    a_sessions = OutreachSession.objects.filter(commune=world.a.commune)
    a_only = outreach_figures_over(a_sessions, [(START, END)])[0]
    assert a_only[None].attendees == 150


def test_committees_and_boards_at_a_day(world):
    decision = {
        "decision_number": "12/QĐ-UBND",
        "decision_date": D(2024, 1, 5),
        "issued_by": "UBND",
    }
    SteeringCommittee.objects.create(
        district=world.district, commune=world.a.commune, established_on=D(2024, 1, 5), **decision
    )
    SteeringCommittee.objects.create(
        district=world.district,
        commune=world.b.commune,
        established_on=D(2024, 1, 5),
        ended_on=D(2025, 12, 31),
        **decision,
    )
    SteeringCommittee.objects.create(
        district=world.district, established_on=D(2024, 1, 5), **decision
    )
    MobilisationBoard.objects.create(
        hamlet=world.a.hamlet, established_on=D(2026, 6, 1), **decision
    )
    HamletFactory(commune=world.a.commune)  # a hamlet without a board
    communes = Commune.objects.filter(district=world.district)
    assert communes_with_committee_over(communes, [D(2026, 12, 31)])[0][None] == Share(1, 2)
    assert communes_with_committee_over(communes, [D(2025, 6, 30)])[0][None] == Share(2, 2)
    hamlets = Hamlet.objects.all()
    assert hamlets_with_board_over(hamlets, [D(2026, 12, 31)])[0][None] == Share(1, 3)
    assert hamlets_with_board_over(hamlets, [D(2026, 5, 31)])[0][None] == Share(0, 3)
    per = hamlets_with_board_over(hamlets, [D(2026, 12, 31)], per="commune")[0]
    assert per == {
        world.a.commune.pk: Share(1, 2),
        world.b.commune.pk: Share(0, 1),
        None: Share(1, 3),
    }
    assert PersonFactory  # the fixtures above create people through the role factories
