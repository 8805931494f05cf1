"""Files made for a user by the task worker (the indicators' workbook, a unit's roster): one
path for all of them, however small the unit, so that every file is prepared, offered and
refused the same way.

The file's own address answers a page that offers to prepare it (a GET writes nothing:
links may be followed by anyone's browser); its form queues the job (`export_later`); the
job's handler writes the file (`export_attach`); the job's page shows its progress, then
offers the file or says why it failed. The unit is checked against the owner's scope when
the job is queued, again by the handler (`export_unit`), and again at every download
(apps.jobs.views.download)."""

from collections.abc import Callable
from typing import Any

from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from openpyxl import Workbook

from apps.accounts import access
from apps.accounts.models import User
from apps.core.xlsx import as_bytes
from apps.hierarchy.models import UNIT_MODELS
from apps.jobs.models import Job
from apps.jobs.services import JobRefused, job_attach, job_start


def export_page(request: HttpRequest, *, title: str, action: str) -> HttpResponse:
    """The page at a file's address: what the file is, and the button that has it prepared
    (`action`, the address its form posts to)."""
    return render(request, "jobs/prepare.html", {"title": title, "action": action})


def export_start(
    *,
    owner: User,
    unit: Model,
    kind: str,
    title: str,
    handler: str,
    params: dict[str, Any] | None = None,
) -> Job:
    """Queue the making of a file about `unit`, which the caller has checked is readable by
    `owner`; the unit is kept with the job so that every download checks it again."""
    return job_start(
        owner=owner,
        kind=kind,
        title=title,
        handler=handler,
        params={**(params or {}), "unit": {"level": unit.level, "id": unit.pk}},
    )


def export_later(
    request: HttpRequest,
    level: str,
    ids: dict[str, int],
    *,
    kind: str,
    title: Callable[[Model], str],
    handler: str,
    params: dict[str, Any] | None = None,
) -> HttpResponse:
    """The form of a file's page: queue the file about the unit the address names (404
    outside the user's scope), titled `title(unit)`, and send the user to the job's page."""
    unit = access.get_readable_or_404(request.user, UNIT_MODELS[level], pk=ids[f"{level}_id"])
    job = export_start(
        owner=request.user,
        unit=unit,
        kind=kind,
        title=title(unit),
        handler=handler,
        params=params,
    )
    return redirect("jobs:status", job.pk)


def export_unit(job: Job) -> Model:
    """The job's unit, if its owner may still read it; otherwise the job is refused."""
    unit = job.params["unit"]
    try:
        return access.get_readable_or_404(job.owner, UNIT_MODELS[unit["level"]], pk=unit["id"])
    except Http404 as error:
        raise JobRefused(_("This unit is not in your area of work.")) from error


def export_attach(job: Job, workbook: Workbook, file_name: str) -> None:
    """Keep the workbook as the job's file, for its owner to download."""
    job_attach(job, as_bytes(workbook), file_name)
