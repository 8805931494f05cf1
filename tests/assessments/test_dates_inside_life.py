"""A year's assessment is refused for a unit not alive in that year."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from apps.assessments.forms import UnitRatings
from apps.assessments.models import CommuneAssessment
from tests.factories import CommuneFactory, HamletFactory

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
    data = {
        "hamlets-TOTAL_FORMS": "1",
        "hamlets-INITIAL_FORMS": "1",
        "hamlets-0-unit": str(hamlet.pk),
        "hamlets-0-safe": "on",
    }
    rows = UnitRatings(data, prefix="hamlets", units=[hamlet], year=2025)
    assert not rows.is_valid()
    assert rows.non_form_errors() == ["Ấp Mới chưa thành lập vào ngày 31/12/2025."]
    assert UnitRatings(data, prefix="hamlets", units=[hamlet], year=2026).is_valid()
