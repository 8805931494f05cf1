"""Reads for the organisation pages: one record as the user may see (or change) it, which
units a user may place records at, and lists."""

import datetime

from django.db.models import Count, F, Model, Prefetch, Q, QuerySet

from apps.accounts import access
from apps.hierarchy.models import ANCESTOR_PATHS, UNIT_MODELS, Commune, Group, Hamlet
from apps.organisation.models.boards import BoardMember, MobilisationBoard
from apps.organisation.models.commendations import Commendation
from apps.organisation.models.committees import (
    CommitteeAssignment,
    CommitteeMember,
    SteeringCommittee,
)
from apps.organisation.models.documents import Document
from apps.organisation.models.visits import FollowUp, SupervisionVisit

ORDER = {
    "district": ["code"],
    "commune": ["code"],
    "hamlet": ["commune__code", "code"],
    "group": ["hamlet__commune__code", "hamlet__code", "code"],
}
UNIT_COLUMNS = ["district", "commune", "hamlet", "group"]


def _get_for_user(user, queryset: QuerySet, pk: int, write: bool) -> Model:
    """404 outside the user's scope (as if it did not exist); with `write`, 403 if the user
    may only read it."""
    return access.get_or_404(user, queryset, write=write, pk=pk)


def get_committee_for_user(user, pk: int, *, write: bool = False) -> SteeringCommittee:
    queryset = SteeringCommittee.objects.select_related("district", "commune")
    return _get_for_user(user, queryset, pk, write)


def get_member_for_user(user, pk: int, *, write: bool = False) -> CommitteeMember:
    queryset = CommitteeMember.objects.select_related("committee__district", "committee__commune")
    return _get_for_user(user, queryset, pk, write)


def get_assignment_for_user(user, pk: int, *, write: bool = False) -> CommitteeAssignment:
    queryset = CommitteeAssignment.objects.select_related(
        "member__committee__district", "member__committee__commune", "commune", "hamlet"
    )
    return _get_for_user(user, queryset, pk, write)


def get_board_for_user(user, pk: int, *, write: bool = False) -> MobilisationBoard:
    queryset = MobilisationBoard.objects.select_related("hamlet__commune")
    return _get_for_user(user, queryset, pk, write)


def get_board_member_for_user(user, pk: int, *, write: bool = False) -> BoardMember:
    queryset = BoardMember.objects.select_related("board__hamlet__commune")
    return _get_for_user(user, queryset, pk, write)


def get_visit_for_user(user, pk: int, *, write: bool = False) -> SupervisionVisit:
    """With `write`, the scope only: whether the user may change this visit (visit_changeable)
    is asked once, by the service that writes or by the page that shows a form instead
    (apps.organisation.services.visits.check_visit)."""
    return _get_for_user(user, SupervisionVisit.objects.select_related(*UNIT_COLUMNS), pk, write)


def get_follow_up_for_user(user, pk: int, *, write: bool = False) -> FollowUp:
    """With `write`, the scope only, as for its visit (get_visit_for_user)."""
    return _get_for_user(user, FollowUp.objects.select_related("visit"), pk, write)


def get_commendation_for_user(user, pk: int, *, write: bool = False) -> Commendation:
    queryset = Commendation.objects.select_related(*UNIT_COLUMNS)
    return _get_for_user(user, queryset, pk, write)


def get_document_for_user(user, pk: int, *, write: bool = False) -> Document:
    queryset = Document.objects.select_related("district", "commune")
    return _get_for_user(user, queryset, pk, write)


def may_write(user, model: type[Model], obj: Model) -> bool:
    """Whether the user may change `obj` (the pages show their buttons only then)."""
    return access.writable(user, model).filter(pk=obj.pk).exists()


def unit_key(unit) -> str:
    return f"{unit.level}:{unit.pk}"


def _units(queryset: QuerySet, level: str) -> QuerySet:
    # Loaded with their ancestors, which `access.may` and the unit labels need.
    return queryset.select_related(*ANCESTOR_PATHS[level]).order_by(*ORDER[level])


def writable_units(user, model: type[Model], levels: tuple[str, ...]) -> dict[str, Model]:
    """The units at `levels` under which `user` may write `model` records, keyed "level:id".

    Groups are left out for district-wide users: a district has about 1,800.
    """
    if access.is_district_wide(user):
        levels = tuple(level for level in levels if level != "group")
    found = {}
    for level in levels:
        for unit in _units(access.readable(user, UNIT_MODELS[level]), level):
            if access.may(user, model, unit, write=True):
                found[unit_key(unit)] = unit
    return found


def visit_units(user) -> dict[str, Model]:
    """The units the user may record visits to: those overseen by a committee the user can
    see (the district's: its communes and hamlets; a commune's: its hamlets and groups)."""
    committees = access.readable(user, SteeringCommittee)
    districts = committees.filter(commune__isnull=True).values("district_id")
    communes = committees.filter(commune__isnull=False).values("commune_id")
    candidates = {
        "commune": Commune.objects.filter(district__in=districts),
        "hamlet": Hamlet.objects.filter(
            Q(commune__district__in=districts) | Q(commune__in=communes)
        ),
        "group": Group.objects.filter(hamlet__commune__in=communes),
    }
    if access.is_district_wide(user):
        del candidates["group"]  # about 1,800 in a district: too many for one list
    found = {}
    for level, queryset in candidates.items():
        for unit in _units(access.readable(user, queryset), level):
            if access.may(user, SupervisionVisit, unit, write=True):
                found[unit_key(unit)] = unit
    return found


def visitor_choices(user) -> QuerySet[CommitteeMember]:
    """The committee members the user may name on a visit: those of the committees they see."""
    return (
        access.readable(user, CommitteeMember)
        .select_related("committee__district", "committee__commune")
        .order_by(
            F("committee__commune__code").asc(nulls_first=True),
            F("ended_on").desc(nulls_first=True),
            "full_name",
        )
    )


def visit_changeable(user, visit: SupervisionVisit) -> bool:
    """Whether the user may change the visit (and its follow-ups).

    The scope rule must let them write visits to its unit, and they must see every member
    who made it: a commune's officials keep the visits of their own committee, not the
    district committee's visits to their hamlets.
    """
    if not access.writable(user, SupervisionVisit).filter(pk=visit.pk).exists():
        return False
    named = visit.members.count()
    return access.readable(user, CommitteeMember).filter(visits=visit).count() == named


def committee_list(user) -> QuerySet[SteeringCommittee]:
    return (
        access.readable(user, SteeringCommittee)
        .select_related("district", "commune")
        .annotate(current_members=Count("members", filter=Q(members__ended_on__isnull=True)))
        .order_by(F("commune__code").asc(nulls_first=True), "-established_on")
    )


def committee_members(committee: SteeringCommittee) -> QuerySet[CommitteeMember]:
    """The committee's members, current ones first, with their assignments and units."""
    return (
        committee.members.prefetch_related("assignments__commune", "assignments__hamlet")
        .annotate(visit_count=Count("visits"))
        .order_by(F("ended_on").desc(nulls_first=True), "full_name")
    )


def board_list(user) -> QuerySet[MobilisationBoard]:
    return (
        access.readable(user, MobilisationBoard)
        .select_related("hamlet__commune")
        .annotate(current_members=Count("members", filter=Q(members__ended_on__isnull=True)))
        .order_by("hamlet__commune__code", "hamlet__code", "-established_on")
    )


def hamlets_without_board(user, day: datetime.date) -> QuerySet[Hamlet]:
    """The hamlets where the user may set up a board and none is current on `day`."""
    current = MobilisationBoard.objects.current_on(day).values("hamlet_id")
    return (
        access.writable_parents(user, MobilisationBoard, "hamlet")
        .exclude(pk__in=current)
        .select_related("commune")
        .order_by("commune__code", "code")
    )


def board_members(board: MobilisationBoard) -> QuerySet[BoardMember]:
    return board.members.order_by(F("ended_on").desc(nulls_first=True), "full_name")


def visit_list(user, today: datetime.date, year: int | None) -> QuerySet[SupervisionVisit]:
    visits = access.readable(user, SupervisionVisit)
    if year:
        visits = visits.filter(visited_on__year=year)
    return (
        visits.select_related(*UNIT_COLUMNS)
        .prefetch_related(Prefetch("members", CommitteeMember.objects.order_by("full_name")))
        .annotate(
            open_follow_ups=Count("follow_ups", filter=Q(follow_ups__done=False)),
            overdue_follow_ups=Count(
                "follow_ups", filter=Q(follow_ups__done=False, follow_ups__due_on__lt=today)
            ),
        )
        .order_by("-visited_on", "-id")
    )


def commendation_list(user, year: int | None) -> QuerySet[Commendation]:
    commendations = access.readable(user, Commendation)
    if year:
        commendations = commendations.filter(year=year)
    return commendations.select_related(*UNIT_COLUMNS).order_by("-year", "-decision_date", "-id")


def document_list(user) -> QuerySet[Document]:
    return (
        access.readable(user, Document)
        .select_related("district", "commune")
        .order_by("-issued_on", "-id")
    )
