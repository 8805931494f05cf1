"""Roster pages: the import (upload, preview, confirm), the empty template, and any unit's
roster in the user's scope. The steps' rules are in apps.imports.services."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from apps.accounts import access
from apps.core.http import posted
from apps.core.xlsx import xlsx_response
from apps.hierarchy.models import UNIT_MODELS, Commune
from apps.imports import services
from apps.imports.forms import UploadForm
from apps.imports.models import PendingLine
from apps.imports.roster_export import roster_template
from apps.jobs import exports

PAGE_SIZE = 50
# The people to end shown in the preview; the count says how many there are in all.
TO_END_SHOWN = 200


def _importer(request: HttpRequest) -> None:
    if not services.may_import_rosters(request.user):
        raise PermissionDenied


def _pending_or_404(request: HttpRequest, pending_id: int):
    """The user's own held upload; anyone else's, like an expired one, is not found."""
    _importer(request)
    pending = services.pending_roster(request.user, pending_id)
    if pending is None:
        raise Http404
    return pending


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    """Upload a roster; the worker checks it, and it is shown before anything is imported."""
    _importer(request)
    form = UploadForm(posted(request), request.FILES if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = services.roster_hold(
            user=request.user,
            # One byte more than allowed is enough for the check to refuse a huge file.
            data=upload.read(settings.IMPORT_MAX_BYTES + 1),
            file_name=upload.name,
            as_of=form.cleaned_data["as_of"],
        )
        return redirect("jobs:status", job.pk)
    communes = list(access.readable(request.user, Commune).order_by("code")[:31])
    return render(request, "imports/upload.html", {"form": form, "communes": communes})


@login_required
def preview(request: HttpRequest, pending_id: int) -> HttpResponse:
    """The held upload's summary (counts, and by hamlet), then its errors or its changes a
    page at a time, and the first of those missing from the file."""
    pending = _pending_or_404(request, pending_id)
    counts = pending.target["counts"]
    showing_errors = bool(counts["errors"])
    lines = pending.lines.order_by("position")
    shown = (
        lines.filter(kind=PendingLine.Kind.ERROR)
        if showing_errors
        else lines.filter(kind__in=[PendingLine.Kind.NEW, PendingLine.Kind.UPDATE])
    )
    paginator = Paginator(shown, PAGE_SIZE)
    # Counted when the file was checked: no need to count the rows again.
    paginator.count = counts["errors"] if showing_errors else counts["new"] + counts["update"]
    page = paginator.get_page(request.GET.get("page"))
    as_of = datetime.date.fromisoformat(counts["as_of"]) if "as_of" in counts else None
    return render(
        request,
        "imports/preview.html",
        {
            "pending": pending,
            "counts": counts,
            "units": pending.target.get("units", []),
            "as_of": as_of,
            # Those left out of the file are ended on the day before the roster's day.
            "last_day": as_of - datetime.timedelta(days=1) if as_of else None,
            "as_of_chosen": services.held_as_of(pending) is not None,
            "to_end": list(lines.filter(kind=PendingLine.Kind.TO_END)[:TO_END_SHOWN])
            if counts["people_to_end"] and not showing_errors
            else [],
            "ended": pending.target.get("ended", False),
            "can_confirm": bool(pending.target["held_file"]),
            "imported": pending.target.get("imported", False),
            "page": page,
            "showing_errors": showing_errors,
        },
    )


@login_required
@require_POST
def confirm(request: HttpRequest, pending_id: int) -> HttpResponse:
    """Discard the upload, or queue its import and follow it on the job's page."""
    pending = _pending_or_404(request, pending_id)
    if "cancel" in request.POST:
        services.roster_discard(user=request.user, pending_id=pending_id)
        messages.info(request, _("The upload was discarded; nothing changed."))
        return redirect("imports:upload")
    job = services.roster_confirm_later(
        user=request.user, pending=pending, end_missing="end_missing" in request.POST
    )
    return redirect("jobs:status", job.pk)


@login_required
def template(request: HttpRequest) -> HttpResponse:
    return xlsx_response(roster_template(), "mau-danh-sach-to.xlsx")


def _roster_title(unit) -> str:
    return _("Roster of %(unit)s") % {"unit": unit}


@login_required
def export(request: HttpRequest, level: str, **ids: int) -> HttpResponse:
    """The roster of a unit the user may read, in the import format: a page that has it
    prepared by the worker (apps.jobs.exports), since a district's takes minutes."""
    unit = access.get_readable_or_404(request.user, UNIT_MODELS[level], pk=ids[f"{level}_id"])
    action = reverse(f"imports:{level}_export_later", args=[unit.pk])
    return exports.export_page(request, title=_roster_title(unit), action=action)


@login_required
@require_POST
def export_later(request: HttpRequest, level: str, **ids: int) -> HttpResponse:
    """Queue the preparation of a unit's roster file; the job's page offers it when ready."""
    return exports.export_later(
        request,
        level,
        ids,
        kind="roster_export",
        title=_roster_title,
        handler="apps.imports.roster_jobs.export",
    )
