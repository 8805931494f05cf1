"""Starting a job, reporting its progress, and ending it.

A job's work is a function `handler(job)` named by its dotted path (so the worker finds
it), living in the app the work belongs to. It reports its progress with `job_progress`,
leaves what the pages need in `job.result` (and a file with `job_attach`), and refuses
with JobRefused and a message for the user. `run_job` (apps.jobs.tasks) marks the job
done, or failed with the error, whatever the handler did.
"""

import datetime
import logging
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.http import Http404
from django.utils import timezone, translation

from apps.accounts.models import User
from apps.jobs.models import Job

logger = logging.getLogger(__name__)


class JobRefused(Exception):
    """The work cannot be done; `str(error)` is the message for the user. The handler has
    written nothing (or rolled it back) before raising it."""


def job_start(
    *, owner: User, kind: str, title: str, handler: str, params: dict[str, Any] | None = None
) -> Job:
    """Record the job and queue its work; the page then follows it on the job's own page."""
    from apps.jobs.tasks import queue

    now = timezone.now()
    job = Job.objects.create(
        owner=owner,
        kind=kind,
        title=title[:255],
        # The worker answers in the language the user asked in.
        params={**(params or {}), "handler": handler, "language": translation.get_language()},
        created_at=now,
        expires_at=now + Job.LIFETIME,
    )
    queue(job)
    return job


def job_for_owner(user: User, job_id: int) -> Job:
    """The user's own job; anyone else's, or an expired one, is not found (404)."""
    job = Job.objects.filter(pk=job_id, owner=user, expires_at__gte=timezone.now()).first()
    if job is None:
        raise Http404
    return job


def job_progress(job: Job, message: str) -> None:
    """Say how far the work got; the job's page shows it while it runs."""
    job.progress = message[:255]
    Job.objects.filter(pk=job.pk).update(progress=job.progress)


def job_attach(job: Job, data: bytes, file_name: str) -> None:
    """Keep the file the work made for its owner (until the job expires)."""
    job.file_name = file_name
    job.file.save(file_name, ContentFile(data), save=False)
    Job.objects.filter(pk=job.pk).update(file=job.file.name, file_name=file_name)


def job_finish(job: Job, *, error: str = "") -> None:
    job.state = Job.State.FAILED if error else Job.State.DONE
    job.error = error
    job.finished_at = timezone.now()
    job.save(update_fields=["state", "error", "finished_at", "result", "progress"])


def purge_expired(now: datetime.datetime | None = None) -> int:
    """Remove expired jobs and their files; returns how many."""
    removed = 0
    for job in Job.objects.expired(now).iterator():
        with transaction.atomic():
            if job.file:
                job.file.delete(save=False)
            job.delete()
        removed += 1
    return removed


# Finished tasks' records (the worker's own log of each run) are kept this long.
TASK_RESULTS_KEPT = datetime.timedelta(days=14)


def prune_task_results(now: datetime.datetime | None = None) -> int:
    """Remove the task framework's records of tasks finished long ago; returns how many."""
    from django_tasks_db.models import DBTaskResult

    before = (now or timezone.now()) - TASK_RESULTS_KEPT
    deleted, _ = DBTaskResult.objects.finished().filter(finished_at__lt=before).delete()
    return deleted
