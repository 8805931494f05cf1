"""The dashboard's workbook, prepared by the task worker (apps.jobs.exports): a province's
or a district's takes longer than a request should. The work reads the period, the span and
the map from the query string the user asked with, exactly as the page reads them, as the
job's owner, so that the scope is checked again."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.replica import replica_reads
from apps.indicators import views
from apps.jobs.exports import export_attach, export_later, export_unit
from apps.jobs.models import Job
from apps.jobs.services import JobRefused, job_progress


@login_required
@require_POST
def workbook_later(request: HttpRequest, level: str, **ids: int) -> HttpResponse:
    return export_later(
        request,
        level,
        ids,
        kind="workbook",
        title=views.workbook_title,
        handler="apps.indicators.exports.workbook",
        params={"query": request.GET.urlencode()},
    )


def workbook(job: Job) -> None:
    with replica_reads():  # the job's own progress and file are written on the primary
        unit = export_unit(job)
        request = HttpRequest()
        request.method = "GET"
        request.user = job.owner
        request.GET = QueryDict(job.params["query"])
        job_progress(job, _("Computing the indicators…"))
        try:
            workbook, name = views.workbook_file(
                request, unit.level, **{f"{unit.level}_id": unit.pk}
            )
        except Http404 as error:
            raise JobRefused(_("This unit is not in your area of work.")) from error
        export_attach(job, workbook, name)
    job.progress = ""
