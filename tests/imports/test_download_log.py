"""Every download of roster lines (names, phones, party membership) is recorded in the
download log, whichever unit's roster it is."""

import io

import openpyxl
import pytest

from apps.accounts.models import ExportLog
from tests.factories import HouseholdFactory, PersonFactory
from tests.tasks import download

pytestmark = pytest.mark.usefixtures("today")


@pytest.fixture
def people_a(world):
    household = HouseholdFactory(group=world.a.group)
    return [
        PersonFactory(household=household, full_name=name, phone="0912345678")
        for name in ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường")
    ]


@pytest.mark.parametrize("level", ["huyen", "xa", "ap", "to"])
def test_each_roster_download_is_recorded_with_its_unit_and_rows(
    client, world, admin_user, people_a, level
):
    unit = {
        "huyen": world.district,
        "xa": world.a.commune,
        "ap": world.a.hamlet,
        "to": world.a.group,
    }[level]
    PersonFactory(household__group=world.b.group)  # counted only in the district's roster
    client.force_login(admin_user)
    # Prepared by the worker whatever the unit, recorded when downloaded.
    response = download(client, f"/danh-sach/{level}/{unit.pk}/")
    content = response.content
    assert response.status_code == 200
    lines = openpyxl.load_workbook(io.BytesIO(content)).active.max_row - 1
    record = ExportLog.objects.get()
    assert record.user == admin_user
    assert record.what == f"Danh sách tổ của {unit}"
    assert record.rows == lines == (4 if level == "huyen" else 3)


def test_a_refused_download_records_nothing_and_the_template_is_not_personal(
    client, world, commune_a_official
):
    client.force_login(commune_a_official)
    assert client.get(f"/danh-sach/xa/{world.b.commune.pk}/").status_code == 404
    assert client.get("/danh-sach/mau.xlsx").status_code == 200
    assert not ExportLog.objects.exists()
