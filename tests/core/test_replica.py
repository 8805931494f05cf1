"""The read replica: the dashboard, its charts, the report and the exports read from it;
writes, and every other page, use the primary.

The second alias is the test database itself (tests/settings.py, TEST MIRROR), reached
through a connection of its own; each test captures the queries of both connections and
asserts which one served which. The rows are committed (transaction=True), as the
replica's connection sees only committed rows, like a real replica.
"""

import datetime
from pathlib import Path

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.core.replica import replica_reads
from apps.hierarchy.models import Group
from apps.jobs.models import Job
from apps.meetings.models import Meeting
from tests.factories import MeetingFactory, PetitionFactory
from tests.settings_process import settings_in_a_process
from tests.tasks import run_queued_tasks

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])
ROOT = Path(__file__).resolve().parents[2]
TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT")


@pytest.fixture
def replica(settings):
    settings.READ_REPLICA = "replica"


@pytest.fixture
def records(world):
    for area in (world.a, world.b):
        meeting = MeetingFactory(group=area.group, month=datetime.date(2026, 10, 1))
        PetitionFactory(
            meeting=meeting,
            raised_on=datetime.date(2026, 10, 10),
            due_on=datetime.date(2026, 10, 25),
        )
    return world


class Both:
    """The queries each database served while inside the block."""

    def __enter__(self) -> "Both":
        self.primary = CaptureQueriesContext(connections["default"]).__enter__()
        self.replica = CaptureQueriesContext(connections["replica"]).__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self.replica.__exit__(*exc)
        self.primary.__exit__(*exc)

    @staticmethod
    def statements(captured: CaptureQueriesContext) -> list[str]:
        return [q["sql"] for q in captured if not q["sql"].startswith(TRANSACTION_CONTROL)]


def _read_only_user_tables(statements: list[str]) -> bool:
    """Whether the primary served only the request's session and user."""
    return all(
        sql.startswith("SELECT") and ("django_session" in sql or "accounts_user" in sql)
        for sql in statements
    )


# The workbook's address only offers to prepare it: its job reads the replica (below).
@pytest.mark.parametrize("page", ["", "_report"])
def test_dashboard_and_report_read_from_the_replica(client, admin_user, records, replica, page):
    client.force_login(admin_user)
    address = reverse(f"indicators:district{page}", args=[records.district.pk])

    with Both() as served:
        response = client.get(address, {"nam": 2026, "thang": "2026-10"})

    assert response.status_code == 200
    replica_sql = " ".join(Both.statements(served.replica))
    assert "meetings_meeting" in replica_sql
    assert "hierarchy_placement" in replica_sql  # the area's groups, by their places
    primary = Both.statements(served.primary)
    assert primary, "the session and the user come from the primary"
    assert _read_only_user_tables(primary), primary


def test_a_chart_reads_from_the_replica(client, admin_user, records, replica):
    client.force_login(admin_user)
    address = reverse("indicators:district_chart", args=[records.district.pk, "meetings"])

    with Both() as served:
        response = client.get(address)

    assert response.status_code == 200
    assert "meetings_meeting" in " ".join(Both.statements(served.replica))
    assert _read_only_user_tables(Both.statements(served.primary))


def test_a_page_that_saves_reads_and_writes_the_primary_only(client, admin_user, records, replica):
    client.force_login(admin_user)

    with Both() as served:
        response = client.get(reverse("meetings:status"))

    assert response.status_code == 200
    assert Both.statements(served.replica) == []
    assert "meetings_meeting" in " ".join(Both.statements(served.primary))


def test_the_petition_export_reads_from_the_replica_and_records_the_download_on_the_primary(
    client, admin_user, records, replica
):
    client.force_login(admin_user)

    with Both() as served:
        response = client.get(reverse("petitions:export"))

    assert response.status_code == 200
    assert "petitions_petition" in " ".join(Both.statements(served.replica))
    writes = [sql for sql in Both.statements(served.primary) if sql.startswith("INSERT")]
    assert any("exportlog" in sql for sql in writes), writes
    assert not any(sql.startswith("INSERT") for sql in Both.statements(served.replica))


def test_the_workbook_job_reads_from_the_replica_and_ends_on_the_primary(
    client, admin_user, records, replica, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path  # the job's file
    client.force_login(admin_user)
    later = reverse("indicators:district_workbook_later", args=[records.district.pk])
    client.post(f"{later}?nam=2026")

    with Both() as served:
        assert run_queued_tasks() == 1

    job = Job.objects.get()
    assert job.state == Job.State.DONE, job.error
    assert job.file_name == f"chi-tieu-{records.district.code}-2026.xlsx"
    assert "meetings_meeting" in " ".join(Both.statements(served.replica))
    primary = " ".join(Both.statements(served.primary))
    assert 'UPDATE "jobs_job"' in primary
    assert "meetings_meeting" not in primary


def test_inside_replica_reads_writes_still_go_to_the_primary(records, replica):
    with Both() as served, replica_reads():
        group = Group.objects.get(pk=records.a.group.pk)
        group.name = "Tổ Bình Thạnh mới"
        group.save(update_fields=["name"])
        Meeting.objects.filter(group=group).update(attendees=30)

    replica_sql = Both.statements(served.replica)
    primary_sql = Both.statements(served.primary)
    assert replica_sql
    assert all(sql.startswith("SELECT") for sql in replica_sql), replica_sql
    updates = [sql.split()[1] for sql in primary_sql if sql.startswith("UPDATE")]
    assert updates == ['"hierarchy_group"', '"meetings_meeting"']
    assert group._state.db == "default"
    assert Group.objects.get(pk=group.pk).name == "Tổ Bình Thạnh mới"


def test_without_a_replica_the_dashboard_reads_the_primary(client, admin_user, records, settings):
    settings.READ_REPLICA = ""
    client.force_login(admin_user)

    with Both() as served:
        response = client.get(reverse("indicators:district", args=[records.district.pk]))

    assert response.status_code == 200
    assert Both.statements(served.replica) == []
    assert "meetings_meeting" in " ".join(Both.statements(served.primary))


def _settings_in_a_process(**env: str) -> dict:
    names = {
        "aliases": "list(s.DATABASES)",
        "read_replica": "s.READ_REPLICA",
        "replica": "s.DATABASES.get('replica')",
        "routers": "s.DATABASE_ROUTERS",
    }
    return settings_in_a_process(names, drop=("DATABASE",), **env)


@pytest.mark.django_db(databases=[])
def test_database_replica_url_adds_the_replica_alias():
    found = _settings_in_a_process(
        DATABASE_URL="postgres://writer@10.0.0.1:5432/tocdp",
        DATABASE_REPLICA_URL="postgres://reader:secret@10.0.0.2:5433/tocdp",
    )

    assert found["aliases"] == ["default", "replica"]
    assert found["read_replica"] == "replica"
    replica = found["replica"]
    assert (replica["HOST"], replica["PORT"], replica["USER"]) == ("10.0.0.2", 5433, "reader")
    assert replica["TEST"]["MIRROR"] == "default"
    assert replica["OPTIONS"] == {"options": "-c jit=off -c random_page_cost=1.1"}
    assert replica.get("ATOMIC_REQUESTS", False) is False
    assert found["routers"] == ["apps.core.replica.PrimaryReplicaRouter"]


@pytest.mark.django_db(databases=[])
def test_without_database_replica_url_there_is_one_database():
    found = _settings_in_a_process()

    assert found["aliases"] == ["default"]
    assert found["read_replica"] == ""
