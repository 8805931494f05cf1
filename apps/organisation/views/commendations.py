"""Commendations: a list with the counts of recent years, and their form."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from apps.accounts import access
from apps.core.http import posted
from apps.organisation import selectors
from apps.organisation.figures import commendations_per_year
from apps.organisation.forms.commendations import CommendationForm
from apps.organisation.models import Commendation
from apps.organisation.services import commendations as services
from apps.organisation.views.common import (
    delete_page,
    list_page,
    record_form,
    year_asked,
)

UNIT_LEVELS = ("district", "commune", "hamlet", "group")


@login_required
def commendation_list(request: HttpRequest) -> HttpResponse:
    today, year = timezone.localdate(), year_asked(request)
    readable = access.readable(request.user, Commendation)
    per_year = commendations_per_year(readable, today.year - 3, today.year)
    return list_page(
        request,
        "organisation/commendation_list.html",
        selectors.commendation_list(request.user, year),
        Commendation,
        year=year,
        per_year=sorted(per_year.items(), reverse=True),
    )


@login_required
@require_http_methods(["GET", "POST"])
def commendation_edit(request: HttpRequest, commendation_id: int | None = None) -> HttpResponse:
    user = request.user
    commendation = access.to_edit(
        user,
        Commendation,
        commendation_id,
        selectors.get_commendation_for_user,
        year=timezone.localdate().year,
    )
    units = selectors.writable_units(user, Commendation, UNIT_LEVELS)
    if commendation.pk:
        units.setdefault(selectors.unit_key(commendation.unit), commendation.unit)
    return record_form(
        request,
        CommendationForm(posted(request), instance=commendation, units=units),
        "organisation/commendation_form.html",
        {"commendation": commendation},
        save=lambda unsaved: services.commendation_save(user=user, record=unsaved),
        saved=_("Commendation saved."),
        done=reverse("organisation:commendation_list"),
    )


commendation_delete = delete_page(
    selectors.get_commendation_for_user,
    services.commendation_delete,
    lambda commendation: dict(
        question=_("Delete the commendation “%(title)s” of %(whom)s?")
        % {"title": commendation.title, "whom": commendation.person_name or commendation.unit},
        back=reverse("organisation:commendation_edit", args=[commendation.pk]),
        done=reverse("organisation:commendation_list"),
    ),
)
