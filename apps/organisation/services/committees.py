"""Writes of steering committees, their members and the units each member oversees."""

from operator import attrgetter

from django.utils.translation import gettext as _

from apps.organisation.models import CommitteeAssignment, CommitteeMember, SteeringCommittee
from apps.organisation.services.scoped import ScopedWrites


def why_committee_is_kept(committee: SteeringCommittee) -> str:
    """Why the committee cannot be deleted ("" if it can)."""
    if CommitteeMember.objects.filter(committee=committee, visits__isnull=False).exists():
        return _(
            "Its members have recorded supervision visits, which must keep them. "
            "Give the committee an end date instead."
        )
    return ""


def why_member_is_kept(member: CommitteeMember) -> str:
    """Why the member cannot be deleted ("" if they can)."""
    if member.visits.exists():
        return _(
            "%(name)s made supervision visits, which must keep their name. "
            "Give the membership an end date instead."
        ) % {"name": member.full_name}
    return ""


# The user keeps the committees of the committee's unit. The form offers only such units;
# the check also stops a user whose roles differ from one unit to another.
_committees = ScopedWrites(
    SteeringCommittee, unit_of=attrgetter("unit"), why_kept=why_committee_is_kept
)
committee_save, committee_delete = _committees.save, _committees.delete

_members = ScopedWrites(
    CommitteeMember, unit_of=attrgetter("committee.unit"), why_kept=why_member_is_kept
)
member_save, member_delete = _members.save, _members.delete

_assignments = ScopedWrites(CommitteeAssignment, unit_of=attrgetter("member.committee.unit"))
assignment_save, assignment_delete = _assignments.save, _assignments.delete
