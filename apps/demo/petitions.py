"""Three years of citizen petitions for the demo district, each with the story of its events.

Drawn from the builder's random generator after the meetings, month by month over
the same months: most petitions are raised at a meeting, the others directly to
the group. Each goes to a level (some after being moved up from the level below),
is often taken in hand, and is closed, resolved or answered, mostly by its due
date. The recent ones are still open, and a few older ones were left open past
their due date, so that the district has overdue petitions. Everything happens
before today, so that no event is in the future whatever the hour.

Every hamlet and commune official finds petitions waiting at their level, as a real
queue always holds some: where the months drawn left too few open, recent ones raised
directly to that level are added. Each event is signed by the demo account that handles
the level it happened at (a move up by the level below), as the workflow allows; the
leaders of dissolved groups have no account any more, so their events have no name.
"""

import datetime
import random
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.utils import timezone

from apps.demo import texts
from apps.demo.meetings import RecentMonthsBuilder, active_between
from apps.hierarchy.models import Group
from apps.hierarchy.placements import place_as_now
from apps.meetings.models import Meeting
from apps.petitions.models import LEVELS, Petition, PetitionEvent
from apps.petitions.rules import DEFAULT_DAYS
from apps.petitions.workflow import OPEN

# Each month draws how many petitions an active group raises in it: about 1,200 a year in a
# district of 1,800 groups.
PER_GROUP = (0.050, 0.061)
DIRECT_SHARE = 0.15
CATEGORY_WEIGHTS = {
    "security": 24,
    "infrastructure": 22,
    "land": 15,
    "welfare": 13,
    "livelihood": 12,
    "education": 9,
    "other": 5,
}
# The level handling a petition now.
LEVEL_WEIGHTS = {"group": 45, "hamlet": 30, "commune": 20, "district": 5}
# Of the petitions above the group level, the share that came from the level below; of those
# at the commune or the district, the share that came up two levels.
MOVED_UP_SHARE = 0.30
MOVED_TWICE_SHARE = 0.15
# Closed after the due date, and by how many days.
LATE_SHARE = 0.15
LATE_DAYS = (1, 45)
# Chance that a petition was left open, by how many years before today's month it was raised
# (0: the last twelve months).
LEFT_OPEN = (0.03, 0.015, 0.01)
ANSWERED_SHARE = 0.40
TAKEN_SHARE = 0.75
# An open petition younger than this many days is taken in hand less often.
FRESH_DAYS = 3
FRESH_TAKEN_SHARE = 0.30
NAMED_SHARE = 0.30
# The open petitions each hamlet and each commune official has at least, at their level,
# raised within the last WAITING_DAYS days (before the hamlet's 15 days run out).
WAITING = {"hamlet": 1, "commune": 2}
WAITING_DAYS = 12
# The local hour of each event on its day, so that the events of a day keep their order.
HOURS = {"raised": 8, "moved_up": 9, "taken": 14, "resolved": 16, "answered": 16}


@dataclass(frozen=True)
class PetitionCounts:
    petitions: int
    events: int


class PetitionBuilder(RecentMonthsBuilder):
    def __init__(self, *, rng: random.Random, today: datetime.date, batch: int) -> None:
        super().__init__(rng=rng, today=today, batch=batch)
        self.last = today - datetime.timedelta(days=1)
        self.zone = timezone.get_default_timezone()

    def build(
        self,
        *,
        groups: list[Group],
        meetings: list[Meeting],
        citizens: dict[int, list[str]],
        handlers: dict[tuple[str, int], int],
    ) -> PetitionCounts:
        """Petitions for `groups`, raised at `meetings` or directly; `citizens` are the names
        of each group's adults, by group id, for the petitions that give one; `handlers` the
        account that handles each unit's petitions, by (level, unit id)."""
        by_pk = {group.pk: group for group in groups}
        held: dict[datetime.date, list[Meeting]] = defaultdict(list)
        for meeting in meetings:
            if meeting.held_on <= self.last:
                held[meeting.month].append(meeting)
        petitions: list[Petition] = []
        stories: list[list[PetitionEvent]] = []
        for index, month in enumerate(self.months):
            first, last = month.first_day, min(month.last_day, self.last)
            if first > last:
                continue
            windows = _windows(groups, first, last)
            rate = self.rng.uniform(*PER_GROUP)
            if last < month.last_day:
                # Part of the month is still ahead.
                rate *= last.day / month.last_day.day
            count = round(rate * len(windows))
            years_ago = (len(self.months) - 1 - index) // 12
            month_meetings = held[month.first_day]
            for _ in range(count):
                if month_meetings and self.rng.random() >= DIRECT_SHARE:
                    meeting = self.rng.choice(month_meetings)
                    group, raised_on = by_pk[meeting.group_id], meeting.held_on
                else:
                    meeting = None
                    group, start, end = self.rng.choice(windows)
                    raised_on = self._day_between(start, end)
                petition, story = self._petition(
                    group, meeting, raised_on, years_ago, citizens.get(group.pk, [])
                )
                petitions.append(petition)
                stories.append(story)
        for petition, story in self._waiting(groups, petitions, citizens):
            petitions.append(petition)
            stories.append(story)
        for petition, story in zip(petitions, stories, strict=True):
            _sign(petition, story, by_pk[petition.group_id], handlers)
        place_as_now(petitions)  # the demo's structure is reorganised only after its past
        Petition.objects.bulk_create(petitions, batch_size=self.batch)
        events = []
        for petition, story in zip(petitions, stories, strict=True):
            for event in story:
                event.petition = petition
                events.append(event)
        PetitionEvent.objects.bulk_create(events, batch_size=self.batch)
        return PetitionCounts(len(petitions), len(events))

    def _petition(
        self,
        group: Group,
        meeting: Meeting | None,
        raised_on: datetime.date,
        years_ago: int,
        citizens: list[str],
    ) -> tuple[Petition, list[PetitionEvent]]:
        rng = self.rng
        category = rng.choices(*zip(*CATEGORY_WEIGHTS.items(), strict=True))[0]
        level = rng.choices(*zip(*LEVEL_WEIGHTS.items(), strict=True))[0]
        index = LEVELS.index(level)
        moves = 0
        if index > 0 and rng.random() < MOVED_UP_SHARE:
            moves = 2 if index >= 2 and rng.random() < MOVED_TWICE_SHARE else 1
        current = LEVELS[index - moves]
        # The petition's due date is its first level's; each move up gives its own.
        due_on = _due(raised_on, current)
        story = [self._event("raised", raised_on, Petition.State.RECEIVED, current, due=due_on)]
        # The day the petition reached the level handling it.
        reached = raised_on
        for move in range(moves):
            # Moved up within the time left before the first due date (the one that
            # counts), and never after the last day.
            reached = min(reached + self._days(1, max(1, (due_on - reached).days)), self.last)
            current = LEVELS[LEVELS.index(current) + 1]
            note = texts.MOVED_UP_NOTES[current]
            story.append(
                self._event(
                    "moved_up",
                    reached,
                    Petition.State.RECEIVED,
                    current,
                    note,
                    move,
                    due=_due(reached, current),
                )
            )
        content = rng.choice(texts.PETITIONS[category])
        citizen_name = rng.choice(citizens) if citizens and rng.random() < NAMED_SHARE else ""
        # A dissolved group's petitions were all settled.
        left_open = group.dissolved_on is None and rng.random() < LEFT_OPEN[years_ago]
        if rng.random() < LATE_SHARE:
            close_on = max(due_on, reached) + self._days(*LATE_DAYS)
        else:
            close_on = reached + self._days(1, max(1, (due_on - reached).days))
        state, closed_on, answer = Petition.State.RECEIVED, None, ""
        if not left_open and close_on <= self.last:
            if rng.random() < TAKEN_SHARE:
                taken_on = self._day_between(reached, close_on)
                story.append(self._taken(taken_on, level))
            closed_on = close_on
            if rng.random() < ANSWERED_SHARE:
                action, state = PetitionEvent.Action.ANSWERED, Petition.State.ANSWERED
                answer = note = rng.choice(texts.ANSWERS[category])
            else:
                action, state = PetitionEvent.Action.RESOLVED, Petition.State.RESOLVED
                note = rng.choice(texts.RESOLUTIONS[category])
            story.append(self._event(action, closed_on, state, level, note))
        else:
            fresh = (self.last - reached).days < FRESH_DAYS
            if rng.random() < (FRESH_TAKEN_SHARE if fresh else TAKEN_SHARE):
                story.append(self._taken(self._day_between(reached, self.last), level))
                state = Petition.State.IN_PROGRESS
        petition = Petition(
            group_id=group.pk,
            meeting_id=meeting.pk if meeting else None,
            raised_on=raised_on,
            content=content,
            category=category,
            citizen_name=citizen_name,
            level=level,
            due_on=due_on,
            state=state,
            closed_on=closed_on,
            answer=answer,
            recorded_on=raised_on,
        )
        return petition, story

    def _waiting(
        self, groups: list[Group], drawn: list[Petition], citizens: dict[int, list[str]]
    ) -> list[tuple[Petition, list[PetitionEvent]]]:
        """Recent open petitions for each hamlet and commune left with fewer than WAITING."""
        first = self.last - datetime.timedelta(days=WAITING_DAYS)
        recent = defaultdict(list)
        for window in _windows(groups, first, self.last):
            hamlet = window[0].hamlet
            recent[("hamlet", hamlet.pk)].append(window)
            recent[("commune", hamlet.commune_id)].append(window)
        by_pk = {group.pk: group for group in groups}
        waiting = Counter(
            (p.level, _units(by_pk[p.group_id])[p.level]) for p in drawn if p.state in OPEN
        )
        added = []
        for (level, unit), windows in recent.items():
            for _ in range(WAITING.get(level, 0) - waiting[(level, unit)]):
                group, start, end = self.rng.choice(windows)
                added.append(self._waiting_one(group, level, start, end, citizens))
        return added

    def _waiting_one(
        self,
        group: Group,
        level: str,
        start: datetime.date,
        end: datetime.date,
        citizens: dict[int, list[str]],
    ) -> tuple[Petition, list[PetitionEvent]]:
        rng = self.rng
        category = rng.choices(*zip(*CATEGORY_WEIGHTS.items(), strict=True))[0]
        raised_on = self._day_between(start, end)
        due_on = _due(raised_on, level)
        story = [self._event("raised", raised_on, Petition.State.RECEIVED, level, due=due_on)]
        state = Petition.State.RECEIVED
        if rng.random() < TAKEN_SHARE:
            story.append(self._taken(self._day_between(raised_on, self.last), level))
            state = Petition.State.IN_PROGRESS
        names = citizens.get(group.pk, [])
        petition = Petition(
            group_id=group.pk,
            raised_on=raised_on,
            content=rng.choice(texts.PETITIONS[category]),
            category=category,
            citizen_name=rng.choice(names) if names and rng.random() < NAMED_SHARE else "",
            level=level,
            due_on=due_on,
            state=state,
            recorded_on=raised_on,
        )
        return petition, story

    def _taken(self, day: datetime.date, level: str) -> PetitionEvent:
        note = self.rng.choice(texts.TAKEN_NOTES[level])
        return self._event("taken", day, Petition.State.IN_PROGRESS, level, note)

    def _event(
        self,
        action: str,
        day: datetime.date,
        state: str,
        level: str,
        note: str = "",
        later: int = 0,
        *,
        due: datetime.date | None = None,
    ) -> PetitionEvent:
        """The event at its action's hour of `day`, `later` hours on (a second move up),
        recorded as it happened; `due`: the due date it gave the level handling it."""
        at = datetime.datetime.combine(day, datetime.time(HOURS[action] + later), self.zone)
        return PetitionEvent(
            action=action, state=state, level=level, note=note, on=day, due_on=due, at=at
        )

    def _days(self, low: int, high: int) -> datetime.timedelta:
        return datetime.timedelta(days=self.rng.randint(low, high))

    def _day_between(self, first: datetime.date, last: datetime.date) -> datetime.date:
        return first + datetime.timedelta(days=self.rng.randint(0, (last - first).days))


def _due(day: datetime.date, level: str) -> datetime.date:
    """The due date of a petition reaching `level` on `day` (the demo keeps the defaults)."""
    return day + datetime.timedelta(days=DEFAULT_DAYS[level])


def _units(group: Group) -> dict[str, int]:
    """The id of `group`'s unit at each level."""
    commune = group.hamlet.commune
    return {
        "group": group.pk,
        "hamlet": group.hamlet_id,
        "commune": commune.pk,
        "district": commune.district_id,
    }


def _sign(
    petition: Petition,
    story: list[PetitionEvent],
    group: Group,
    handlers: dict[tuple[str, int], int],
) -> None:
    """Each event by the account handling the level it happened at; a move up, by the
    level below. The petition was recorded by whoever raised it."""
    units = _units(group)
    before = None
    for event in story:
        acting = before if event.action == PetitionEvent.Action.MOVED_UP else event.level
        event.by_id = handlers.get((acting, units[acting]))
        before = event.level
    petition.created_by_id = story[0].by_id


def _windows(
    groups: list[Group], first: datetime.date, last: datetime.date
) -> list[tuple[Group, datetime.date, datetime.date]]:
    """Each group active between `first` and `last`, with its first and last active day there."""
    windows = []
    for group in groups:
        if active_between(group, first, last):
            start = max(first, group.activated_on)
            end = min(last, group.dissolved_on or last)
            windows.append((group, start, end))
    return windows
