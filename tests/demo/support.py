"""What the demo tests share: the names of Cao Lãnh's communes, building and snapshotting a
demo, and the facts gathered from a build (the full build keeps only these, then rolls back)."""

import datetime
import io
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import pairwise

from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, F, Max, Min, Q
from django.db.models.functions import ExtractYear
from django.test import Client, RequestFactory
from django.utils import timezone

from apps.accounts.models import Scope, User
from apps.assessments.models import (
    CommuneAssessment,
    GroupAssessment,
    HamletAssessment,
    HouseholdAssessment,
)
from apps.core.periods import Month
from apps.demo.builder import DemoBuilder, Shape
from apps.demo.story import MERGED_ON, SPLIT_ON
from apps.hierarchy.models import (
    UNIT_MODELS,
    Commune,
    District,
    Group,
    Hamlet,
    Reorganisation,
    Succession,
)
from apps.hierarchy.placements import OWN_ROWS, Placement, placed_on_q, within_on
from apps.meetings.models import THEME_FIELDS, Meeting, MonthlyProgramme, OutreachSession, any_theme
from apps.meetings.services import MEETING_FIELDS
from apps.organisation.models.boards import BoardMember, MobilisationBoard
from apps.organisation.models.commendations import Commendation
from apps.organisation.models.committees import (
    CommitteeAssignment,
    CommitteeMember,
    SteeringCommittee,
)
from apps.organisation.models.documents import Document
from apps.organisation.models.visits import FollowUp, SupervisionVisit
from apps.people.household_counts import DATED, GroupHouseholdsChange, changes_of
from apps.people.memberships import HouseholdMembership, PartyMembership, party_member_on
from apps.people.models import GroupRole, Household, PartyOversight, Person
from apps.petitions.models import LEVELS, Petition, PetitionEvent
from apps.petitions.rules import DEFAULT_DAYS
from apps.petitions.workflow import HANDLERS, TRANSITIONS
from tests.scenarios.pages import cards_in, listed_units, read_page

PASSWORD = "mat-khau-thu-nghiem-7"
# What a petition says and where it stands; what a commendation records.
PETITION_STATE = ("category", "citizen_name", "level", "due_on", "state", "closed_on", "answer")
COMMENDED = ("person_name", "year", "title", "decision_number", "decision_date", "achievement")

# The town and seventeen communes of Cao Lãnh district (Đồng Tháp) before the 2025 merger.
CAO_LANH_COMMUNES = {
    "Thị trấn Mỹ Thọ",
    "Xã An Bình",
    "Xã Ba Sao",
    "Xã Bình Hàng Tây",
    "Xã Bình Hàng Trung",
    "Xã Bình Thạnh",
    "Xã Gáo Giồng",
    "Xã Mỹ Hiệp",
    "Xã Mỹ Hội",
    "Xã Mỹ Long",
    "Xã Mỹ Thọ",
    "Xã Mỹ Xương",
    "Xã Nhị Mỹ",
    "Xã Phong Mỹ",
    "Xã Phương Thịnh",
    "Xã Phương Trà",
    "Xã Tân Hội Trung",
    "Xã Tân Nghĩa",
}

# The 9 communes and wards of Tỉnh Đồng Tháp that took in Cao Lãnh's communes on 01/07/2025.
NEW_COMMUNES = {
    "Xã Mỹ Thọ",
    "Xã Ba Sao",
    "Xã Phong Mỹ",
    "Xã Phương Thịnh",
    "Xã Phú Cường",
    "Xã Bình Hàng Trung",
    "Xã Mỹ Hiệp",
    "Phường Mỹ Ngãi",
    "Phường Mỹ Trà",
}
# Resolution 1663/NQ-UBTVQH15 (fixtures/dong_thap_2025.json), and the district's end.
SUCCESSIONS = {
    ("Huyện Cao Lãnh", "Tỉnh Đồng Tháp", "whole"),
    *(
        (old, new, "whole")
        for new, olds in {
            "Xã Mỹ Thọ": ["Thị trấn Mỹ Thọ", "Xã Mỹ Hội", "Xã Mỹ Xương", "Xã Mỹ Thọ"],
            "Xã Ba Sao": ["Xã Phương Trà", "Xã Ba Sao"],
            "Xã Phong Mỹ": ["Xã Phong Mỹ"],
            "Xã Phương Thịnh": ["Xã Phương Thịnh"],
            "Xã Bình Hàng Trung": ["Xã Tân Hội Trung", "Xã Bình Hàng Tây", "Xã Bình Hàng Trung"],
            "Xã Mỹ Hiệp": ["Xã Mỹ Long", "Xã Bình Thạnh", "Xã Mỹ Hiệp"],
            "Phường Mỹ Ngãi": ["Xã Tân Nghĩa"],
            "Phường Mỹ Trà": ["Xã Nhị Mỹ", "Xã An Bình"],
        }.items()
        for old in olds
    ),
    ("Xã Gáo Giồng", "Xã Phú Cường", "part"),
    ("Xã Gáo Giồng", "Xã Phong Mỹ", "part"),
}


def seed(*args: str) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def seed_small(seed_value: int = 7) -> str:
    return seed("--small", "--seed", str(seed_value), "--password", PASSWORD)


def login(username: str, password: str) -> User | None:
    # The lockout backend (django-axes) needs the request.
    return authenticate(RequestFactory().post("/dang-nhap/"), username=username, password=password)


def snapshot() -> dict[str, list[tuple]]:
    """Everything the builder writes, without database ids."""

    def rows(queryset, *fields) -> list[tuple]:
        return sorted(queryset.values_list(*fields), key=repr)

    return {
        "districts": rows(District.objects, "code", "name", "province"),
        "communes": rows(Commune.objects, "code", "name", "kind"),
        "hamlets": rows(Hamlet.objects, "commune__code", "code", "name", "kind"),
        "groups": rows(
            Group.objects,
            "hamlet__code",
            "code",
            "name",
            "status",
            "planned_on",
            "activated_on",
            "dissolved_on",
        ),
        "households": rows(Household.objects, "group__code", "code", "address", "joined_on"),
        "people": rows(
            Person.objects,
            "household__code",
            "full_name",
            "gender",
            "birth_year",
            "phone",
            "is_household_head",
        ),
        "party_members": rows(
            PartyMembership.objects,
            "person__household__code",
            "person__full_name",
            "joined_on",
            "left_on",
        ),
        "household_memberships": rows(
            HouseholdMembership.objects, "household__code", "group__code", "started_on", "ended_on"
        ),
        "roles": rows(
            GroupRole.objects,
            "group__code",
            "person__household__code",
            "person__full_name",
            "role",
            "started_on",
            "ended_on",
        ),
        "oversights": rows(
            PartyOversight.objects,
            "group__code",
            "person__household__code",
            "person__full_name",
            "started_on",
            "ended_on",
        ),
        "users": rows(User.objects, "username", "first_name", "is_staff", "is_superuser"),
        "meetings": rows(Meeting.objects, "group__code", "month", "recorded_on", *MEETING_FIELDS),
        "programmes": rows(
            MonthlyProgramme.objects, "commune__code", "month", "talking_points", *THEME_FIELDS
        ),
        "outreach": rows(
            OutreachSession.objects,
            "held_on",
            "district__code",
            "commune__code",
            "hamlet__code",
            "group__code",
            "theme",
            "attendees",
            "notes",
        ),
        "scopes": rows(
            Scope.objects,
            "user__username",
            "role",
            "district__code",
            "commune__code",
            "hamlet__code",
            "group__code",
        ),
        "petitions": rows(
            Petition.objects,
            "group__code",
            "meeting__group__code",
            "meeting__held_on",
            "raised_on",
            "content",
            *PETITION_STATE,
            "created_by__username",
        ),
        "petition_events": rows(
            PetitionEvent.objects,
            "petition__group__code",
            "petition__raised_on",
            "petition__content",
            "action",
            "state",
            "level",
            "note",
            "by__username",
            "at",
        ),
        "household_assessments": rows(
            HouseholdAssessment.objects,
            "household__code",
            "year",
            "no_crime",
            "no_social_evils",
            "no_drugs",
            "cultural_family",
            "assessed_by",
        ),
        "group_assessments": rows(
            GroupAssessment.objects, "group__code", "year", "safe", "cultural", "assessed_by"
        ),
        "hamlet_assessments": rows(
            HamletAssessment.objects, "hamlet__code", "year", "safe", "cultural", "assessed_by"
        ),
        "commune_assessments": rows(
            CommuneAssessment.objects, "commune__code", "year", "cultural_standard", "assessed_by"
        ),
    }


ACTIVITY = ("meetings", "programmes", "outreach")
PETITIONS = ("petitions", "petition_events")
ASSESSMENTS = (
    "household_assessments",
    "group_assessments",
    "hamlet_assessments",
    "commune_assessments",
)


def without(data: dict[str, list[tuple]], *keys: str) -> dict[str, list[tuple]]:
    return {key: value for key, value in data.items() if key not in keys}


ORGANISATION_MODELS = (
    FollowUp,
    SupervisionVisit,
    Commendation,
    Document,
    CommitteeAssignment,
    CommitteeMember,
    SteeringCommittee,
    BoardMember,
    MobilisationBoard,
)


@contextmanager
def rolled_back() -> Iterator[None]:
    """What is built inside it is gone when it ends: the database is as it was before, as
    for the next build with the same seed. (Deleting a build row by row takes about 1.3 s,
    seven times the small build itself.)"""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


# Meetings, programmes and outreach sessions: their facts, gathered the same way for both builds.


def last_36_months(today: datetime.date) -> list[Month]:
    months = [Month.of(today)]
    while len(months) < 36:
        months.append(months[-1].previous())
    return months[::-1]


@dataclass(frozen=True, repr=False)
class ActivityFacts:
    today: datetime.date
    months: list[Month]
    # Per month: (groups active in it, of them with a meeting).
    month_counts: dict[Month, tuple[int, int]]
    meetings: int
    meetings_outside_the_36_months: int
    meetings_of_groups_not_active_in_their_month: int
    meetings_held_outside_the_group_active_days: int
    meetings_held_outside_their_month: int
    meetings_held_or_recorded_after_today: int
    meetings_recorded_before_held: int
    meetings_with_wrong_households_total: int
    meetings_with_households_out_of_range: int
    meetings_below_60_percent_of_households: int
    meetings_with_fewer_attendees_than_households: int
    meetings_without_a_theme: int
    meetings_without_minutes: int
    meetings_not_fresh: int
    meetings_recorded_late: int
    theme_shares: dict[str, float]
    defence_share_per_year: list[float]
    overseen_meetings: int
    overseen_meetings_attended: int
    overseer_attended_without_oversight: int
    programmes: int
    commune_months: int
    programmes_without_a_theme: int
    programmes_without_talking_points: int
    programmes_outside_the_36_months: int
    programme_theme_counts: Counter
    sessions_per_level: Counter
    sessions_attendees: dict[str, tuple[int, int]]
    sessions_with_inconsistent_units: int
    sessions_outside_the_36_months: int
    sessions_without_a_theme: int

    def share(self, month: Month) -> float:
        active, met = self.month_counts[month]
        return met / active


def placed_on(day, district, commune, hamlet, group) -> tuple:
    """The keys of a record's unit (its lowest key) as the unit was placed on `day`
    (the district's own record: its district)."""
    if commune is None:
        return (district, None, None, None)
    level, unit = next(
        (lv, u) for lv, u in (("group", group), ("hamlet", hamlet), ("commune", commune)) if u
    )
    rows = Placement.objects.filter(OWN_ROWS[level], placed_on_q(day), **{level: unit})
    return rows.values_list("district", "commune", "hamlet", "group").get()


def gather_activity_facts(today: datetime.date) -> ActivityFacts:
    months = last_36_months(today)
    month_days = {m.first_day: m for m in months}
    first = months[0].first_day

    month_counts = {}
    not_active = 0
    for month in months:
        active = Group.objects.active_between(month.first_day, month.last_day)
        met = Meeting.objects.filter(month=month.first_day)
        month_counts[month] = (active.count(), met.count())
        not_active += met.exclude(group__in=active).count()

    groups = {
        pk: (activated, dissolved)
        for pk, activated, dissolved in Group.objects.values_list(
            "pk", "activated_on", "dissolved_on"
        )
    }
    households = Counter(Household.objects.values_list("group_id", flat=True))
    oversights: dict[int, list[tuple]] = {}
    for group_id, started, ended in PartyOversight.objects.values_list(
        "group_id", "started_on", "ended_on"
    ):
        oversights.setdefault(group_id, []).append((started, ended))

    rows = list(
        Meeting.objects.values_list(
            "group_id",
            "month",
            "held_on",
            "recorded_on",
            "households_represented",
            "households_total",
            "attendees",
            "overseer_attended",
            "version",
            "updated_at",
            *THEME_FIELDS,
        )
    )
    facts = Counter()
    theme_counts = Counter()
    defence_per_year = [[0, 0], [0, 0], [0, 0]]
    for row in rows:
        group_id, month_day, held, recorded, represented, total, attendees, attended = row[:8]
        version, updated_at, themes = row[8], row[9], row[10:]
        activated, dissolved = groups[group_id]
        month = month_days.get(month_day)
        facts["outside"] += month is None
        facts["outside_month"] += month is None or not (month_day <= held <= month.last_day)
        facts["outside_active"] += held < activated or (dissolved is not None and held > dissolved)
        facts["after_today"] += held > today or recorded > today
        facts["recorded_before_held"] += recorded < held
        facts["late"] += month is not None and recorded > month.due_on
        facts["wrong_total"] += total != households[group_id]
        facts["out_of_range"] += not 1 <= represented <= total
        facts["below_60"] += represented * 5 < total * 3
        facts["few_attendees"] += attendees < represented
        facts["not_fresh"] += version != 1 or updated_at is None
        overseen = any(
            s <= held and (e is None or held <= e) for s, e in oversights.get(group_id, ())
        )
        facts["overseen"] += overseen
        facts["overseen_attended"] += overseen and attended
        facts["attended_without_oversight"] += attended and not overseen
        for name, covered in zip(THEME_FIELDS, themes, strict=True):
            theme_counts[name] += covered
        if month is not None:
            year = months.index(month) // 12
            defence_per_year[year][0] += themes[-1]
            defence_per_year[year][1] += 1

    programmes = MonthlyProgramme.objects.all()
    sessions = OutreachSession.objects.all()
    levels = {
        "district": sessions.filter(commune__isnull=True, hamlet__isnull=True, group__isnull=True),
        "commune": sessions.filter(commune__isnull=False, hamlet__isnull=True, group__isnull=True),
        "hamlet": sessions.filter(hamlet__isnull=False, group__isnull=True),
        "group": sessions.filter(group__isnull=False),
    }
    attendees = {
        level: tuple(qs.aggregate(low=Min("attendees"), high=Max("attendees")).values())
        for level, qs in levels.items()
    }
    inconsistent = sum(
        placed_on(held_on, district, commune, hamlet, group) != (district, commune, hamlet, group)
        for held_on, district, commune, hamlet, group in sessions.values_list(
            "held_on", "district_id", "commune_id", "hamlet_id", "group_id"
        )
    )
    return ActivityFacts(
        today=today,
        months=months,
        month_counts=month_counts,
        meetings=len(rows),
        meetings_outside_the_36_months=facts["outside"],
        meetings_of_groups_not_active_in_their_month=not_active,
        meetings_held_outside_the_group_active_days=facts["outside_active"],
        meetings_held_outside_their_month=facts["outside_month"],
        meetings_held_or_recorded_after_today=facts["after_today"],
        meetings_recorded_before_held=facts["recorded_before_held"],
        meetings_with_wrong_households_total=facts["wrong_total"],
        meetings_with_households_out_of_range=facts["out_of_range"],
        meetings_below_60_percent_of_households=facts["below_60"],
        meetings_with_fewer_attendees_than_households=facts["few_attendees"],
        meetings_without_a_theme=Meeting.objects.exclude(any_theme()).count(),
        meetings_without_minutes=Meeting.objects.filter(minutes="").count(),
        meetings_not_fresh=facts["not_fresh"],
        meetings_recorded_late=facts["late"],
        theme_shares={name: theme_counts[name] / max(len(rows), 1) for name in THEME_FIELDS},
        defence_share_per_year=[covered / max(n, 1) for covered, n in defence_per_year],
        overseen_meetings=facts["overseen"],
        overseen_meetings_attended=facts["overseen_attended"],
        overseer_attended_without_oversight=facts["attended_without_oversight"],
        programmes=programmes.count(),
        # The months of each commune alive in them (the merger halves them in mid-2025).
        commune_months=sum(
            Commune.objects.alive_between(month.first_day, month.last_day).count()
            for month in months
        ),
        programmes_without_a_theme=programmes.exclude(any_theme()).count(),
        programmes_without_talking_points=programmes.filter(talking_points="").count(),
        programmes_outside_the_36_months=programmes.exclude(month__in=list(month_days)).count(),
        programme_theme_counts=Counter(sum(row) for row in programmes.values_list(*THEME_FIELDS)),
        sessions_per_level=Counter({level: qs.count() for level, qs in levels.items()}),
        sessions_attendees=attendees,
        sessions_with_inconsistent_units=inconsistent,
        sessions_outside_the_36_months=sessions.exclude(held_on__range=(first, today)).count(),
        sessions_without_a_theme=sessions.filter(theme="").count(),
    )


# Petitions and assessments: their facts, gathered the same way for both builds.


@dataclass(frozen=True, repr=False)
class PetitionFacts:
    today: datetime.date
    # Per twelve-month window of the 36 months, oldest first.
    per_year: list[int]
    petitions: int
    events: int
    raised_at_meetings: int
    named: int
    states: Counter
    levels: Counter
    categories: Counter
    moved_up: int
    open: int
    overdue: int
    last_year: int
    overdue_of_last_year: int
    closed: int
    closed_late: int
    raised_outside_the_36_months: int
    closed_state_without_date_or_date_without_closed_state: int
    answered_without_text: int
    due_before_raised: int
    closed_before_raised_or_after_today: int
    not_raised_at_their_meeting: int
    raised_outside_the_group_active_days: int
    due_not_from_reaching_the_level: int
    entered_late: int
    events_not_dated_on_their_day: int
    stories_not_ending_in_the_petition_state_and_level: int
    stories_not_starting_with_raised: int
    steps_off_the_workflow: int
    closings_not_on_the_closed_day: int
    events_in_the_future: int
    recorded_by_another_than_the_raiser_or_at_no_time: int
    events_not_by_the_account_handling_their_level: int
    events_signed: int


def petition_handlers() -> dict[tuple[str, int], int]:
    """The demo account that handles each unit's petitions, by (level, unit id): the
    officials and group leaders by their scope, the superuser at the district."""
    handlers = {}
    for role, level in [
        (Scope.Role.GROUP_LEADER, "group"),
        (Scope.Role.HAMLET, "hamlet"),
        (Scope.Role.COMMUNE, "commune"),
    ]:
        for user, unit in Scope.objects.filter(role=role).values_list("user", level):
            handlers[(level, unit)] = user
    admin = User.objects.get(username="admin", is_superuser=True)
    for district in District.objects.values_list("pk", flat=True):
        handlers[("district", district)] = admin.pk
    return handlers


def gather_petition_facts(today: datetime.date) -> PetitionFacts:
    months = last_36_months(today)
    windows = [(months[i].first_day, months[i + 11].last_day) for i in (0, 12, 24)]
    zone = timezone.get_default_timezone()
    groups = {
        pk: (activated, dissolved)
        for pk, activated, dissolved in Group.objects.values_list(
            "pk", "activated_on", "dissolved_on"
        )
    }
    meetings = {
        pk: (group, held)
        for pk, group, held in Meeting.objects.values_list("pk", "group_id", "held_on")
    }
    handlers = petition_handlers()
    # Each group's places over time: an event is handled where the group stood on its day.
    places: dict[int, list[tuple]] = {}
    for row in Placement.objects.filter(OWN_ROWS["group"]).values_list(
        "group", "started_on", "ended_on", "hamlet", "commune", "district"
    ):
        places.setdefault(row[0], []).append(row[1:])

    def units_on(group: int, day: datetime.date) -> dict[str, int]:
        (hamlet, commune, district), *_ = (
            row[2:]
            for row in places[group]
            if (row[0] is None or row[0] <= day) and (row[1] is None or day <= row[1])
        )
        return {"group": group, "hamlet": hamlet, "commune": commune, "district": district}

    stories: dict[int, list[tuple]] = {}
    for petition_id, *event in PetitionEvent.objects.order_by("petition", "at", "id").values_list(
        "petition_id", "action", "state", "level", "at", "by", "on", "due_on"
    ):
        stories.setdefault(petition_id, []).append(tuple(event))
    rows = list(
        Petition.objects.values_list(
            "pk",
            "group_id",
            "meeting_id",
            "raised_on",
            *PETITION_STATE,
            "created_by",
            "created_at",
            "recorded_on",
        )
    )
    facts = Counter()
    now = timezone.now()
    for row in rows:
        pk, group, meeting, raised, _, _, level, due, state, closed, answer, by, at, entered = row
        story = stories.get(pk, [])
        is_closed = state in Petition.CLOSED_STATES
        facts["closed_mismatch"] += is_closed != (closed is not None)
        facts["answered_without_text"] += state == Petition.State.ANSWERED and not answer
        facts["due_before_raised"] += due < raised
        facts["closed_out"] += closed is not None and not raised <= closed <= today
        facts["outside"] += not months[0].first_day <= raised <= today
        facts["late"] += closed is not None and closed > due
        facts["overdue"] += not is_closed and due < today
        facts["last_year"] += raised >= windows[2][0]
        facts["overdue_last_year"] += not is_closed and due < today and raised >= windows[2][0]
        facts["recorded"] += at is None or by != (story[0][4] if story else None)
        if meeting is not None:
            facts["not_at_meeting"] += meetings[meeting] != (group, raised)
        activated, end = groups[group]
        facts["outside_active"] += raised < activated or (end is not None and raised > end)
        if not story:
            facts["not_raised"] += 1
            facts["not_ending"] += 1
            continue
        first_action, first_state, first_level, first_at, *_ = story[0]
        facts["not_raised"] += (first_action, first_state) != ("raised", "received") or (
            first_at.astimezone(zone).date() != raised
        )
        facts["not_ending"] += story[-1][1:3] != (state, level)
        facts["future"] += any(event[3] > now for event in story)
        # Each event by the account handling the level it happened at; a move up, by the
        # level below (none for the leader of a dissolved group, whose account is gone).
        for before, event in zip([None, *story], story, strict=False):
            acting = before[2] if event[0] == "moved_up" else event[2]
            units = units_on(group, event[3].astimezone(zone).date())
            facts["unsigned"] += event[4] != handlers.get((acting, units[acting]))
            facts["signed"] += event[4] is not None
        # The petition keeps its first level's due date; each level reached has its own.
        facts["wrong_due"] += due != raised + datetime.timedelta(days=DEFAULT_DAYS[first_level])
        facts["wrong_due"] += any(
            event[6] != event[5] + datetime.timedelta(days=DEFAULT_DAYS[event[2]])
            for event in story
            if event[0] in ("raised", "moved_up")
        )
        # Entered as it happened: on the day raised, each event on its own day.
        facts["entered_late"] += entered != raised
        facts["off_day"] += any(event[5] != event[3].astimezone(zone).date() for event in story)
        for (_, before, before_level, *_), (action, after, after_level, *_) in pairwise(story):
            transition = TRANSITIONS.get(action)
            up = LEVELS.index(after_level) - LEVELS.index(before_level)
            facts["off_workflow"] += (
                transition is None
                or before not in transition.from_states
                or after != transition.to_state
                or up != (1 if action == "moved_up" else 0)
            )
        facts["moved"] += any(event[0] == "moved_up" for event in story)
        if is_closed:
            facts["closing_off_day"] += story[-1][0] != state or (
                story[-1][3].astimezone(zone).date() != closed
            )
    states = Counter(row[8] for row in rows)
    return PetitionFacts(
        today=today,
        per_year=[sum(first <= row[3] <= last for row in rows) for first, last in windows],
        petitions=len(rows),
        events=sum(len(story) for story in stories.values()),
        raised_at_meetings=sum(row[2] is not None for row in rows),
        named=sum(bool(row[5]) for row in rows),
        states=states,
        levels=Counter(row[6] for row in rows),
        categories=Counter(row[4] for row in rows),
        moved_up=facts["moved"],
        open=states[Petition.State.RECEIVED] + states[Petition.State.IN_PROGRESS],
        overdue=facts["overdue"],
        last_year=facts["last_year"],
        overdue_of_last_year=facts["overdue_last_year"],
        closed=states[Petition.State.RESOLVED] + states[Petition.State.ANSWERED],
        closed_late=facts["late"],
        raised_outside_the_36_months=facts["outside"],
        closed_state_without_date_or_date_without_closed_state=facts["closed_mismatch"],
        answered_without_text=facts["answered_without_text"],
        due_before_raised=facts["due_before_raised"],
        closed_before_raised_or_after_today=facts["closed_out"],
        not_raised_at_their_meeting=facts["not_at_meeting"],
        raised_outside_the_group_active_days=facts["outside_active"],
        due_not_from_reaching_the_level=facts["wrong_due"],
        entered_late=facts["entered_late"],
        events_not_dated_on_their_day=facts["off_day"],
        stories_not_ending_in_the_petition_state_and_level=facts["not_ending"],
        stories_not_starting_with_raised=facts["not_raised"],
        steps_off_the_workflow=facts["off_workflow"],
        closings_not_on_the_closed_day=facts["closing_off_day"],
        events_in_the_future=facts["future"],
        recorded_by_another_than_the_raiser_or_at_no_time=facts["recorded"],
        events_not_by_the_account_handling_their_level=facts["unsigned"],
        events_signed=facts["signed"],
    )


@dataclass(frozen=True)
class YearFacts:
    """One year's assessments: (assessed, expected) per level, and the rated counts."""

    households: tuple[int, int]
    groups: tuple[int, int]
    hamlets: tuple[int, int]
    communes: tuple[int, int]
    three_no: int
    cultural_families: int
    safe_groups: int
    cultural_groups: int
    safe_hamlets: int
    cultural_hamlets: int
    cultural_communes: frozenset[str]
    # The "3 không" share of the households of safe groups and of the other groups.
    three_no_in_safe_groups: float
    three_no_in_other_groups: float

    def share(self, rated: str, level: str) -> float:
        return getattr(self, rated) / getattr(self, level)[0]


@dataclass(frozen=True, repr=False)
class AssessmentFacts:
    years: list[int]
    per_year: dict[int, YearFacts]
    assessed_outside_active_groups: int
    cultural_families_not_3_khong: int
    assessed_by_someone: int
    # Of the cultural families of a year, the share that are again the next year; the same
    # for the "3 không" households.
    cultural_kept: float
    three_no_kept: float


def gather_assessment_facts() -> AssessmentFacts:
    models = (HouseholdAssessment, GroupAssessment, HamletAssessment, CommuneAssessment)
    years = sorted(
        {year for model in models for year in model.objects.values_list("year", flat=True)}
    )
    three_no = Q(no_crime=True, no_social_evils=True, no_drugs=True)
    per_year = {}
    outside = 0
    for year in years:
        active = Group.objects.active_between(
            datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        )
        year_end = datetime.date(year, 12, 31)
        households = HouseholdAssessment.objects.filter(year=year)
        groups = GroupAssessment.objects.filter(year=year)
        hamlets = HamletAssessment.objects.filter(year=year)
        outside += households.exclude(household__group__in=active).count()
        outside += groups.exclude(group__in=active).count()
        group_shares = {
            safe: households.filter(household__group__in=groups.filter(safe=safe).values("group"))
            for safe in (True, False)
        }
        per_year[year] = YearFacts(
            households=(households.count(), Household.objects.filter(group__in=active).count()),
            groups=(groups.count(), active.count()),
            # Hamlets and communes are assessed as they stand at the year's end.
            hamlets=(hamlets.count(), Hamlet.objects.alive_between(year_end, year_end).count()),
            communes=(
                CommuneAssessment.objects.filter(year=year).count(),
                Commune.objects.alive_between(year_end, year_end).count(),
            ),
            three_no=households.filter(three_no).count(),
            cultural_families=households.filter(cultural_family=True).count(),
            safe_groups=groups.filter(safe=True).count(),
            cultural_groups=groups.filter(cultural=True).count(),
            safe_hamlets=hamlets.filter(safe=True).count(),
            cultural_hamlets=hamlets.filter(cultural=True).count(),
            cultural_communes=frozenset(
                CommuneAssessment.objects.filter(year=year, cultural_standard=True).values_list(
                    "commune__code", flat=True
                )
            ),
            three_no_in_safe_groups=group_shares[True].filter(three_no).count()
            / max(group_shares[True].count(), 1),
            three_no_in_other_groups=group_shares[False].filter(three_no).count()
            / max(group_shares[False].count(), 1),
        )
    results: dict[int, dict[int, tuple[bool, bool]]] = {}
    for household, year, crime, evils, drugs, cultural in HouseholdAssessment.objects.values_list(
        "household_id", "year", "no_crime", "no_social_evils", "no_drugs", "cultural_family"
    ):
        results.setdefault(year, {})[household] = (crime and evils and drugs, cultural)
    kept = Counter()
    for year in years[:-1]:
        following = results.get(year + 1, {})
        for household, (was_three_no, was_cultural) in results.get(year, {}).items():
            if household not in following:
                continue
            is_three_no, is_cultural = following[household]
            kept["cultural"] += was_cultural
            kept["cultural_kept"] += was_cultural and is_cultural
            kept["three_no"] += was_three_no
            kept["three_no_kept"] += was_three_no and is_three_no
    return AssessmentFacts(
        years=years,
        per_year=per_year,
        assessed_outside_active_groups=outside,
        cultural_families_not_3_khong=HouseholdAssessment.objects.filter(cultural_family=True)
        .exclude(three_no)
        .count(),
        assessed_by_someone=sum(
            model.objects.filter(assessed_by__isnull=False).count() for model in models
        ),
        cultural_kept=kept["cultural_kept"] / max(kept["cultural"], 1),
        three_no_kept=kept["three_no_kept"] / max(kept["three_no"], 1),
    )


def assert_every_unit_assessed_once_a_year(facts: AssessmentFacts) -> None:
    assert facts.assessed_outside_active_groups == 0
    for year in facts.years:
        counts = facts.per_year[year]
        for level in ("households", "groups", "hamlets", "communes"):
            assessed, expected = getattr(counts, level)
            assert assessed == expected > 0, (year, level)


@dataclass(frozen=True, repr=False)
class Facts:
    today: datetime.date
    commune_names: list[str]
    hamlets: int
    groups: int
    planned: int
    active: int
    not_dissolved: int
    households: int
    households_without_people: int
    households_without_exactly_one_head: int
    household_counts_kept_exact: bool
    current_leaders_per_group: Counter
    party_member_leaders: int
    deputies_per_group: Counter
    overseen_groups: int
    overseers_not_party_members: int
    roles_outside_their_group: int
    roles_of_minors: int
    current_roles_in_dissolved_groups: int
    roles_in_planned_groups: int
    groups_with_a_past_leader: int
    users: int
    usernames: set[str]
    activity: ActivityFacts
    petitions: PetitionFacts
    assessments: AssessmentFacts
    story: "StoryFacts"


@dataclass(frozen=True)
class StoryFacts:
    """The structure's story: who stood where on the days around its changes."""

    reorganisations: list[str]
    districts: dict[str, tuple[str, str, datetime.date, datetime.date | None]]
    communes_under: dict[tuple[str, datetime.date], set[str]]
    successions: set[tuple[str, str, str]]
    hamlets_alive: dict[int, int]
    groups_alive: dict[int, int]
    groups_before_their_hamlet: int
    meeting_communes: dict[str, set[str]]
    renamed: str
    split: list[tuple[str, datetime.date, datetime.date | None, int]]
    open_petitions_no_living_unit_handles: int
    events_after_the_merger_by_old_officials: int
    commune_records_after_the_merger_at_old_communes: int
    scopes: dict[str, tuple[str, str]]
    # Steering committees in force on 30/06/2025 and today: (top unit's code, the top
    # unit's own or not), and how many each top unit has.
    committees: dict[datetime.date, tuple[set[tuple[str, bool]], Counter]]
    # The dashboards of the story's two ends, as the administrator opens them: the district
    # for 2010 and the province for this year; their cards and the communes they list.
    dashboards: dict[str, tuple[dict[str, object], list[str]]]


def dashboard_of(client: Client, unit: District, year: int) -> tuple[dict[str, object], list]:
    """A year's dashboard of the unit: its cards, and the communes it lists, in order."""
    page = read_page(client, f"/chi-tieu/huyen/{unit.pk}/?nam={year}")
    return cards_in(page), listed_units(page)


def open_petitions_no_living_unit_handles(today: datetime.date) -> int:
    """Open petitions whose level's unit (as it stands today) has no account, or has ended."""
    open_petitions = Petition.objects.filter(state__in=["received", "in_progress"])
    unhandled = 0
    for level, (role, lookup) in HANDLERS.items():
        unit = Scope.UNIT_FIELD[role]
        living = UNIT_MODELS[unit].objects.alive_between(today, today)
        handled = Scope.objects.filter(role=role, **{f"{unit}__in": living}).values(unit)
        unhandled += (
            open_petitions.filter(level=level).exclude(**{f"{lookup}__in": handled}).count()
        )
    return unhandled


def communes_under(district: District, day: datetime.date) -> set[str]:
    alive = Commune.objects.alive_between(day, day)
    return set(alive.filter(within_on(district, day)).values_list("name", flat=True))


def gather_story_facts(today: datetime.date) -> StoryFacts:
    district = District.objects.get(code="873")
    province = District.objects.filter(code="82").first()
    days = [datetime.date(2025, 6, 30), datetime.date(2025, 7, 1), today]
    successions = set()
    names = {(c.level, c.pk): c.name for c in [*District.objects.all(), *Commune.objects.all()]}
    for s in Succession.objects.filter(level__in=["district", "commune"]):
        predecessor, successor = (
            names[(s.level, s.predecessor_id)],
            names[(s.level, s.successor_id)],
        )
        successions.add((predecessor, successor, s.share))
    # A meeting of a group of Xã Tân Nghĩa before the merger and one after it.
    group = Group.objects.filter(meetings__held_on__lt=MERGED_ON).filter(
        hamlet__commune__name="Phường Mỹ Ngãi", meetings__held_on__gt=MERGED_ON
    )[0]
    meetings = Meeting.objects.filter(group=group).select_related("commune", "district")
    meeting_communes = {
        side: {f"{m.commune.name}, {m.district.name}" for m in meetings.filter(q)}
        for side, q in (("before", Q(held_on__lt=MERGED_ON)), ("after", Q(held_on__gte=MERGED_ON)))
    }
    renamed = Commune.objects.get(code="30020")  # the sixth commune
    old_communes = Commune.objects.filter(district=province, ended_on__isnull=False)
    old_officials = User.objects.filter(scopes__commune__in=old_communes)
    commune_records = (
        sum(
            model.objects.filter(commune__in=old_communes, hamlet__isnull=True)
            .filter(**{f"{model.dated_by}__gte": MERGED_ON})
            .count()
            for model in (OutreachSession, SupervisionVisit, Commendation)
        )
        + CommuneAssessment.objects.filter(commune__in=old_communes, year__gte=2025).count()
        + MonthlyProgramme.objects.filter(commune__in=old_communes, month__gte=MERGED_ON).count()
    )
    committees = {
        day: {
            (code, commune is None)
            for code, commune in SteeringCommittee.objects.current_on(day).values_list(
                "district__code", "commune"
            )
        }
        for day in (datetime.date(2025, 6, 30), today)
    }
    committee_counts = {
        day: Counter(
            SteeringCommittee.objects.current_on(day).values_list("district__code", flat=True)
        )
        for day in (datetime.date(2025, 6, 30), today)
    }
    client = Client()
    client.force_login(User.objects.get(username="admin"))
    return StoryFacts(
        dashboards={
            "district 2010": dashboard_of(client, district, 2010),
            "district 2024": dashboard_of(client, district, 2024),
            "province today": dashboard_of(client, province, today.year),
        },
        committees={day: (committees[day], committee_counts[day]) for day in committees},
        reorganisations=[
            f"{r.took_effect_on} {r.kind} {r.details['summary']}"
            for r in Reorganisation.objects.order_by("took_effect_on", "pk")
        ],
        districts={
            d.code: (d.name, d.kind, d.started_on, d.ended_on) for d in District.objects.all()
        },
        communes_under={
            (d.code, day): communes_under(d, day) for d in (district, province) for day in days
        },
        successions=successions,
        hamlets_alive={
            year: Hamlet.objects.alive_between(
                datetime.date(year, 12, 31), datetime.date(year, 12, 31)
            ).count()
            for year in (2019, 2021, today.year)
        },
        groups_alive={
            year: Group.objects.alive_between(
                datetime.date(year, 12, 31), datetime.date(year, 12, 31)
            ).count()
            for year in (2019, today.year)
        },
        # The split's parts took in groups older than them.
        groups_before_their_hamlet=Group.objects.filter(planned_on__lt=F("hamlet__started_on"))
        .exclude(hamlet__started_on=SPLIT_ON)
        .count(),
        meeting_communes=meeting_communes,
        renamed=renamed.name,
        split=[
            (h.name, h.started_on, h.ended_on, h.groups.count())
            for h in Hamlet.objects.filter(code__startswith="30012-", name__startswith="Ấp 2")
        ],
        open_petitions_no_living_unit_handles=open_petitions_no_living_unit_handles(today),
        events_after_the_merger_by_old_officials=PetitionEvent.objects.filter(
            at__date__gte=MERGED_ON, by__in=old_officials
        ).count(),
        commune_records_after_the_merger_at_old_communes=commune_records,
        scopes={
            s.user.username: (s.role, (s.district or s.commune).name)
            for s in Scope.objects.filter(
                user__username__in=["tinh", "tinh-admin", "xa-30076", "xa-30025", "xa-30020"]
            ).select_related("user", "district", "commune")
        },
    )


def _household_counts_kept_exact() -> bool:
    """The groups' kept household counts (apps.people.household_counts) are what a count
    from scratch gives, after the build and the story's moves and mergers."""
    kept = GroupHouseholdsChange.objects.values_list("group", "year", "change")
    scratch = changes_of(HouseholdMembership.objects.values_list(*DATED))
    return bool(scratch) and {(g, y): c for g, y, c in kept} == scratch


def gather_facts(today: datetime.date) -> Facts:
    active = Group.objects.active_between(today, today)
    leaders = GroupRole.objects.held_on(today).filter(group__in=active, role=GroupRole.Role.LEADER)
    deputies = GroupRole.objects.held_on(today).filter(group__in=active, role=GroupRole.Role.DEPUTY)
    households = Household.objects.annotate(
        members=Count("people"), heads=Count("people", filter=Q(people__is_household_head=True))
    )
    return Facts(
        today=today,
        commune_names=list(Commune.objects.values_list("name", flat=True)),
        hamlets=Hamlet.objects.count(),
        groups=Group.objects.count(),
        planned=Group.objects.filter(status=Group.Status.PLANNED).count(),
        active=active.count(),
        not_dissolved=Group.objects.exclude(status=Group.Status.DISSOLVED).count(),
        households=Household.objects.count(),
        households_without_people=households.filter(members=0).count(),
        households_without_exactly_one_head=households.exclude(heads=1).count(),
        household_counts_kept_exact=_household_counts_kept_exact(),
        current_leaders_per_group=Counter(leaders.values_list("group_id", flat=True)),
        party_member_leaders=leaders.filter(party_member_on(today))
        .values("group")
        .distinct()
        .count(),
        deputies_per_group=Counter(deputies.values_list("group_id", flat=True)),
        overseen_groups=PartyOversight.objects.held_on(today)
        .filter(group__in=active)
        .values("group")
        .distinct()
        .count(),
        overseers_not_party_members=PartyOversight.objects.exclude(party_member_on(today)).count(),
        roles_outside_their_group=GroupRole.objects.exclude(
            person__household__group=F("group")
        ).count(),
        # Under 18 on the role's first day (the demo's groups began in 2009).
        roles_of_minors=sum(
            model.objects.filter(person__birth_year__gt=ExtractYear("started_on") - 18).count()
            for model in (GroupRole, PartyOversight)
        ),
        current_roles_in_dissolved_groups=GroupRole.objects.filter(
            group__status=Group.Status.DISSOLVED, ended_on__isnull=True
        ).count(),
        roles_in_planned_groups=GroupRole.objects.filter(
            group__status=Group.Status.PLANNED
        ).count(),
        groups_with_a_past_leader=GroupRole.objects.filter(
            role=GroupRole.Role.LEADER, ended_on__lt=today
        )
        .values("group")
        .distinct()
        .count(),
        users=User.objects.count(),
        usernames=set(User.objects.values_list("username", flat=True)),
        activity=gather_activity_facts(today),
        petitions=gather_petition_facts(today),
        assessments=gather_assessment_facts(),
        story=gather_story_facts(today),
    )


def organisation_snapshot() -> dict[str, list[tuple]]:
    """Everything apps.demo.organisation writes, without database ids."""

    def rows(queryset, *fields) -> list[tuple]:
        return sorted(queryset.values_list(*fields), key=repr)

    decision = ("decision_number", "decision_date", "issued_by", "established_on", "ended_on")
    unit = ("district__code", "commune__code", "hamlet__code", "group__code")
    return {
        "committees": rows(SteeringCommittee.objects, "commune__code", *decision),
        "members": rows(
            CommitteeMember.objects,
            "committee__commune__code",
            "full_name",
            "position",
            "organisation",
            "started_on",
            "ended_on",
        ),
        "assignments": rows(
            CommitteeAssignment.objects,
            "member__full_name",
            "commune__code",
            "hamlet__code",
            "started_on",
        ),
        "boards": rows(MobilisationBoard.objects, "hamlet__code", *decision),
        "board_members": rows(
            BoardMember.objects, "board__hamlet__code", "full_name", "position", "started_on"
        ),
        "visits": rows(SupervisionVisit.objects, "visited_on", *unit, "findings", "shortcomings"),
        "visitors": rows(
            SupervisionVisit.members.through.objects,
            "supervisionvisit__visited_on",
            "supervisionvisit__findings",
            "committeemember__full_name",
        ),
        "follow_ups": rows(
            FollowUp.objects, "visit__visited_on", "action", "due_on", "done", "done_on"
        ),
        "commendations": rows(
            Commendation.objects,
            *unit,
            *COMMENDED,
        ),
        "documents": rows(
            Document.objects, "commune__code", "number", "issued_on", "issued_by", "title", "file"
        ),
    }


# The story, on a district of 18 small communes


STORY_SHAPE = Shape(
    communes=18,
    hamlets_per_commune=(2,),
    groups_per_hamlet=(2, 3),
    households_per_group=(3, 4),
    story=True,
)


def build_story(seed_value: int) -> dict[str, list[tuple]]:
    """Build the story's district and return what it wrote, then roll it back."""

    def rows(queryset, *fields) -> list[tuple]:
        return sorted(queryset.values_list(*fields), key=repr)

    with transaction.atomic():
        DemoBuilder(
            seed=seed_value, today=timezone.localdate(), shape=STORY_SHAPE, password=PASSWORD
        ).build()
        story = {
            **snapshot(),
            "reorganisations": rows(
                Reorganisation.objects, "kind", "took_effect_on", "legal_basis", "details__summary"
            ),
            "placements": rows(
                Placement.objects,
                "district__code",
                "commune__code",
                "hamlet__code",
                "group__code",
                "started_on",
                "ended_on",
            ),
            "meetings": rows(Meeting.objects, "group__code", "held_on", "commune__code"),
        }
        transaction.set_rollback(True)
    return story


def assert_petitions_keep_the_rules(facts: PetitionFacts) -> None:
    """The model's check constraints, the workflow and the due dates, petition by petition."""
    assert facts.petitions > 0
    assert facts.raised_outside_the_36_months == 0
    assert facts.closed_state_without_date_or_date_without_closed_state == 0
    assert facts.answered_without_text == 0
    assert facts.due_before_raised == 0
    assert facts.closed_before_raised_or_after_today == 0
    assert facts.not_raised_at_their_meeting == 0
    assert facts.raised_outside_the_group_active_days == 0
    assert facts.due_not_from_reaching_the_level == 0
    assert facts.entered_late == 0
    assert facts.events_not_dated_on_their_day == 0
    assert facts.stories_not_starting_with_raised == 0
    assert facts.stories_not_ending_in_the_petition_state_and_level == 0
    assert facts.steps_off_the_workflow == 0
    assert facts.closings_not_on_the_closed_day == 0
    assert facts.events_in_the_future == 0
    assert facts.recorded_by_another_than_the_raiser_or_at_no_time == 0
    assert facts.events_not_by_the_account_handling_their_level == 0
