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
from the database. `expected()` says what the dashboards must show for each year.
"""

import datetime
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from apps.accounts.models import Scope, User
from apps.assessments.sheets import COLUMNS as SHEET_COLUMNS
from apps.hierarchy.models import Commune, District, Hamlet
from apps.imports.meetings_format import COLUMNS as MEETING_COLUMNS
from apps.imports.roster_format import COLUMNS as ROSTER_COLUMNS

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
AS_OF = datetime.date(2023, 1, 1)
YEARS = (2023, 2024, 2025)
FORM_MONTHS_2024 = (1, 2, 3)
PASSWORD = "một mật khẩu đủ dài 2026"
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi"]
GIVEN = ["An", "Bình", "Cường", "Dung", "Hà", "Khang", "Lan", "Minh", "Nga", "Phúc"]


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


# -- Reading pages --------------------------------------------------------------------------


class _FormReader(HTMLParser):
    """The values a browser would send for the page's forms: inputs, checked boxes,
    selected options and text areas."""

    def __init__(self):
        super().__init__()
        self.values: dict[str, str] = {}
        self._select: str | None = None
        self._first_option: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.values[name] = attrs.get("value") or "on"
            elif kind not in ("submit", "button", "file"):
                self.values[name] = attrs.get("value") or ""
        elif tag == "select" and name:
            self._select, self._first_option = name, None
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            if self._first_option is None:
                self._first_option = value
                self.values.setdefault(self._select, value)
            if "selected" in attrs:
                self.values[self._select] = value
        elif tag == "textarea" and name:
            self._textarea = name
            self.values[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data


def form_values(html: str) -> dict[str, str]:
    reader = _FormReader()
    reader.feed(html)
    return reader.values


def options(html: str, name: str) -> dict[str, str]:
    """A select's options: label → value."""
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return {
        _text(label): value
        for value, label in re.findall(r'<option value="([^"]*)"[^>]*>(.*?)</option>', select)
    }


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def _ok(response, status: int = 302):
    assert response.status_code == status, (
        response.status_code,
        response.content.decode()[:3000],
    )
    return response


def _page(client: Client, url: str) -> str:
    return _ok(client.get(url), 200).content.decode()


def _xlsx(header: list[str], rows: list[list], title: str) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _file(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, XLSX)


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
        return _xlsx(list(ROSTER_COLUMNS.values()), rows, "Danh sách")

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
            {"file": _file("danh-sach.xlsx", self.roster_bytes()), "as_of": "01/01/2023"},
        )
        self.roster_preview = _ok(response).url
        page = _page(self.admin, self.roster_preview)
        assert "Xác nhận và nhập" in page, _text(page)[:3000]

    def confirm_roster(self) -> None:
        _ok(self.admin.post(f"{self.roster_preview}xac-nhan/"))
        page = _page(self.admin, self.roster_preview)
        assert "Đã nhập danh sách" in page, _text(page)[:3000]

    # Accounts, made on the user page ---------------------------------------------------------

    def create_accounts(self) -> None:
        page = _page(self.admin, "/nguoi-dung/tao-moi/")
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
        _ok(self.admin.post("/nguoi-dung/tao-moi/", {**data, **unit}))

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
            data = _xlsx(list(MEETING_COLUMNS.values()), rows, "Năm 2023")
            response = client.post("/sinh-hoat/nhap/", {"file": _file("sinh-hoat-2023.xlsx", data)})
            preview = _ok(response).url
            assert "Xác nhận và nhập" in _page(client, preview)
            _ok(client.post(f"{preview}xac-nhan/"))

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
                    data = form_values(_page(client, url))
                    data.update(
                        {
                            "held_on": f"2024-{month:02d}-08",
                            "attendees": str(self.shape.households + 1),
                            "households_represented": str(self.shape.households),
                            "theme_safety": "on",
                            "minutes": "Phổ biến phòng chống trộm cắp.",
                        }
                    )
                    _ok(client.post(url, data))

    def _meeting_forms(self, client: Client, month: int) -> list[str]:
        """The month's meeting forms of every group listed, page after page."""
        urls: set[str] = set()
        for number in range(1, 1000):
            listing = _page(client, f"/sinh-hoat/?thang=2024-{month:02d}&page={number}")
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
                response = _ok(client.get(f"/binh-xet/ap/{hamlet.pk}/{year}/excel/"), 200)
                book = openpyxl.load_workbook(io.BytesIO(response.content))
                self._fill_sheet(book.active, year)
                buffer = io.BytesIO()
                book.save(buffer)
                response = client.post(
                    f"/binh-xet/ap/{hamlet.pk}/{year}/tai-len/",
                    {"file": _file("binh-xet.xlsx", buffer.getvalue())},
                )
                page = _ok(response, 200).content.decode()
                confirm = re.search(r'action="(/binh-xet/tai-len/\d+/)"', page)
                assert confirm, _text(page)[:3000]
                _ok(client.post(confirm.group(1)))

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
            data = form_values(_page(client, url))
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
            _ok(client.post(url, data))
        url = f"/binh-xet/huyen/{self.structure.district.pk}/{year}/"
        data = form_values(_page(self.admin, url))
        data = {k: v for k, v in data.items() if not re.fullmatch(r"communes-\d+-cultural", k)}
        if year == 2024:
            data["communes-0-cultural"] = "on"
        _ok(self.admin.post(url, data))

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
                    _ok(client.post("/sinh-hoat/tuyen-truyen/moi/", data))

    def handle_petitions(self) -> None:
        for commune in self.structure.communes:
            client = self.officials[commune.pk]
            groups = list(options(_page(client, "/kien-nghi/moi/"), "group").values())
            groups = [g for g in groups if g]
            for n, story in enumerate(COMMUNE_PETITIONS):
                self._petition(client, groups[n % len(groups)], story, "commune")
        first_group = next(
            g for g in options(_page(self.leader, "/kien-nghi/moi/"), "group").values() if g
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
        url = _ok(client.post("/kien-nghi/moi/", data)).url
        assert re.fullmatch(r"/kien-nghi/\d+/", url), url
        if story.taken_on:
            act = {"action": "taken", "note": "Đã tiếp nhận.", "on": story.taken_on.isoformat()}
            _ok(client.post(url, act))
        if story.closed_on:
            note = "Đã giải quyết." if story.outcome == "resolved" else "Đã trả lời công dân."
            act = {"action": story.outcome, "note": note, "on": story.closed_on.isoformat()}
            _ok(client.post(url, act))

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


# -- What the dashboards must show ----------------------------------------------------------


def dashboard_cards(client: Client, url: str) -> dict[str, object]:
    """Each card of a year's dashboard: a count, or (numerator, denominator) of a share."""
    page = _page(client, url)
    cards = re.findall(r'<li id="card-([\w]+)"><span>.*?</span>(.*?)</li>', page, re.S)
    return {key: card_value(_text(html)) for key, html in cards}


def span_columns(client: Client, url: str) -> dict[str, list[object]]:
    """Each line of a range dashboard: its years' values, then the range's total."""
    page = _page(client, url)
    lines = {}
    for key, row in re.findall(r'<tr id="line-(\w+)">(.*?)</tr>', page, re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)[1:]
        lines[key] = [card_value(_text(cell)) for cell in cells]
    return lines


def card_value(text: str):
    """ "12.964" → 12964; "27,35 % 3/11" → (3, 11); "chưa có số liệu" → None."""
    pair = re.search(r"([\d.]+)/([\d.]+)", text)
    if pair:
        return tuple(int(n.replace(".", "")) for n in pair.groups())
    number = re.search(r"\d[\d.]*", text)
    return int(number.group().replace(".", "")) if number else None


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
