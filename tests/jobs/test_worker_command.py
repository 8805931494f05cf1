"""End to end: the scheduler and the worker are the real commands, run in processes of
their own against the test database, as a server runs them. On SQLite the test moves
onto a file the other processes can open (tests/concurrency.py); on PostgreSQL the
test commits (a transactional test), so they see its rows."""

import os
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from apps.accounts.models import Scope
from apps.jobs.models import Job
from apps.jobs.services import job_start
from tests import processes
from tests.concurrency import database_file
from tests.conftest import make_user
from tests.factories import HouseholdFactory, PersonFactory

MANAGE = Path(settings.BASE_DIR) / "manage.py"


def _database_url(settings_dict: dict) -> str:
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings_dict['NAME']}"
    host, port = settings_dict["HOST"] or "127.0.0.1", settings_dict["PORT"] or 5432
    password = f":{settings_dict['PASSWORD']}" if settings_dict["PASSWORD"] else ""
    return f"postgres://{settings_dict['USER']}{password}@{host}:{port}/{settings_dict['NAME']}"


def _manage(settings_dict: dict, media: Path, *command: str) -> str:
    environment = {
        **os.environ,
        "DATABASE_URL": _database_url(settings_dict),
        "MEDIA_ROOT": str(media),
    }
    done = processes.run([sys.executable, str(MANAGE), *command], environment, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


@pytest.mark.django_db(transaction=True)
def test_the_worker_command_runs_a_queued_export_and_the_days_jobs(world, tmp_path, settings):
    settings.MEDIA_ROOT = media = tmp_path / "media"
    with database_file(tmp_path) as settings_dict:
        owner = make_user(Scope.Role.ADMIN, world.district)
        household = HouseholdFactory(group=world.a.group)
        PersonFactory(household=household, full_name="Lê Văn Tám", is_household_head=True)
        job = job_start(
            owner=owner,
            kind="roster_export",
            title="Danh sách",
            handler="apps.imports.roster_jobs.export",
            params={"unit": {"level": "district", "id": world.district.pk}},
        )
        scheduled = _manage(settings_dict, media, "run_daily_jobs")
        assert "queued expired files" in scheduled
        ran = _manage(
            settings_dict, media, "db_worker", "--batch", "--no-reload", "--no-startup-delay"
        )
        job.refresh_from_db()
        assert job.state == Job.State.DONE, (job.error, ran)
        assert job.file_name == f"danh-sach-{world.district.code}.xlsx"
        assert (media / job.file.name).exists()
        assert job.result["record"]["rows"] == 1
        results = DBTaskResult.objects.all()
        assert results.count() >= 3  # the export and at least two daily jobs
        assert {r.status for r in results} == {TaskResultStatus.SUCCESSFUL}
        assert {r.worker_ids[0] for r in results} != {"tests"}  # run by the command's worker
