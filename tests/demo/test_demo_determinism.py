"""The demo is the same for the same seed, drawn in a fixed order, and built only once."""

import pytest
from django.core.management.base import CommandError

from apps.demo.assessments import AssessmentBuilder, AssessmentCounts
from apps.demo.meetings import ActivityBuilder, ActivityCounts
from apps.demo.organisation import OrganisationBuilder, OrganisationCounts
from apps.demo.petitions import PetitionBuilder, PetitionCounts
from apps.hierarchy.models import (
    District,
)
from apps.organisation.models import (
    Commendation,
    CommitteeMember,
    SteeringCommittee,
    SupervisionVisit,
)
from apps.people.models import Household
from tests.demo.support import (
    ACTIVITY,
    ASSESSMENTS,
    PETITIONS,
    build_story,
    organisation_snapshot,
    rolled_back,
    seed,
    seed_small,
    snapshot,
    without,
)

# Every test here needs the test database: without the mark, selecting only some tests
# would leave the development database connected.
pytestmark = pytest.mark.django_db


# Determinism


def test_the_same_seed_builds_the_same_district(db):
    with rolled_back():
        seed_small(7)
        first = snapshot()
    assert not District.objects.exists()

    seed_small(7)

    assert snapshot() == first


def test_another_seed_builds_another_district(db):
    with rolled_back():
        seed_small(7)
        first = snapshot()

    seed_small(8)
    second = snapshot()

    assert second["people"] != first["people"]
    assert second["meetings"] != first["meetings"]
    assert second["petitions"] != first["petitions"]
    assert second["household_assessments"] != first["household_assessments"]
    assert second != first


def test_meetings_programmes_and_outreach_are_drawn_after_everything_else(db, monkeypatch):
    """Adding them changed nothing the same seed built before (petitions and assessments,
    drawn after them, change with them)."""
    with rolled_back():
        seed_small(7)
        with_activity = snapshot()
    monkeypatch.setattr(ActivityBuilder, "build", lambda self, **units: ActivityCounts(0, 0, 0))

    seed_small(7)
    without_activity = snapshot()

    assert all(with_activity[key] for key in ACTIVITY)
    assert not any(without_activity[key] for key in ACTIVITY)
    later = (*ACTIVITY, *PETITIONS, *ASSESSMENTS)
    assert without(without_activity, *later) == without(with_activity, *later)


def test_petitions_then_assessments_are_drawn_after_everything_else(db, monkeypatch):
    """Adding petitions changed nothing built before them, nor assessments anything before."""
    with rolled_back():
        seed_small(7)
        everything = snapshot()
    monkeypatch.setattr(
        AssessmentBuilder, "build", lambda self, **units: AssessmentCounts(0, 0, 0, 0)
    )
    with rolled_back():
        seed_small(7)
        without_assessments = snapshot()
    monkeypatch.setattr(PetitionBuilder, "build", lambda self, **units: PetitionCounts(0, 0))

    seed_small(7)
    without_either = snapshot()

    assert all(everything[key] for key in (*PETITIONS, *ASSESSMENTS))
    assert not any(without_assessments[key] for key in ASSESSMENTS)
    assert not any(without_either[key] for key in (*PETITIONS, *ASSESSMENTS))
    assert without(without_assessments, *ASSESSMENTS) == without(everything, *ASSESSMENTS)
    assert without(without_either, *PETITIONS, *ASSESSMENTS) == without(
        everything, *PETITIONS, *ASSESSMENTS
    )


# Refusing to build twice


def test_if_empty_on_a_built_database_does_nothing(small):
    before = snapshot()

    output = seed("--small", "--seed", "8", "--if-empty")

    assert "nothing to do" in output
    assert snapshot() == before


def test_seed_demo_on_a_built_database_is_an_error(small):
    before = snapshot()

    with pytest.raises(CommandError):
        seed("--small", "--seed", "8")

    assert snapshot() == before


def test_if_empty_on_an_empty_database_builds(db):
    seed("--small", "--seed", "7", "--if-empty")

    assert District.objects.count() == 1
    assert Household.objects.exists()


def test_the_organisation_is_the_same_for_the_same_seed_and_drawn_after_everything_else(
    db, monkeypatch
):
    with rolled_back():
        seed_small(7)
        everything, organisation = snapshot(), organisation_snapshot()
    with rolled_back():
        seed_small(7)
        assert organisation_snapshot() == organisation
    monkeypatch.setattr(
        OrganisationBuilder, "build", lambda self, **units: OrganisationCounts(*[0] * 9)
    )

    seed_small(7)

    assert not SteeringCommittee.objects.exists()
    assert all(organisation.values())
    assert snapshot() == everything


def test_seed_demo_reports_the_organisation_it_built(db):
    output = seed_small()

    assert (
        f"{SteeringCommittee.objects.count()} steering committees with "
        f"{CommitteeMember.objects.count()} members"
    ) in output
    assert f"{SupervisionVisit.objects.count()} supervision visits with " in output
    assert f"{Commendation.objects.count()} commendations, " in output


def test_the_story_is_the_same_for_the_same_seed(db):
    first = build_story(5)

    assert first == build_story(5)
    # The rename, the split, then in 2025 8 mergers, Xã Gáo Giồng's split and the end of
    # the district.
    assert len(first["reorganisations"]) == 2 + 8 + 1 + 1
    bases = {basis for _kind, _on, basis, _summary in first["reorganisations"]}
    assert "Nghị quyết 1663/NQ-UBTVQH15 ngày 16/6/2025, khoản 26 Điều 1" in bases
    assert "Nghị quyết 202/2025/QH15 ngày 12/6/2025" in bases
