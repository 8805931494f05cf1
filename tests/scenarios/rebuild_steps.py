"""Rebuilding three past years of a district through the product's own pages.

Issue 18's acceptance scenario, shared by tests/scenarios/test_rebuild_three_years.py
(small, asserted) and bench/rebuild.py (large, timed). Only the empty structure — the
district, its communes and hamlets, and one district administrator — is written
directly; everything else goes through HTTP requests with Django's test client, as
the roles who do it in real life: the administrator imports the roster "as of"
01/01/2023 and creates the officials' accounts on the user page; each commune official
imports 2023's meetings, types three months of 2024's meetings into the meeting form,
uploads the household assessment sheets, rates groups and hamlets, records outreach
sessions and raises and closes petitions at commune level; a group leader raises and
resolves one petition of the group; the administrator rates the communes. Every record
of those years is entered "today", after its deadline, so none may count as on time.

Ids the requests need (groups, households, petitions) are read from the pages, not
from the database. rebuild_plan says what each year holds and what the dashboards must show.
"""

import datetime
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import openpyxl
from django.test import Client

from apps.accounts.models import Scope, User
from apps.assessments.sheets import COLUMNS as SHEET_COLUMNS
from apps.core.xlsx import as_bytes
from apps.hierarchy.models import Commune, District, Hamlet
from apps.imports.meetings_format import COLUMNS as MEETING_COLUMNS
from apps.imports.roster_format import COLUMNS as ROSTER_COLUMNS
from tests.scenarios.pages import (
    form_values,
    ok,
    options,
    page_text,
    read_page,
    upload_file,
    xlsx_bytes,
)
from tests.scenarios.rebuild_plan import (
    COMMUNE_PETITIONS,
    FORM_MONTHS_2024,
    GROUP_PETITION,
    PetitionStory,
    Shape,
    assessed,
    meets_in_2023,
    outreach_of,
)
from tests.tasks import finish_job

PASSWORD = "một mật khẩu đủ dài 2026"
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi"]
GIVEN = ["An", "Bình", "Cường", "Dung", "Hà", "Khang", "Lan", "Minh", "Nga", "Phúc"]


# -- The structure: the one part written directly ----------------------------------------


@dataclass
class Structure:
    district: District
    communes: list[Commune]
    hamlets: dict[int, list[Hamlet]]  # commune pk → its hamlets
    admin: User


def build_structure(shape: Shape) -> Structure:
    """An empty district (communes and hamlets since 2000) and its first administrator."""
    began = datetime.date(2000, 1, 1)
    district = District.objects.create(
        code="D900", name="Huyện Tái Dựng", province="Tỉnh Đồng Tháp", started_on=began
    )
    communes, hamlets = [], {}
    for c in range(shape.communes):
        commune = Commune.objects.create(
            district=district, code=f"X{c + 1:02d}", name=f"Xã Số {c + 1}", started_on=began
        )
        communes.append(commune)
        hamlets[commune.pk] = [
            Hamlet.objects.create(
                commune=commune,
                code=f"X{c + 1:02d}A{h + 1:02d}",
                name=f"Ấp {h + 1} Xã {c + 1}",
                started_on=began,
            )
            for h in range(shape.hamlets)
        ]
    admin = User.objects.create_user(username="quan-tri", password=PASSWORD, is_staff=True)
    Scope.objects.create(user=admin, role=Scope.Role.ADMIN, district=district)
    return Structure(district, communes, hamlets, admin)


def group_code(hamlet: Hamlet, g: int) -> str:
    return f"{hamlet.code}-T{g + 1:02d}"


# -- The steps ------------------------------------------------------------------------------


@dataclass
class Rebuild:
    """The rebuild's state: the clients of each role, and what the pages told them."""

    shape: Shape
    structure: Structure
    admin: Client = field(default_factory=Client)
    officials: dict[int, Client] = field(default_factory=dict)  # commune pk → client
    leader: Client = field(default_factory=Client)
    roster_preview: str = ""

    def __post_init__(self):
        self.admin.force_login(self.structure.admin)

    # The roster, as of 01/01/2023 --------------------------------------------------------

    def roster_bytes(self) -> bytes:
        rows = []
        for c, commune in enumerate(self.structure.communes):
            for hamlet in self.structure.hamlets[commune.pk]:
                for g in range(self.shape.groups):
                    rows += self._group_lines(commune, hamlet, g, c)
        return xlsx_bytes(list(ROSTER_COLUMNS.values()), rows, "Danh sách")

    def _group_lines(self, commune, hamlet, g: int, c: int) -> list[list]:
        lines = []
        for h in range(self.shape.households):
            head = _name(c, g, h, 0)
            for p in range(self.shape.people):
                role = {0: "tổ trưởng", 1: "tổ phó"}.get(h, "thành viên") if p == 0 else ""
                values = {
                    "commune": commune.name,
                    "hamlet": hamlet.name,
                    "group_code": group_code(hamlet, g),
                    "group_name": f"Tổ {g + 1} {hamlet.name}",
                    "head": head,
                    "address": f"Số {h + 1}, đường số {g + 1}",
                    "full_name": _name(c, g, h, p),
                    "gender": "Nữ" if p % 2 else "Nam",
                    "birth_year": 1960 + (h + p * 7) % 40,
                    "role": role or "thành viên",
                    # The leaders of the even groups are party members.
                    "party_member": "có" if h == 0 and p == 0 and g % 2 == 0 else "không",
                    "overseer": "không",
                }
                lines.append([values.get(key, "") for key in ROSTER_COLUMNS])
        return lines

    def upload_roster(self) -> None:
        """Upload and preview: nothing is written yet."""
        response = self.admin.post(
            "/danh-sach/nhap/",
            {"file": upload_file("danh-sach.xlsx", self.roster_bytes()), "as_of": "01/01/2023"},
        )
        self.roster_preview = ok(finish_job(self.admin, response)).url
        page = read_page(self.admin, self.roster_preview)
        assert "Xác nhận và nhập" in page, page_text(page)[:3000]

    def confirm_roster(self) -> None:
        ok(finish_job(self.admin, self.admin.post(f"{self.roster_preview}xac-nhan/")))
        page = read_page(self.admin, self.roster_preview)
        assert "Đã nhập danh sách" in page, page_text(page)[:3000]

    # Accounts, made on the user page ---------------------------------------------------------

    def create_accounts(self) -> None:
        page = read_page(self.admin, "/nguoi-dung/tao-moi/")
        groups = options(page, "group")
        for commune in self.structure.communes:
            username = f"can-bo-{commune.code.lower()}"
            self._create_user(username, Scope.Role.COMMUNE, commune=commune.pk)
            self.officials[commune.pk] = _client_of(username)
        first = self.structure.hamlets[self.structure.communes[0].pk][0]
        group = next(pk for label, pk in groups.items() if label.startswith(f"Tổ 1 {first.name}"))
        self._create_user("to-truong-1", Scope.Role.GROUP_LEADER, group=group)
        self.leader = _client_of("to-truong-1")

    def _create_user(self, username: str, role: str, **unit) -> None:
        data = {"username": username, "full_name": username, "password": PASSWORD, "role": role}
        ok(self.admin.post("/nguoi-dung/tao-moi/", {**data, **unit}))

    # Meetings -------------------------------------------------------------------------------

    def import_meetings_2023(self) -> None:
        """Each commune official imports the year's meetings from one spreadsheet."""
        for commune in self.structure.communes:
            rows = []
            for hamlet in self.structure.hamlets[commune.pk]:
                for g in range(self.shape.groups):
                    for month in range(1, 13):
                        if meets_in_2023(g, month):
                            rows.append(self._meeting_line(hamlet, g, month))
            client = self.officials[commune.pk]
            data = xlsx_bytes(list(MEETING_COLUMNS.values()), rows, "Năm 2023")
            response = client.post(
                "/sinh-hoat/nhap/", {"file": upload_file("sinh-hoat-2023.xlsx", data)}
            )
            preview = ok(response).url
            assert "Xác nhận và nhập" in read_page(client, preview)
            ok(client.post(f"{preview}xac-nhan/"))

    def _meeting_line(self, hamlet, g: int, month: int) -> list:
        values = {
            "hamlet": hamlet.name,
            "group_code": group_code(hamlet, g),
            "month": f"{month}/2023",
            "held_on": datetime.date(2023, month, 10),
            "attendees": self.shape.households + 2,
            "households": self.shape.households,
            "theme_safety": "x",
            "theme_culture": "x" if month % 2 else "",
            "overseer_attended": "không",
            "minutes": "Bàn việc giữ gìn an ninh trật tự, vệ sinh môi trường.",
        }
        return [values.get(key, "") for key in MEETING_COLUMNS]

    def enter_meetings_2024(self) -> None:
        """Three months of 2024 typed into the meeting form, each group of each commune."""
        for commune in self.structure.communes:
            client = self.officials[commune.pk]
            for month in FORM_MONTHS_2024:
                urls = self._meeting_forms(client, month)
                assert len(urls) == self.shape.groups_per_commune, urls
                for url in urls:
                    data = form_values(read_page(client, url))
                    data.update(
                        {
                            "held_on": f"2024-{month:02d}-08",
                            "attendees": str(self.shape.households + 1),
                            "households_represented": str(self.shape.households),
                            "theme_safety": "on",
                            "minutes": "Phổ biến phòng chống trộm cắp.",
                        }
                    )
                    ok(client.post(url, data))

    def _meeting_forms(self, client: Client, month: int) -> list[str]:
        """The month's meeting forms of every group listed, page after page."""
        urls: set[str] = set()
        for number in range(1, 1000):
            listing = read_page(client, f"/sinh-hoat/?thang=2024-{month:02d}&page={number}")
            urls |= set(re.findall(rf'href="(/sinh-hoat/to/\d+/2024/{month}/)"', listing))
            if f"page={number + 1}" not in listing:
                return sorted(urls)
        raise AssertionError("The month's list never ends.")

    # Assessments ---------------------------------------------------------------------------

    def assess_households(self, year: int) -> None:
        """Each hamlet's sheet downloaded, filled in and uploaded back by its commune."""
        for commune in self.structure.communes:
            client = self.officials[commune.pk]
            for hamlet in self.structure.hamlets[commune.pk]:
                response = ok(client.get(f"/binh-xet/ap/{hamlet.pk}/{year}/excel/"), 200)
                book = openpyxl.load_workbook(io.BytesIO(response.content))
                self._fill_sheet(book.active, year)
                response = client.post(
                    f"/binh-xet/ap/{hamlet.pk}/{year}/tai-len/",
                    {"file": upload_file("binh-xet.xlsx", as_bytes(book))},
                )
                page = ok(response, 200).content.decode()
                confirm = re.search(r'action="(/binh-xet/tai-len/\d+/)"', page)
                assert confirm, page_text(page)[:3000]
                ok(client.post(confirm.group(1)))

    def _fill_sheet(self, sheet, year: int) -> None:
        column = {key: index for index, key in enumerate(SHEET_COLUMNS)}
        lines = list(sheet.iter_rows(min_row=2))
        assert len(lines) == self.shape.groups * self.shape.households, len(lines)
        for line in lines:
            # "Số 3, …": the household's place in its group, as the roster wrote it.
            address = line[column["address"]].value
            three_no, cultural = assessed(year, int(re.match(r"Số (\d+)", address).group(1)) - 1)
            for flag in ("no_crime", "no_social_evils", "no_drugs"):
                line[column[flag]].value = "x" if three_no else ""
            line[column["cultural_family"]].value = "x" if cultural else ""

    def rate_units(self, year: int) -> None:
        """Communes rate their groups (safe: the even ones; cultural: the first) and hamlets
        (the first hamlet cultural); the district rates the first commune cultural in 2024."""
        for commune in self.structure.communes:
            client = self.officials[commune.pk]
            url = f"/binh-xet/xa/{commune.pk}/{year}/"
            data = form_values(read_page(client, url))
            for key in [k for k in data if re.fullmatch(r"(groups|hamlets)-\d+-\w+", k)]:
                if not key.endswith("-unit"):
                    del data[key]
            for i in range(self.shape.groups_per_commune):
                if i % 2 == 0:
                    data[f"groups-{i}-safe"] = "on"
                if i == 0:
                    data[f"groups-{i}-cultural"] = "on"
            data["hamlets-0-cultural"] = "on"
            data["hamlets-0-safe"] = "on"
            ok(client.post(url, data))
        url = f"/binh-xet/huyen/{self.structure.district.pk}/{year}/"
        data = form_values(read_page(self.admin, url))
        data = {k: v for k, v in data.items() if not re.fullmatch(r"communes-\d+-cultural", k)}
        if year == 2024:
            data["communes-0-cultural"] = "on"
        ok(self.admin.post(url, data))

    # Outreach and petitions ------------------------------------------------------------------

    def record_outreach(self) -> None:
        for commune in self.structure.communes:
            client = self.officials[commune.pk]
            for year in (2023, 2024):
                for day, attendees in outreach_of(year):
                    data = {
                        "unit": f"commune:{commune.pk}",
                        "held_on": day.isoformat(),
                        "theme": "Phòng chống ma túy",
                        "attendees": str(attendees),
                    }
                    ok(client.post("/sinh-hoat/tuyen-truyen/moi/", data))

    def handle_petitions(self) -> None:
        for commune in self.structure.communes:
            client = self.officials[commune.pk]
            groups = list(options(read_page(client, "/kien-nghi/moi/"), "group").values())
            groups = [g for g in groups if g]
            for n, story in enumerate(COMMUNE_PETITIONS):
                self._petition(client, groups[n % len(groups)], story, "commune")
        first_group = next(
            g for g in options(read_page(self.leader, "/kien-nghi/moi/"), "group").values() if g
        )
        self._petition(self.leader, first_group, GROUP_PETITION, "group")

    def _petition(self, client: Client, group: str, story: PetitionStory, level: str) -> None:
        data = {
            "group": group,
            "raised_on": story.raised_on.isoformat(),
            "content": "Đề nghị sửa đường giao thông nông thôn.",
            "category": "infrastructure",
            "level": level,
        }
        url = ok(client.post("/kien-nghi/moi/", data)).url
        assert re.fullmatch(r"/kien-nghi/\d+/", url), url
        if story.taken_on:
            act = {"action": "taken", "note": "Đã tiếp nhận.", "on": story.taken_on.isoformat()}
            ok(client.post(url, act))
        if story.closed_on:
            note = "Đã giải quyết." if story.outcome == "resolved" else "Đã trả lời công dân."
            act = {"action": story.outcome, "note": note, "on": story.closed_on.isoformat()}
            ok(client.post(url, act))

    def steps(self) -> list[tuple[str, Callable[[], None]]]:
        """The rebuild, in order: (what, do it)."""
        return [
            ("roster: upload and preview", self.upload_roster),
            ("roster: confirm", self.confirm_roster),
            ("accounts on the user page", self.create_accounts),
            ("meetings 2023: import (upload, preview, confirm)", self.import_meetings_2023),
            ("meetings 2024: three months in the form", self.enter_meetings_2024),
            ("households 2023: sheets", lambda: self.assess_households(2023)),
            ("households 2024: sheets", lambda: self.assess_households(2024)),
            ("ratings 2023", lambda: self.rate_units(2023)),
            ("ratings 2024", lambda: self.rate_units(2024)),
            ("outreach sessions 2023-2024", self.record_outreach),
            ("petitions raised, acted on, closed", self.handle_petitions),
        ]


def _client_of(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def _name(c: int, g: int, h: int, p: int) -> str:
    family = FAMILY[(c + g + h) % len(FAMILY)]
    given = GIVEN[(h * 3 + p) % len(GIVEN)]
    return f"{family} Văn {given}" if p % 2 == 0 else f"{family} Thị {given}"
