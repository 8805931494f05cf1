"""What the organisation pages share: paging, the year asked for, and the delete question."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from apps.accounts import access

PAGE_SIZE = 50


def page(request: HttpRequest, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def year_asked(request: HttpRequest) -> int | None:
    """The year asked for in ?nam=, if it is one."""
    try:
        year = int(request.GET.get("nam", ""))
    except ValueError:
        return None
    return year if 2000 <= year <= 2100 else None


def writable_parent_or_403(user, model: type[Model], field: str, parent: Model) -> None:
    """Refuse (403) a user who may see `parent` but not add `model` records under it."""
    if not access.writable_parents(user, model, field).filter(pk=parent.pk).exists():
        raise PermissionDenied


def confirm_delete(
    request: HttpRequest,
    obj: Model,
    *,
    question: str,
    back: str,
    done: str,
    delete,
    consequence: str = "",
    blocked: str = "",
) -> HttpResponse:
    """Ask before deleting `obj`; on POST, `delete()` (a service: it checks, then deletes),
    unless `blocked` says why not."""
    if request.method == "POST" and not blocked:
        try:
            delete()
        except ValidationError as refused:
            blocked = " ".join(refused.messages)
        else:
            messages.success(request, _("Deleted."))
            return redirect(done)
    return render(
        request,
        "organisation/confirm_delete.html",
        {
            "object": obj,
            "question": question,
            "consequence": consequence,
            "blocked": blocked,
            "back": back,
        },
    )
