"""The pages of an import of past records: upload, preview, confirm, and the empty
template. Each kind's URLconf passes its `RecordsPages`; the steps' rules are in
apps.imports.records_services."""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
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
from openpyxl import Workbook

from apps.accounts import access
from apps.core.http import posted
from apps.core.numbers import format_number
from apps.core.xlsx import xlsx_response
from apps.hierarchy.models import Commune
from apps.imports.records_services import RecordsImport
from apps.imports.services import ImportRefused

PAGE_SIZE = 50


@dataclass(frozen=True)
class RecordsPages:
    importer: RecordsImport
    namespace: str  # of the URLconf, for the redirects
    form: type[forms.Form]
    template: Callable[[], Workbook]
    template_name: str  # the downloaded template's file name
    imported: str  # the message once imported, with %(new)s and %(late)s

    def url(self, name: str) -> str:
        return f"{self.namespace}:{name}"

    def page(self, name: str) -> str:
        return f"imports/{self.importer.kind}_{name}.html"


def _importer(request: HttpRequest, pages: RecordsPages) -> None:
    if not pages.importer.may_import(request.user):
        raise PermissionDenied


def _pending_or_404(request: HttpRequest, pages: RecordsPages, pending_id: int, **kwargs):
    """The user's own held upload; anyone else's, like an expired one, is not found."""
    _importer(request, pages)
    pending = pages.importer.pending(request.user, pending_id, **kwargs)
    if pending is None:
        raise Http404
    return pending


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest, pages: RecordsPages) -> HttpResponse:
    """Upload past records; they are checked and shown before anything is imported."""
    _importer(request, pages)
    form = pages.form(posted(request), request.FILES if request.method == "POST" else None)
    problem = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            pending = pages.importer.preview(
                user=request.user,
                data=upload.read(settings.IMPORT_MAX_BYTES + 1),
                file_name=upload.name,
            )
        except ImportRefused as error:
            problem = str(error)
        else:
            return redirect(pages.url("preview"), pending.pk)
    communes = list(access.readable(request.user, Commune).order_by("code")[:31])
    return render(
        request,
        pages.page("upload"),
        {"form": form, "problem": problem, "communes": communes, "pages": pages},
    )


@login_required
def preview(request: HttpRequest, pages: RecordsPages, pending_id: int) -> HttpResponse:
    """The held upload's counts, and its errors or records a page at a time."""
    pending = _pending_or_404(request, pages, pending_id)
    errors, records = pending.rows["errors"], pending.rows["records"]
    page = Paginator(errors or records, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        pages.page("preview"),
        {
            "pending": pending,
            "counts": pending.target["counts"],
            "can_confirm": bool(pending.target["held_file"]),
            "imported": pending.target.get("imported", False),
            "page": page,
            "showing_errors": bool(errors),
            "pages": pages,
        },
    )


# The service runs the import in its own transaction, so a failure can be reported.
@transaction.non_atomic_requests
@login_required
@require_POST
def confirm(request: HttpRequest, pages: RecordsPages, pending_id: int) -> HttpResponse:
    _pending_or_404(request, pages, pending_id, lines=False)
    importer = pages.importer
    if "cancel" in request.POST:
        importer.discard(user=request.user, pending_id=pending_id)
        messages.info(request, _("The upload was discarded; nothing changed."))
        return redirect(pages.url("upload"))
    try:
        done = importer.confirm(user=request.user, pending_id=pending_id)
    except ImportRefused as error:
        messages.error(request, str(error))
        if importer.pending(request.user, pending_id, lines=False) is None:
            return redirect(pages.url("upload"))
        return redirect(pages.url("preview"), pending_id)
    if not done.imported:
        messages.error(
            request,
            _(
                "Nothing was imported: records or your area of work changed since the "
                "preview, and the lines below no longer fit. Correct the file and upload it again."
            ),
        )
        return redirect(pages.url("preview"), pending_id)
    messages.success(
        request, pages.imported % {key: format_number(done.counts[key]) for key in ("new", "late")}
    )
    return redirect(pages.url("preview"), pending_id)


@login_required
def template(request: HttpRequest, pages: RecordsPages) -> HttpResponse:
    return xlsx_response(pages.template(), pages.template_name)
