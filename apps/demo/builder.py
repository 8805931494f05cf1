"""Builds a demo district shaped like Cao Lãnh district, deterministically from a seed.

Everything is drawn from one `random.Random(seed)` in a fixed order and written
with bulk inserts, so the full district (about 48,000 households and 180,000
people, then three years of monthly meetings, commune programmes and outreach
sessions: apps.demo.meetings; petitions: apps.demo.petitions; three years of
assessments: apps.demo.assessments) builds in about a minute and a half (its
rows go through the ORM, which costs more than the database) and the same seed
and day give the same district. The full district also tells its structure's story
(apps.demo.story): a rename and a split before its records, the 2025 merger after them.
"""

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction

from apps.accounts.models import Scope, User
from apps.demo import names
from apps.demo.accounts import save_accounts
from apps.demo.assessments import AssessmentBuilder
from apps.demo.meetings import ActivityBuilder, GroupInfo
from apps.demo.organisation import OrganisationBuilder
from apps.demo.petitions import PetitionBuilder
from apps.demo.story import LATE_HAMLETS_BEGAN, Story, Told, builds_name, is_late
from apps.hierarchy.models import Commune, District, Group, Hamlet
from apps.hierarchy.placements import place_new
from apps.people.memberships import HouseholdMembership, PartyMembership
from apps.people.models import GroupRole, Household, PartyOversight, Person
from apps.petitions.models import Petition
from apps.petitions.workflow import HANDLERS

BATCH = 2000
# The household assessments are the largest table by far (about 140,000 rows).
ASSESSMENT_BATCH = 5000


@dataclass(frozen=True)
class Shape:
    communes: int
    hamlets_per_commune: tuple[int, ...]
    groups_per_hamlet: tuple[int, int]
    households_per_group: tuple[int, int]
    story: bool = False  # the structure changes over the years: apps.demo.story


FULL = Shape(
    communes=18,
    hamlets_per_commune=(4, 5, 5, 5, 5, 6, 6),
    groups_per_hamlet=(15, 24),
    households_per_group=(20, 32),
    story=True,
)
SMALL = Shape(
    communes=1, hamlets_per_commune=(3,), groups_per_hamlet=(4, 6), households_per_group=(8, 12)
)

HOUSEHOLD_SIZES = (1, 2, 3, 4, 5, 6, 7)
HOUSEHOLD_SIZE_WEIGHTS = (6, 14, 22, 26, 18, 9, 5)
PHONE_PREFIXES = (
    "090",
    "091",
    "093",
    "094",
    "096",
    "097",
    "098",
    "086",
    "032",
    "033",
    "034",
    "035",
    "036",
    "037",
    "038",
    "039",
    "070",
    "076",
    "077",
    "078",
    "079",
    "081",
)
PLANNED_SHARE = 0.015
DISSOLVED_SHARE = 0.005
LEADER_SHARE = 0.95
PARTY_LEADER_SHARE = 0.22
OVERSIGHT_SHARE = 0.50
PREVIOUS_LEADER_SHARE = 0.30
PARTY_MEMBER_SHARE = 0.05


@dataclass
class GroupPlan:
    """A group with its people, before anything is written."""

    group: Group
    households: list[Household] = field(default_factory=list)
    adults: list[Person] = field(default_factory=list)


@dataclass
class Built:
    district: District
    communes: list[Commune]
    hamlets: list[Hamlet]
    groups: list[Group]
    households: int
    people: int
    users: int
    meetings: int
    programmes: int
    outreach_sessions: int
    petitions: int
    petition_events: int
    household_assessments: int
    group_assessments: int
    hamlet_assessments: int
    commune_assessments: int
    story: Told | None = None


class DemoBuilder:
    def __init__(
        self,
        *,
        seed: int,
        today: datetime.date,
        shape: Shape,
        password: str,
        log: Callable[[str], None] = lambda message: None,
        number: int = 0,
    ) -> None:
        """`number` > 0 builds another district of a province: its own code and user names."""
        self.rng = random.Random(seed)  # noqa: S311 - demo data, not secrets
        self.number = number
        self.today = today
        self.shape = shape
        self.password = password
        self.log = log
        self.oversights: list[PartyOversight] = []
        # The people made party members, by id(): they have no primary key while planned.
        self.party_members: dict[int, Person] = {}

    @transaction.atomic
    def build(self) -> Built:
        district = District.objects.create(**self._district_fields(), started_on=names.UNITS_BEGAN)
        communes = self._communes(district)
        hamlets = self._hamlets(communes)
        plans = self._groups(hamlets)
        self.log(f"{len(communes)} communes, {len(hamlets)} hamlets, {len(plans)} groups")
        households, people = self._people(plans)
        self.log(f"{households} households, {people} people")
        roles = self._roles(plans, hamlets)
        self.log(f"{roles} roles and oversight assignments")
        accounts = self._users(district, communes, hamlets, plans)
        self.log(f"{len(accounts)} users")
        story = None
        if self.shape.story and not self.number:
            story = Story(
                district=district, admin=accounts[0][0], password=self.password, today=self.today
            )
            communes, hamlets = self._early_years(story, communes, hamlets, plans, accounts)
        # Drawn last, so that everything above stays what the same seed always gave; each
        # addition draws after the ones before it, for the same reason.
        activity_builder = ActivityBuilder(rng=self.rng, today=self.today, batch=BATCH)
        activity = activity_builder.build(
            district=district,
            communes=communes,
            hamlets=hamlets,
            groups=[GroupInfo(p.group, len(p.households)) for p in plans],
            oversights=self.oversights,
        )
        self.log(
            f"{activity.meetings} monthly meetings, {activity.programmes} monthly programmes, "
            f"{activity.outreach_sessions} outreach sessions"
        )
        petitions = PetitionBuilder(rng=self.rng, today=self.today, batch=BATCH).build(
            groups=[p.group for p in plans if p.households],
            meetings=activity_builder.meetings,
            citizens={p.group.pk: [person.full_name for person in p.adults] for p in plans},
            handlers=_petition_handlers(district, accounts),
        )
        self.log(f"{petitions.petitions} petitions, {petitions.events} petition events")
        assessments = AssessmentBuilder(
            rng=self.rng, today=self.today, batch=ASSESSMENT_BATCH
        ).build(
            communes=communes,
            hamlets=hamlets,
            groups=[(p.group, p.households) for p in plans],
        )
        self.log(
            f"{assessments.households} household, {assessments.groups} group, "
            f"{assessments.hamlets} hamlet and {assessments.communes} commune assessments"
        )
        organisation = OrganisationBuilder(rng=self.rng, today=self.today, batch=BATCH).build(
            district=district, communes=communes, hamlets=hamlets, groups=[p.group for p in plans]
        )
        self.log(
            f"{organisation.committees} steering committees with {organisation.committee_members} "
            f"members and {organisation.assignments} assignments, {organisation.boards} "
            f"mobilisation boards with {organisation.board_members} members, "
            f"{organisation.visits} supervision visits with {organisation.follow_ups} follow-ups, "
            f"{organisation.commendations} commendations, {organisation.documents} documents"
        )
        told = story.merger(communes) if story else None
        return Built(
            district,
            communes,
            hamlets,
            [p.group for p in plans],
            households,
            people,
            len(accounts),
            activity.meetings,
            activity.programmes,
            activity.outreach_sessions,
            petitions.petitions,
            petitions.events,
            assessments.households,
            assessments.groups,
            assessments.hamlets,
            assessments.communes,
            told,
        )

    def _early_years(self, story: Story, communes, hamlets, plans, accounts):
        """The story's rename and split, before the records: the living communes and
        hamlets after them. The split's new hamlets get their officials."""
        new_hamlets = story.early_years(communes)
        officials = [
            (
                User(username=f"ap-{h.code}", first_name=f"Cán bộ {h.name}", is_staff=True),
                Scope(role=Scope.Role.HAMLET, hamlet=h),
            )
            for h in new_hamlets
        ]
        save_accounts(officials, self.password)
        accounts += officials
        placed = dict(Group.objects.filter(hamlet__in=new_hamlets).values_list("pk", "hamlet"))
        for plan in plans:
            plan.group.hamlet_id = placed.get(plan.group.pk, plan.group.hamlet_id)
        communes = list(Commune.objects.filter(pk__in=[c.pk for c in communes]).order_by("code"))
        living = Hamlet.objects.filter(ended_on__isnull=True).values_list("pk", flat=True)
        hamlets = [h for h in hamlets if h.pk in set(living)] + new_hamlets
        return communes, hamlets

    def _district_fields(self) -> dict:
        if self.number == 0:
            return names.DISTRICT
        return {
            **names.DISTRICT,
            "code": str(int(names.DISTRICT["code"]) + self.number),
            "name": f"{names.DISTRICT['name']} {self.number + 1}",
        }

    def _communes(self, district: District) -> list[Commune]:
        communes = [
            Commune(
                district=district,
                # Demo codes, none of them a code of the communes of 2025 (apps.demo.story).
                code=f"{30010 + 2 * i}",
                name=builds_name(name) if self.shape.story else name,
                kind=kind,
                started_on=names.UNITS_BEGAN,
            )
            for i, (name, kind) in enumerate(names.COMMUNES[: self.shape.communes])
        ]
        Commune.objects.bulk_create(communes)
        place_new(communes)
        return communes

    def _hamlets(self, communes: list[Commune]) -> list[Hamlet]:
        hamlets = []
        for i, commune in enumerate(communes):
            town = commune.kind == Commune.Kind.TOWN
            count = self.rng.choice(self.shape.hamlets_per_commune)
            for n in range(1, count + 1):
                late = self.shape.story and is_late(i, n, count)
                hamlets.append(
                    Hamlet(
                        commune=commune,
                        code=f"{commune.code}-{n:02d}",
                        name=f"{'Khóm' if town else 'Ấp'} {n}",
                        kind=Hamlet.Kind.QUARTER if town else Hamlet.Kind.HAMLET,
                        started_on=LATE_HAMLETS_BEGAN if late else names.UNITS_BEGAN,
                    )
                )
        Hamlet.objects.bulk_create(hamlets)
        place_new(hamlets)
        return hamlets

    def _groups(self, hamlets: list[Hamlet]) -> list[GroupPlan]:
        groups = []
        for hamlet in hamlets:
            for n in range(1, self.rng.randint(*self.shape.groups_per_hamlet) + 1):
                group = Group(hamlet=hamlet, code=f"{hamlet.code}-{n:02d}", name=f"Tổ {n}")
                self._set_status(group, hamlet.started_on)
                groups.append(group)
        Group.objects.bulk_create(groups, batch_size=BATCH)
        place_new(groups)
        return [GroupPlan(group) for group in groups]

    def _set_status(self, group: Group, hamlet_began: datetime.date) -> None:
        """Groups are planned and activated after their hamlet began (most from 2009 to 2011)."""
        draw = self.rng.random()
        if draw < PLANNED_SHARE:
            group.status = Group.Status.PLANNED
            group.planned_on = self.today - datetime.timedelta(days=self.rng.randint(10, 200))
            return
        first = max(datetime.date(2009, 3, 1), hamlet_began + datetime.timedelta(days=91))
        last = max(datetime.date(2011, 12, 31), hamlet_began + datetime.timedelta(days=730))
        group.activated_on = self._day_between(first, last)
        group.planned_on = group.activated_on - datetime.timedelta(days=self.rng.randint(15, 90))
        if draw < PLANNED_SHARE + DISSOLVED_SHARE:
            group.status = Group.Status.DISSOLVED
            group.dissolved_on = self._day_between(datetime.date(2023, 1, 1), self.today)
        else:
            group.status = Group.Status.ACTIVE

    def _day_between(self, first: datetime.date, last: datetime.date) -> datetime.date:
        return first + datetime.timedelta(days=self.rng.randint(0, (last - first).days))

    def _people(self, plans: list[GroupPlan]) -> tuple[int, int]:
        people = []
        for plan in plans:
            low, high = self.shape.households_per_group
            for n in range(1, self.rng.randint(low, high) + 1):
                household = Household(
                    group=plan.group,
                    code=f"{plan.group.code}-{n:03d}",
                    address=f"Số {self.rng.randint(1, 400)}, {self.rng.choice(names.STREETS)}",
                    joined_on=plan.group.activated_on or plan.group.planned_on,
                )
                plan.households.append(household)
                members = self._members(household)
                people.extend(members)
                plan.adults.extend(p for p in members if _adult_on(p, self.today))
        households = [h for plan in plans for h in plan.households]
        Household.objects.bulk_create(households, batch_size=BATCH)
        HouseholdMembership.objects.begin(households)
        Person.objects.bulk_create(people, batch_size=BATCH)
        return len(households), len(people)

    def _members(self, household: Household) -> list[Person]:
        size = self.rng.choices(HOUSEHOLD_SIZES, HOUSEHOLD_SIZE_WEIGHTS)[0]
        head_gender = Person.Gender.MALE if self.rng.random() < 0.7 else Person.Gender.FEMALE
        head_year = self.today.year - self.rng.randint(28, 78)
        members = [self._person(household, head_gender, head_year, head=True)]
        if size >= 2:
            spouse = (
                Person.Gender.FEMALE if head_gender == Person.Gender.MALE else Person.Gender.MALE
            )
            members.append(self._person(household, spouse, head_year + self.rng.randint(-6, 6)))
        for _ in range(size - len(members)):
            gender = self.rng.choice(Person.Gender.values)
            members.append(self._person(household, gender, head_year + self.rng.randint(20, 38)))
        return members

    def _person(
        self, household: Household, gender: str, birth_year: int, *, head: bool = False
    ) -> Person:
        birth_year = min(birth_year, self.today.year)
        adult = self.today.year - birth_year >= 18
        person = Person(
            household=household,
            full_name=self._full_name(gender),
            gender=gender,
            birth_year=birth_year,
            phone=self._phone() if adult and self.rng.random() < 0.7 else "",
            is_household_head=head,
        )
        if adult and self.rng.random() < PARTY_MEMBER_SHARE:
            self.party_members[id(person)] = person
        return person

    def _full_name(self, gender: str) -> str:
        family = self.rng.choices(*zip(*names.FAMILY_NAMES, strict=True))[0]
        if gender == Person.Gender.MALE:
            return (
                f"{family} {self.rng.choice(names.MALE_MIDDLE)} {self.rng.choice(names.MALE_GIVEN)}"
            )
        return (
            f"{family} {self.rng.choice(names.FEMALE_MIDDLE)} {self.rng.choice(names.FEMALE_GIVEN)}"
        )

    def _phone(self) -> str:
        return self.rng.choice(PHONE_PREFIXES) + f"{self.rng.randint(0, 9_999_999):07d}"

    def _roles(self, plans: list[GroupPlan], hamlets: list[Hamlet]) -> int:
        roles: list[GroupRole] = []
        oversights: list[PartyOversight] = []
        # A role holder was an adult on the group's first day (groups began in 2009).
        grown = {
            p.group.pk: [a for a in p.adults if _adult_on(a, p.group.activated_on)]
            for p in plans
            if p.group.status != Group.Status.PLANNED
        }
        staffed = [p for p in plans if len(grown.get(p.group.pk, ())) >= 4]
        chosen: dict[int, list[Person]] = {}
        for plan in staffed:
            group, end = plan.group, plan.group.dissolved_on
            candidates = self.rng.sample(grown[group.pk], k=4)
            chosen[group.pk] = candidates[:3]
            if self.rng.random() < LEADER_SHARE:
                leader = candidates[0]
                # Only ever add members: the person may already oversee another group.
                if id(leader) not in self.party_members and self.rng.random() < PARTY_LEADER_SHARE:
                    self.party_members[id(leader)] = leader
                roles.extend(self._leader_terms(group, leader, candidates[3], end))
            for deputy in candidates[1 : self.rng.choice((2, 2, 3))]:
                roles.append(
                    self._term(GroupRole, group, deputy, group.activated_on, end, role="deputy")
                )
        party_pool: dict[int, list[Person]] = {h.pk: [] for h in hamlets}
        for plan in plans:
            party_pool[plan.group.hamlet_id].extend(
                p for p in plan.adults if id(p) in self.party_members
            )
        for plan in staffed:
            group = plan.group
            pool = [p for p in party_pool[group.hamlet_id] if _adult_on(p, group.activated_on)]
            if pool and self.rng.random() < OVERSIGHT_SHARE:
                overseer = self.rng.choice(pool)
                if overseer not in chosen[group.pk]:
                    oversights.append(
                        self._term(
                            PartyOversight, group, overseer, group.activated_on, group.dissolved_on
                        )
                    )
        # Members since before the demo's past: an unknown first day.
        PartyMembership.objects.bulk_create(
            (PartyMembership(person=p) for p in self.party_members.values()), batch_size=BATCH
        )
        GroupRole.objects.bulk_create(roles, batch_size=BATCH)
        PartyOversight.objects.bulk_create(oversights, batch_size=BATCH)
        self.oversights = oversights
        return len(roles) + len(oversights)

    def _leader_terms(
        self, group: Group, leader: Person, previous: Person, end: datetime.date | None
    ) -> list[GroupRole]:
        """The current leader, and for some groups the one before, whose term ended."""
        start = group.activated_on
        last = end or self.today
        if self.rng.random() < PREVIOUS_LEADER_SHARE and (last - start).days > 400:
            handover = self._day_between(start + datetime.timedelta(days=180), last)
            before = handover - datetime.timedelta(days=1)
            return [
                self._term(GroupRole, group, previous, start, before, role="leader"),
                self._term(GroupRole, group, leader, handover, end, role="leader"),
            ]
        return [self._term(GroupRole, group, leader, start, end, role="leader")]

    @staticmethod
    def _term(model, group, person, started_on, ended_on, **extra):
        return model(group=group, person=person, started_on=started_on, ended_on=ended_on, **extra)

    def _users(
        self,
        district: District,
        communes: list[Commune],
        hamlets: list[Hamlet],
        plans: list[GroupPlan],
    ) -> list[tuple[User, Scope | None]]:
        suffix = f"-{self.number + 1}" if self.number else ""  # other districts of a province
        accounts: list[tuple[User, Scope | None]] = [
            (
                User(username=f"huyen{suffix}", first_name="Ban chỉ đạo huyện", is_staff=True),
                Scope(role=Scope.Role.STEERING, district=district),
            ),
        ]
        if not self.number:
            accounts.insert(0, (User(username="admin", is_staff=True, is_superuser=True), None))
        accounts += [
            (
                User(username=f"xa-{c.code}{suffix}", first_name=f"Cán bộ {c.name}", is_staff=True),
                Scope(role=Scope.Role.COMMUNE, commune=c),
            )
            for c in communes
        ]
        accounts += [
            (
                User(username=f"ap-{h.code}{suffix}", first_name=f"Cán bộ {h.name}", is_staff=True),
                Scope(role=Scope.Role.HAMLET, hamlet=h),
            )
            for h in hamlets
        ]
        accounts += [
            (
                User(username=f"to-{p.group.code}{suffix}", first_name=f"Tổ trưởng {p.group.name}"),
                Scope(role=Scope.Role.GROUP_LEADER, group=p.group),
            )
            for p in plans
            if p.group.status != Group.Status.DISSOLVED
        ]
        save_accounts(accounts, self.password)
        return accounts


def _petition_handlers(
    district: District, accounts: list[tuple[User, Scope | None]]
) -> dict[tuple[str, int], int]:
    """The account that handles each unit's petitions, by (level, unit id): the official of
    a hamlet or a commune, a group's leader, and at the district its administrator, who in
    the demo is the superuser (the steering committee reads petitions but does not act)."""
    levels = {role: level for level, (role, _lookup) in HANDLERS.items()}
    handlers = {}
    for user, scope in accounts:
        if scope is not None and scope.role in levels:
            unit_id = getattr(scope, f"{Scope.UNIT_FIELD[scope.role]}_id")
            handlers[(levels[scope.role], unit_id)] = user.pk
    # The first district's build creates the superuser; a province's later ones find it.
    admin = User.objects.filter(username="admin", is_superuser=True).values_list("pk", flat=True)
    if admin:
        handlers[(Petition.Level.DISTRICT, district.pk)] = admin[0]
    return handlers


def _adult_on(person: Person, day: datetime.date) -> bool:
    return day.year - person.birth_year >= 18
