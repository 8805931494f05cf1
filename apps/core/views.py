from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from apps.accounts import access


@login_required
def home(request: HttpRequest) -> HttpResponse:
    scopes = request.user.scopes.select_related("district", "commune", "hamlet", "group")
    return render(
        request,
        "core/home.html",
        {"scopes": scopes, "is_administrator": access.is_administrator(request.user)},
    )
