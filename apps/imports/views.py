"""Roster pages: the import (upload, preview, confirm), the empty template, and any unit's
roster in the user's scope. The steps' rules are in apps.imports.services."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from apps.accounts import access
from apps.accounts.services import export_record
from apps.core.http import posted
from apps.core.numbers import format_number
from apps.core.xlsx import xlsx_response
from apps.hierarchy.models import UNIT_MODELS, Commune
from apps.imports import services
from apps.imports.forms import UploadForm
from apps.imports.roster_export import roster_template, roster_workbook
from apps.people.models import Person

PAGE_SIZE = 50
# The people to end shown in the preview; the count says how many there are in all.
TO_END_SHOWN = 200

# From a person to their unit at each level.
PERSON_TO = {
    "district": "household__group__hamlet__commune__district",
    "commune": "household__group__hamlet__commune",
    "hamlet": "household__group__hamlet",
    "group": "household__group",
}


def _importer(request: HttpRequest) -> None:
    if not services.may_import_rosters(request.user):
        raise PermissionDenied


def _pending_or_404(request: HttpRequest, pending_id: int, *, lines: bool = True):
    """The user's own held upload; anyone else's, like an expired one, is not found."""
    _importer(request)
    pending = services.pending_roster(request.user, pending_id, lines=lines)
    if pending is None:
        raise Http404
    return pending


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    """Upload a roster; it is checked and shown before anything is imported."""
    _importer(request)
    form = UploadForm(posted(request), request.FILES if request.method == "POST" else None)
    problem = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            pending = services.roster_preview(
                # One byte more than allowed is enough for the check to refuse a huge file.
                user=request.user,
                data=upload.read(settings.IMPORT_MAX_BYTES + 1),
                file_name=upload.name,
                as_of=form.cleaned_data["as_of"],
            )
        except services.ImportRefused as error:
            problem = str(error)
        else:
            return redirect("imports:preview", pending.pk)
    communes = list(access.readable(request.user, Commune).order_by("code")[:31])
    return render(
        request,
        "imports/upload.html",
        {"form": form, "problem": problem, "communes": communes},
    )


@login_required
def preview(request: HttpRequest, pending_id: int) -> HttpResponse:
    """The held upload's counts, and its errors or changes a page at a time."""
    pending = _pending_or_404(request, pending_id)
    errors, changes = pending.rows["errors"], pending.rows["changes"]
    page = Paginator(errors or changes, PAGE_SIZE).get_page(request.GET.get("page"))
    counts = pending.target["counts"]
    as_of = datetime.date.fromisoformat(counts["as_of"]) if "as_of" in counts else None
    return render(
        request,
        "imports/preview.html",
        {
            "pending": pending,
            "counts": counts,
            "as_of": as_of,
            # Those left out of the file are ended on the day before the roster's day.
            "last_day": as_of - datetime.timedelta(days=1) if as_of else None,
            "as_of_chosen": services.held_as_of(pending) is not None,
            "to_end": pending.rows.get("to_end", [])[:TO_END_SHOWN],
            "ended": pending.target.get("ended", False),
            "can_confirm": bool(pending.target["held_file"]),
            "imported": pending.target.get("imported", False),
            "page": page,
            "showing_errors": bool(errors),
        },
    )


# The service runs the import in its own transaction: a database that fails during it
# (even a cut connection) is then rolled back and reconnected, and the page can say so.
@transaction.non_atomic_requests
@login_required
@require_POST
def confirm(request: HttpRequest, pending_id: int) -> HttpResponse:
    _pending_or_404(request, pending_id, lines=False)
    if "cancel" in request.POST:
        services.roster_discard(user=request.user, pending_id=pending_id)
        messages.info(request, _("The upload was discarded; nothing changed."))
        return redirect("imports:upload")
    try:
        done = services.roster_confirm(
            user=request.user, pending_id=pending_id, end_missing="end_missing" in request.POST
        )
    except services.ImportRefused as error:
        messages.error(request, str(error))
        if services.pending_roster(request.user, pending_id, lines=False) is None:
            return redirect("imports:upload")  # discarded meanwhile, in another tab
        return redirect("imports:preview", pending_id)
    if not done.imported:
        messages.error(
            request,
            _(
                "Nothing was imported: the data or your area of work changed since the "
                "preview, and the lines below no longer fit. Correct the file and upload it again."
            ),
        )
        return redirect("imports:preview", done.pending.pk)
    messages.success(
        request,
        _("Roster imported: %(new)s new, %(update)s updated and %(skip)s unchanged lines.")
        % {key: format_number(done.counts[key]) for key in ("new", "update", "skip")},
    )
    if done.ended:
        messages.success(
            request,
            _("%(people)s people and %(households)s households missing from the file were ended.")
            % {
                "people": format_number(done.counts["people_to_end"]),
                "households": format_number(done.counts["households_to_end"]),
            },
        )
    return redirect("imports:preview", pending_id)


@login_required
def template(request: HttpRequest) -> HttpResponse:
    return xlsx_response(roster_template(), "mau-danh-sach-to.xlsx")


@login_required
def export(request: HttpRequest, level: str, **ids: int) -> HttpResponse:
    """The roster of a unit the user may read, in the import format; every download is
    recorded, since the lines carry names, phones and party membership."""
    unit = access.get_readable_or_404(request.user, UNIT_MODELS[level], pk=ids[f"{level}_id"])
    people = access.readable(request.user, Person).filter(**{PERSON_TO[level]: unit})
    workbook = roster_workbook(people)
    export_record(
        user=request.user,
        what=_("Roster of %(unit)s") % {"unit": unit},
        rows=people.count(),
    )
    return xlsx_response(workbook, f"danh-sach-{unit.code}.xlsx")
