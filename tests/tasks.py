"""Running the queued background tasks in the test's own process and transaction, with the
worker's own code (django-tasks-db's Worker.run_task); and following a job's page to
where it leads. The end-to-end test (tests/jobs/test_worker_command.py) runs the worker
command itself in another process."""

import html
import re

from django.http import HttpResponse
from django.test import Client
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

JOB_PAGE = re.compile(r"/viec/(\d+)/")
DOWNLOAD_LINK = re.compile(r'href="(/viec/\d+/tai-ve/)"')
PREPARE_FORM = re.compile(r'<form method="post" action="([^"]+)" id="prepare"')


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


def download(client: Client, url: str) -> HttpResponse:
    """Ask for the file at `url` (a workbook, a roster) as a user does: its page offers to
    prepare it, the form queues the job, the worker runs it, and the job's page offers the
    file, which is downloaded. A refusal (the page, or the queueing, not found) is
    returned as it came; a failed job fails the test with its error. The file comes back
    as a plain response (`.content`, its headers)."""
    page = client.get(url)
    if page.status_code != 200:
        return page
    action = PREPARE_FORM.search(page.content.decode())
    assert action, page.content.decode()[:2000]
    queued = client.post(html.unescape(action.group(1)))
    if queued.status_code != 302:
        return queued
    done = finish_job(client, queued).content.decode()
    link = DOWNLOAD_LINK.search(done)
    assert link, re.sub(r"\s+", " ", done)[-2000:]
    response = client.get(link.group(1))
    assert response.status_code == 200
    return HttpResponse(
        b"".join(response.streaming_content),
        status=response.status_code,
        headers={name: value for name, value in response.items() if name != "Content-Length"},
    )
