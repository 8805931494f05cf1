"""Three years of monthly meetings, commune programmes and outreach sessions for the demo district.

Drawn from the builder's random generator after everything else it draws, in a
fixed order (meetings month by month, then programmes, then outreach sessions),
and written with bulk inserts: the same seed and day give the same records.
"""

import datetime
import random
from collections import defaultdict
from dataclasses import dataclass

from apps.core.dated import alive_between, alive_on
from apps.core.periods import Month
from apps.demo import texts
from apps.hierarchy.models import Commune, District, Group, Hamlet
from apps.hierarchy.placements import place_as_now
from apps.meetings.models import THEME_FIELDS, Meeting, MonthlyProgramme, OutreachSession
from apps.people.models import PartyOversight

MONTHS = 36
# Each past month draws the share of active groups that meet; exactly that share of them do.
PARTICIPATION = (0.86, 0.94)
# The least share of a group's households represented at a meeting, in percent.
REPRESENTED_PERCENT = 60
EXTRA_ATTENDEES = 10
# Chance that a meeting covers each theme; national defence rises year by year (see _theme_odds).
THEME_ODDS = {
    "theme_safety": 0.95,
    "theme_culture": 0.80,
    "theme_study": 0.70,
    "theme_farmers": 0.60,
}
DEFENCE_ODDS = (0.20, 0.40, 0.60)
OVERSEER_ATTENDS = 0.80
DECISION_SHARE = 0.55
RECORD_DELAY_DAYS = 10
LATE_SHARE = 0.07
LATE_DELAY_DAYS = (1, 25)
PROGRAMME_SHARE = 0.90
PROGRAMME_THEMES = (2, 4)
# Outreach sessions per unit and month: counts to choose from, with weights.
DISTRICT_SESSIONS = ((0, 1, 2), (1, 3, 1))
COMMUNE_SESSIONS = ((1, 2, 3), (1, 2, 1))
HAMLET_SESSION_SHARE = 1 / 3
ATTENDEES = {"district": (120, 250), "commune": (60, 200), "hamlet": (30, 120)}


@dataclass(frozen=True)
class ActivityCounts:
    meetings: int
    programmes: int
    outreach_sessions: int


@dataclass(frozen=True)
class GroupInfo:
    """What the meetings need to know of a group, from the builder's memory."""

    group: Group
    households: int


class RecentMonthsBuilder:
    """What the builders of a district's recent months share: the seeded random source,
    today, the batch size of their inserts, and the MONTHS months up to today's."""

    def __init__(self, *, rng: random.Random, today: datetime.date, batch: int) -> None:
        self.rng = rng
        self.today = today
        self.batch = batch
        self.months = last_months(today)


class ActivityBuilder(RecentMonthsBuilder):
    def __init__(self, *, rng: random.Random, today: datetime.date, batch: int) -> None:
        super().__init__(rng=rng, today=today, batch=batch)
        self.current = Month.of(today)
        # The meetings written, with their ids: petitions are raised at them (apps.demo.petitions).
        self.meetings: list[Meeting] = []

    def build(
        self,
        *,
        district: District,
        communes: list[Commune],
        hamlets: list[Hamlet],
        groups: list[GroupInfo],
        oversights: list[PartyOversight],
    ) -> ActivityCounts:
        meetings = self._meetings(groups, oversights)
        programmes = self._programmes(communes)
        sessions = self._outreach(district, communes, hamlets)
        place_as_now(meetings)  # the demo's structure is reorganised only after its past
        self.meetings = Meeting.objects.bulk_create(meetings, batch_size=self.batch)
        MonthlyProgramme.objects.bulk_create(programmes, batch_size=self.batch)
        OutreachSession.objects.bulk_create(sessions, batch_size=self.batch)
        return ActivityCounts(len(meetings), len(programmes), len(sessions))

    # Meetings

    def _meetings(self, groups: list[GroupInfo], oversights: list[PartyOversight]) -> list[Meeting]:
        overseen: dict[int, list[tuple[datetime.date, datetime.date | None]]] = defaultdict(list)
        for oversight in oversights:
            overseen[oversight.group_id].append((oversight.started_on, oversight.ended_on))
        meetings = []
        for index, month in enumerate(self.months):
            rate = self.rng.uniform(*PARTICIPATION)
            month_first, month_last = month.first_day, month.last_day
            last = month_last
            if month == self.current:
                # Part of the month is still ahead: fewer groups have met so far.
                rate *= self.today.day / month_last.day
                last = self.today
            # Each active group with its days to meet on: from activation to dissolution or today.
            windows = []
            for info in groups:
                group = info.group
                if not active_between(group, month_first, month_last) or not info.households:
                    continue
                first = max(month_first, group.activated_on)
                end = min(last, group.dissolved_on or last)
                if first <= end:
                    windows.append((info, first, end))
            meeting_groups = self.rng.sample(range(len(windows)), k=round(rate * len(windows)))
            for i in sorted(meeting_groups):
                info, first, end = windows[i]
                meetings.append(self._meeting(info, month, index, first, end, overseen))
        return meetings

    def _meeting(
        self,
        info: GroupInfo,
        month: Month,
        index: int,
        first: datetime.date,
        end: datetime.date,
        overseen: dict[int, list[tuple[datetime.date, datetime.date | None]]],
    ) -> Meeting:
        rng, group, total = self.rng, info.group, info.households
        held_on = self._day_between(first, end)
        represented = rng.randint(max(1, -(-total * REPRESENTED_PERCENT // 100)), total)
        attendees = represented + rng.randint(0, EXTRA_ATTENDEES)
        themes = {name: rng.random() < odds for name, odds in self._theme_odds(index).items()}
        if not any(themes.values()):
            themes[rng.choice(THEME_FIELDS)] = True
        overseer_attended = any(
            alive_on(start, stop, held_on) for start, stop in overseen.get(group.pk, ())
        )
        overseer_attended = overseer_attended and rng.random() < OVERSEER_ATTENDS
        sentences = [
            f"Tổ sinh hoạt định kỳ tháng {month.label}: {represented}/{total} hộ dự họp, "
            f"{attendees} người tham dự."
        ]
        sentences += [rng.choice(texts.MINUTES[name]) for name in THEME_FIELDS if themes[name]]
        decisions = rng.choice(texts.DECISIONS) if rng.random() < DECISION_SHARE else ""
        return Meeting(
            group_id=group.pk,
            month=month.first_day,
            held_on=held_on,
            attendees=attendees,
            households_represented=represented,
            households_total=total,
            overseer_attended=overseer_attended,
            minutes="\n".join(sentences),
            decisions=decisions,
            recorded_on=self._recorded_on(held_on, month),
            recorded_by_id=None,
            updated_by_id=None,
            version=1,
            **themes,
        )

    def _theme_odds(self, index: int) -> dict[str, float]:
        """The chance of each theme in the `index`-th month: defence education grows each year."""
        defence = DEFENCE_ODDS[min(index * len(DEFENCE_ODDS) // MONTHS, len(DEFENCE_ODDS) - 1)]
        return {**THEME_ODDS, "theme_defence": defence}

    def _recorded_on(self, held_on: datetime.date, month: Month) -> datetime.date:
        """Usually within days of the meeting and by the due day; some after it; never later
        than today."""
        due = month.due_on
        if self.rng.random() < LATE_SHARE and due < self.today:
            day = due + datetime.timedelta(days=self.rng.randint(*LATE_DELAY_DAYS))
        else:
            delay = min(RECORD_DELAY_DAYS, (due - held_on).days)
            day = held_on + datetime.timedelta(days=self.rng.randint(0, delay))
        return min(day, self.today)

    # Programmes

    def _programmes(self, communes: list[Commune]) -> list[MonthlyProgramme]:
        programmes = []
        for month in self.months:
            for commune in communes:
                if self.rng.random() >= PROGRAMME_SHARE:
                    continue
                chosen = set(self.rng.sample(THEME_FIELDS, k=self.rng.randint(*PROGRAMME_THEMES)))
                points = [
                    self.rng.choice(texts.TALKING_POINTS[name])
                    for name in THEME_FIELDS
                    if name in chosen
                ]
                programmes.append(
                    MonthlyProgramme(
                        commune=commune,
                        month=month.first_day,
                        talking_points="\n".join(f"- {point}" for point in points),
                        published_by=None,
                        **{name: name in chosen for name in THEME_FIELDS},
                    )
                )
        return programmes

    # Outreach sessions

    def _outreach(
        self, district: District, communes: list[Commune], hamlets: list[Hamlet]
    ) -> list[OutreachSession]:
        sessions = []
        for month in self.months:
            units: list[tuple[District | Commune | Hamlet, str, int]] = [
                (district, "district", self.rng.choices(*DISTRICT_SESSIONS)[0])
            ]
            units += [
                (commune, "commune", self.rng.choices(*COMMUNE_SESSIONS)[0]) for commune in communes
            ]
            units += [
                (hamlet, "hamlet", int(self.rng.random() < HAMLET_SESSION_SHARE))
                for hamlet in hamlets
            ]
            for unit, level, count in units:
                for _ in range(count):
                    session = self._session(unit, level, month)
                    if session.held_on <= self.today:
                        sessions.append(session)
        return sessions

    def _session(
        self, unit: District | Commune | Hamlet, level: str, month: Month
    ) -> OutreachSession:
        held_on = self._day_between(month.first_day, month.last_day)
        themes = [
            theme for theme, since in texts.OUTREACH_THEMES if since is None or since <= held_on
        ]
        session = OutreachSession(
            held_on=held_on,
            theme=self.rng.choice(themes),
            attendees=self.rng.randint(*ATTENDEES[level]),
            notes=self.rng.choice(texts.OUTREACH_NOTES[level]),
            recorded_by_id=None,
        )
        session.set_unit(unit)
        return session

    def _day_between(self, first: datetime.date, last: datetime.date) -> datetime.date:
        return first + datetime.timedelta(days=self.rng.randint(0, (last - first).days))


def last_months(today: datetime.date) -> list[Month]:
    """The MONTHS months up to and including today's, oldest first."""
    months = [Month.of(today)]
    while len(months) < MONTHS:
        months.append(months[-1].previous())
    return months[::-1]


def active_between(group: Group, first: datetime.date, last: datetime.date) -> bool:
    """As Group.objects.active_between(first, last), in memory."""
    return alive_between(group.activated_on, group.dissolved_on, first, last)
