"""The printed report as an administrative document (Decree 30/2020/NĐ-CP): its number,
place and date line, signer and recipients, set on the committee page of its unit."""

import datetime
import re
from html.parser import HTMLParser

import pytest

from apps.accounts.models import Scope
from apps.indicators.letterhead import date_parts
from apps.organisation.models import SteeringCommittee
from tests.conftest import make_user
from tests.factories import SteeringCommitteeFactory
from tests.organisation import posts

pytestmark = pytest.mark.usefixtures("today")  # 18/11/2026

DECISION = posts.decision("12/QĐ-UBND", "2019-03-01", issued_by="Ủy ban nhân dân")


class _TextOf(HTMLParser):
    """The text inside the element with a given id."""

    VOID = {"br", "input", "img", "hr", "meta", "link"}

    def __init__(self, element_id: str):
        super().__init__()
        self.element_id, self.depth, self.parts = element_id, 0, []

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.depth += tag not in self.VOID
        elif dict(attrs).get("id") == self.element_id:
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


def _text(page: str, element_id: str) -> str:
    parser = _TextOf(element_id)
    parser.feed(page)
    return " ".join(" ".join(parser.parts).split())


def _report(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_report_without_settings_has_blanks_to_fill_by_hand(client, world, steering_user):
    client.force_login(steering_user)
    page = _report(client, f"/chi-tieu/huyen/{world.district.pk}/bao-cao/?nam=2026")
    assert _text(page, "number") == "Số: ……/BC-BCĐ"
    assert _text(page, "date-line") == "Cao Lãnh, ngày 18 tháng 11 năm 2026"
    assert "Độc lập - Tự do - Hạnh phúc" in page
    assert _text(page, "recipients") == "Nơi nhận: - ……; - ……; - Lưu: VT."
    assert _text(page, "signature") == "TRƯỞNG BAN (Ký, ghi rõ họ tên và đóng dấu)"
    assert re.search(r"<main>\s*<article", page) and page.count("<main") == 1


def test_settings_saved_on_the_committee_page_head_and_sign_the_report(client, world, admin_user):
    committee = SteeringCommitteeFactory(commune=None, district=world.district)
    client.force_login(admin_user)
    page = client.get(f"/to-chuc/ban-chi-dao/{committee.pk}/sua/").content.decode()
    assert 'name="report_symbol"' in page and 'value="BC-BCĐ"' in page
    response = client.post(
        f"/to-chuc/ban-chi-dao/{committee.pk}/sua/",
        {
            **DECISION,
            "unit": f"district:{world.district.pk}",
            "report_symbol": "BC-BCĐTDP",
            "report_place": "Mỹ Thọ",
            "signer_title": "KT. Trưởng ban\r\nPhó Trưởng ban",
            "signer_name": "Nguyễn Văn <b>Ba</b>",
            "recipients": "- Ban Dân vận Huyện ủy;\r\n\r\nThường trực UBND huyện;\r\nLưu: VT.",
        },
    )
    assert response.status_code == 302

    page = _report(client, f"/chi-tieu/huyen/{world.district.pk}/bao-cao/?nam=2026&so=15")
    assert _text(page, "number") == "Số: 15/BC-BCĐTDP"
    assert _text(page, "date-line") == "Mỹ Thọ, ngày 18 tháng 11 năm 2026"
    assert _text(page, "signature") == "KT. TRƯỞNG BAN PHÓ TRƯỞNG BAN Nguyễn Văn <b>Ba</b>"
    assert "Nguyễn Văn &lt;b&gt;Ba&lt;/b&gt;" in page and "<b>Ba</b>" not in page
    assert _text(page, "recipients") == (
        "Nơi nhận: - Ban Dân vận Huyện ủy; - Thường trực UBND huyện; - Lưu: VT."
    )
    detail = client.get(f"/to-chuc/ban-chi-dao/{committee.pk}/").content.decode()
    assert "Mỹ Thọ" in _text(detail, "report-settings")


def test_a_commune_and_its_hamlets_report_under_the_commune_committee(client, world, steering_user):
    SteeringCommitteeFactory(
        commune=None, district=world.district, report_place="Mỹ Thọ", signer_name="Huyện"
    )
    SteeringCommitteeFactory(
        commune=world.a.commune,
        established_on=datetime.date(2019, 3, 1),
        ended_on=datetime.date(2024, 12, 31),
        signer_name="Người cũ",
    )
    SteeringCommitteeFactory(
        commune=world.a.commune,
        established_on=datetime.date(2025, 1, 1),
        report_place="Bình Thạnh, Cao Lãnh",
        signer_name="Trần Thị Mai",
    )
    client.force_login(steering_user)
    for url in (f"/chi-tieu/xa/{world.a.commune.pk}/", f"/chi-tieu/ap/{world.a.hamlet.pk}/"):
        page = _report(client, f"{url}bao-cao/?nam=2026")
        assert "ỦY BAN NHÂN DÂN XÃ BÌNH THẠNH" in page
        assert _text(page, "date-line") == "Bình Thạnh, Cao Lãnh, ngày 18 tháng 11 năm 2026"
        assert _text(page, "signature") == "TRƯỞNG BAN Trần Thị Mai"
    # A commune without a committee: its own name as the place, blanks to sign by hand.
    page = _report(client, f"/chi-tieu/to/{world.b.group.pk}/bao-cao/?nam=2026")
    assert "ỦY BAN NHÂN DÂN XÃ MỸ HỘI" in page
    assert _text(page, "date-line") == "Mỹ Hội, ngày 18 tháng 11 năm 2026"
    assert "Huyện" not in _text(page, "signature")


def test_a_number_that_is_not_a_whole_number_is_refused_and_left_blank(
    client, world, steering_user
):
    client.force_login(steering_user)
    url = f"/chi-tieu/huyen/{world.district.pk}/bao-cao/?nam=2026"
    for bad in ("abc", "0", "15/BC", "1000000"):
        page = _report(client, f"{url}&so={bad}")
        assert "Số báo cáo phải là số nguyên từ 1 đến 99999" in page, bad
        assert _text(page, "number") == "Số: ……/BC-BCĐ"


def test_commune_official_cannot_change_another_committee_settings(client, world):
    district = SteeringCommitteeFactory(commune=None, district=world.district)
    other = SteeringCommitteeFactory(commune=world.b.commune, signer_name="Võ Văn Bình")
    client.force_login(make_user(Scope.Role.COMMUNE, world.a.commune))
    for committee in (district, other):
        url = f"/to-chuc/ban-chi-dao/{committee.pk}/sua/"
        data = {**DECISION, "unit": f"commune:{world.a.commune.pk}", "signer_name": "Kẻ lạ"}
        assert client.post(url, data).status_code == 404
    assert not SteeringCommittee.objects.filter(signer_name="Kẻ lạ").exists()
    assert SteeringCommittee.objects.get(pk=other.pk).signer_name == "Võ Văn Bình"


@pytest.mark.parametrize(
    "day, parts",
    [
        (datetime.date(2026, 2, 5), ("05", "02", "2026")),
        (datetime.date(2026, 1, 31), ("31", "01", "2026")),
        (datetime.date(2026, 3, 9), ("09", "3", "2026")),
        (datetime.date(2026, 12, 1), ("01", "12", "2026")),
    ],
)
def test_the_date_line_pads_days_below_10_and_the_first_two_months(day, parts):
    assert date_parts(day) == parts
