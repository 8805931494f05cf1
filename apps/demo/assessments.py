"""Three years of yearly assessments (bình xét) for the demo district.

For each of the three full years before today's: every household of every group
active in the year, every such group, every hamlet and every commune. Drawn from
the builder's random generator after the petitions, year by year, and written with
bulk inserts. The shares rise year by year. A household mostly keeps last year's
result, and a group's households are alike; a group is rated by its households, a
hamlet by its groups, a commune by its hamlets, and a cultural-standard commune
keeps the title. A cultural family is always "3 không".
"""

import datetime
import random
from dataclasses import dataclass

from apps.assessments.models import (
    CommuneAssessment,
    GroupAssessment,
    HamletAssessment,
    HouseholdAssessment,
)
from apps.assessments.totals import refresh_totals
from apps.demo.meetings import active_between
from apps.hierarchy.models import Commune, Group, Hamlet
from apps.hierarchy.placements import place_as_now
from apps.people.models import Household

YEARS = 3
# The shares of each year, oldest first.
THREE_NO = (0.90, 0.92, 0.94)
CULTURAL_FAMILIES = (0.80, 0.85, 0.88)
SAFE_GROUPS = (0.75, 0.80, 0.85)
CULTURAL_GROUPS = (0.65, 0.72, 0.78)
SAFE_HAMLETS = (0.70, 0.78, 0.85)
CULTURAL_HAMLETS = (0.60, 0.68, 0.75)
# Cultural-standard communes of a district of DISTRICT_COMMUNES communes.
CULTURAL_COMMUNES = (6, 8, 11)
DISTRICT_COMMUNES = 18
# A group's households are alike: their first-year chances move by one draw per group.
GROUP_SPREAD = 0.04
# The chance that a "3 không" household stays so the next year, and that a cultural family
# that stays "3 không" stays a cultural family. The chances of the others becoming one follow
# from the shares (see _chances).
KEEP_THREE_NO = 0.98
KEEP_CULTURAL = 0.97
# What a household that is not "3 không" fails, with weights: (no crime, no social evils, no drugs).
FAILINGS = (
    ((False, True, True), 25),
    ((True, False, True), 45),
    ((True, True, False), 15),
    ((True, False, False), 10),
    ((False, False, True), 5),
)
# Units are ranked by their share plus a draw of this spread; the best are rated.
RANK_SPREAD = {"group": 0.03, "hamlet": 0.05, "commune": 0.05}
# A household assessment's columns in the model's order. Its rows (about 140,000) are made as
# plain tuples in this order, which become model instances fastest as positional arguments.
HOUSEHOLD_COLUMNS = (
    "id",
    "district_id",
    "commune_id",
    "hamlet_id",
    "year",
    "assessed_by_id",
    "updated_at",
    "household_id",
    "group_id",
    "no_crime",
    "no_social_evils",
    "no_drugs",
    "cultural_family",
)


@dataclass(frozen=True)
class AssessmentCounts:
    households: int
    groups: int
    hamlets: int
    communes: int


@dataclass
class _Tally:
    """A unit's assessed children: how many, and how many rated each way."""

    total: int = 0
    first: int = 0
    second: int = 0

    def add(self, first: bool, second: bool) -> None:
        self.total += 1
        self.first += first
        self.second += second

    def shares(self) -> tuple[float, float]:
        if not self.total:
            return 0.0, 0.0
        return self.first / self.total, self.second / self.total


class AssessmentBuilder:
    def __init__(self, *, rng: random.Random, today: datetime.date, batch: int) -> None:
        self.rng = rng
        self.years = [today.year - YEARS + i for i in range(YEARS)]
        self.batch = batch
        # Each household's last result: (no crime, no social evils, no drugs, cultural family).
        self.last: dict[int, tuple[bool, bool, bool, bool]] = {}
        # Each group's move of its households' first-year chances.
        self.spread: dict[int, float] = {}

    def build(
        self,
        *,
        communes: list[Commune],
        hamlets: list[Hamlet],
        groups: list[tuple[Group, list[Household]]],
    ) -> AssessmentCounts:
        """Assessments of the `communes`, `hamlets` and `groups` (each with its households)."""
        self.spread = {group.pk: self.rng.gauss(0, GROUP_SPREAD) for group, _ in groups}
        rows: list[tuple] = []
        group_rows: list[GroupAssessment] = []
        hamlet_rows: list[HamletAssessment] = []
        commune_rows: list[CommuneAssessment] = []
        cultural_communes: set[int] = set()
        for i, year in enumerate(self.years):
            tallies = self._households(i, year, groups, rows)
            rated_groups = self._rate(tallies, "group", SAFE_GROUPS[i], CULTURAL_GROUPS[i])
            group_rows += [
                GroupAssessment(group=g, year=year, safe=s, cultural=c, assessed_by_id=None)
                for g, s, c in rated_groups
            ]
            by_hamlet = {hamlet.pk: _Tally() for hamlet in hamlets}
            for group, safe, cultural in rated_groups:
                by_hamlet[group.hamlet_id].add(safe, cultural)
            rated_hamlets = self._rate(
                [(hamlet, by_hamlet[hamlet.pk]) for hamlet in hamlets],
                "hamlet",
                SAFE_HAMLETS[i],
                CULTURAL_HAMLETS[i],
            )
            hamlet_rows += [
                HamletAssessment(hamlet=h, year=year, safe=s, cultural=c, assessed_by_id=None)
                for h, s, c in rated_hamlets
            ]
            cultural_communes = self._cultural_communes(
                i, communes, rated_hamlets, cultural_communes
            )
            commune_rows += [
                CommuneAssessment(
                    commune=commune,
                    year=year,
                    cultural_standard=commune.pk in cultural_communes,
                    assessed_by_id=None,
                )
                for commune in communes
            ]
        households = _household_assessments(rows)
        # The demo's structure is reorganised only after its past: places as they are now.
        for records in (households, group_rows, hamlet_rows, commune_rows):
            place_as_now(records)
        HouseholdAssessment.objects.bulk_create(households, batch_size=self.batch)
        refresh_totals()  # bulk inserts send no signals: recount the dashboard's totals
        GroupAssessment.objects.bulk_create(group_rows, batch_size=self.batch)
        HamletAssessment.objects.bulk_create(hamlet_rows, batch_size=self.batch)
        CommuneAssessment.objects.bulk_create(commune_rows, batch_size=self.batch)
        return AssessmentCounts(len(rows), len(group_rows), len(hamlet_rows), len(commune_rows))

    def _households(
        self, i: int, year: int, groups: list[tuple[Group, list[Household]]], rows: list[tuple]
    ) -> list[tuple[Group, _Tally]]:
        """Adds to `rows` the year's result of each household of the groups active in the year,
        in HOUSEHOLD_COLUMNS (updated_at is set on insert); gives each such group with its
        tally of "3 không" households and cultural families."""
        rng = self.rng
        first, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        join, gain = _chances(i)
        tallies = []
        for group, households in groups:
            if not active_between(group, first, end):
                continue
            tally = _Tally()
            offset = self.spread[group.pk]
            for household in households:
                if household.joined_on and household.joined_on > end:
                    continue
                if household.left_on and household.left_on < first:
                    continue
                before = self.last.get(household.pk)
                if before is None:
                    three_no = rng.random() < _clamp(THREE_NO[i] + offset)
                    odds = CULTURAL_FAMILIES[i] / THREE_NO[i] + offset
                    cultural = three_no and rng.random() < _clamp(odds)
                else:
                    was_three_no = all(before[:3])
                    three_no = rng.random() < (KEEP_THREE_NO if was_three_no else join)
                    keep = KEEP_CULTURAL if before[3] else gain
                    cultural = three_no and rng.random() < keep
                if three_no:
                    flags = (True, True, True)
                elif before is not None and not all(before[:3]):
                    flags = before[:3]  # The same failings as last year.
                else:
                    flags = rng.choices(*zip(*FAILINGS, strict=True))[0]
                result = (*flags, cultural)
                self.last[household.pk] = result
                rows.append(
                    (None, None, None, None, year, None, None, household.pk, group.pk, *result)
                )
                tally.add(three_no, cultural)
            tallies.append((group, tally))
        return tallies

    def _rate(self, tallies, level: str, first_share: float, second_share: float) -> list:
        """(unit, first title, second title) for each unit: the units whose share of children
        with the title, plus a draw, is among the best `share` of them get it."""
        spread = RANK_SPREAD[level]
        firsts, seconds = [], []
        for _, tally in tallies:
            first, second = tally.shares()
            firsts.append(first + self.rng.gauss(0, spread))
            seconds.append(second + self.rng.gauss(0, spread))
        best_first = _best(firsts, first_share)
        best_second = _best(seconds, second_share)
        return [(unit, i in best_first, i in best_second) for i, (unit, _) in enumerate(tallies)]

    def _cultural_communes(
        self, i: int, communes: list[Commune], rated_hamlets: list, before: set[int]
    ) -> set[int]:
        """Last year's cultural-standard communes, and the best of the others up to this
        year's number."""
        wanted = round(CULTURAL_COMMUNES[i] * len(communes) / DISTRICT_COMMUNES)
        tallies = {commune.pk: _Tally() for commune in communes}
        for hamlet, _, cultural in rated_hamlets:
            tallies[hamlet.commune_id].add(cultural, False)
        scores = {
            pk: tally.shares()[0] + self.rng.gauss(0, RANK_SPREAD["commune"])
            for pk, tally in tallies.items()
        }
        others = sorted((pk for pk in scores if pk not in before), key=lambda pk: -scores[pk])
        return before | set(others[: max(0, wanted - len(before))])


def _household_assessments(rows: list[tuple]) -> list[HouseholdAssessment]:
    columns = tuple(field.attname for field in HouseholdAssessment._meta.concrete_fields)
    if columns == HOUSEHOLD_COLUMNS:
        return [HouseholdAssessment(*row) for row in rows]
    # The model has changed: slower, by name.
    return [HouseholdAssessment(**dict(zip(HOUSEHOLD_COLUMNS, row, strict=True))) for row in rows]


def _chances(i: int) -> tuple[float, float]:
    """In year `i` after the first: the chance that a household not "3 không" last year is so
    this year, and that a "3 không" household that was not a cultural family becomes one,
    so that the shares move from last year's to this year's."""
    if i == 0:
        return 0.0, 0.0
    three_no, was_three_no = THREE_NO[i], THREE_NO[i - 1]
    cultural, was_cultural = CULTURAL_FAMILIES[i], CULTURAL_FAMILIES[i - 1]
    join = (three_no - was_three_no * KEEP_THREE_NO) / (1 - was_three_no)
    stayed = was_cultural * KEEP_THREE_NO
    gain = (cultural - stayed * KEEP_CULTURAL) / (three_no - stayed)
    return join, gain


def _best(scores: list[float], share: float) -> set[int]:
    """The indexes of the best `share` of `scores`."""
    ranked = sorted(range(len(scores)), key=lambda i: -scores[i])
    return set(ranked[: round(share * len(scores))])


def _clamp(chance: float) -> float:
    return min(max(chance, 0.5), 0.995)
