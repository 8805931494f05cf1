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
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from apps.accounts import access
from apps.accounts.models import User
from apps.core.bulk import create_with_history
from apps.core.text import clean_text, fold
from apps.hierarchy.models import Commune, Group, Hamlet, ancestors
from apps.hierarchy.placements import place_new
from apps.imports.reading import SheetRow, text_problem
from apps.imports.roster_format import COLUMNS
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
}


@dataclass
class LineError:
    sheet: str
    line: int
    column: str
    message: str


@dataclass
class LineOutcome:
    sheet: str
    line: int
    person: str
    kind: str  # "new", "update" or "skip"
    changes: list[str] = field(default_factory=list)


@dataclass
class RosterPlan:
    lines: int = 0
    errors: list[LineError] = field(default_factory=list)
    outcomes: list[LineOutcome] = field(default_factory=list)
    new_groups: list[Group] = field(default_factory=list)
    renamed_groups: list[Group] = field(default_factory=list)
    new_households: list[Household] = field(default_factory=list)
    moved_households: list[Household] = field(default_factory=list)
    new_people: list[Person] = field(default_factory=list)
    changed_people: list[Person] = field(default_factory=list)
    ended_roles: list[GroupRole] = field(default_factory=list)
    new_roles: list[GroupRole] = field(default_factory=list)
    ended_oversights: list[PartyOversight] = field(default_factory=list)
    new_oversights: list[PartyOversight] = field(default_factory=list)
    left_party: list[PartyMembership] = field(default_factory=list)
    joined_party: list[PartyMembership] = field(default_factory=list)

    def count(self, kind: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.kind == kind)

    @property
    def has_changes(self) -> bool:
        return any(outcome.kind != "skip" for outcome in self.outcomes)


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


def plan_roster(rows: list[SheetRow], user: User, today: datetime.date) -> RosterPlan:
    """Match and check every line; nothing is written."""
    return _Planner(rows, user, today).plan()


class _Planner:
    def __init__(self, rows: list[SheetRow], user: User, today: datetime.date):
        self.rows, self.user, self.today = rows, user, today
        self.result = RosterPlan(lines=len(rows))
        self.units = _Units(user)
        self.writable: dict[int, bool] = {}

    def _may_write(self, hamlet: Hamlet) -> bool:
        """Whether the user may write people into the hamlet; asked once per hamlet."""
        if hamlet.pk not in self.writable:
            self.writable[hamlet.pk] = access.may(self.user, Person, hamlet, write=True)
        return self.writable[hamlet.pk]

    def error(self, row: SheetRow, column: str, message: str) -> None:
        header = COLUMNS.get(column, "")
        self.result.errors.append(LineError(row.sheet, row.line, header, message))

    def plan(self) -> RosterPlan:
        checked = [line for row in self.rows if (line := self._check(row))]
        if self.result.errors:
            return self.result
        self._load([c["hamlet"] for c in checked])
        self._match(checked)
        return self.result

    def _check(self, row: SheetRow) -> dict | None:
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
        if len(self.result.errors) > errors_before:
            return None
        return {
            "row": row,
            "hamlet": hamlet,
            "group_code": row.text("group_code"),
            "group_name": row.text("group_name"),
            "head": row.text("head"),
            "address": row.text("address"),
            "full_name": row.text("full_name"),
            "gender": gender,
            "birth_year": birth_year,
            "phone": phone,
            "role": ROLES[role_text],
            "party_member": bool(party),
            "overseer": bool(overseer),
            # Folded once here: households and people are matched on these.
            "head_key": fold(row.text("head")),
            "address_key": fold(row.text("address")),
            "name_key": fold(row.text("full_name")),
        }

    def _load(self, hamlets: list[Hamlet]) -> None:
        """Everything the file may touch, in a few queries."""
        hamlet_ids = {h.pk for h in hamlets}
        groups = list(Group.objects.filter(hamlet_id__in=hamlet_ids))
        self.groups = {(g.hamlet_id, g.code.casefold()): g for g in groups}
        households = list(Household.objects.filter(group__in=groups))
        self.households = {h.pk: h for h in households}
        self.codes = {(h.group_id, h.code) for h in households}
        people = list(Person.objects.filter(household__in=households))
        self.people = {(p.household_id, p.name_folded, p.birth_year): p for p in people}
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
        members = PartyMembership.objects.current().filter(person__in=people)
        self.party = {m.person_id: m for m in members}

    def _match(self, lines: list[dict]) -> None:
        plan = self.result
        yesterday = self.today - datetime.timedelta(days=1)
        new_groups: dict[tuple, Group] = {}
        new_households: dict[tuple, Household] = {}
        seen_people: set[tuple] = set()
        leaders: dict[object, SheetRow] = {}
        heads_listed: set[tuple] = set()
        first_line: dict[tuple, SheetRow] = {}
        touched_people: dict[int, Person] = {}
        for line in lines:
            row, hamlet = line["row"], line["hamlet"]
            changes: list[str] = []
            group_key = (hamlet.pk, line["group_code"].casefold())
            group = self.groups.get(group_key) or new_groups.get(group_key)
            if group is None:
                group = Group(
                    hamlet=hamlet,
                    code=line["group_code"],
                    name=line["group_name"] or f"Tổ {line['group_code']}",
                    status=Group.Status.ACTIVE,
                    planned_on=self.today,
                    activated_on=self.today,
                )
                new_groups[group_key] = group
                changes.append(_("new group"))
            elif line["group_name"] and group.pk and group.name != line["group_name"]:
                if group not in plan.renamed_groups:
                    group.name = line["group_name"]
                    plan.renamed_groups.append(group)
                changes.append(_("group renamed"))
            household_key = (group_key, line["head_key"], line["address_key"])
            first_line.setdefault(household_key, row)
            household = new_households.get(household_key)
            if household is None and group.pk:
                household = self.household_by_key.get(
                    (group.pk, line["head_key"], line["address_key"])
                )
            if household is None:
                household = Household(group=group, address=line["address"])
                new_households[household_key] = household
                changes.append(_("new household"))
            # The first line named like the head is the head; a namesake after it is not.
            is_head = line["name_key"] == line["head_key"] and household_key not in heads_listed
            if is_head:
                heads_listed.add(household_key)
            person_key = (household_key, line["name_key"], line["birth_year"])
            if person_key in seen_people:
                self.error(row, "full_name", _("This person is already on another line."))
                continue
            seen_people.add(person_key)
            person = self.people.get((household.pk, line["name_key"], line["birth_year"]))
            fields = {
                "gender": line["gender"],
                "phone": line["phone"],
            }
            if person is None:
                person = Person(
                    household=household,
                    full_name=line["full_name"],
                    birth_year=line["birth_year"],
                    # An existing household keeps the head it has.
                    is_household_head=is_head and household.pk is None,
                    **fields,
                )
                plan.new_people.append(person)
                kind = "new"
            else:
                differing = [
                    name for name, value in fields.items() if getattr(person, name) != value
                ]
                for name in differing:
                    setattr(person, name, fields[name])
                if differing:
                    touched_people[person.pk] = person
                    changes += [
                        str(Person._meta.get_field(name).verbose_name) for name in differing
                    ]
                kind = "update" if changes else "skip"
            if line["role"] == "leader":
                if group_key in leaders:
                    self.error(
                        row,
                        "role",
                        _("The group already has a leader on line %(line)s.")
                        % {"line": leaders[group_key].line},
                    )
                    continue
                leaders[group_key] = row
            role_changes = self._party_change(person, line["party_member"], yesterday)
            role_changes += self._role_changes(group, person, line, yesterday)
            if role_changes:
                changes += role_changes
                kind = "new" if kind == "new" else "update"
            plan.outcomes.append(LineOutcome(row.sheet, row.line, line["full_name"], kind, changes))
        for household_key, row in first_line.items():
            if household_key not in heads_listed:
                self.error(row, "head", _("The head of the household needs a line of their own."))
        plan.new_groups = list(new_groups.values())
        plan.new_households = list(new_households.values())
        plan.changed_people = list(touched_people.values())
        self._codes_for_new_households()

    def _party_change(self, person: Person, member: bool, yesterday) -> list[str]:
        """The file says whether the person is a party member today: a membership begins
        today, or the current one ends yesterday."""
        current = self.party.get(person.pk) if person.pk else None
        if member and current is None:
            self.result.joined_party.append(PartyMembership(person=person, joined_on=self.today))
            return [_("joined the Party")]
        if not member and current is not None:
            current.left_on = max(current.joined_on or yesterday, yesterday)
            self.result.left_party.append(current)
            return [_("left the Party")]
        return []

    def _role_changes(self, group: Group, person: Person, line: dict, yesterday) -> list[str]:
        """Queue the role and oversight changes the line asks for; their descriptions."""
        plan, changes = self.result, []
        current = self.roles.get((group.pk, person.pk)) if group.pk and person.pk else None
        wanted = line["role"]
        if current and current.role != wanted:
            current.ended_on = max(current.started_on, yesterday)
            plan.ended_roles.append(current)
            changes.append(_("role ended"))
            current = None
        if wanted and current is None:
            if wanted == GroupRole.Role.LEADER and group.pk:
                for (group_id, _person_id), role in self.roles.items():
                    if (
                        group_id == group.pk
                        and role.role == "leader"
                        and role not in plan.ended_roles
                    ):
                        role.ended_on = max(role.started_on, yesterday)
                        plan.ended_roles.append(role)
            plan.new_roles.append(
                GroupRole(group=group, person=person, role=wanted, started_on=self.today)
            )
            changes.append(_("new role"))
        oversight = self.oversights.get((group.pk, person.pk)) if group.pk and person.pk else None
        if line["overseer"] and oversight is None:
            plan.new_oversights.append(
                PartyOversight(group=group, person=person, started_on=self.today)
            )
            changes.append(_("oversees the group"))
        elif not line["overseer"] and oversight is not None:
            oversight.ended_on = max(oversight.started_on, yesterday)
            plan.ended_oversights.append(oversight)
            changes.append(_("no longer oversees the group"))
        return changes

    def _end(self, role: GroupRole, last_day: datetime.date) -> None:
        if role.ended_on is None:
            role.ended_on = max(role.started_on, last_day)
            self.result.ended_roles.append(role)

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


class ImportFailed(Exception):
    """The database failed during the write, which wrote nothing; `str(error)` is the
    message for the user."""


def apply_roster(
    plan: RosterPlan, user: User, progress: Callable[[str], None] = lambda message: None
) -> None:
    """Write a checked plan. All of it or, on any failure, none of it: ImportFailed when
    the database fails."""
    if plan.errors:
        raise ValueError("a plan with errors is never written")
    try:
        with transaction.atomic():
            _write(plan, user, progress)
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


def _write(plan: RosterPlan, user: User, progress: Callable[[str], None]) -> None:
    def create(objs: list, model) -> None:
        create_with_history(objs, model, user=user, batch_size=BATCH)

    def update(objs: list, model, fields: list[str]) -> None:
        bulk_update_with_history(objs, model, fields, batch_size=BATCH, default_user=user)

    create(plan.new_groups, Group)
    place_new(plan.new_groups)
    update(plan.renamed_groups, Group, ["name"])
    # Records made in this plan point at groups, households and people created just
    # before them: Django takes their new ids when each batch is written.
    create(plan.new_households, Household)
    HouseholdMembership.objects.begin(plan.new_households)
    progress(
        _("%(n)s groups and %(m)s households written")
        % {"n": len(plan.new_groups), "m": len(plan.new_households)}
    )
    create(plan.new_people, Person)
    update(plan.changed_people, Person, ["gender", "phone"])
    update(plan.left_party, PartyMembership, ["left_on"])
    create(plan.joined_party, PartyMembership)
    progress(_("%(n)s people written") % {"n": len(plan.new_people) + len(plan.changed_people)})
    update(plan.ended_roles, GroupRole, ["ended_on"])
    update(plan.ended_oversights, PartyOversight, ["ended_on"])
    create(plan.new_roles, GroupRole)
    create(plan.new_oversights, PartyOversight)
    progress(_("roles written"))
