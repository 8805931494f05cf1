"""Checking a roster against the database, then writing it all at once.

`plan_roster` reads the units, households, people and roles the file touches
in a handful of queries, matches every line and collects every error; it
writes nothing. `apply_roster` writes a plan without errors in one
transaction with bulk statements, so a failure half-way leaves the database
as it was, and importing the same file again finds nothing to change. A
failure of the database itself (a lost connection, a refused value) reaches
the caller as ImportFailed, with a message for the user.
"""

import datetime
import difflib
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from types import MappingProxyType

from django.db import DatabaseError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from apps.accounts import access
from apps.accounts.models import User
from apps.approvals.locks import MonthLocks, month_locked_message
from apps.core.bulk import create_with_history
from apps.core.periods import Month
from apps.core.text import clean_text, fold
from apps.hierarchy.models import Commune, Group, Hamlet, ancestors
from apps.hierarchy.placements import place_new
from apps.imports.reading import SheetRow, text_problem
from apps.imports.roster_dates import before_problem, future_problem, parse_day, show
from apps.imports.roster_ending import Matched, end_missing_people, missing_from_file
from apps.imports.roster_format import COLUMNS
from apps.people.household_counts import groups_of
from apps.people.household_counts import recount as recount_households
from apps.people.memberships import HouseholdMembership, PartyMembership
from apps.people.models import GroupRole, Household, PartyOversight, Person, phone_validator

logger = logging.getLogger(__name__)
BATCH = 2000
UNIT_PREFIXES = re.compile(r"^(xa|thi tran|phuong|ap|khom|to dan pho)\s+")
YES = {"co", "x", "1", "v", "dang vien", "true"}
NO = {"", "khong", "0", "-", "false"}
ROLES = {"": None, "thanh vien": None, "to truong": "leader", "to pho": "deputy"}
GENDERS = {"nam": Person.Gender.MALE, "nu": Person.Gender.FEMALE}
# The longest text of each column: that of the field it is stored in or, for a commune or
# hamlet, matched against. Other columns hold a word from a short list, or a number.
MAX_LENGTHS = {
    "commune": Commune._meta.get_field("name").max_length,
    "hamlet": Hamlet._meta.get_field("name").max_length,
    "group_code": Group._meta.get_field("code").max_length,
    "group_name": Group._meta.get_field("name").max_length,
    "head": Person._meta.get_field("full_name").max_length,
    "address": Household._meta.get_field("address").max_length,
    "full_name": Person._meta.get_field("full_name").max_length,
    "household_code": Household._meta.get_field("code").max_length,
    "person_code": Person._meta.get_field("code").max_length,
}


@dataclass(slots=True)
class LineError:
    sheet: str
    line: int
    column: str
    message: str


@dataclass(slots=True)
class LineOutcome:
    sheet: str
    line: int
    person: str
    kind: str  # "new", "update" or "skip"
    changes: tuple[str, ...] = ()
    hamlet: Hamlet | None = None  # the unit the preview's summary counts the line in


class NewPerson:
    """A person the plan adds, kept small until written: a whole district's 180,000 model
    instances, held from the check to the write, took over 100 MB. Their Person is made
    when their batch is written, or earlier for a role, an oversight or a party membership
    to point at (which then keeps it)."""

    FIELDS = ("household", "full_name", "birth_year", "gender", "phone", "is_household_head")
    __slots__ = (*FIELDS, "_person")
    pk = None  # not written yet

    def __init__(self, **fields) -> None:
        for name, value in fields.items():
            setattr(self, name, value)
        self._person: Person | None = None

    def model(self) -> Person:
        if self._person is None:
            self._person = Person(**{name: getattr(self, name) for name in self.FIELDS})
        return self._person

    def written(self) -> None:
        """Let the Person go once its batch is written (what points at it keeps it)."""
        self._person = None


def _model(person: "Person | NewPerson") -> Person:
    return person.model() if isinstance(person, NewPerson) else person


@dataclass
class RosterPlan:
    lines: int = 0
    errors: list[LineError] = field(default_factory=list)
    outcomes: list[LineOutcome] = field(default_factory=list)
    new_groups: list[Group] = field(default_factory=list)
    renamed_groups: list[Group] = field(default_factory=list)
    new_households: list[Household] = field(default_factory=list)
    new_people: list["NewPerson"] = field(default_factory=list)
    changed_people: list[Person] = field(default_factory=list)
    ended_roles: list[GroupRole] = field(default_factory=list)
    new_roles: list[GroupRole] = field(default_factory=list)
    ended_oversights: list[PartyOversight] = field(default_factory=list)
    new_oversights: list[PartyOversight] = field(default_factory=list)
    # The day for what the file leaves undated, and whether the user chose it (or it is
    # the import day); how many new groups, roles and oversights took it.
    as_of: datetime.date | None = None
    as_of_given: bool = False
    defaulted: int = 0
    redated_groups: list[Group] = field(default_factory=list)
    redated_roles: list[GroupRole] = field(default_factory=list)
    redated_oversights: list[PartyOversight] = field(default_factory=list)
    changed_households: list[Household] = field(default_factory=list)
    # On the roster of a group the file lists, but on none of its lines: ended only when
    # the administrator asks for it (apply_roster's `end_missing`).
    households_to_end: list[Household] = field(default_factory=list)
    people_to_end: list[Person] = field(default_factory=list)
    left_party: list[PartyMembership] = field(default_factory=list)
    joined_party: list[PartyMembership] = field(default_factory=list)

    def count(self, kind: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.kind == kind)

    @property
    def has_changes(self) -> bool:
        return (
            any(outcome.kind != "skip" for outcome in self.outcomes)
            or bool(self.households_to_end)
            or bool(self.people_to_end)
        )


def unit_key(name: str) -> str:
    """A unit's name as compared: folded, without "Xã", "Ấp", "Khóm"… in front."""
    return UNIT_PREFIXES.sub("", fold(name))


class _Units:
    """The communes and hamlets a user may import into, found by code or by name.

    Each distinct text is matched once: a roster repeats the same few names on
    thousands of lines.
    """

    def __init__(self, user: User):
        district_ids = {ancestors(s.unit)[0].pk for s in access.scopes_of(user)}
        # Lines go into today's structure: a commune or hamlet that has ended takes none
        # (after the 2025 merger the old "Xã Mỹ Thọ" and the new one share a name).
        communes = Commune.objects.filter(ended_on__isnull=True)
        if not (user.is_active and user.is_superuser):
            communes = communes.filter(district_id__in=district_ids)
        self.communes = _Names(list(communes))
        self.hamlets: dict[int, _Names] = {}
        hamlets = Hamlet.objects.filter(commune__in=self.communes.units, ended_on__isnull=True)
        for hamlet in hamlets.select_related("commune__district"):  # for the scope rule
            self.hamlets.setdefault(hamlet.commune_id, _Names([])).add(hamlet)

    def commune(self, text: str) -> tuple[Commune | None, str]:
        return self.communes.match(text)

    def hamlet(self, commune: Commune, text: str) -> tuple[Hamlet | None, str]:
        return self.hamlets.get(commune.pk, _Names([])).match(text)


def _exact(name: str) -> str:
    return clean_text(name).casefold()


# The ways a name is compared, strictest first: as written (case aside), as written without
# "Xã"/"Ấp"… in front, then without accents (so "binh thanh" or "Hoà" for "Hòa" still find
# it), with and without the prefix. "Bình Thạnh" and "Bình Thành" are two communes, and so
# are "Thị trấn Mỹ Thọ" and "Xã Mỹ Thọ": a stricter match wins when it is unique.
NAME_KEYS = [
    _exact,
    lambda name: _without_prefix(_exact(name)),
    fold,
    unit_key,
]


def _without_prefix(lowered: str) -> str:
    words = lowered.split(" ")
    prefix = UNIT_PREFIXES.match(fold(lowered))
    return " ".join(words[len(prefix.group(0).split()) :] if prefix else words)


class _Names:
    """Units indexed by code and by each way of comparing names, with matches remembered."""

    def __init__(self, units: list):
        self.units: list = []
        self.by_code: dict[str, object] = {}
        self.by_key: list[dict[str, list]] = [{} for _key in NAME_KEYS]
        self.seen: dict[str, tuple] = {}
        for unit in units:
            self.add(unit)

    def add(self, unit) -> None:
        self.units.append(unit)
        self.by_code[unit.code.casefold()] = unit
        for index, key in enumerate(NAME_KEYS):
            self.by_key[index].setdefault(key(unit.name), []).append(unit)

    def match(self, text: str) -> tuple[object | None, str]:
        """The unit named `text` (code or name), or None and the error to show."""
        if text not in self.seen:
            self.seen[text] = self._match(text)
        return self.seen[text]

    def _match(self, text: str) -> tuple[object | None, str]:
        if not text:
            return None, ""
        if text.casefold() in self.by_code:
            return self.by_code[text.casefold()], ""
        found: list = []
        for index, key in enumerate(NAME_KEYS):
            found = self.by_key[index].get(key(text), [])
            if len(found) == 1:
                return found[0], ""
        if found:
            return None, _('Several units match "%(name)s": %(units)s. Write the code.') % {
                "name": text,
                "units": ", ".join(f"{u.name} ({u.code})" for u in found),
            }
        names = self.by_key[-1]
        close = [
            u.name
            for k in difflib.get_close_matches(unit_key(text), names, n=3, cutoff=0.6)
            for u in names[k]
        ]
        if close:
            return None, _('Unknown "%(name)s". Did you mean: %(close)s?') % {
                "name": text,
                "close": ", ".join(close),
            }
        return None, _('Unknown "%(name)s": no such unit in your area.') % {"name": text}


def _flag(value: str) -> bool | None:
    folded = fold(value)
    if folded in YES:
        return True
    if folded in NO:
        return False
    return None


def _birth_year(value, this_year: int) -> tuple[int | None, str]:
    if value in (None, ""):
        return None, ""
    if isinstance(value, datetime.date):
        year = value.year
    else:
        text = clean_text(str(value))
        match = re.fullmatch(r"(\d{4})(?:\.0+)?|\d{1,2}[/.-]\d{1,2}[/.-](\d{4})", text)
        if not match:
            return None, _('"%(value)s" is not a year of birth (for example 1975).') % {
                "value": text
            }
        year = int(match.group(1) or match.group(2))
    if not 1900 <= year <= this_year:
        return None, _("The year of birth must be between 1900 and %(year)s.") % {"year": this_year}
    return year, ""


def _phone(value) -> tuple[str, str]:
    if value in (None, ""):
        return "", ""
    if isinstance(value, float | int):
        # A number cell has lost the leading zero of a Vietnamese number: put it back.
        digits = str(int(value))
        text = digits if len(digits) > 9 else "0" + digits
    else:
        text = clean_text(str(value)).replace(" ", "").replace(".", "").replace("-", "")
    try:
        phone_validator(text)
    except Exception:
        return "", _('"%(value)s" is not a phone number.') % {"value": value}
    return text, ""


# What a checked line's row keeps of its cells: nothing (see _Planner.plan).
NO_VALUES = MappingProxyType({})


class _Line:
    """A checked line: its row (sheet and line number, for errors), its commune's hamlet and
    its values, cleaned. In slots: a whole district's 180,000 lines as dicts took 200 MB."""

    __slots__ = (
        "address",
        "address_key",
        "birth_year",
        "full_name",
        "gender",
        "group_code",
        "group_key",
        "group_name",
        "group_since",
        "hamlet",
        "head",
        "head_key",
        "household",  # an existing household the line names by its code
        "household_code",
        "name_key",
        "overseer",
        "overseer_since",
        "party_member",
        "person_code",
        "phone",
        "role",
        "role_since",
        "row",
    )

    def __init__(self, **values) -> None:
        self.household = None
        for name, value in values.items():
            setattr(self, name, value)


def plan_roster(
    rows: Iterable[SheetRow],
    user: User,
    today: datetime.date,
    *,
    as_of: datetime.date | None = None,
) -> RosterPlan:
    """Match and check every line; nothing is written. `rows` may be read as they come
    (`iter_roster`): each line's cells are dropped once checked.

    What the file does not date (a new group's activation, a role's or an oversight's
    start) begins on `as_of`, the import day by default; what it ends (a role handed
    over, people missing from a group's lines) ends the day before.
    """
    return _Planner(rows, user, today, as_of).plan()


class _Planner:
    def __init__(
        self,
        rows: Iterable[SheetRow],
        user: User,
        today: datetime.date,
        as_of: datetime.date | None,
    ):
        self.rows, self.user, self.today = rows, user, today
        self.as_of = as_of or today
        self.result = RosterPlan(as_of=self.as_of, as_of_given=as_of is not None)
        self.units = _Units(user)
        self._locks = MonthLocks(commune.pk for commune in self.units.communes.units)
        self.writable: dict[int, bool] = {}
        self.repeated: dict = {}

    def _may_write(self, hamlet: Hamlet) -> bool:
        """Whether the user may write people into the hamlet; asked once per hamlet."""
        if hamlet.pk not in self.writable:
            self.writable[hamlet.pk] = access.may(self.user, Person, hamlet, write=True)
        return self.writable[hamlet.pk]

    def error(self, row: SheetRow, column: str, message: str) -> None:
        header = COLUMNS.get(column, "")
        self.result.errors.append(LineError(row.sheet, row.line, header, message))

    def plan(self) -> RosterPlan:
        checked = []
        for row in self.rows:
            self.result.lines += 1
            line = self._check(row)
            # A checked line keeps what it needs; the line's cells by column are not read
            # again, and a whole district's (180,000 lines) would hold a few hundred MB.
            row.values = NO_VALUES
            if line:
                checked.append(line)
        self.repeated.clear()
        if self.result.errors:
            return self.result
        self._load([c.hamlet for c in checked])
        self._match(checked)
        if not self.result.errors:
            self.result.households_to_end, self.result.people_to_end = missing_from_file(
                self.households, self.people_loaded, self.matched
            )
        return self.result

    def _check(self, row: SheetRow) -> "_Line | None":
        """The line's values, cleaned and matched to its commune and hamlet, or None."""
        errors_before = len(self.result.errors)
        for key in COLUMNS:
            problem = text_problem(row.text(key), MAX_LENGTHS.get(key))
            if problem:
                self.error(row, key, problem)
        if len(self.result.errors) > errors_before:
            return None  # text that cannot be stored: nothing else on the line is worth saying
        commune, problem = self.units.commune(row.text("commune"))
        if commune is None:
            self.error(row, "commune", problem or _("Required."))
        hamlet = None
        if commune is not None:
            hamlet, problem = self.units.hamlet(commune, row.text("hamlet"))
            if hamlet is None:
                self.error(row, "hamlet", problem or _("Required."))
            elif not self._may_write(hamlet):
                self.error(row, "hamlet", _("This hamlet is outside your area of work."))
        for key in ("group_code", "head", "full_name"):
            if not row.text(key):
                self.error(row, key, _("Required."))
        gender = GENDERS.get(fold(row.text("gender")))
        if gender is None:
            self.error(row, "gender", _('Write "Nam" or "Nữ".'))
        birth_year, problem = _birth_year(row.values.get("birth_year"), self.today.year)
        if problem:
            self.error(row, "birth_year", problem)
        phone, problem = _phone(row.values.get("phone"))
        if problem:
            self.error(row, "phone", problem)
        role_text = fold(row.text("role"))
        if role_text not in ROLES:
            self.error(row, "role", _('Write "tổ trưởng", "tổ phó" or "thành viên".'))
        party = _flag(row.text("party_member"))
        overseer = _flag(row.text("overseer"))
        for key, value in (("party_member", party), ("overseer", overseer)):
            if value is None:
                self.error(row, key, _('Write "có" or "không".'))
        if overseer and not party:
            self.error(row, "overseer", _("Only a party member can oversee the group."))
        days = self._days(row, hamlet, has_role=bool(ROLES.get(role_text)), oversees=overseer)
        if len(self.result.errors) > errors_before:
            return None
        return _Line(
            row=row,
            hamlet=hamlet,
            group_key=self._shared((hamlet.pk, row.text("group_code").casefold())),
            group_code=row.text("group_code"),
            group_name=row.text("group_name"),
            head=row.text("head"),
            address=row.text("address"),
            full_name=row.text("full_name"),
            gender=gender,
            birth_year=birth_year,
            phone=phone,
            role=ROLES[role_text],
            party_member=bool(party),
            overseer=bool(overseer),
            household_code=row.text("household_code"),
            person_code=row.text("person_code").upper(),
            **days,
            # Folded once here: households and people are matched on these.
            head_key=self._shared(fold(row.text("head"))),
            address_key=self._shared(fold(row.text("address"))),
            name_key=fold(row.text("full_name")),
        )

    def _shared(self, value):
        """One object for a value many lines repeat (a group's key, a household's head and
        address): a whole district's lines each with their own copy take tens of MB."""
        return self.repeated.setdefault(value, value)

    def _days(
        self, row: SheetRow, hamlet: Hamlet | None, *, has_role: bool, oversees: bool | None
    ) -> dict[str, datetime.date | None]:
        """The line's "since" days, each checked on its own; an error for each bad one."""
        days = {}
        for key in ("group_since", "role_since", "overseer_since"):
            day, problem = parse_day(row.values.get(key))
            problem = problem or (day and future_problem(day, self.today))
            if problem:
                self.error(row, key, problem)
                day = None
            days[key] = day
        if days["group_since"] and hamlet is not None:
            problem = before_problem(days["group_since"], hamlet.started_on, hamlet.name)
            if problem:
                self.error(row, "group_since", problem)
        if days["role_since"] and not has_role:
            self.error(
                row, "role_since", _("This line has no role: write the role, or clear the date.")
            )
        if days["overseer_since"] and not oversees:
            self.error(
                row,
                "overseer_since",
                _('This person does not oversee the group: write "có" beside, or clear the date.'),
            )
        return days

    def _load(self, hamlets: list[Hamlet]) -> None:
        """Everything the file may touch, in a few queries."""
        hamlet_ids = {h.pk for h in hamlets}
        self.commune_of = {h.pk: h.commune_id for h in hamlets}
        groups = list(Group.objects.filter(hamlet_id__in=hamlet_ids))
        self.groups = {(g.hamlet_id, g.code.casefold()): g for g in groups}
        # Those who left come first, so that where one who left and one still on the roster
        # answer to the same key, the one on the roster is matched.
        households = sorted(
            Household.objects.filter(group__in=groups), key=lambda h: h.left_on is None
        )
        self.households = {h.pk: h for h in households}
        self.codes = {(h.group_id, h.code) for h in households}
        self.household_by_code = {(h.group_id, h.code.casefold()): h for h in households}
        people = sorted(
            Person.objects.filter(household__in=households), key=lambda p: p.left_on is None
        )
        # Set on each other, so that listing those to end reads nothing more.
        by_id = {g.pk: g for g in groups}
        for household in households:
            household.group = by_id[household.group_id]
        for person in people:
            person.household = self.households[person.household_id]
        self.people_loaded = people
        self.people = {(p.household_id, p.name_folded, p.birth_year): p for p in people}
        self.person_by_code = {p.code: p for p in people}
        heads = {p.household_id: p for p in people if p.is_household_head}
        self.household_by_key: dict[tuple, Household] = {}
        for household in households:
            head = heads.get(household.pk)
            if head:
                key = (household.group_id, head.name_folded, fold(household.address))
                self.household_by_key[key] = household
        roles = GroupRole.objects.current().filter(group__in=groups)
        self.roles = {(r.group_id, r.person_id): r for r in roles}
        oversights = PartyOversight.objects.current().filter(group__in=groups)
        self.oversights = {(o.group_id, o.person_id): o for o in oversights}
        # The last day of each group's previous leaders: a leader's term never overlaps them.
        self.leaders_until = dict(
            GroupRole.objects.filter(group__in=groups, role=GroupRole.Role.LEADER)
            .exclude(ended_on=None)
            .values("group")
            .annotate(last=Max("ended_on"))
            .values_list("group", "last")
        )
        # What the file's lines name: households and people not among them are "to end".
        self.matched = Matched()
        members = PartyMembership.objects.current().filter(person__in=people)
        self.party = {m.person_id: m for m in members}

    def _match(self, lines: list[_Line | None]) -> None:
        plan = self.result
        group_days = self._group_days(lines)
        coded = self._coded_households(lines)
        new_groups: dict[tuple, Group] = {}
        new_households: dict[tuple, Household] = {}
        seen_people: set[tuple] = set()
        leaders: dict[object, SheetRow] = {}
        heads_listed: set[tuple] = set()
        first_line: dict[tuple, SheetRow] = {}
        touched_people: dict[int, Person] = {}
        touched_households: dict[int, Household] = {}
        redated: set[int] = set()
        self.lapsing: list[tuple[GroupRole, _Line]] = []
        self.ended: set[int] = set()  # the roles the plan ends
        for index, line in enumerate(lines):
            # Each line is let go once matched: what it becomes (a person, an outcome) is
            # what the plan keeps, and a whole district's lines and people together would
            # double the import's memory.
            lines[index] = None
            row, hamlet = line.row, line.hamlet
            changes: list[str] = []
            group_key = line.group_key
            group = self.groups.get(group_key) or new_groups.get(group_key)
            if group is None:
                day = group_days.get(group_key)
                if day is None:
                    problem = before_problem(self.as_of, hamlet.started_on, hamlet.name)
                    if problem:
                        self.error(row, "group_since", problem + " " + self._as_of_hint())
                        continue
                    plan.defaulted += 1
                # A group active since a day of an approved month would join that month's
                # figures, which the approval closed (apps.approvals.locks).
                locked = self._locks.first_locked(
                    (hamlet.commune_id, hamlet.pk), Month.of(day or self.as_of)
                )
                if locked is not None:
                    self.error(row, "group_since", month_locked_message(locked))
                    continue
                group = Group(
                    hamlet=hamlet,
                    code=line.group_code,
                    name=line.group_name or f"Tổ {line.group_code}",
                    status=Group.Status.ACTIVE,
                    planned_on=day or self.as_of,
                    activated_on=day or self.as_of,
                )
                new_groups[group_key] = group
                changes.append(_("new group"))
            elif group.pk and group.pk not in redated:
                redated.add(group.pk)
                if not self._redate_group(group, group_days.get(group_key), row, changes):
                    continue
            if line.group_name and group.pk and group.name != line.group_name:
                group.name = line.group_name
                plan.renamed_groups.append(group)
                changes.append(_("group renamed"))
            if group.pk:
                self.matched.groups.add(group.pk)
            text_key = (group_key, line.head_key, line.address_key)
            household = line.household or new_households.get(text_key) or coded.get(text_key)
            if household is None and group.pk:
                household = self.household_by_key.get((group.pk, line.head_key, line.address_key))
            if household is None:
                household = Household(group=group, address=line.address)
                new_households[text_key] = household
                changes.append(_("new household"))
            elif household.pk and household.pk not in self.matched.households:
                self.matched.households.add(household.pk)
                if self._correct_household(household, changes):
                    touched_households[household.pk] = household
            household_key = ("id", household.pk) if household.pk else text_key
            first_line.setdefault(household_key, row)
            # The first line named like the head is the head; a namesake after it is not.
            is_head = line.name_key == line.head_key and household_key not in heads_listed
            if is_head:
                heads_listed.add(household_key)
            person, found = self._person(line, household)
            if not found:
                continue
            keys = {(household_key, line.name_key, line.birth_year)}
            if person is not None:
                keys.add(("id", person.pk))
            if keys & seen_people:
                self.error(row, "full_name", _("This person is already on another line."))
                continue
            seen_people |= keys
            fields = {
                "gender": line.gender,
                "phone": line.phone,
            }
            if line.person_code:
                # Named by their code: what else the line says about them is a correction.
                fields |= {"full_name": line.full_name, "birth_year": line.birth_year}
            if person is None:
                fields |= {"full_name": line.full_name, "birth_year": line.birth_year}
                person = NewPerson(
                    household=household,
                    # An existing household keeps the head it has.
                    is_household_head=is_head and household.pk is None,
                    **fields,
                )
                plan.new_people.append(person)
                kind = "new"
            else:
                self.matched.people.add(person.pk)
                if person.left_on is not None:
                    fields["left_on"] = None
                differing = [
                    name for name, value in fields.items() if getattr(person, name) != value
                ]
                for name in differing:
                    setattr(person, name, fields[name])
                person.name_folded = fold(person.full_name)
                if differing:
                    touched_people[person.pk] = person
                    changes += [
                        _("back on the roster")
                        if name == "left_on"
                        else str(Person._meta.get_field(name).verbose_name)
                        for name in differing
                    ]
                kind = "update" if changes else "skip"
            if line.role == "leader":
                if group_key in leaders:
                    self.error(
                        row,
                        "role",
                        _("The group already has a leader on line %(line)s.")
                        % {"line": leaders[group_key].line},
                    )
                    continue
                leaders[group_key] = row
            role_changes = self._party_change(person, line.party_member)
            role_changes += self._role_changes(group, person, line)
            if role_changes:
                changes += role_changes
                kind = "new" if kind == "new" else "update"
            plan.outcomes.append(
                LineOutcome(row.sheet, row.line, line.full_name, kind, tuple(changes), hamlet)
            )
        for role, line in self.lapsing:
            self._lapse(role, line)
        for household_key, row in first_line.items():
            if household_key not in heads_listed:
                self.error(row, "head", _("The head of the household needs a line of their own."))
        plan.new_groups = list(new_groups.values())
        plan.new_households = list(new_households.values())
        plan.changed_households = list(touched_households.values())
        plan.changed_people = list(touched_people.values())
        self._codes_for_new_households()

    def _as_of_hint(self) -> str:
        if self.result.as_of_given:
            return _("No date is written on the line, so it takes the import's date %(day)s.") % {
                "day": show(self.as_of)
            }
        return _("No date is written on the line, so it takes today's date.")

    def _group_days(self, lines: list[_Line]) -> dict[tuple, datetime.date]:
        """The day each group of the file became active, where one of its lines says it."""
        found: dict[tuple, tuple[datetime.date, SheetRow]] = {}
        for line in lines:
            day, key = line.group_since, line.group_key
            if day is None:
                continue
            if key in found and found[key][0] != day:
                self.error(
                    line.row,
                    "group_since",
                    _("Line %(line)s gives this group another date (%(day)s).")
                    % {"line": found[key][1].line, "day": show(found[key][0])},
                )
            found.setdefault(key, (day, line.row))
        return {key: day for key, (day, _row) in found.items()}

    def _redate_group(
        self, group: Group, day: datetime.date | None, row: SheetRow, changes: list[str]
    ) -> bool:
        """Date an existing group's activation as the file says; False on an error.

        An earlier day corrects the day it was imported or entered on; a later one would
        leave its past records outside its life, so it is refused here."""
        if day is None or day == group.activated_on:
            return True
        if group.status == Group.Status.DISSOLVED:
            self.error(
                row,
                "group_since",
                _("This group has been dissolved; its dates are not changed by an import."),
            )
            return False
        if group.activated_on and day > group.activated_on:
            self.error(
                row,
                "group_since",
                _(
                    "The group has been active since %(since)s; an import only moves that day "
                    "earlier. Correct it in the data administration."
                )
                % {"since": show(group.activated_on)},
            )
            return False
        # Moved earlier, the group joins the figures of the months in between: not those an
        # approval closed (apps.approvals.locks).
        until = Month.of(group.activated_on).previous() if group.activated_on else None
        locked = self._locks.first_locked(
            (self.commune_of[group.hamlet_id], group.hamlet_id), Month.of(day), until
        )
        if locked is not None:
            self.error(row, "group_since", month_locked_message(locked))
            return False
        group.status = Group.Status.ACTIVE
        group.activated_on = day
        group.planned_on = min(group.planned_on, day)
        self.result.redated_groups.append(group)
        changes.append(_("group active since %(day)s") % {"day": show(day)})
        return True

    def _coded_households(self, lines: list[_Line]) -> dict[tuple, Household]:
        """Households the lines name by code, each set on its lines and also found under the
        head and address the lines give, so that a member added without the code joins it."""
        by_text: dict[tuple, Household] = {}
        first: dict[int, tuple] = {}
        self.coded_addresses: dict[int, str] = {}
        for line in lines:
            code, row = line.household_code, line.row
            if not code:
                continue
            group = self.groups.get(line.group_key)
            household = group and self.household_by_code.get((group.pk, code.casefold()))
            if household is None:
                self.error(
                    row,
                    "household_code",
                    _(
                        'Group %(group)s has no household with the code "%(code)s". Leave the '
                        "cell empty for a new household."
                    )
                    % {"group": line.group_code, "code": code},
                )
                continue
            text = (line.head_key, line.address_key)
            seen_text, seen_row = first.setdefault(household.pk, (text, row))
            if seen_text != text:
                self.error(
                    row,
                    "household_code",
                    _("Line %(line)s gives household %(code)s another head or address.")
                    % {"line": seen_row.line, "code": code},
                )
                continue
            line.household = household
            by_text[(line.group_key, *text)] = household
            self.coded_addresses[household.pk] = line.address
        return by_text

    def _correct_household(self, household: Household, changes: list[str]) -> bool:
        """Bring a matched household in line with the file; whether anything changed."""
        changed = False
        if household.left_on is not None:
            household.left_on = None
            changes.append(_("household back on the roster"))
            changed = True
        # Only a household named by its code takes a new address: matched by its address,
        # it keeps the one it has (the file's may differ only by accents or case).
        address = self.coded_addresses.get(household.pk)
        if address is not None and household.address != address:
            household.address = address
            household.address_folded = fold(address)
            changes.append(_("address"))
            changed = True
        return changed

    def _person(self, line: _Line, household: Household) -> tuple[Person | None, bool]:
        """The person the line is about (None: a new one), and False on an error."""
        code, row = line.person_code, line.row
        if not code:
            if household.pk is None:
                return None, True
            return self.people.get((household.pk, line.name_key, line.birth_year)), True
        person = self.person_by_code.get(code)
        if person is None:
            self.error(
                row,
                "person_code",
                _(
                    'Nobody in these groups has the code "%(code)s". Leave the cell empty for '
                    "a new person."
                )
                % {"code": code},
            )
            return None, False
        if person.household_id != household.pk:
            other = self.households[person.household_id]
            self.error(
                row,
                "person_code",
                _(
                    "%(code)s is %(name)s of household %(household)s: an import does not move "
                    "a person to another household."
                )
                % {"code": code, "name": person.full_name, "household": other.code},
            )
            return None, False
        return person, True

    def _start(self, line: _Line, key: str, group: Group) -> datetime.date | None:
        """The day a role or oversight on the line begins: the line's, or the import's; None
        (with the error) when that is before the group became active."""
        day = getattr(line, key) or self.as_of
        began = group.activated_on or group.planned_on
        problem = before_problem(day, began, group.name)
        if problem:
            self.error(
                line.row, key, problem + ("" if getattr(line, key) else " " + self._as_of_hint())
            )
            return None
        return day

    def _party_change(self, person: "Person | NewPerson", member: bool) -> list[str]:
        """The file says whether the person is a party member as of the import's day: a
        membership begins that day, or the current one ends the day before."""
        current = self.party.get(person.pk) if person.pk else None
        if member and current is None:
            self.result.joined_party.append(
                PartyMembership(person=_model(person), joined_on=self.as_of)
            )
            return [_("joined the Party")]
        if not member and current is not None:
            day_before = self.as_of - datetime.timedelta(days=1)
            current.left_on = max(current.joined_on or day_before, day_before)
            self.result.left_party.append(current)
            return [_("left the Party")]
        return []

    def _role_changes(self, group: Group, person: "Person | NewPerson", line: _Line) -> list[str]:
        """Queue the role and oversight changes the line asks for; their descriptions."""
        plan, changes = self.result, []
        current = self.roles.get((group.pk, person.pk)) if group.pk and person.pk else None
        wanted = line.role
        if current and current.role == wanted:
            since = line.role_since
            if since and since != current.started_on and self._redate(current, line, group):
                changes.append(_("role since %(day)s") % {"day": show(current.started_on)})
        elif wanted or current:
            start = self._start(line, "role_since", group) if wanted else self.as_of
            if start is None:
                return changes
            if current and not wanted:
                # Ended after the last line: a successor's line may date the handover.
                self.lapsing.append((current, line))
                changes.append(_("role ended"))
            else:
                # The new role ends the holder's own (unless a successor's line has) and, for
                # a leader, the group's leader; each is checked before any is ended, so that
                # a refused line changes none.
                ending = [current] if current and current.pk not in self.ended else []
                if wanted == GroupRole.Role.LEADER and group.pk:
                    ending += [
                        role
                        for (group_id, _person_id), role in self.roles.items()
                        if group_id == group.pk and role.role == "leader" and role is not current
                    ]
                if not all(self._may_hand_over(role, start, line) for role in ending):
                    return changes
                if wanted == GroupRole.Role.LEADER and not self._after_past_leaders(
                    group, start, line
                ):
                    return changes
                for role in ending:
                    self._end(role, start - datetime.timedelta(days=1))
                if current:
                    changes.append(_("role ended"))
            if wanted:
                plan.new_roles.append(
                    GroupRole(group=group, person=_model(person), role=wanted, started_on=start)
                )
                plan.defaulted += not line.role_since
                changes.append(_("new role"))
        oversight = self.oversights.get((group.pk, person.pk)) if group.pk and person.pk else None
        if line.overseer and oversight is None:
            start = self._start(line, "overseer_since", group)
            if start is not None:
                plan.new_oversights.append(
                    PartyOversight(group=group, person=_model(person), started_on=start)
                )
                plan.defaulted += not line.overseer_since
                changes.append(_("oversees the group"))
        elif line.overseer and line.overseer_since not in (None, oversight.started_on):
            if self._start(line, "overseer_since", group):
                oversight.started_on = line.overseer_since
                plan.redated_oversights.append(oversight)
                changes.append(_("oversees since %(day)s") % {"day": show(oversight.started_on)})
        elif not line.overseer and oversight is not None:
            oversight.ended_on = max(oversight.started_on, self.as_of - datetime.timedelta(days=1))
            plan.ended_oversights.append(oversight)
            changes.append(_("no longer oversees the group"))
        return changes

    def _may_hand_over(self, role: GroupRole, start: datetime.date, line: _Line) -> bool:
        """Whether a role that begins on `start` may end `role` the day before; if not, the
        error. Ended on its own first day, it would leave two holders on that day."""
        if role.pk in self.ended:
            # A leader whose own line gave them another role, ended the day before it.
            if role.ended_on < start:
                return True
            message = _("The group's previous leader held the role until %(day)s.") % {
                "day": show(role.ended_on)
            }
        elif start < role.started_on:
            message = _held_since(role, start)
        elif start == role.started_on:
            message = _("The current role only started on %(day)s.") % {
                "day": show(role.started_on)
            }
        else:
            return True
        self.error(line.row, "role_since", message)
        return False

    def _after_past_leaders(self, group: Group, start: datetime.date, line: _Line) -> bool:
        """Whether a new leader's term from `start` begins after the group's past leaders'
        terms ended; if not, the error."""
        until = self.leaders_until.get(group.pk)
        if until is None or start > until:
            return True
        self.error(
            line.row,
            "role_since",
            _("The group's previous leader held the role until %(day)s.") % {"day": show(until)},
        )
        return False

    def _end(self, role: GroupRole, last_day: datetime.date) -> None:
        if role.pk not in self.ended:
            self.ended.add(role.pk)
            role.ended_on = last_day
            self.result.ended_roles.append(role)

    def _lapse(self, role: GroupRole, line: _Line) -> None:
        """End a role the file no longer gives, unless a successor's line has: the day before
        the import's day, or on its first day if that is the import's day."""
        if role.pk in self.ended:
            return
        if self.as_of < role.started_on:
            self.error(line.row, "role_since", _held_since(role, self.as_of))
            return
        self._end(role, max(role.started_on, self.as_of - datetime.timedelta(days=1)))

    def _redate(self, role: GroupRole, line: _Line, group: Group) -> bool:
        """Move a current role's first day to the line's; False (with the error) if it cannot."""
        day = self._start(line, "role_since", group)
        if day is None:
            return False
        until = self.leaders_until.get(group.pk) if role.role == GroupRole.Role.LEADER else None
        if until and day <= until:
            self.error(
                line.row,
                "role_since",
                _("The group's previous leader held the role until %(day)s.")
                % {"day": show(until)},
            )
            return False
        role.started_on = day
        self.result.redated_roles.append(role)
        return True

    def _codes_for_new_households(self) -> None:
        """Codes for new households: the group's code and the next free number."""
        used = set(self.codes)
        counters: dict[int, int] = {}
        for household in self.result.new_households:
            group = household.group
            n = counters.get(id(group), 0)
            while True:
                n += 1
                code = f"{group.code}-{n:03d}"
                if (group.pk, code) not in used:
                    break
            counters[id(group)] = n
            used.add((group.pk, code))
            household.code = code


def _held_since(role: GroupRole, day: datetime.date) -> str:
    return _(
        "The current holder of the role has held it since %(since)s: the change cannot be "
        "dated %(day)s."
    ) % {"since": show(role.started_on), "day": show(day)}


class ImportFailed(Exception):
    """The database failed during the write, which wrote nothing; `str(error)` is the
    message for the user."""


def apply_roster(
    plan: RosterPlan,
    user: User,
    progress: Callable[[str], None] = lambda message: None,
    *,
    end_missing: bool = False,
) -> None:
    """Write a checked plan. All of it or, on any failure, none of it: ImportFailed when
    the database fails. With `end_missing` (the administrator ticked it), the households
    and people the plan found missing from their groups' lines are ended."""
    if plan.errors:
        raise ValueError("a plan with errors is never written")
    try:
        with transaction.atomic():
            _write(plan, user, progress)
            if end_missing:
                end_missing_people(
                    plan.households_to_end, plan.people_to_end, plan.as_of, _updater(user)
                )
    except DatabaseError as error:
        # The cause for the administrator, in one line: the user gets the message below.
        logger.error("The roster import failed in the database, nothing written: %r", error)
        raise ImportFailed(
            _(
                "Nothing was imported: the database could not save the roster, so nothing "
                "was changed. Try again in a few minutes; if it fails again, tell the "
                "system administrator."
            )
        ) from error


def _updater(user: User) -> Callable[[list, type, list[str]], None]:
    def update(objs: list, model, fields: list[str]) -> None:
        bulk_update_with_history(objs, model, fields, batch_size=BATCH, default_user=user)

    return update


def _write(plan: RosterPlan, user: User, progress: Callable[[str], None]) -> None:
    def create(objs: list, model) -> None:
        create_with_history(objs, model, user=user, batch_size=BATCH)

    update = _updater(user)
    create(plan.new_groups, Group)
    place_new(plan.new_groups)
    for group in plan.renamed_groups:
        group.name_folded = fold(group.name)  # bulk_update does not compute it
    update(plan.renamed_groups, Group, ["name", "name_folded"])
    update(plan.redated_groups, Group, ["status", "planned_on", "activated_on"])
    # Records made in this plan point at groups, households and people created just
    # before them: Django takes their new ids when each batch is written.
    create(plan.new_households, Household)
    HouseholdMembership.objects.begin(plan.new_households)
    progress(
        _("%(n)s groups and %(m)s households written")
        % {"n": len(plan.new_groups), "m": len(plan.new_households)}
    )
    for start in range(0, len(plan.new_people), BATCH):
        batch = plan.new_people[start : start + BATCH]
        create([new.model() for new in batch], Person)
        for new in batch:
            new.written()
    update(plan.changed_households, Household, ["address", "address_folded", "left_on"])
    recount_households(groups_of(h.pk for h in plan.changed_households))
    update(
        plan.changed_people,
        Person,
        ["full_name", "name_folded", "birth_year", "gender", "phone", "left_on"],
    )
    update(plan.left_party, PartyMembership, ["left_on"])
    create(plan.joined_party, PartyMembership)
    progress(_("%(n)s people written") % {"n": len(plan.new_people) + len(plan.changed_people)})
    update(plan.ended_roles, GroupRole, ["ended_on"])
    update(plan.ended_oversights, PartyOversight, ["ended_on"])
    update(plan.redated_roles, GroupRole, ["started_on"])
    update(plan.redated_oversights, PartyOversight, ["started_on"])
    create(plan.new_roles, GroupRole)
    create(plan.new_oversights, PartyOversight)
    progress(_("roles written"))
