"""What the organisation pages share: paging, the year asked for, a record's form, and the
delete page."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from apps.accounts import access

PAGE_SIZE = 50


def page(request: HttpRequest, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def list_page(
    request: HttpRequest, template: str, records, model: type[Model], **context
) -> HttpResponse:
    """A list page: the records a page at a time, the add button only for a user who may
    add one somewhere, and a record's edit button only where the user may change it (a
    successor's official reads its predecessors' records and changes none of them)."""
    shown = page(request, records)
    context = {
        "page": shown,
        "can_add": access.can_write_any(request.user, model),
        "changeable": access.changeable_among(request.user, model, shown),
        **context,
    }
    return render(request, template, context)


def year_asked(request: HttpRequest) -> int | None:
    """The year asked for in ?nam=, if it is one."""
    try:
        year = int(request.GET.get("nam", ""))
    except ValueError:
        return None
    return year if 2000 <= year <= 2100 else None


def new_record_under(user, model: type[Model], field: str, parent: Model) -> Model:
    """A new, unsaved `model` record under `parent`: refused (403) to a user who may see
    `parent` but not add one there."""
    if not access.writable_parents(user, model, field).filter(pk=parent.pk).exists():
        raise PermissionDenied
    return model(**{field: parent})


def record_form(
    request: HttpRequest,
    form,
    template: str,
    context: dict,
    *,
    save: Callable[[Model], Model],
    saved: str,
    done: str | Callable[[Model], str],
) -> HttpResponse:
    """A record's form page: on a valid POST, `save` the unsaved record (a service: it checks,
    then writes and returns it), say `saved` and go to `done` (a URL, or the URL of the saved
    record: a new one has its id only then); else the form, with its errors."""
    if request.method == "POST" and form.is_valid():
        record = save(form.save(commit=False))
        messages.success(request, saved)
        return redirect(done(record) if callable(done) else done)
    return render(request, template, {"form": form, **context})


def confirm_delete(
    request: HttpRequest,
    obj: Model,
    *,
    question: str,
    back: str,
    delete,
    done: str = "",
    consequence: str = "",
    blocked: str = "",
) -> HttpResponse:
    """Ask before deleting `obj`; on POST, `delete()` (a service: it checks, then deletes),
    unless `blocked` says why not. Then to `done`, or `back` when it is the same page."""
    if request.method == "POST" and not blocked:
        try:
            delete()
        except ValidationError as refused:
            blocked = " ".join(refused.messages)
        else:
            messages.success(request, _("Deleted."))
            return redirect(done or back)
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


def delete_page(
    get: Callable[..., Model],
    delete: Callable[..., None],
    confirm: Callable[[Model], dict],
    *,
    check: Callable[..., None] | None = None,
) -> Callable[..., HttpResponse]:
    """The delete page of a part's record: `get(user, id, write=True)` fetches it (the part's
    get_<thing>_for_user), `confirm(record)` gives confirm_delete's question and links, and
    `delete(user=, record=)` is the part's service. `check(user, record)`, the part's own rule
    on top of the scope, is asked before the question is shown; a POST asks it in the service."""

    @login_required
    @require_http_methods(["GET", "POST"])
    def view(request: HttpRequest, **url_id: int) -> HttpResponse:
        (record_id,) = url_id.values()  # named after the part: board_id, member_id...
        user = request.user
        record = get(user, record_id, write=True)
        if check is not None and request.method != "POST":
            check(user, record)
        return confirm_delete(
            request,
            record,
            delete=lambda: delete(user=user, record=record),
            **confirm(record),
        )

    return view
