"""The one task behind every job: run its handler in the worker, and record how it ended.

Anything the handler raises ends the job as failed with a message for its owner; the
handler's own writes are in transactions of their own, so a failure leaves none of them
half-done. An unexpected error is also raised on, so that the task framework's record
(and the worker's log) keeps its traceback for the administrator.
"""

import datetime
import logging

from django.db import close_old_connections, connection, transaction
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_tasks import task, task_backends
from django_tasks_db import DatabaseBackend

from apps.jobs.daily import run_daily
from apps.jobs.models import Job
from apps.jobs.services import JobRefused, job_finish

logger = logging.getLogger(__name__)


def queue(job: Job) -> None:
    """Queue the job's task. With the database backend, in the same transaction as the job
    (committed together); with a broker, once the job is committed, or a fast worker
    would look for a job that is not there yet."""

    def enqueue() -> None:
        result = run_job.enqueue(job.pk)
        Job.objects.filter(pk=job.pk).update(task_id=str(result.id))

    if isinstance(task_backends[run_job.backend], DatabaseBackend):
        enqueue()
    else:
        transaction.on_commit(enqueue)


def _reconnect_if_lost() -> None:
    """A connection the database cut during the work is replaced, so that the job can still
    be marked failed (never inside a transaction: that one is the caller's to end)."""
    if not connection.in_atomic_block:
        close_old_connections()


@task()
def run_job(job_id: int) -> str:
    job = Job.objects.filter(pk=job_id).select_related("owner").first()
    if job is None:
        return "gone"  # expired and purged before a worker took it
    with translation.override(job.params.get("language")):
        job.state = Job.State.RUNNING
        job.progress = _("Started.")
        job.save(update_fields=["state", "progress"])
        try:
            import_string(job.params["handler"])(job)
        except JobRefused as error:
            _reconnect_if_lost()
            job_finish(job, error=str(error))
            return "refused"
        except Exception:
            logger.exception("Job %s (%s) failed", job.pk, job.kind)
            _reconnect_if_lost()
            job_finish(
                job,
                error=_(
                    "The work failed and nothing was changed. Try again in a few minutes; if it "
                    "fails again, tell the system administrator (job %(id)s, %(time)s)."
                )
                % {"id": job.pk, "time": timezone.localtime().strftime("%d/%m/%Y %H:%M")},
            )
            raise
        job_finish(job)
    return "done"


@task()
def daily_job(path: str, now: str) -> str:
    """One of the day's jobs (apps.jobs.daily), for the day and time it was queued for."""
    result = run_daily(path, datetime.datetime.fromisoformat(now))
    return repr(result)[:200]
