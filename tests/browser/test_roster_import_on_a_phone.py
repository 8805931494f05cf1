"""A district administrator made on the user page imports a roster on a phone, in real
Chromium: upload a real .xlsx, follow its check on the job's page, read the summary,
confirm once, follow the import, and land on the result. The queued tasks are run here,
in the test's process, while the page waits and polls."""

import pytest

from apps.accounts import services
from apps.accounts.models import Scope
from apps.people.models import Person
from tests.browser.conftest import horizontal_overflow, log_in, screenshot, small_tap_targets
from tests.conftest import PASSWORD
from tests.imports.roster_files import workbook_bytes
from tests.imports.test_roster_import import _family
from tests.tasks import run_queued_tasks

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("today")]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_administrator_uploads_previews_and_confirms_a_roster(phone, transactional_db, world):
    services.user_create(
        username="quantri",
        full_name="Phạm Văn Quản",
        password=PASSWORD,
        scope=Scope(role=Scope.Role.ADMIN, district=world.district),
    )
    log_in(phone, "quantri")
    phone.click("header summary")  # the menu, folded on a phone
    phone.click("header >> text=Danh sách tổ")
    phone.wait_for_url("**/danh-sach/nhap/")
    assert horizontal_overflow(phone) <= 0
    assert small_tap_targets(phone) == []
    phone.set_input_files(
        "input[type=file]",
        {"name": "danh-sach.xlsx", "mimeType": XLSX, "buffer": workbook_bytes({"S": _family()})},
    )
    phone.click("text=Kiểm tra tệp")
    phone.wait_for_selector("#job-progress")  # the job's page, waiting for the worker
    assert horizontal_overflow(phone) <= 0
    screenshot(phone, "roster-checking-360")
    assert run_queued_tasks() == 1
    phone.wait_for_selector("#counts")  # the page noticed, and went on to the summary
    assert phone.locator("#lines tbody tr.new").count() == 4
    assert "Nguyễn Văn An" in phone.inner_text("#lines")
    assert horizontal_overflow(phone) <= 0
    assert small_tap_targets(phone) == []
    screenshot(phone, "roster-preview-360")
    assert not Person.objects.exists()

    # Keep the confirmation from leaving, to see the page while it works: a listener
    # added after the page's own notes whether the page already refused a submission.
    phone.evaluate(
        """() => {
            const form = document.querySelector('form[data-busy]');
            window.refused = [];
            form.addEventListener('submit', event => {
                window.refused.push(event.defaultPrevented);
                event.preventDefault();
            });
        }"""
    )
    phone.click("text=Xác nhận và nhập")
    phone.wait_for_function("() => document.querySelector('form[data-busy] button').disabled")
    assert "Đang gửi" in phone.inner_text("[data-busy-status]")
    phone.evaluate("document.querySelector('form[data-busy]').requestSubmit()")  # a second tap
    assert phone.evaluate("window.refused") == [False, True]  # the second is not sent
    with phone.expect_navigation():
        phone.evaluate(
            "HTMLFormElement.prototype.submit.call(document.querySelector('form[data-busy]'))"
        )
    phone.wait_for_selector("#job-progress")
    assert not Person.objects.exists()
    assert run_queued_tasks() == 1
    phone.wait_for_selector(".messages")
    assert "Đã nhập danh sách: 4 dòng mới" in phone.inner_text(".messages")
    assert Person.objects.count() == 4
    assert horizontal_overflow(phone) <= 0
    screenshot(phone, "roster-imported-360")
