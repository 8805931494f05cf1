"""Documents (decisions, plans, reports) with their PDF, which goes out only through the
download view: it checks the login and the scope."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from apps.accounts import access
from apps.core.http import posted
from apps.organisation import selectors
from apps.organisation.forms.documents import DocumentForm
from apps.organisation.models import Document
from apps.organisation.services import documents as services
from apps.organisation.views.common import delete_page, list_page, record_form


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    documents = selectors.document_list(request.user)
    return list_page(request, "organisation/document_list.html", documents, Document)


@login_required
@require_http_methods(["GET", "POST"])
def document_edit(request: HttpRequest, document_id: int | None = None) -> HttpResponse:
    """Record a document, with its PDF if there is one; or change it."""
    user = request.user
    document = access.to_edit(user, Document, document_id, selectors.get_document_for_user)
    stored = document.file.name or ""
    units = selectors.writable_units(user, Document, ("district", "commune"))
    files = request.FILES if request.method == "POST" else None
    return record_form(
        request,
        DocumentForm(posted(request), files, instance=document, units=units),
        "organisation/document_form.html",
        {"document": document, "max_mb": settings.DOCUMENT_MAX_BYTES // (1024 * 1024)},
        save=lambda unsaved: services.document_save(
            user=user, document=unsaved, replaced_file=stored
        ),
        saved=_("Document saved."),
        done=reverse("organisation:document_list"),
    )


@login_required
def document_download(request: HttpRequest, document_id: int) -> FileResponse:
    """The document's PDF, to a logged-in user whose scope covers the document only."""
    document = selectors.get_document_for_user(request.user, document_id)
    if not document.file:
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.download_name(),
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


document_delete = delete_page(
    selectors.get_document_for_user,
    services.document_delete,
    lambda document: dict(
        question=_("Delete the document %(number)s “%(title)s”?")
        % {"number": document.number, "title": document.title},
        consequence=_("Its PDF file is deleted with it.") if document.file else "",
        back=reverse("organisation:document_edit", args=[document.pk]),
        done=reverse("organisation:document_list"),
    ),
)
