"""Hamlet mobilisation boards and their members."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from apps.accounts import access
from apps.core.http import posted
from apps.hierarchy.models import Hamlet
from apps.hierarchy.names import told_apart_from_namesakes
from apps.organisation import selectors
from apps.organisation.forms.boards import BoardForm, BoardMemberForm
from apps.organisation.models import BoardMember, MobilisationBoard
from apps.organisation.services import boards as services
from apps.organisation.views.common import (
    delete_page,
    list_page,
    new_record_under,
    record_form,
)


@login_required
def board_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    without_board = list(selectors.hamlets_without_board(request.user, today))
    boards = selectors.board_list(request.user)
    # The hamlets of merged communes kept their names; the list shows a page at a time.
    with_board = Hamlet.objects.filter(boards__in=boards).distinct()
    return list_page(
        request,
        "organisation/board_list.html",
        boards,
        MobilisationBoard,
        without_board=without_board,
        apart=told_apart_from_namesakes([*without_board, *with_board]),
        today=today,
    )


@login_required
def board_detail(request: HttpRequest, board_id: int) -> HttpResponse:
    board = selectors.get_board_for_user(request.user, board_id)
    return render(
        request,
        "organisation/board_detail.html",
        {
            "board": board,
            "members": selectors.board_members(board),
            "can_write": selectors.may_write(request.user, MobilisationBoard, board),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def board_edit(request: HttpRequest, board_id: int | None = None) -> HttpResponse:
    """Set up a hamlet's board (its decision), or change one."""
    user = request.user
    hamlets = access.writable_parents(user, MobilisationBoard, "hamlet")
    hamlets = hamlets.select_related("commune").order_by("commune__code", "code")
    board = access.to_edit(user, MobilisationBoard, board_id, selectors.get_board_for_user)
    initial = {} if board_id is not None else {"hamlet": request.GET.get("ap")}
    return record_form(
        request,
        BoardForm(posted(request), instance=board, hamlets=hamlets, initial=initial),
        "organisation/board_form.html",
        {"board": board},
        save=lambda unsaved: services.board_save(user=user, record=unsaved),
        saved=_("Mobilisation board saved."),
        done=lambda saved: reverse("organisation:board_detail", args=[saved.pk]),
    )


board_delete = delete_page(
    selectors.get_board_for_user,
    services.board_delete,
    lambda board: dict(
        question=_("Delete the %(board)s?") % {"board": board},
        consequence=_("Its %(n)s members are deleted with it.") % {"n": board.members.count()},
        back=reverse("organisation:board_detail", args=[board.pk]),
        done=reverse("organisation:board_list"),
    ),
)


@login_required
@require_http_methods(["GET", "POST"])
def board_member_create(request: HttpRequest, board_id: int) -> HttpResponse:
    board = selectors.get_board_for_user(request.user, board_id)
    return _board_member_form(request, new_record_under(request.user, BoardMember, "board", board))


@login_required
@require_http_methods(["GET", "POST"])
def board_member_edit(request: HttpRequest, board_member_id: int) -> HttpResponse:
    member = selectors.get_board_member_for_user(request.user, board_member_id, write=True)
    return _board_member_form(request, member)


def _board_member_form(request: HttpRequest, member: BoardMember) -> HttpResponse:
    return record_form(
        request,
        BoardMemberForm(posted(request), instance=member),
        "organisation/board_member_form.html",
        {"member": member, "board": member.board},
        save=lambda unsaved: services.board_member_save(user=request.user, record=unsaved),
        saved=_("Member saved."),
        done=reverse("organisation:board_detail", args=[member.board_id]),
    )


board_member_delete = delete_page(
    selectors.get_board_member_for_user,
    services.board_member_delete,
    lambda member: dict(
        question=_("Delete %(name)s from the board?") % {"name": member.full_name},
        back=reverse("organisation:board_detail", args=[member.board_id]),
    ),
)
