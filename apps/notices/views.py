"""The user's own reminder pages: choosing channels, dismissing a reminder."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from apps.core.http import posted
from apps.notices import services
from apps.notices.forms import PreferencesForm
from apps.notices.models import Preferences


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    chosen = Preferences.objects.filter(user=request.user).first()
    form = PreferencesForm(posted(request), instance=chosen or Preferences(user=request.user))
    if form.is_valid():
        services.preferences_save(user=request.user, preferences=form.save(commit=False))
        messages.success(request, _("Your reminder choices are saved."))
        return redirect("notices:preferences")
    quiet = settings.NOTICE_QUIET_HOURS
    return render(request, "notices/preferences.html", {"form": form, "quiet": quiet})


@login_required
@require_POST
def dismiss(request: HttpRequest) -> HttpResponse:
    """Hides one of the user's own reminders from the start page (others' ids do nothing)."""
    notice_id = request.POST.get("notice", "")
    if notice_id.isdigit():
        services.notice_dismiss(user=request.user, notice_id=int(notice_id))
    back = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure())
    return redirect(back if safe and back else "home")
