"""A commune official answers a petition raised at a meeting; the group leader sees the answer."""

import pytest

from apps.accounts.models import Scope
from apps.petitions.models import Petition
from tests.browser.conftest import horizontal_overflow, log_in, screenshot, small_tap_targets
from tests.conftest import make_user
from tests.factories import HouseholdFactory

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("today")]


@pytest.fixture
def users(transactional_db, world):
    HouseholdFactory.create_batch(10, group=world.a.group)
    return (
        make_user(Scope.Role.GROUP_LEADER, world.a.group, username="totruong"),
        make_user(Scope.Role.COMMUNE, world.a.commune, username="canboxa"),
    )


def test_commune_answers_and_the_group_leader_sees_it(phone, world, users):
    log_in(phone, "totruong")
    phone.goto(f"/sinh-hoat/to/{world.a.group.pk}/2026/11/")
    phone.fill("#id_held_on", "2026-11-12")
    phone.fill("#id_attendees", "15")
    phone.fill("#id_households_represented", "9")
    phone.check("#id_theme_safety")
    phone.fill("#id_minutes", "Bàn việc làm đường giao thông nông thôn.")
    phone.fill("#id_petitions-0-content", "Đề nghị xã nâng cấp đường đal ấp Bình Thạnh.")
    phone.select_option("#id_petitions-0-category", "infrastructure")
    phone.select_option("#id_petitions-0-level", "commune")
    phone.click("text=Lưu biên bản")
    phone.wait_for_url("**/sinh-hoat/?thang=2026-11")
    petition = Petition.objects.get()

    phone.context.clear_cookies()
    log_in(phone, "canboxa")
    phone.goto("/kien-nghi/")
    assert "Đề nghị xã nâng cấp đường đal ấp Bình Thạnh." in phone.inner_text("#petitions")
    phone.click("text=Đề nghị xã nâng cấp đường đal ấp Bình Thạnh.")
    phone.fill("#id_note", "Xã đã đưa vào kế hoạch nâng cấp năm 2027.")
    assert horizontal_overflow(phone) <= 0
    assert small_tap_targets(phone) == []
    phone.click("text=Gửi trả lời")
    phone.wait_for_selector("#answer")
    assert phone.inner_text("#state") == "đã trả lời"
    screenshot(phone, "petition-answered-360")
    # The facts' values keep most of the width: none is broken mid-word beside a long label.
    widths = phone.eval_on_selector_all(
        "dl.facts dd", "dds => dds.map(dd => dd.getBoundingClientRect().width)"
    )
    assert min(widths) >= 150, widths

    phone.context.clear_cookies()
    log_in(phone, "totruong")
    phone.goto("/kien-nghi/")
    listing = phone.inner_text("#petitions")
    assert "Xã đã đưa vào kế hoạch nâng cấp năm 2027." in listing
    assert horizontal_overflow(phone) <= 0
    petition.refresh_from_db()
    assert (petition.state, petition.meeting.group) == ("answered", world.a.group)
    assert list(petition.events.values_list("action", flat=True)) == ["raised", "answered"]
