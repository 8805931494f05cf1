"""Writes of steering committees, their members and the units each member oversees."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from apps.accounts import access
from apps.accounts.models import User
from apps.organisation.models import CommitteeAssignment, CommitteeMember, SteeringCommittee


def check_committee(user: User, committee: SteeringCommittee) -> None:
    """The user keeps the committees of the committee's unit. The form offers only such
    units; this also stops a user whose roles differ from one unit to another."""
    access.check_may_write(user, SteeringCommittee, committee.unit)


def committee_save(*, user: User, committee: SteeringCommittee) -> SteeringCommittee:
    check_committee(user, committee)
    committee.save()
    return committee


def why_committee_is_kept(committee: SteeringCommittee) -> str:
    """Why the committee cannot be deleted ("" if it can)."""
    if CommitteeMember.objects.filter(committee=committee, visits__isnull=False).exists():
        return _(
            "Its members have recorded supervision visits, which must keep them. "
            "Give the committee an end date instead."
        )
    return ""


def committee_delete(*, user: User, committee: SteeringCommittee) -> None:
    check_committee(user, committee)
    if reason := why_committee_is_kept(committee):
        raise ValidationError(reason)
    committee.delete()


def check_member(user: User, member: CommitteeMember) -> None:
    access.check_may_write(user, CommitteeMember, member.committee.unit)


def member_save(*, user: User, member: CommitteeMember) -> CommitteeMember:
    check_member(user, member)
    member.save()
    return member


def why_member_is_kept(member: CommitteeMember) -> str:
    """Why the member cannot be deleted ("" if they can)."""
    if member.visits.exists():
        return _(
            "%(name)s made supervision visits, which must keep their name. "
            "Give the membership an end date instead."
        ) % {"name": member.full_name}
    return ""


def member_delete(*, user: User, member: CommitteeMember) -> None:
    check_member(user, member)
    if reason := why_member_is_kept(member):
        raise ValidationError(reason)
    member.delete()


def check_assignment(user: User, assignment: CommitteeAssignment) -> None:
    access.check_may_write(user, CommitteeAssignment, assignment.member.committee.unit)


def assignment_save(*, user: User, assignment: CommitteeAssignment) -> CommitteeAssignment:
    check_assignment(user, assignment)
    assignment.save()
    return assignment


def assignment_delete(*, user: User, assignment: CommitteeAssignment) -> None:
    check_assignment(user, assignment)
    assignment.delete()
