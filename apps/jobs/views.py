"""A job's page (its progress, then its result or its error), the small status answer the
page polls, and the download of the file it made. Only the job's owner reaches any of
them; the download also checks, at download time, that the unit is still in their scope."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from apps.accounts import access
from apps.accounts.services import export_record
from apps.hierarchy.models import UNIT_MODELS
from apps.jobs.models import Job
from apps.jobs.services import job_for_owner


def _download_url(job: Job) -> str | None:
    return reverse("jobs:download", args=[job.pk]) if job.file else None


@login_required
def status(request: HttpRequest, job_id: int) -> HttpResponse:
    """While the job runs, its progress (the page polls, or reloads without JavaScript);
    once done, the page its work leads to, or its result or error here."""
    job = job_for_owner(request.user, job_id)
    if job.state == Job.State.DONE and job.result.get("next"):
        if job.progress:
            messages.success(request, job.progress)  # what the work did, on the next page
        return redirect(job.result["next"])
    return render(request, "jobs/status.html", {"job": job, "download": _download_url(job)})


@login_required
def status_json(request: HttpRequest, job_id: int) -> JsonResponse:
    job = job_for_owner(request.user, job_id)
    return JsonResponse(
        {
            "state": job.state,
            "finished": job.finished,
            "progress": job.progress,
            "error": job.error,
            "download": _download_url(job),
        }
    )


@login_required
def download(request: HttpRequest, job_id: int) -> FileResponse:
    """The job's file, for its owner, while it has not expired and the unit it was made
    for is still theirs to read; every download is recorded when its rows are personal."""
    job = job_for_owner(request.user, job_id)
    if not job.file or job.state != Job.State.DONE:
        raise Http404
    unit = job.params.get("unit")
    if unit:
        access.get_readable_or_404(request.user, UNIT_MODELS[unit["level"]], pk=unit["id"])
    record = job.result.get("record")
    if record:
        export_record(user=request.user, what=record["what"], rows=record["rows"])
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.file_name)
