"""The roster import's two long steps as jobs for the task worker: checking an upload
(its preview) and importing it. Each leads back to the preview page when done; a refusal
is the job's error, and nothing is written (apply_roster writes all or nothing)."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from apps.core.numbers import format_number
from apps.core.replica import replica_reads
from apps.imports import services
from apps.imports.roster_export import roster_people, roster_workbook
from apps.jobs.exports import export_attach, export_unit
from apps.jobs.models import Job
from apps.jobs.services import JobRefused, job_progress


def check(job: Job) -> None:
    params = job.params
    job_progress(job, _("Reading and checking the lines…"))
    try:
        pending = services.roster_check(
            user=job.owner,
            held=params["held_file"],
            file_name=params["file_name"],
            as_of=datetime.date.fromisoformat(params["as_of"]) if params["as_of"] else None,
        )
    except services.ImportRefused as error:
        raise JobRefused(str(error) + " " + _("Nothing was imported.")) from error
    counts = pending.target["counts"]
    job.progress = _("%(lines)s lines checked.") % {"lines": format_number(counts["lines"])}
    job.result = {"next": reverse("imports:preview", args=[pending.pk])}


def commit(job: Job) -> None:
    pending_id = job.params["pending"]
    job.result = {"back": reverse("imports:preview", args=[pending_id])}
    job_progress(job, _("Checking the lines again, then writing them…"))
    try:
        done = services.roster_confirm(
            user=job.owner, pending_id=pending_id, end_missing=job.params["end_missing"]
        )
    except services.ImportRefused as error:
        raise JobRefused(str(error)) from error
    if not done.imported:
        raise JobRefused(
            _(
                "Nothing was imported: the data or your area of work changed since the "
                "preview, and the lines below no longer fit. Correct the file and upload it again."
            )
        )
    job.progress = _(
        "Roster imported: %(new)s new, %(update)s updated and %(skip)s unchanged lines."
    ) % {key: format_number(done.counts[key]) for key in ("new", "update", "skip")}
    if done.ended:
        job.progress += " " + _(
            "%(people)s people and %(households)s households missing from the file were ended."
        ) % {
            "people": format_number(done.counts["people_to_end"]),
            "households": format_number(done.counts["households_to_end"]),
        }
    job.result = {"next": reverse("imports:preview", args=[pending_id])}


def export(job: Job) -> None:
    """A unit's roster file, made for the job's owner from what they may read. Each
    download of it is recorded (apps.jobs.views.download)."""
    with replica_reads():  # the job's own progress and file are written on the primary
        unit = export_unit(job)
        people = roster_people(job.owner, unit)
        job_progress(job, _("Writing the roster…"))
        workbook = roster_workbook(people)
        rows = people.filter(left_on__isnull=True, household__left_on__isnull=True).count()
        export_attach(job, workbook, f"danh-sach-{unit.code}.xlsx")
    job.progress = _("%(rows)s lines.") % {"rows": format_number(rows)}
    job.result = {"record": {"what": _("Roster of %(unit)s") % {"unit": unit}, "rows": rows}}
