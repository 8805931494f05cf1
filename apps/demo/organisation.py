"""Steering committees, mobilisation boards, supervision visits, commendations and documents
for the demo district.

Drawn from the builder's random generator after everything else it draws, in a fixed
order (committees and their members, assignments, boards, visits month by month with
their follow-ups, commendations year by year, documents), and written with bulk
inserts: the same seed and day give the same records.

The district has a committee, and so do most communes; most hamlets have a board.
Members oversee units (communes for the district's, hamlets for a commune's) and visit
them through the last 36 months; most follow-up actions are done, mostly by their due
date, and a few are left overdue. Commendations are decided early in the year after the
one they reward. The documents have no file.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from apps.demo import names
from apps.demo.meetings import RecentMonthsBuilder
from apps.hierarchy.models import Commune, District, Group, Hamlet
from apps.organisation.models import (
    BoardMember,
    Commendation,
    CommitteeAssignment,
    CommitteeMember,
    Document,
    FollowUp,
    MobilisationBoard,
    SteeringCommittee,
    SupervisionVisit,
)

Org = CommitteeMember.Organisation

COMMITTEE_SHARE = 0.9
BOARD_SHARE = 0.92
# A committee's core: (position, organisation), then extra members from any organisation.
CORE = [
    ("Trưởng ban", Org.PARTY_COMMITTEE),
    ("Phó Trưởng ban thường trực", Org.FATHERLAND_FRONT),
    ("Phó Trưởng ban", Org.PEOPLES_COMMITTEE),
    ("Phó Trưởng ban", Org.POLICE),
    ("Thành viên", Org.STUDY_PROMOTION),
    ("Thành viên", Org.FARMERS),
]
EXTRA_MEMBERS = {"district": (3, 6), "commune": (1, 3)}
# Chance that a member was replaced once, the former one having left before the visits.
REPLACED_SHARE = 0.15
BOARD_POSITIONS = ["Trưởng ban", "Phó Trưởng ban", "Thành viên", "Thành viên", "Thành viên"]
BOARD_SIZE = (3, 5)
MALE_SHARE = 0.6
# Chance in a month that the district visits a commune, and that a commune visits a hamlet.
DISTRICT_VISIT_ODDS = 0.15
COMMUNE_VISIT_ODDS = 0.2
GROUP_VISIT_SHARE = 0.3
FOLLOW_UPS = ((0, 1, 2, 3), (3, 4, 2, 1))
DUE_DAYS = (14, 60)
DONE_SHARE = 0.93
LATE_DONE_SHARE = 0.2
RECENT_DONE_SHARE = 0.3

FINDINGS = [
    "Các tổ sinh hoạt đều đặn hằng tháng, biên bản ghi đầy đủ, đúng mẫu.",
    "Tổ trưởng nắm chắc số hộ, số nhân khẩu; sổ theo dõi cập nhật kịp thời.",
    "Nội dung sinh hoạt bám sát chương trình tháng của xã; có lồng ghép giáo dục quốc phòng.",
    "Kiến nghị của người dân được ghi nhận và chuyển đúng cấp giải quyết.",
    "Đảng viên phụ trách tổ tham dự đầy đủ các buổi sinh hoạt.",
    "Phong trào tổ an toàn, tổ văn hóa được duy trì; không phát sinh điểm nóng về an ninh trật tự.",
    "Ban vận động ấp phối hợp tốt với các tổ trong vận động hộ tham gia sinh hoạt.",
]
SHORTCOMINGS = [
    "",
    "Một số tổ ghi biên bản còn sơ sài, chưa ghi rõ ý kiến của hộ.",
    "Tỷ lệ hộ dự họp ở vài tổ còn dưới 70%.",
    "Một số kiến nghị chưa được trả lời đúng hạn.",
    "Sổ theo dõi hộ chưa cập nhật các hộ mới chuyển đến.",
    "Chưa lồng ghép nội dung phòng chống lừa đảo qua mạng.",
]
ACTIONS = [
    "Hướng dẫn các tổ trưởng ghi biên bản theo mẫu thống nhất.",
    "Vận động các hộ vắng họp tham gia sinh hoạt tháng tới.",
    "Rà soát, trả lời dứt điểm các kiến nghị quá hạn.",
    "Cập nhật sổ theo dõi hộ, nhân khẩu trước ngày 30.",
    "Báo cáo kết quả khắc phục về Ban Chỉ đạo xã.",
    "Tổ chức tuyên truyền phòng chống lừa đảo qua mạng tại các tổ.",
    "Kiện toàn chức danh tổ phó ở các tổ còn thiếu.",
]
TITLES = {
    "district": "Giấy khen của Chủ tịch UBND huyện",
    "commune": "Giấy khen của Chủ tịch UBND xã",
}
ACHIEVEMENTS = [
    "Có thành tích xuất sắc trong xây dựng mô hình tổ dân phòng liên kết.",
    "Dẫn đầu phong trào tổ an toàn về an ninh trật tự.",
    "Hoàn thành xuất sắc nhiệm vụ vận động hộ tham gia sinh hoạt tổ.",
    "Có nhiều đóng góp trong phong trào khuyến học, khuyến tài.",
    "Tích cực vận động xây dựng gia đình văn hóa, hộ 3 không.",
]
DOCUMENTS = [
    ("Quy chế hoạt động của tổ dân phòng liên kết", 20),
    ("Hướng dẫn bình xét hộ “3 không”, gia đình văn hóa hằng năm", 120),
]


@dataclass(frozen=True)
class OrganisationCounts:
    committees: int
    committee_members: int
    assignments: int
    boards: int
    board_members: int
    visits: int
    follow_ups: int
    commendations: int
    documents: int


class OrganisationBuilder(RecentMonthsBuilder):
    def build(
        self,
        *,
        district: District,
        communes: list[Commune],
        hamlets: list[Hamlet],
        groups: list[Group],
    ) -> OrganisationCounts:
        committees, members = self._committees(district, communes)
        SteeringCommittee.objects.bulk_create(committees, batch_size=self.batch)
        CommitteeMember.objects.bulk_create(members, batch_size=self.batch)
        current = [m for m in members if m.ended_on is None]
        assignments, overseers = self._assignments(current, communes, hamlets)
        CommitteeAssignment.objects.bulk_create(assignments, batch_size=self.batch)
        boards, board_members = self._boards(hamlets)
        MobilisationBoard.objects.bulk_create(boards, batch_size=self.batch)
        BoardMember.objects.bulk_create(board_members, batch_size=self.batch)
        visits, visitors, follow_ups = self._visits(communes, hamlets, groups, current, overseers)
        SupervisionVisit.objects.bulk_create(visits, batch_size=self.batch)
        through = SupervisionVisit.members.through
        links = [
            through(supervisionvisit_id=visit.pk, committeemember_id=member.pk)
            for visit, people in zip(visits, visitors, strict=True)
            for member in people
        ]
        through.objects.bulk_create(links, batch_size=self.batch)
        FollowUp.objects.bulk_create(follow_ups, batch_size=self.batch)
        commendations = self._commendations(district, communes, hamlets, groups, committees)
        Commendation.objects.bulk_create(commendations, batch_size=self.batch)
        documents = self._documents(district, committees[0])
        Document.objects.bulk_create(documents, batch_size=self.batch)
        return OrganisationCounts(
            len(committees),
            len(members),
            len(assignments),
            len(boards),
            len(board_members),
            len(visits),
            len(follow_ups),
            len(commendations),
            len(documents),
        )

    # Committees and their members

    def _committees(
        self, district: District, communes: list[Commune]
    ) -> tuple[list[SteeringCommittee], list[CommitteeMember]]:
        """The district's committee first, then those of most communes."""
        established = self._day_between(datetime.date(2008, 3, 1), datetime.date(2008, 9, 30))
        committees = [
            self._committee(district, None, established, "Ủy ban nhân dân huyện Cao Lãnh")
        ]
        for commune in communes:
            if self.rng.random() >= COMMITTEE_SHARE:
                continue
            day = established + datetime.timedelta(days=self.rng.randint(20, 200))
            committees.append(
                self._committee(district, commune, day, f"Ủy ban nhân dân {commune.name}")
            )
        members = []
        for committee in committees:
            level = "commune" if committee.commune else "district"
            roles = list(CORE)
            roles += [
                ("Thành viên", self.rng.choice(Org.values))
                for _ in range(self.rng.randint(*EXTRA_MEMBERS[level]))
            ]
            for position, organisation in roles:
                members.extend(self._members(committee, position, organisation))
        return committees, members

    def _committee(
        self, district: District, commune: Commune | None, day: datetime.date, issued_by: str
    ) -> SteeringCommittee:
        return SteeringCommittee(
            district=district,
            commune=commune,
            decision_number=f"{self.rng.randint(10, 350)}/QĐ-UBND",
            decision_date=day,
            issued_by=issued_by,
            established_on=day,
        )

    def _members(
        self, committee: SteeringCommittee, position: str, organisation: str
    ) -> list[CommitteeMember]:
        """The member holding the seat now, and for some seats the one before."""
        start = committee.established_on
        seat = {"committee": committee, "position": position, "organisation": organisation}
        if self.rng.random() < REPLACED_SHARE:
            handover = self._day_between(datetime.date(2020, 6, 1), datetime.date(2022, 12, 31))
            return [
                CommitteeMember(
                    **seat,
                    full_name=self._full_name(),
                    started_on=start,
                    ended_on=handover - datetime.timedelta(days=1),
                ),
                CommitteeMember(**seat, full_name=self._full_name(), started_on=handover),
            ]
        return [CommitteeMember(**seat, full_name=self._full_name(), started_on=start)]

    def _assignments(
        self, current: list[CommitteeMember], communes: list[Commune], hamlets: list[Hamlet]
    ) -> tuple[list[CommitteeAssignment], dict[tuple[str, int], list[CommitteeMember]]]:
        """Every current member but the head oversees units in turn: the district's members
        the communes, a commune's members its hamlets. Also gives the overseers of each unit."""
        by_committee: dict[int, list[CommitteeMember]] = defaultdict(list)
        for member in current:
            if member.position != "Trưởng ban":
                by_committee[member.committee_id].append(member)
        hamlets_of: dict[int, list[Hamlet]] = defaultdict(list)
        for hamlet in hamlets:
            hamlets_of[hamlet.commune_id].append(hamlet)
        assignments = []
        overseers: dict[tuple[str, int], list[CommitteeMember]] = defaultdict(list)
        for members in by_committee.values():
            committee = members[0].committee
            units = (
                list(communes) if committee.commune is None else hamlets_of[committee.commune_id]
            )
            units = self.rng.sample(units, k=len(units))
            for index, unit in enumerate(units):
                member = members[index % len(members)]
                started = member.started_on + datetime.timedelta(days=self.rng.randint(0, 60))
                assignment = CommitteeAssignment(member=member, started_on=started)
                assignment.set_unit(unit)
                assignments.append(assignment)
                overseers[(unit.level, unit.pk)].append(member)
        return assignments, overseers

    # Boards

    def _boards(self, hamlets: list[Hamlet]) -> tuple[list[MobilisationBoard], list[BoardMember]]:
        boards, members = [], []
        for hamlet in hamlets:
            if self.rng.random() >= BOARD_SHARE:
                continue
            day = self._day_between(datetime.date(2009, 6, 1), datetime.date(2010, 12, 31))
            board = MobilisationBoard(
                hamlet=hamlet,
                decision_number=f"{self.rng.randint(10, 400)}/QĐ-UBND",
                decision_date=day,
                issued_by="Ủy ban nhân dân xã",
                established_on=day,
            )
            boards.append(board)
            size = self.rng.randint(*BOARD_SIZE)
            members += [
                BoardMember(board=board, full_name=self._full_name(), position=p, started_on=day)
                for p in BOARD_POSITIONS[:size]
            ]
        return boards, members

    # Visits and their follow-ups

    def _visits(
        self,
        communes: list[Commune],
        hamlets: list[Hamlet],
        groups: list[Group],
        current: list[CommitteeMember],
        overseers: dict[tuple[str, int], list[CommitteeMember]],
    ) -> tuple[list[SupervisionVisit], list[list[CommitteeMember]], list[FollowUp]]:
        district_members = [m for m in current if m.committee.commune is None]
        commune_members: dict[int, list[CommitteeMember]] = defaultdict(list)
        for member in current:
            if member.committee.commune is not None:
                commune_members[member.committee.commune_id].append(member)
        groups_of: dict[int, list[Group]] = defaultdict(list)
        for group in groups:
            if group.status == Group.Status.ACTIVE:
                groups_of[group.hamlet_id].append(group)
        visits, visitors, follow_ups = [], [], []
        for month in self.months:
            first, last = month.first_day, min(month.last_day, self.today)
            if first > last:
                continue
            planned = []
            for commune in communes:
                if self.rng.random() < DISTRICT_VISIT_ODDS:
                    planned.append((commune, district_members))
            for hamlet in hamlets:
                team = commune_members.get(hamlet.commune_id)
                if team and self.rng.random() < COMMUNE_VISIT_ODDS:
                    unit = hamlet
                    if groups_of[hamlet.pk] and self.rng.random() < GROUP_VISIT_SHARE:
                        unit = self.rng.choice(groups_of[hamlet.pk])
                    planned.append((unit, team))
            for unit, team in planned:
                day = self._day_between(first, last)
                people = self._team(unit, [m for m in team if m.held_on(day)], overseers)
                if not people:
                    continue
                visit = SupervisionVisit(
                    visited_on=day,
                    findings=" ".join(self.rng.sample(FINDINGS, k=2)),
                    shortcomings=self.rng.choice(SHORTCOMINGS),
                    recorded_by=None,
                )
                visit.set_unit(unit)
                visits.append(visit)
                visitors.append(people)
                follow_ups += self._follow_ups(visit)
        return visits, visitors, follow_ups

    def _team(self, unit, team: list[CommitteeMember], overseers: dict) -> list[CommitteeMember]:
        """The members overseeing the unit (its hamlet for a group), and one or two others."""
        key = ("hamlet", unit.hamlet_id) if isinstance(unit, Group) else (unit.level, unit.pk)
        chosen = [m for m in overseers.get(key, []) if m in team][:1]
        others = [m for m in team if m not in chosen]
        chosen += self.rng.sample(others, k=min(len(others), self.rng.randint(1, 2)))
        return chosen

    def _follow_ups(self, visit: SupervisionVisit) -> list[FollowUp]:
        found = []
        for action in self.rng.sample(ACTIONS, k=self.rng.choices(*FOLLOW_UPS)[0]):
            due = visit.visited_on + datetime.timedelta(days=self.rng.randint(*DUE_DAYS))
            follow_up = FollowUp(visit=visit, action=action, due_on=due)
            odds = DONE_SHARE if due < self.today else RECENT_DONE_SHARE
            if self.rng.random() < odds:
                late = self.rng.random() < LATE_DONE_SHARE
                last = due + datetime.timedelta(days=30) if late else due
                done_on = self._day_between(visit.visited_on, min(last, self.today))
                follow_up.done, follow_up.done_on = True, done_on
            found.append(follow_up)
        return found

    # Commendations and documents

    def _commendations(
        self,
        district: District,
        communes: list[Commune],
        hamlets: list[Hamlet],
        groups: list[Group],
        committees: list[SteeringCommittee],
    ) -> list[Commendation]:
        """For each of the three years before this one: communes and people commended by the
        district, hamlets, groups and people by each commune with a committee."""
        with_committee = {c.commune_id for c in committees if c.commune_id}
        hamlets_of: dict[int, list[Hamlet]] = defaultdict(list)
        for hamlet in hamlets:
            hamlets_of[hamlet.commune_id].append(hamlet)
        groups_of: dict[int, list[Group]] = defaultdict(list)
        by_hamlet = {h.pk: h for h in hamlets}
        for group in groups:
            if group.status == Group.Status.ACTIVE:
                groups_of[by_hamlet[group.hamlet_id].commune_id].append(group)
        found = []
        for year in range(self.today.year - 3, self.today.year):
            decided = self._day_between(
                datetime.date(year + 1, 1, 10), datetime.date(year + 1, 3, 31)
            )
            if decided > self.today:
                continue
            number = f"{self.rng.randint(10, 300)}/QĐ-UBND"
            units = self.rng.sample(communes, k=min(len(communes), self.rng.randint(2, 4)))
            people = [
                (self.rng.choice(communes), self._full_name())
                for _ in range(self.rng.randint(3, 6))
            ]
            found += self._commended(year, "district", number, decided, units, people)
            for commune in communes:
                if commune.pk not in with_committee:
                    continue
                number = f"{self.rng.randint(10, 300)}/QĐ-UBND"
                day = decided + datetime.timedelta(days=self.rng.randint(-5, 20))
                day = min(day, self.today)
                own = hamlets_of[commune.pk]
                units = self.rng.sample(own, k=min(len(own), self.rng.randint(0, 2)))
                teams = groups_of[commune.pk]
                units += self.rng.sample(teams, k=min(len(teams), self.rng.randint(1, 3)))
                people = [
                    (self.rng.choice(own), self._full_name())
                    for _ in range(self.rng.randint(1, 3) if own else 0)
                ]
                found += self._commended(year, "commune", number, day, units, people)
        return found

    def _commended(self, year, level, number, day, units, people) -> list[Commendation]:
        found = []
        for unit, name in [(u, "") for u in units] + people:
            commendation = Commendation(
                person_name=name,
                year=year,
                title=TITLES[level],
                decision_number=number,
                decision_date=day,
                achievement=self.rng.choice(ACHIEVEMENTS),
            )
            commendation.set_unit(unit)
            found.append(commendation)
        return found

    def _documents(self, district: District, committee: SteeringCommittee) -> list[Document]:
        issued_by = committee.issued_by
        documents = [
            Document(
                district=district,
                number=committee.decision_number,
                issued_on=committee.decision_date,
                issued_by=issued_by,
                title="Quyết định thành lập Ban Chỉ đạo xây dựng mô hình tổ dân phòng liên kết",
            )
        ]
        for title, days in DOCUMENTS:
            documents.append(
                Document(
                    district=district,
                    number=f"{self.rng.randint(10, 400)}/QĐ-UBND",
                    issued_on=committee.decision_date + datetime.timedelta(days=days),
                    issued_by=issued_by,
                    title=title,
                )
            )
        for year in range(self.today.year - 2, self.today.year + 1):
            day = self._day_between(datetime.date(year, 1, 5), datetime.date(year, 1, 25))
            if day <= self.today:
                documents.append(
                    Document(
                        district=district,
                        number=f"{self.rng.randint(1, 60)}/KH-UBND",
                        issued_on=day,
                        issued_by=issued_by,
                        title=f"Kế hoạch thực hiện mô hình tổ dân phòng liên kết năm {year}",
                    )
                )
        return documents

    def committees_after_a_merger(
        self, top: District, communes: list[Commune], day: datetime.date
    ) -> None:
        """The steering committees a reorganised area sets up: its top unit's and most of
        its communes', each established within two months of `day`, with its core members."""
        committees = []
        for commune in [None, *communes]:
            if commune is not None and self.rng.random() >= COMMITTEE_SHARE:
                continue
            established = day + datetime.timedelta(days=self.rng.randint(10, 60))
            issued_by = f"Ủy ban nhân dân {(commune or top).name}"
            committees.append(self._committee(top, commune, established, issued_by))
        SteeringCommittee.objects.bulk_create(committees, batch_size=self.batch)
        members = [
            CommitteeMember(
                committee=committee,
                position=position,
                organisation=organisation,
                full_name=self._full_name(),
                started_on=committee.established_on,
            )
            for committee in committees
            for position, organisation in CORE
        ]
        CommitteeMember.objects.bulk_create(members, batch_size=self.batch)

    # Drawing

    def _full_name(self) -> str:
        family = self.rng.choices(*zip(*names.FAMILY_NAMES, strict=True))[0]
        if self.rng.random() < MALE_SHARE:
            middle, given = names.MALE_MIDDLE, names.MALE_GIVEN
        else:
            middle, given = names.FEMALE_MIDDLE, names.FEMALE_GIVEN
        return f"{family} {self.rng.choice(middle)} {self.rng.choice(given)}"

    def _day_between(self, first: datetime.date, last: datetime.date) -> datetime.date:
        return first + datetime.timedelta(days=self.rng.randint(0, (last - first).days))
