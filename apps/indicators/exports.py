"""The dashboard's workbook prepared by the task worker: a province's or a district's
takes longer than a request should. The work is the workbook view itself, run for the
job's owner with the query string they asked with, so that the period, the span and the
map are read exactly as the page reads them, and the scope is checked again."""

import re

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.accounts import access
from apps.hierarchy.models import UNIT_MODELS
from apps.indicators import views
from apps.jobs.models import Job
from apps.jobs.services import JobRefused, job_attach, job_progress, job_start

FILE_NAME = re.compile(r'filename="([^"]+)"')


@login_required
@require_POST
def workbook_later(request: HttpRequest, level: str, **ids: int) -> HttpResponse:
    unit = access.get_readable_or_404(request.user, UNIT_MODELS[level], pk=ids[f"{level}_id"])
    job = job_start(
        owner=request.user,
        kind="workbook",
        title=_("Indicators of %(unit)s (.xlsx)") % {"unit": unit},
        handler="apps.indicators.exports.workbook",
        params={"unit": {"level": level, "id": unit.pk}, "query": request.GET.urlencode()},
    )
    return redirect("jobs:status", job.pk)


def workbook(job: Job) -> None:
    unit = job.params["unit"]
    request = HttpRequest()
    request.method = "GET"
    request.user = job.owner
    request.GET = QueryDict(job.params["query"])
    job_progress(job, _("Computing the indicators…"))
    try:
        response = views.workbook(request, unit["level"], **{f"{unit['level']}_id": unit["id"]})
    except Http404 as error:
        raise JobRefused(_("This unit is not in your area of work.")) from error
    name = FILE_NAME.search(response["Content-Disposition"]).group(1)
    job_attach(job, response.content, name)
    job.progress = ""
