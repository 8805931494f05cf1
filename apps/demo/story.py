"""The demo's story: Cao Lãnh district from its first years to today, its structure changed
as a real district records it, through the reorganisation services (apps.hierarchy.reorganise),
by the demo's administrator.

- A few hamlets open in 2021, after the others (the builder gives them their dates).
- A commune renamed in 2020 and a hamlet split in 2022: both invented for the demo. They
  come before the demo's records (its three years of activity), which are then made in the
  structure of their day.
- The 2025 merger, as Resolution 1663/NQ-UBTVQH15 set it out: from 01/07/2025 the district's
  communes are part of nine new communes and wards of Tỉnh Đồng Tháp, and the district ends.
  It comes after the records, which the services re-key from 01/07/2025 on.

The merger is recorded as the resolution reads: on 01/07/2025 the district's communes merge
into the new communes of the province (Xã Gáo Giồng is split between Xã Phú Cường and Xã
Phong Mỹ), one reorganisation per clause, and the district, with no commune left, ends.
"""

import datetime
import random
from dataclasses import dataclass, field

from apps.accounts.models import Scope, User
from apps.assessments.models import CommuneAssessment
from apps.demo.accounts import save_accounts
from apps.demo.organisation import OrganisationBuilder
from apps.hierarchy import reorganise
from apps.hierarchy.models import AtUnit, Commune, District, Hamlet, PlacedRecord
from apps.hierarchy.placements import place_records
from apps.meetings.models import MonthlyProgramme
from apps.petitions.models import Petition, PetitionEvent

LATE_HAMLETS_BEGAN = datetime.date(2021, 1, 1)
RENAMED_ON = datetime.date(2020, 1, 1)
SPLIT_ON = datetime.date(2022, 1, 1)
MERGED_ON = datetime.date(2025, 7, 1)

# The commune renamed in the demo, with the name it had before (invented).
RENAMED = ("Xã Bình Thạnh", "Xã Bình Thạnh Trung")
# The hamlet split in the demo (invented): the commune and the hamlet's number.
SPLIT = ("Xã An Bình", 2)

PROVINCE = {
    "code": "82",
    "name": "Tỉnh Đồng Tháp",
    "province": "Tỉnh Đồng Tháp",
    "kind": District.Kind.PROVINCE,
    "started_on": MERGED_ON,
}
RESOLUTION = "Nghị quyết 1663/NQ-UBTVQH15 ngày 16/6/2025, khoản {} Điều 1"
REGROUP_BASIS = "Nghị quyết 202/2025/QH15 ngày 12/6/2025"
GAO_GIONG = "Xã Gáo Giồng"

# The new communes and wards that took in Cao Lãnh's communes: (code, name, kind, clause of
# the resolution, the demo communes merged whole). Xã Gáo Giồng is shared between Xã Phú Cường
# (clause 12) and Xã Phong Mỹ (clause 24).
NEW_COMMUNES = [
    (
        "30076",
        "Xã Mỹ Thọ",
        "commune",
        26,
        ["Thị trấn Mỹ Thọ", "Xã Mỹ Hội", "Xã Mỹ Xương", "Xã Mỹ Thọ"],
    ),
    ("30085", "Xã Ba Sao", "commune", 25, ["Xã Phương Trà", "Xã Ba Sao"]),
    ("30088", "Xã Phong Mỹ", "commune", 24, ["Xã Phong Mỹ"]),
    ("30043", "Xã Phương Thịnh", "commune", 23, ["Xã Phương Thịnh"]),
    ("30025", "Xã Phú Cường", "commune", 12, []),
    (
        "30118",
        "Xã Bình Hàng Trung",
        "commune",
        27,
        ["Xã Tân Hội Trung", "Xã Bình Hàng Tây", "Xã Bình Hàng Trung"],
    ),
    ("30112", "Xã Mỹ Hiệp", "commune", 28, ["Xã Mỹ Long", "Xã Bình Thạnh", "Xã Mỹ Hiệp"]),
    ("29884", "Phường Mỹ Ngãi", "ward", 96, ["Xã Tân Nghĩa"]),
    ("29888", "Phường Mỹ Trà", "ward", 97, ["Xã Nhị Mỹ", "Xã An Bình"]),
]
GAO_GIONG_PARTS = ("30025", "30088")  # its first hamlets go to Phú Cường, the others to Phong Mỹ


def builds_name(name: str) -> str:
    """The name the builder gives a commune: the one it had before the story renamed it."""
    return RENAMED[1] if name == RENAMED[0] else name


def is_late(commune_index: int, number: int, count: int) -> bool:
    """Whether hamlet `number` of `count` of the commune opens late: the last hamlet of every
    third commune."""
    return commune_index % 3 == 2 and number == count


@dataclass
class Told:
    """What the story did, for seed_demo's report."""

    reorganisations: list[str] = field(default_factory=list)
    province: District | None = None
    accounts: list[User] = field(default_factory=list)


class Story:
    def __init__(self, *, district: District, admin: User, password: str, today) -> None:
        self.district = district
        self.admin = admin
        self.password = password
        self.today = today
        self.told = Told()

    def _record(self, reorganisation) -> None:
        self.told.reorganisations.append(
            f"{reorganisation.took_effect_on:%d/%m/%Y} {reorganisation.get_kind_display()}: "
            f"{reorganisation.details['summary']}"
        )

    # Before the records

    def early_years(self, communes: list[Commune]) -> list[Hamlet]:
        """The rename and the split; returns the split's new hamlets."""
        renamed = next((c for c in communes if c.name == RENAMED[1]), None)
        if renamed is not None:
            self._record(reorganise.rename(renamed, name=RENAMED[0], on=RENAMED_ON, by=self.admin))
        commune = next((c for c in communes if c.name == SPLIT[0]), None)
        if commune is None:
            return []
        return self._split(commune)

    def _split(self, commune: Commune) -> list[Hamlet]:
        hamlets = list(commune.hamlets.order_by("code"))
        hamlet = hamlets[SPLIT[1] - 1]
        groups = reorganise.living_children(hamlet, SPLIT_ON)
        half = (len(groups) + 1) // 2
        next_number = len(hamlets) + 1
        parts = [
            {
                "new": {
                    "parent": commune,
                    "code": f"{commune.code}-{next_number + i:02d}",
                    "name": f"{hamlet.name}{letter}",
                    "kind": hamlet.kind,
                },
                "children": share,
            }
            for i, (letter, share) in enumerate((("A", groups[:half]), ("B", groups[half:])))
        ]
        self._record(reorganise.split(hamlet, parts=parts, on=SPLIT_ON, by=self.admin))
        return list(Hamlet.objects.filter(commune=commune, started_on=SPLIT_ON).order_by("code"))

    # After the records

    def merger(self, communes: list[Commune]) -> Told:
        """The 2025 merger: the province, its new communes, and the district's end."""
        if self.today < MERGED_ON:
            return self.told
        province = District.objects.create(**PROVINCE)
        self.told.province = province
        old = {c.name: c for c in Commune.objects.filter(district=self.district)}
        new = {
            code: Commune.objects.create(
                district=province, code=code, name=name, kind=kind, started_on=MERGED_ON
            )
            for code, name, kind, _clause, _merged in NEW_COMMUNES
        }
        clause = {code: RESOLUTION.format(n) for code, _name, _kind, n, _merged in NEW_COMMUNES}
        successor = {
            old[name].pk: new[code] for code, *_rest, merged in NEW_COMMUNES for name in merged
        }
        gao_giong = old[GAO_GIONG]
        # Xã Gáo Giồng's own records from the merger on: Xã Phú Cường's.
        successor[gao_giong.pk] = new[GAO_GIONG_PARTS[0]]
        self._records_of_the_new_communes(successor, province)
        for code, *_rest, merged in NEW_COMMUNES:
            if merged:
                units = [old[name] for name in merged]
                self._record(
                    reorganise.merge(
                        units, into=new[code], on=MERGED_ON, by=self.admin, legal_basis=clause[code]
                    )
                )
        hamlets = reorganise.living_children(gao_giong, MERGED_ON)
        half = (len(hamlets) + 1) // 2
        parts = [
            {"into": new[GAO_GIONG_PARTS[0]], "children": hamlets[:half]},
            {"into": new[GAO_GIONG_PARTS[1]], "children": hamlets[half:]},
        ]
        self._record(
            reorganise.split(
                gao_giong, parts=parts, on=MERGED_ON, by=self.admin, legal_basis=clause["30025"]
            )
        )
        self._record(
            reorganise.regroup(
                self.district,
                province=province,
                on=MERGED_ON,
                by=self.admin,
                legal_basis=REGROUP_BASIS,
            )
        )
        self._accounts(province, list(new.values()), successor)
        self._committees(province, list(new.values()))
        return self.told

    def _committees(self, province: District, communes: list[Commune]) -> None:
        """The province and most new communes set up their steering committees in the weeks
        after the merger (the district's and the old communes' ended with them)."""
        # Drawn from a generator of its own: the draws before the merger stay as they were.
        rng = random.Random(f"{self.district.code}-{MERGED_ON}")  # noqa: S311 - demo data
        builder = OrganisationBuilder(rng=rng, today=self.today, batch=2000)
        builder.committees_after_a_merger(province, communes, MERGED_ON)

    def _records_of_the_new_communes(self, successor: dict[int, Commune], province) -> None:
        """Before the merger is recorded, the district settles what the old communes held
        themselves from its day on: one rating a year and one programme a month for each
        new commune (the services would refuse two), the rest to the new commune (the
        province), as the services would hand it over."""
        assessments = CommuneAssessment.objects.filter(year__gte=MERGED_ON.year)
        _one_for_each_successor(assessments, successor, "year")
        programmes = MonthlyProgramme.objects.filter(month__gte=MERGED_ON)
        _one_for_each_successor(programmes, successor, "month")
        for model in AtUnit.__subclasses__():
            later = model.objects.filter(**{f"{model.dated_by}__gte": MERGED_ON})
            later.filter(district=self.district).update(district=province)
            for old_id, new in successor.items():
                later.filter(commune_id=old_id, hamlet__isnull=True).update(commune=new)

    def _accounts(self, province, communes, successor) -> None:
        """The province's steering committee and administrator, and each new commune's
        official; the old communes' officials keep reading their history."""
        accounts = [
            (User(username="tinh", first_name="Ban chỉ đạo tỉnh", is_staff=True),
             Scope(role=Scope.Role.STEERING, district=province)),
            (User(username="tinh-admin", first_name="Quản trị tỉnh", is_staff=True),
             Scope(role=Scope.Role.ADMIN, district=province)),
        ]  # fmt: skip
        for commune in communes:
            accounts.append(
                (
                    User(
                        username=f"xa-{commune.code}",
                        first_name=f"Cán bộ {commune.name}",
                        is_staff=True,
                    ),
                    Scope(role=Scope.Role.COMMUNE, commune=commune),
                )
            )
        save_accounts(accounts, self.password)
        self.told.accounts = [user for user, _scope in accounts]
        official = {scope.commune_id: user for user, scope in accounts if scope.commune_id}
        self._sign_as_the_new_officials(official, list(successor))

    @staticmethod
    def _sign_as_the_new_officials(official: dict[int, User], old_communes: list[int]) -> None:
        """The old commune officials' steps on petitions from the merger on (and the petitions
        they recorded): those of the official of the group's new commune."""
        old_officials = Scope.objects.filter(commune__in=old_communes).values("user")
        steps = PetitionEvent.objects.filter(at__date__gte=MERGED_ON, by__in=old_officials)
        events = [
            PetitionEvent(pk=pk, by=official[commune])
            for pk, commune in steps.values_list("pk", "petition__group__hamlet__commune")
        ]
        PetitionEvent.objects.bulk_update(events, ["by"])
        # A petition was recorded by its first event's author.
        first = {}
        signed = PetitionEvent.objects.filter(pk__in=[event.pk for event in events])
        for petition, by in (
            PetitionEvent.objects.filter(petition__in=signed.values("petition"))
            .order_by("petition", "at", "pk")
            .values_list("petition", "by")
        ):
            first.setdefault(petition, by)
        recorded = list(Petition.objects.filter(pk__in=first))
        for petition in recorded:
            petition.created_by_id = first[petition.pk]
        Petition.objects.bulk_update(recorded, ["created_by"])


def _one_for_each_successor(records, successor: dict[int, Commune], period: str) -> None:
    """Each new commune takes, for each period, the record of the first commune it took in
    (by code) that has one; the others' go."""
    taken = set()
    for record in records.filter(commune__in=list(successor)).order_by(period, "commune__code"):
        new = successor[record.commune_id]
        if (new.pk, getattr(record, period)) in taken:
            record.delete()
            continue
        taken.add((new.pk, getattr(record, period)))
        record.commune = new
        if isinstance(record, PlacedRecord):
            place_records([record])
        record.save()
