"""Petition pages: the queue, one petition with its history and actions, raising, export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from apps.accounts import access
from apps.accounts.services import export_record
from apps.core import once
from apps.core.http import posted
from apps.core.replica import reads_from_replica
from apps.core.xlsx import add_sheet, new_workbook, xlsx_response
from apps.hierarchy.models import Hamlet
from apps.hierarchy.names import told_apart_beside
from apps.petitions import selectors, services, workflow
from apps.petitions.forms import PetitionActionForm, PetitionRaiseForm, QueueFilterForm
from apps.petitions.models import Petition

PAGE_SIZE = 50


def _filtered_queue(request: HttpRequest):
    hamlets = access.readable(request.user, Hamlet).order_by("commune__code", "code")
    form = QueueFilterForm(request.GET, hamlets=hamlets)
    filters = form.values(selectors.queue_defaults(request.user))
    return form, filters, selectors.petition_queue(request.user, filters)


@login_required
def petition_queue(request: HttpRequest) -> HttpResponse:
    form, filters, petitions = _filtered_queue(request)
    page = Paginator(petitions, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "petitions/queue.html",
        {
            "form": form,
            "filters": filters,
            "page": page,
            "apart": told_apart_beside((p.hamlet, p.commune_id) for p in page),  # where raised
            "today": timezone.localdate(),
            "can_raise": access.can_write_any(request.user, Petition),
        },
    )


@login_required
@reads_from_replica
def petition_export(request: HttpRequest) -> HttpResponse:
    """The queue as filtered, every row, as an .xlsx workbook. The rows carry citizens'
    names, so the download is recorded."""
    _form, _filters, petitions = _filtered_queue(request)
    today = timezone.localdate()
    header = [
        _("Raised on"),
        _("Group"),
        _("Hamlet"),
        _("Commune"),
        _("Content"),
        _("Category"),
        _("Citizen"),
        _("Level handling it"),
        _("Due on (as first received)"),
        _("State"),
        _("Overdue"),
        _("Closed on"),
        _("Answer"),
        _("Entered on"),
        _("Entered late"),
    ]
    rows = (
        [
            p.raised_on,
            p.group.name,
            p.hamlet.name,  # where it was raised
            p.commune.name,
            p.content,
            p.get_category_display(),
            p.citizen_name,
            p.get_level_display(),
            p.due_on,
            p.get_state_display(),
            _("yes") if p.is_overdue_on(today) else "",
            p.closed_on,
            p.answer,
            p.recorded_on,
            _("yes") if p.entered_late else "",
        ]
        for p in petitions.iterator(chunk_size=2000)
    )
    workbook = new_workbook()
    add_sheet(workbook, _("Petitions"), header, rows)
    export_record(
        user=request.user,
        what=_("Petitions (queue export of %(day)s)") % {"day": f"{today:%d/%m/%Y}"},
        rows=petitions.count(),
    )
    return xlsx_response(workbook, f"kien-nghi-{today:%Y%m%d}.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def petition_raise(request: HttpRequest) -> HttpResponse:
    """Record a petition raised directly, outside a meeting."""
    groups = access.writable_parents(request.user, Petition, "group").select_related(
        "hamlet__commune"
    )
    if not access.can_write_any(request.user, Petition):
        raise PermissionDenied
    if request.method == "POST" and (answer := once.answer_if_saved(request)):
        return answer  # a queued copy of a save already written
    today = timezone.localdate()
    form = PetitionRaiseForm(
        posted(request), groups=groups.order_by("hamlet__code", "code"), today=today
    )
    if request.method == "POST" and form.is_valid():
        try:
            with once.saving(request) as claim:
                petition = services.petition_raise(
                    petition=form.save(commit=False),
                    group=form.cleaned_data["group"],
                    raised_on=form.cleaned_data["raised_on"],
                    user=request.user,
                )
                claim.done_url = reverse("petitions:detail", args=[petition.pk])
        except once.SavedBefore:
            return once.answer_if_saved(request)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Petition recorded."))
            return once.saved_redirect(request, claim.done_url)
    return render(request, "petitions/raise.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def petition_detail(request: HttpRequest, petition_id: int) -> HttpResponse:
    """A petition, its history, and the actions the user may take on it now."""
    petition = selectors.get_petition_for_user(request.user, petition_id)
    actions = workflow.allowed_actions(request.user, petition)
    if request.method == "POST" and not actions:
        raise PermissionDenied
    today = timezone.localdate()
    form = PetitionActionForm(posted(request), actions=actions, today=today)
    if request.method == "POST" and form.is_valid():
        try:
            services.petition_act(
                petition=petition,
                action=form.cleaned_data["action"],
                note=form.cleaned_data["note"],
                on=form.cleaned_data["on"],
                user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        except PermissionDenied:
            # Someone acted first (the state moved on since the page was opened).
            form.add_error(None, _("This action is no longer possible: the petition has changed."))
        else:
            messages.success(request, _("Petition updated."))
            return redirect("petitions:detail", petition_id=petition.pk)
    events = list(petition.events.select_related("by"))
    level_due_on = next((e.due_on for e in reversed(events) if e.due_on), petition.due_on)
    return render(
        request,
        "petitions/detail.html",
        {
            "petition": petition,
            "apart": told_apart_beside([(petition.hamlet, petition.commune_id)]),
            "events": events,
            "level_due_on": level_due_on,
            "actions": actions,
            "form": form,
            "overdue": petition.is_overdue_on(today),
        },
    )
