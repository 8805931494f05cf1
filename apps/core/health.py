"""Probes for a process manager or a load balancer.

`/healthz` answers whether the process serves requests at all (liveness): it touches no
database, so a database outage does not get every web process restarted. `/readyz` answers
whether this process can do its work (readiness): the database answers, the task queue's
table is there, and every migration in the code is applied (a new release whose `migrate`
has not run yet is not ready). Each says why not in a short JSON reason, and nothing more:
these addresses need no login.
"""

import logging

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)


@require_safe
@never_cache
@transaction.non_atomic_requests
def liveness(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


def unapplied_migrations(alias: str = DEFAULT_DB_ALIAS) -> list[str]:
    """The migrations of the code that the database has not applied, as "app.name"."""
    executor = MigrationExecutor(connections[alias])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


def _not_ready() -> str | None:
    """Why this process cannot serve, or None."""
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        logger.warning("Not ready: the database does not answer: %s", error)
        return "database unreachable"
    try:
        unapplied = unapplied_migrations()
    except DatabaseError as error:
        logger.warning("Not ready: the migrations cannot be read: %s", error)
        return "migrations unreadable"
    if unapplied:
        return f"{len(unapplied)} migrations not applied (first: {unapplied[0]})"
    if settings.TASKS["default"]["BACKEND"] != "django_tasks_db.DatabaseBackend":
        return None  # the queue lives with a broker, which its own worker watches
    try:
        DBTaskResult.objects.exists()
    except DatabaseError as error:
        logger.warning("Not ready: the task queue's table does not answer: %s", error)
        return "task queue unreachable"
    return None


@require_safe
@never_cache
@transaction.non_atomic_requests
def readiness(request: HttpRequest) -> JsonResponse:
    reason = _not_ready()
    if reason:
        return JsonResponse({"status": "unavailable", "reason": reason}, status=503)
    return JsonResponse({"status": "ok"})
