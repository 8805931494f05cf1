from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from apps.accounts import access
from apps.accounts.models import Scope

# Roles whose daily work is recording meetings: their start page is the month's status.
RECORDING_ROLES = {Scope.Role.COMMUNE, Scope.Role.HAMLET, Scope.Role.GROUP_LEADER}


@login_required
def home(request: HttpRequest) -> HttpResponse:
    if any(scope.role in RECORDING_ROLES for scope in access.scopes_of(request.user)):
        return redirect("meetings:status")
    scopes = request.user.scopes.select_related("district", "commune", "hamlet", "group")
    return render(
        request,
        "core/home.html",
        {"scopes": scopes, "is_administrator": access.is_administrator(request.user)},
    )


@require_safe
@cache_control(max_age=86_400, public=True)
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico on their own, whatever the page links to."""
    return redirect(static("favicon.ico"))
