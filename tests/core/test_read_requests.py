"""Pages that only read do not queue behind a save in progress, nor does a save behind a
login's password check; a page that records its own reading (a download of household rows)
waits its turn instead of failing."""

import datetime
import threading
import time

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.db import transaction
from django.test import Client

from apps.accounts.models import ExportLog, Scope
from apps.meetings.models import MonthlyProgramme
from tests.concurrency import at_once, database_file, impatient
from tests.conftest import PASSWORD, make_user
from tests.factories import HouseholdFactory, MonthlyProgrammeFactory
from tests.meetings.conftest import meeting_data

pytestmark = pytest.mark.usefixtures("today")

SAVE_SECONDS = 2.0  # how long the save in progress holds the write lock


@pytest.fixture
def official(world):
    HouseholdFactory.create_batch(3, group=world.a.group)
    return make_user(Scope.Role.HAMLET, world.a.hamlet)


@pytest.fixture
def shared_database(transactional_db, tmp_path, official):
    with database_file(tmp_path) as settings_dict:
        yield settings_dict


def _client(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def _during_a_save(world, request) -> list:
    """Two jobs: another official saving, a transaction that holds the write lock for a while,
    and `request` sent once it does, returning its response and how long it took."""
    saving = threading.Event()

    def save():
        try:
            with transaction.atomic():
                MonthlyProgrammeFactory(commune=world.a.commune, month=datetime.date(2026, 11, 1))
                saving.set()
                time.sleep(SAVE_SECONDS)
        finally:
            saving.set()  # never leave the other job waiting

    def send():
        assert saving.wait(timeout=30)
        started = time.perf_counter()
        return request(), time.perf_counter() - started

    return [save, send]


def test_a_page_that_reads_answers_during_a_save_without_waiting_for_it(
    shared_database, world, official
):
    client = _client(official)
    # One second of patience: a page queueing for the write lock would fail here.
    jobs = _during_a_save(world, lambda: client.get("/sinh-hoat/?thang=2026-11"))

    saved, (response, seconds) = at_once(impatient(shared_database, 1), jobs)

    assert saved is None
    assert response.status_code == 200
    assert seconds < SAVE_SECONDS


def test_a_download_that_records_itself_waits_for_a_save_and_is_recorded(
    shared_database, world, official
):
    client = _client(official)
    jobs = _during_a_save(world, lambda: client.get(f"/binh-xet/to/{world.a.group.pk}/2026/excel/"))

    saved, (response, _seconds) = at_once(shared_database, jobs)

    assert saved is None
    assert response.status_code == 200
    assert ExportLog.objects.filter(user=official).count() == 1
    assert MonthlyProgramme.objects.filter(commune=world.a.commune).count() == 1


class SlowPasswordCheck(MD5PasswordHasher):
    """A password check that lasts until the test lets it finish, as a real one lasts a
    second of deliberate hashing."""

    checking = threading.Event()
    may_finish = threading.Event()

    def verify(self, password: str, encoded: str) -> bool:
        self.checking.set()
        self.may_finish.wait(timeout=30)
        return super().verify(password, encoded)


def test_a_save_does_not_wait_for_a_login_checking_its_password(
    shared_database, settings, world, group_a_leader
):
    settings.PASSWORD_HASHERS = [f"{__name__}.SlowPasswordCheck"]
    leader = _client(group_a_leader)
    SlowPasswordCheck.checking.clear()
    SlowPasswordCheck.may_finish.clear()

    def log_in():
        return Client().post(
            "/dang-nhap/", {"username": group_a_leader.username, "password": PASSWORD}
        )

    def save_meanwhile():
        assert SlowPasswordCheck.checking.wait(timeout=30)
        try:
            return leader.post(
                f"/sinh-hoat/to/{world.a.group.pk}/2026/11/",
                meeting_data(households_represented="2"),
            )
        finally:
            SlowPasswordCheck.may_finish.set()

    login, save = at_once(impatient(shared_database, 2), [log_in, save_meanwhile])

    assert save.status_code == 302
    assert login.status_code == 302
