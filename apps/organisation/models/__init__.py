"""Who directs the model and who checks on it: steering committees (ban chỉ đạo) of the
district and of each commune with their members and the units each member oversees, the
mobilisation board (ban vận động) of each hamlet with its members, supervision visits
(kiểm tra, giám sát) with their follow-up actions, commendations (khen thưởng), and the
documents (decisions, regulations) that set the model up.

Bodies, memberships and assignments are dated periods (the end date is the last
day, empty while current), so "did commune X have a steering committee at the end
of 2025" has an answer.

Visits, commendations and documents hang from a unit at any level with that unit's
ancestors stored beside it (as outreach sessions do), so "the visits in commune X"
is one indexed filter whatever level was visited, and the visited unit's officials
see the visits to their units through the scope rule (apps.accounts.access).
"""

from apps.organisation.models.boards import BoardMember, MobilisationBoard
from apps.organisation.models.commendations import Commendation
from apps.organisation.models.committees import (
    REPORT_SYMBOL,
    SIGNER_TITLE,
    CommitteeAssignment,
    CommitteeMember,
    SteeringCommittee,
)
from apps.organisation.models.common import (
    YEAR_VALIDATORS,
    Decision,
    Member,
    PeriodQuerySet,
    Term,
)
from apps.organisation.models.documents import Document, document_path
from apps.organisation.models.visits import FollowUp, SupervisionVisit

__all__ = [
    "REPORT_SYMBOL",
    "SIGNER_TITLE",
    "YEAR_VALIDATORS",
    "BoardMember",
    "Commendation",
    "CommitteeAssignment",
    "CommitteeMember",
    "Decision",
    "Document",
    "FollowUp",
    "Member",
    "MobilisationBoard",
    "PeriodQuerySet",
    "SteeringCommittee",
    "SupervisionVisit",
    "Term",
    "document_path",
]
