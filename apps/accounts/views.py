"""User management for district administrators."""

import logging
from functools import wraps

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from apps.accounts import access, services
from apps.accounts.forms import UserCreateForm
from apps.accounts.models import Scope, User
from apps.accounts.selectors import managed_users
from apps.core import https
from apps.core.http import posted
from apps.core.search import folded_q

PAGE_SIZE = 50
logger = logging.getLogger(__name__)


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


def administrator_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not access.is_administrator(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _get_managed_user(request: HttpRequest, user_id: int) -> User:
    """A user the administrator manages; 404 for any other id."""
    return get_object_or_404(managed_users(request.user), pk=user_id)


@administrator_required
def user_list(request: HttpRequest) -> HttpResponse:
    users = managed_users(request.user).prefetch_related(
        "scopes__district", "scopes__commune", "scopes__hamlet", "scopes__group"
    )
    term = request.GET.get("q", "").strip()
    if term:
        users = users.filter(
            folded_q(term, ["username"])
            | folded_q(term, ["first_name"])
            | folded_q(term, ["last_name"])
        )
    page = Paginator(users.order_by("username"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "accounts/user_list.html", {"page": page, "q": term})


def _to_user_list(request: HttpRequest, done: str, user) -> HttpResponse:
    """Back to the accounts' list, saying what was `done` to `user` (their name in it)."""
    messages.success(request, done % {"name": user.username})
    return redirect("accounts:user_list")


@administrator_required
@require_http_methods(["GET", "POST"])
def user_create(request: HttpRequest) -> HttpResponse:
    form = UserCreateForm(posted(request), admin=request.user)
    if request.method == "POST" and form.is_valid():
        user = services.user_create(
            username=form.cleaned_data["username"],
            full_name=form.cleaned_data["full_name"],
            password=form.cleaned_data["password"],
            scope=form.scope(),
        )
        return _to_user_list(request, _("Account %(name)s created."), user)
    return render(request, "accounts/user_form.html", {"form": form})


@administrator_required
@require_http_methods(["GET", "POST"])
def user_deactivate(request: HttpRequest, user_id: int) -> HttpResponse:
    user = _get_managed_user(request, user_id)
    if user == request.user:
        raise PermissionDenied
    if request.method == "POST":
        services.user_deactivate(user=user)
        return _to_user_list(request, _("Account %(name)s deactivated."), user)
    return render(request, "accounts/user_deactivate.html", {"managed": user})


@administrator_required
@require_http_methods(["GET", "POST"])
def user_reset_password(request: HttpRequest, user_id: int) -> HttpResponse:
    user = _get_managed_user(request, user_id)
    form = SetPasswordForm(user, posted(request))
    if request.method == "POST" and form.is_valid():
        services.user_set_password(user=user, password=form.cleaned_data["new_password1"])
        return _to_user_list(request, _("New password set for %(name)s."), user)
    return render(request, "accounts/user_password.html", {"form": form, "managed": user})


class LoginView(auth_views.LoginView):
    """Django's login page, which says so when it cannot work: reached over plain http while
    the cookies it needs are sent only over HTTPS (apps.core.https)."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cookies_need_https"] = https.secure_cookies_dropped(self.request)
        if context["cookies_need_https"]:
            logger.warning(
                "Login page served over plain http with Secure cookies: logins will fail "
                "(use HTTPS, BEHIND_TLS_PROXY=true, or HTTPS=false for a trial)."
            )
        return context
