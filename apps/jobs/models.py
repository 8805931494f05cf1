"""A long piece of work a user asked for, run by the task worker instead of the request.

The task framework (django-tasks) queues and runs the work; a Job is what the user's
pages read: whose it is, how far it got, its result or its error, and the file it made.
Only its owner sees it, and its file expires.
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


def job_file_path(job: "Job", file_name: str) -> str:
    # Under a random-looking folder per job: a guessed path serves nothing anyway (files
    # are only ever sent through the download view, which checks the owner).
    return f"jobs/{job.created_at:%Y/%m}/{job.pk}-{file_name}"


class JobQuerySet(models.QuerySet):
    def expired(self, now: datetime.datetime | None = None) -> "JobQuerySet":
        return self.filter(expires_at__lt=now or timezone.now())


class Job(models.Model):
    # A file made for a user is kept this long, then removed with its job.
    LIFETIME = datetime.timedelta(days=1)

    class State(models.TextChoices):
        QUEUED = "queued", _("waiting")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", pgettext_lazy("job state", "failed")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("owner"),
    )
    kind = models.CharField(_("kind"), max_length=40)
    title = models.CharField(_("name"), max_length=255)
    # What the work needs (ids, the query string…), as JSON the worker reads back.
    params = models.JSONField(_("parameters"), default=dict)
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.QUEUED)
    progress = models.CharField(_("progress"), max_length=255, blank=True)
    # What the pages need once it is done: counts, the page to go on to…
    result = models.JSONField(_("result"), default=dict)
    error = models.TextField(_("error"), blank=True)
    file = models.FileField(_("file"), upload_to=job_file_path, blank=True)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    task_id = models.CharField(_("task id"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"))

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        indexes = [models.Index(fields=["expires_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)
