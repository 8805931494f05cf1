"""A year's assessment is refused for a unit not alive in that year."""

import datetime

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.accounts.models import Scope
from apps.assessments.forms import UnitRatings
from apps.assessments.models import CommuneAssessment
from apps.core.xlsx import as_bytes
from apps.hierarchy.models import Group
from apps.imports.models import PendingImport
from tests.assessments.test_entry import rating_rows
from tests.conftest import make_user
from tests.factories import CommuneFactory, HamletFactory

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ENDED = "Xã Cũ đã giải thể từ ngày 30/06/2025; không thể ghi nhận sau ngày đó."


@pytest.fixture
def ended(db):
    return CommuneFactory(name="Xã Cũ", ended_on=datetime.date(2025, 6, 30))


def test_a_commune_is_assessed_for_the_year_it_ended_in(ended):
    CommuneAssessment(commune=ended, district=ended.district, year=2025).full_clean()


def test_a_commune_is_not_assessed_for_a_year_after_it_ended(ended):
    with pytest.raises(ValidationError) as error:
        CommuneAssessment(commune=ended, district=ended.district, year=2026).full_clean()
    assert error.value.message_dict["year"] == [ENDED]


def test_the_rating_page_refuses_a_hamlet_not_yet_established(db):
    hamlet = HamletFactory(name="Ấp Mới", started_on=datetime.date(2026, 3, 1))
    data = rating_rows("hamlets", [hamlet], "safe", [hamlet])
    rows = UnitRatings(data, prefix="hamlets", units=[hamlet], year=2025)
    assert not rows.is_valid()
    assert rows.non_form_errors() == ["Ấp Mới chưa thành lập vào ngày 31/12/2025."]
    assert UnitRatings(data, prefix="hamlets", units=[hamlet], year=2026).is_valid()


def test_an_uploaded_sheet_is_refused_for_a_year_after_the_group_was_dissolved(client, world):
    group = world.a.group
    group.status, group.dissolved_on = Group.Status.DISSOLVED, datetime.date(2025, 3, 31)
    group.save()
    client.force_login(make_user(Scope.Role.HAMLET, world.a.hamlet))
    sheet = SimpleUploadedFile("binh-xet.xlsx", _workbook(), XLSX)
    response = client.post(f"/binh-xet/to/{group.pk}/2026/tai-len/", {"file": sheet})
    assert response.status_code == 200
    assert response.context["problem"] == (
        f"{group.name} đã giải thể từ ngày 31/03/2025; không thể ghi nhận sau ngày đó."
    )
    assert not PendingImport.objects.exists()


def _workbook() -> bytes:
    return as_bytes(openpyxl.Workbook())
