"""Meetings import pages: upload, preview, confirm, and the empty template. The steps'
rules are in apps.imports.meetings_services."""

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
from apps.core.http import posted
from apps.core.numbers import format_number
from apps.core.xlsx import xlsx_response
from apps.hierarchy.models import Commune
from apps.imports import meetings_services as services
from apps.imports.meetings_format import meetings_template
from apps.imports.meetings_forms import MeetingsUploadForm
from apps.imports.services import ImportRefused

PAGE_SIZE = 50


def _importer(request: HttpRequest) -> None:
    if not services.may_import_meetings(request.user):
        raise PermissionDenied


def _pending_or_404(request: HttpRequest, pending_id: int, *, lines: bool = True):
    """The user's own held upload; anyone else's, like an expired one, is not found."""
    _importer(request)
    pending = services.pending_meetings(request.user, pending_id, lines=lines)
    if pending is None:
        raise Http404
    return pending


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    """Upload past meetings; they are checked and shown before anything is imported."""
    _importer(request)
    form = MeetingsUploadForm(posted(request), request.FILES if request.method == "POST" else None)
    problem = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            pending = services.meetings_preview(
                user=request.user,
                data=upload.read(settings.IMPORT_MAX_BYTES + 1),
                file_name=upload.name,
            )
        except ImportRefused as error:
            problem = str(error)
        else:
            return redirect("meeting_import:preview", pending.pk)
    communes = list(access.readable(request.user, Commune).order_by("code")[:31])
    return render(
        request,
        "imports/meetings_upload.html",
        {"form": form, "problem": problem, "communes": communes},
    )


@login_required
def preview(request: HttpRequest, pending_id: int) -> HttpResponse:
    """The held upload's counts, and its errors or meetings a page at a time."""
    pending = _pending_or_404(request, pending_id)
    errors, meetings = pending.rows["errors"], pending.rows["meetings"]
    page = Paginator(errors or meetings, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "imports/meetings_preview.html",
        {
            "pending": pending,
            "counts": pending.target["counts"],
            "can_confirm": bool(pending.target["held_file"]),
            "imported": pending.target.get("imported", False),
            "page": page,
            "showing_errors": bool(errors),
        },
    )


# The service runs the import in its own transaction, so a failure can be reported.
@transaction.non_atomic_requests
@login_required
@require_POST
def confirm(request: HttpRequest, pending_id: int) -> HttpResponse:
    _pending_or_404(request, pending_id, lines=False)
    if "cancel" in request.POST:
        services.meetings_discard(user=request.user, pending_id=pending_id)
        messages.info(request, _("The upload was discarded; nothing changed."))
        return redirect("meeting_import:upload")
    try:
        done = services.meetings_confirm(user=request.user, pending_id=pending_id)
    except ImportRefused as error:
        messages.error(request, str(error))
        if services.pending_meetings(request.user, pending_id, lines=False) is None:
            return redirect("meeting_import:upload")
        return redirect("meeting_import:preview", pending_id)
    if not done.imported:
        messages.error(
            request,
            _(
                "Nothing was imported: meetings or your area of work changed since the "
                "preview, and the lines below no longer fit. Correct the file and upload it again."
            ),
        )
        return redirect("meeting_import:preview", pending_id)
    messages.success(
        request,
        _("%(new)s meetings imported, %(late)s of them entered late.")
        % {key: format_number(done.counts[key]) for key in ("new", "late")},
    )
    return redirect("meeting_import:preview", pending_id)


@login_required
def template(request: HttpRequest) -> HttpResponse:
    return xlsx_response(meetings_template(), "mau-sinh-hoat-to.xlsx")
