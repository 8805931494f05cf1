"""Supervision visits and their follow-up actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from apps.accounts import access
from apps.core import once
from apps.core.http import posted
from apps.organisation import selectors
from apps.organisation.forms.visits import (
    DoneForm,
    FollowUpEditFormSet,
    FollowUpFormSet,
    VisitForm,
)
from apps.organisation.models import CommitteeMember, SupervisionVisit
from apps.organisation.services import visits as services
from apps.organisation.views.common import delete_page, page, year_asked


def _may_record_visits(user) -> bool:
    return access.can_write_any(user, SupervisionVisit) and access.can_read_any(
        user, CommitteeMember
    )


@login_required
def visit_list(request: HttpRequest) -> HttpResponse:
    today, year = timezone.localdate(), year_asked(request)
    return render(
        request,
        "organisation/visit_list.html",
        {
            "page": page(request, selectors.visit_list(request.user, today, year)),
            "year": year,
            "years": range(today.year, today.year - 4, -1),
            "can_record": _may_record_visits(request.user),
        },
    )


@login_required
def visit_detail(request: HttpRequest, visit_id: int) -> HttpResponse:
    visit = selectors.get_visit_for_user(request.user, visit_id)
    today = timezone.localdate()
    return render(
        request,
        "organisation/visit_detail.html",
        {
            "visit": visit,
            "members": visit.members.select_related("committee__district", "committee__commune"),
            "follow_ups": visit.follow_ups.all(),
            "can_change": selectors.visit_changeable(request.user, visit),
            "today": today,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def visit_edit(request: HttpRequest, visit_id: int | None = None) -> HttpResponse:
    """Record a visit with its follow-up actions, or change one."""
    user, today = request.user, timezone.localdate()
    if visit_id is None:
        if not _may_record_visits(user):
            raise PermissionDenied
        visit = SupervisionVisit()
        existing = None
    else:
        visit = selectors.get_visit_for_user(user, visit_id, write=True)
        existing = FollowUpEditFormSet(
            posted(request), queryset=visit.follow_ups.all(), prefix="existing"
        )
    units = selectors.visit_units(user)
    if visit.pk:
        # A group visited by the district's committee is not among a district user's choices.
        units.setdefault(selectors.unit_key(visit.unit), visit.unit)
    form = VisitForm(
        posted(request),
        instance=visit,
        units=units,
        members=selectors.visitor_choices(user),
        today=today,
    )
    follow_ups = FollowUpFormSet(posted(request), prefix="followups")
    formsets = [follow_ups] if existing is None else [existing, follow_ups]
    if request.method == "POST" and (answer := once.answer_if_saved(request)):
        return answer  # a copy of a save already written (a draft sent again)
    if request.method == "POST" and form.is_valid() and all(f.is_valid() for f in formsets):
        changed = [] if existing is None else existing.save(commit=False)
        try:
            with once.saving(request) as claim:
                visit = services.visit_save(
                    visit=form.save(commit=False),
                    members=list(form.cleaned_data["members"]),
                    follow_ups=[
                        *changed,
                        *(f.save(commit=False) for f in follow_ups if f.has_changed()),
                    ],
                    user=user,
                )
                claim.done_url = reverse("organisation:visit_detail", args=[visit.pk])
        except once.SavedBefore:
            return once.answer_if_saved(request)
        messages.success(request, _("Supervision visit saved."))
        return once.saved_redirect(request, claim.done_url)
    if existing is not None:
        services.check_visit(user, visit)  # a form is shown only to those who may save it
    return render(
        request,
        "organisation/visit_form.html",
        {"form": form, "visit": visit, "follow_ups": follow_ups, "existing": existing},
    )


visit_delete = delete_page(
    selectors.get_visit_for_user,
    services.visit_delete,
    lambda visit: dict(
        question=_("Delete the visit to %(unit)s on %(day)s?")
        % {"unit": visit.unit, "day": visit.visited_on.strftime("%d/%m/%Y")},
        consequence=_("Its %(n)s follow-up actions are deleted with it.")
        % {"n": visit.follow_ups.count()},
        back=reverse("organisation:visit_detail", args=[visit.pk]),
        done=reverse("organisation:visit_list"),
    ),
    check=services.check_visit,
)


@login_required
@require_POST
def follow_up_done(request: HttpRequest, follow_up_id: int) -> HttpResponse:
    follow_up = selectors.get_follow_up_for_user(request.user, follow_up_id, write=True)
    form = DoneForm(request.POST, today=timezone.localdate())
    if form.is_valid():
        services.follow_up_mark_done(
            user=request.user, follow_up=follow_up, done_on=form.cleaned_data["done_on"]
        )
        messages.success(request, _("Follow-up action marked done."))
    else:
        services.check_follow_up(request.user, follow_up)
        messages.error(request, " ".join(form.errors.get("done_on", [])))
    return redirect("organisation:visit_detail", visit_id=follow_up.visit_id)


@login_required
@require_POST
def follow_up_reopen(request: HttpRequest, follow_up_id: int) -> HttpResponse:
    follow_up = selectors.get_follow_up_for_user(request.user, follow_up_id, write=True)
    services.follow_up_reopen(user=request.user, follow_up=follow_up)
    messages.success(request, _("Follow-up action open again."))
    return redirect("organisation:visit_detail", visit_id=follow_up.visit_id)


follow_up_delete = delete_page(
    selectors.get_follow_up_for_user,
    services.follow_up_delete,
    lambda follow_up: dict(
        question=_("Delete the follow-up action “%(action)s”?") % {"action": follow_up.action},
        back=reverse("organisation:visit_detail", args=[follow_up.visit_id]),
    ),
    check=services.check_follow_up,
)
