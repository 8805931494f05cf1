"""Running the queued background tasks in the test's own process and transaction, with the
worker's own code (django-tasks-db's Worker.run_task); and following a job's page to
where it leads. The end-to-end test (tests/jobs/test_worker_command.py) runs the worker
command itself in another process."""

import re

from django.test import Client
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

JOB_PAGE = re.compile(r"/viec/(\d+)/")


def run_queued_tasks() -> int:
    """Run every task that is ready, as a worker would; how many ran."""
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="tests",
        excluded_queue_names=[],
    )
    ran = 0
    while (result := DBTaskResult.objects.ready().order_by("enqueued_at").first()) is not None:
        result.claim(worker.worker_id)
        worker.run_task(result)
        ran += 1
    return ran


def finish_job(client: Client, response):
    """`response` sends the user to a job's page: run the job, then open its page again,
    which shows the result or the error (200) or leads on to the next page (302)."""
    assert response.status_code == 302, response.content.decode()[:2000]
    assert JOB_PAGE.fullmatch(response.url), response.url
    assert run_queued_tasks() >= 1
    return client.get(response.url)
