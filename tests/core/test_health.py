"""/healthz answers without the database; /readyz only when the database, the task queue's
table and every migration are there, and says which is missing."""

import json
import os
import sys

from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django_tasks_db.models import DBTaskResult

from tests import processes


def test_liveness_answers_without_touching_the_database(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_readiness_answers_ok_on_a_migrated_database(client, db):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readiness_names_a_migration_not_applied(client, db):
    MigrationRecorder.Migration.objects.filter(app="jobs").order_by("-name").first().delete()
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert "not applied" in response.json()["reason"]
    assert "jobs." in response.json()["reason"]


def test_readiness_fails_without_the_task_queue_table(client, db):
    cascade = " CASCADE" if connection.vendor == "postgresql" else ""
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {DBTaskResult._meta.db_table}{cascade}")
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "reason": "task queue unreachable"}


def test_probes_are_not_sent_to_https(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 200
    assert client.get("/dang-nhap/").status_code == 301


def test_with_the_database_down_the_process_is_alive_but_not_ready():
    """A real process whose database cannot be reached (nothing listens on port 9)."""
    script = (
        "import django, json; django.setup()\n"
        "from django.test import Client\n"
        "client = Client()\n"
        "live, ready = client.get('/healthz'), client.get('/readyz')\n"
        "print(json.dumps([live.status_code, ready.status_code, ready.json()]))\n"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tocdp.settings",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:9/nowhere",
    }
    result = processes.run([sys.executable, "-c", script], env)
    assert result.returncode == 0, result.stderr
    live, ready, body = json.loads(result.stdout.strip().splitlines()[-1])
    assert (live, ready) == (200, 503)
    assert body == {"status": "unavailable", "reason": "database unreachable"}
