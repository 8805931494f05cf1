"""Approval pages: the months (and years) of my units to approve, a month's review with its
approval and unlocking, and the table of which communes approved which month."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from apps.accounts import access
from apps.approvals import selectors, services
from apps.approvals.forms import ApproveForm, UnlockForm
from apps.approvals.models import MonthApproval, YearApproval
from apps.core.http import posted
from apps.core.periods import Month, month_or_404, year_or_404
from apps.hierarchy.models import Commune, Hamlet
from apps.hierarchy.names import told_apart

PAGE_SIZE = 50
MONTHS_SHOWN = 6


def month_url(unit: Commune | Hamlet, month: Month) -> str:
    name = "approvals:hamlet_month" if isinstance(unit, Hamlet) else "approvals:commune_month"
    return reverse(name, args=[unit.pk, month.year, month.month])


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """Which communes (and, for a commune's or hamlet's officials, which hamlets) approved
    which of the last months, each cell leading to the month's review."""
    months = selectors.recent_months(MONTHS_SHOWN)
    alive = Commune.alive_q(months[-1].first_day, months[0].last_day)
    communes = list(
        access.readable(request.user, Commune)
        .filter(alive)
        .select_related("district")
        .order_by("district__code", "code")
    )
    hamlets = []
    if not access.is_district_wide(request.user):
        hamlets = list(  # as they stand today: not those that left the user's area
            access.readable(request.user, Hamlet, on=timezone.localdate())
            .filter(Hamlet.alive_q(months[-1].first_day, months[0].last_day))
            .select_related("commune")
            .order_by("commune__code", "code")
        )
    this_year = timezone.localdate().year
    return render(
        request,
        "approvals/overview.html",
        {
            "months": months,
            "communes": selectors.approvals_table(communes, months),
            "hamlets": selectors.approvals_table(hamlets, months),
            "years": [this_year - 1, this_year],
        },
    )


def _unit(request: HttpRequest, commune_id: int | None, hamlet_id: int | None):
    if hamlet_id is not None:
        queryset = Hamlet.objects.select_related("commune__district")
        return access.get_readable_or_404(request.user, queryset, pk=hamlet_id)
    queryset = Commune.objects.select_related("district")
    return access.get_readable_or_404(request.user, queryset, pk=commune_id)


def _may_unlock(user, approval) -> bool:
    return access.writable(user, type(approval)).filter(pk=approval.pk).exists()


def _approval_context(request: HttpRequest, model, unit, trail: list, unlock: str) -> dict:
    """The approval part of a period's page: its approvals, newest first; the one in force
    (the newest, while it locks the period); unlocking it (`unlock`: the URL's name); and
    approving it: whether the user may approve the unit's periods, and the form."""
    in_force = trail[0] if trail and trail[0].is_locked else None
    return {
        "trail": trail,
        "in_force": in_force,
        "may_unlock": in_force is not None and _may_unlock(request.user, in_force),
        "unlock_form": UnlockForm(),
        "unlock_url": reverse(unlock, args=[in_force.pk]) if in_force else "",
        "may_approve": access.may(request.user, model, unit, write=True),
        "form": ApproveForm(posted(request)),
    }


def _approve(request: HttpRequest, approval: dict, done: str, approve, **period) -> bool:
    """On a POST, approve the `period` with the form's reason through `approve` (a service):
    True once approved, with `done` said; a refusal goes on the form."""
    if request.method != "POST":
        return False
    if not approval["may_approve"]:
        raise PermissionDenied
    form = approval["form"]
    if not form.is_valid():
        return False
    try:
        approve(**period, reason=form.cleaned_data["reason"], user=request.user)
    except ValidationError as error:
        form.add_error(None, error)
        return False
    messages.success(request, done)
    return True


@login_required
@require_http_methods(["GET", "POST"])
def month_page(
    request: HttpRequest, year: int, month: int, commune_id=None, hamlet_id=None
) -> HttpResponse:
    """A commune's (or hamlet's) month: its groups' meetings, and its approval."""
    month = month_or_404(year, month)
    unit = _unit(request, commune_id, hamlet_id)
    trail = selectors.month_trail(unit, month)
    approval = _approval_context(request, MonthApproval, unit, trail, "approvals:month_unlock")
    done = _("%(month)s of %(unit)s approved and locked.") % {
        "month": month.label,
        "unit": unit.name,
    }
    if _approve(request, approval, done, services.month_approve, unit=unit, month=month):
        return redirect(month_url(unit, month))
    review = selectors.month_review(unit, month)
    page = Paginator(review.group_rows(), PAGE_SIZE).get_page(request.GET.get("page"))
    hamlets, units = [], []
    if isinstance(unit, Commune):
        units = list(
            Hamlet.objects.filter(commune=unit)
            .filter(Hamlet.alive_q(month.first_day, month.last_day))
            .order_by("code")
        )
        hamlets = selectors.approvals_table(units, [month])
    return render(
        request,
        "approvals/month_review.html",
        {
            **approval,
            "unit": unit,
            "month": month,
            "review": review,
            "status": review.status,
            "page": page,
            "hamlets": hamlets,
            "apart": told_apart(units),  # the hamlets of merged communes kept their names
            "may_approve": (
                approval["may_approve"] and approval["in_force"] is None and month < Month.current()
            ),
        },
    )


def _unlock(request: HttpRequest, approval, back: str) -> HttpResponse:
    form = UnlockForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write why the period is unlocked."))
        return redirect(back)
    try:
        services.approval_unlock(
            approval=approval, reason=form.cleaned_data["unlock_reason"], user=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Unlocked: records of the period can be changed again."))
    return redirect(back)


@login_required
@require_POST
def month_unlock(request: HttpRequest, approval_id: int) -> HttpResponse:
    """Unlock a month: the approver's officials or those above them, with a reason."""
    queryset = MonthApproval.objects.select_related("commune", "hamlet")
    approval = access.get_writable_or_404(request.user, queryset, pk=approval_id)
    return _unlock(request, approval, month_url(approval.unit, Month.of(approval.month)))


@login_required
@require_http_methods(["GET", "POST"])
def year_page(request: HttpRequest, commune_id: int, year: int) -> HttpResponse:
    """A commune's year of assessments and ratings, and its approval."""
    year = year_or_404(year)
    commune = _unit(request, commune_id, None)
    trail = selectors.year_trail(commune, year)
    approval = _approval_context(request, YearApproval, commune, trail, "approvals:year_unlock")
    done = _("%(year)s of %(unit)s approved and locked.") % {"year": year, "unit": commune.name}
    if _approve(request, approval, done, services.year_approve, commune=commune, year=year):
        return redirect("approvals:commune_year", commune_id=commune.pk, year=year)
    return render(
        request,
        "approvals/year_review.html",
        {
            **approval,
            "unit": commune,
            "year": year,
            "may_approve": approval["may_approve"] and approval["in_force"] is None,
        },
    )


@login_required
@require_POST
def year_unlock(request: HttpRequest, year_approval_id: int) -> HttpResponse:
    queryset = YearApproval.objects.select_related("commune")
    approval = access.get_writable_or_404(request.user, queryset, pk=year_approval_id)
    back = reverse("approvals:commune_year", args=[approval.commune_id, approval.year])
    return _unlock(request, approval, back)
