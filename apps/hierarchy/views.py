"""The reorganisation pages, for district (and province) administrators: the list, a form
per kind that shows a preview before anything is written, and the reversal."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from apps.accounts import access
from apps.accounts.views import administrator_required
from apps.core.http import posted
from apps.hierarchy import forms, reorganise, reversal
from apps.hierarchy.models import LEVEL_SLUGS, Reorganisation

PAGE_SIZE = 30
MERGE_LEVELS = {slug: level for level, slug in LEVEL_SLUGS.items() if level != "district"}


@administrator_required
def reorganisation_list(request: HttpRequest) -> HttpResponse:
    reorganisations = access.writable(request.user, Reorganisation).select_related(
        "district", "recorded_by", "reversed_by"
    )
    page = Paginator(reorganisations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "hierarchy/reorganisation_list.html", {"page": page})


def _operation(request: HttpRequest, form: forms.OperationForm, kind: str) -> HttpResponse:
    """Preview on the first POST; apply on the POST that says "confirm". Nothing is written
    before the confirmation, and the plan is checked again then."""
    plan = None
    if request.method == "POST" and form.is_valid():
        try:
            plan = form.plan()
            if "confirm" in request.POST:
                # Checked again under apply's lock: another administrator may have changed
                # the same units since the preview.
                reorganise.apply(
                    plan,
                    by=request.user,
                    legal_basis=form.cleaned_data["legal_basis"],
                    note=form.cleaned_data["note"],
                )
                messages.success(request, _("The reorganisation was recorded."))
                return redirect("hierarchy:reorganisations")
        except ValidationError as error:
            form.add_error(None, error)
            plan = None
        if "edit" in request.POST:
            plan = None
    context = {"form": form, "plan": plan, "kind": kind}
    if plan is not None:
        context["counts"] = plan.moved_below()
    return render(request, "hierarchy/operation.html", context)


def _operation_page(form_class: type[forms.OperationForm], kind: str):
    """The page of an operation whose form asks for nothing but the user."""

    @administrator_required
    @require_http_methods(["GET", "POST"])
    def view(request: HttpRequest) -> HttpResponse:
        return _operation(request, form_class(posted(request), user=request.user), kind)

    return view


rename = _operation_page(forms.RenameForm, "rename")
move = _operation_page(forms.MoveForm, "move")


@administrator_required
@require_http_methods(["GET", "POST"])
def merge(request: HttpRequest) -> HttpResponse:
    level = MERGE_LEVELS.get(request.GET.get("cap", "xa"))
    if level is None:
        raise Http404
    form = forms.MergeForm(posted(request), user=request.user, level=level)
    return _operation(request, form, "merge")


@administrator_required
@require_http_methods(["GET", "POST"])
def split(request: HttpRequest) -> HttpResponse:
    units = {forms.unit_key(unit): unit for unit in forms.splittable(request.user)}
    unit = units.get(request.GET.get("don-vi", ""))
    if unit is None:
        choices = [(key, forms.unit_label(unit)) for key, unit in units.items()]
        return render(request, "hierarchy/split_choose.html", {"units": choices})
    form = forms.SplitForm(posted(request), user=request.user, unit=unit)
    return _operation(request, form, "split")


regroup = _operation_page(forms.RegroupForm, "regroup")


@administrator_required
@require_http_methods(["GET", "POST"])
def reverse(request: HttpRequest, reorganisation_id: int) -> HttpResponse:
    reorganisation = access.get_writable_or_404(
        request.user, Reorganisation.objects.select_related("district"), pk=reorganisation_id
    )
    if request.method == "POST":
        try:
            reorganise.reverse(reorganisation, by=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("The reorganisation was reversed."))
            return redirect("hierarchy:reorganisations")
    else:  # a reversal that would be refused is not offered
        error = reversal.why_not_reversible(reorganisation, by=request.user)
    return render(
        request,
        "hierarchy/reverse.html",
        {"reorganisation": reorganisation, "error": error},
    )
