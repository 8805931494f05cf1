"""What the rebuilt district holds, year by year, and what its dashboards must show.

Each record's place follows from its position (group index, household index, month), so
the expected figures follow from the shape alone: `expected()` is the answer key of
tests/scenarios/test_rebuild_three_years.py and of bench/rebuild.py.
"""

import datetime
from dataclasses import dataclass

YEARS = (2023, 2024, 2025)
FORM_MONTHS_2024 = (1, 2, 3)


@dataclass(frozen=True)
class Shape:
    """How big the rebuilt district is; every count below is the same in each unit."""

    communes: int = 2
    hamlets: int = 1
    groups: int = 2
    households: int = 3
    people: int = 2  # per household: the head and the others

    @property
    def groups_per_commune(self) -> int:
        return self.hamlets * self.groups

    @property
    def households_per_commune(self) -> int:
        return self.groups_per_commune * self.households


# What each year holds, by position, so the expected figures follow from the shape.
def meets_in_2023(group_index: int, month: int) -> bool:
    """Every group met every month of 2023, except the first group of each hamlet in June."""
    return not (group_index == 0 and month == 6)


def assessed(year: int, household_index: int) -> tuple[bool, bool]:
    """("3 không", cultural family) of a household in a year, by its place in its group."""
    three_no = household_index % 3 != 2 if year == 2023 else household_index % 4 != 3
    # A cultural family must be "3 không" (the sheet refuses it otherwise).
    return three_no, three_no and household_index % 2 == (0 if year == 2023 else 1)


def outreach_of(year: int) -> list[tuple[datetime.date, int]]:
    """Each commune's outreach sessions of the year: (day, people attending)."""
    if year == 2023:
        return [(datetime.date(2023, 4, 12), 60), (datetime.date(2023, 9, 5), 45)]
    return [
        (datetime.date(2024, 2, 20), 80),
        (datetime.date(2024, 6, 1), 30),
        (datetime.date(2024, 11, 15), 25),
    ]


@dataclass(frozen=True)
class PetitionStory:
    raised_on: datetime.date
    taken_on: datetime.date | None
    closed_on: datetime.date | None
    outcome: str = "resolved"


# Each commune's petitions raised at commune level, with their real days.
COMMUNE_PETITIONS = [
    PetitionStory(datetime.date(2023, 3, 2), datetime.date(2023, 3, 6), datetime.date(2023, 3, 20)),
    PetitionStory(datetime.date(2023, 5, 8), None, datetime.date(2023, 6, 1), "answered"),
    PetitionStory(
        datetime.date(2023, 11, 20), datetime.date(2023, 12, 1), datetime.date(2024, 1, 9)
    ),
    PetitionStory(datetime.date(2024, 4, 3), datetime.date(2024, 4, 4), datetime.date(2024, 4, 18)),
    PetitionStory(datetime.date(2024, 10, 7), datetime.date(2024, 10, 9), None),
]
# The group leader's own petition, at group level.
GROUP_PETITION = PetitionStory(
    datetime.date(2024, 7, 14), None, datetime.date(2024, 7, 21), "resolved"
)


def expected(shape: Shape, year: int, *, commune_index: int | None = None) -> dict[str, object]:
    """What a year's dashboard must show: of the whole district, or of one commune.

    Shares are (numerator, denominator); the meetings are the year's twelve months summed,
    as the range dashboard reads them. Everything was entered late: nothing is on time.
    """
    communes = range(shape.communes) if commune_index is None else [commune_index]
    groups = len(communes) * shape.groups_per_commune
    figures: dict[str, object] = {
        "formed": (groups, groups),
        "leaders": groups,
        "deputies": groups if shape.households > 1 else 0,
        "party_leading": (len(communes) * shape.hamlets * len(range(0, shape.groups, 2)), groups),
    }
    if year == 2025:  # the roster's groups go on; nothing else was entered
        return figures | {
            "meetings": (0, groups * 12),
            "outreach": 0,
            "outreach_people": 0,
            "petitions": 0,
        }
    held = _meetings_held(shape, year) * len(communes)
    sessions = outreach_of(year)
    stories = COMMUNE_PETITIONS * len(communes)
    if 0 in communes:
        stories = [*stories, GROUP_PETITION]
    raised = [s for s in stories if s.raised_on.year == year]
    closed = [s for s in raised if s.closed_on and s.closed_on.year == year]
    assessments = [assessed(year, h) for h in range(shape.households)]
    households = len(communes) * shape.households_per_commune
    return figures | {
        "meetings": (held, groups * 12),
        "meetings_on_time": (0, held),
        "outreach": len(communes) * len(sessions),
        "outreach_people": len(communes) * sum(people for _, people in sessions),
        "petitions": len(raised),
        "petitions_closed": (len(closed), len(raised)),
        # Those still open at the year's end are all past their due day.
        "petitions_open": len(raised) - len(closed),
        "petitions_overdue": len(raised) - len(closed),
        "petitions_on_time": (0, len(raised)),
        "three_no": (
            sum(t for t, _ in assessments) * households // shape.households,
            households,
        ),
        "cultural_families": (
            sum(c for _, c in assessments) * households // shape.households,
            households,
        ),
        "safe_groups": (len(range(0, shape.groups_per_commune, 2)) * len(communes), groups),
        "cultural_groups": (len(communes), groups),
        "safe_hamlets": (len(communes), len(communes) * shape.hamlets),
        "cultural_hamlets": (len(communes), len(communes) * shape.hamlets),
    }


def _meetings_held(shape: Shape, year: int) -> int:
    """One commune's meetings of the year."""
    if year == 2024:
        return shape.groups_per_commune * len(FORM_MONTHS_2024)
    per_hamlet = sum(meets_in_2023(g, m) for g in range(shape.groups) for m in range(1, 13))
    return shape.hamlets * per_hamlet


def district_cultural_communes(year: int) -> int | None:
    """The district rated its first commune a cultural-standard one in 2024 only; 2025 was
    not rated (no figure, not 0)."""
    return {2023: 0, 2024: 1}.get(year)
