"""Organisation pages: steering committees with their members and assignments, mobilisation
boards with their members, supervision visits with follow-ups, commendations, documents.

Every object comes through the scope rule (apps.accounts.access). Writes follow it:
a commune's officials keep their commune's committee, the boards of its hamlets and
their committee's visits; the district administrator the district's.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Model
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from apps.accounts import access
from apps.core import once
from apps.core.http import posted
from apps.hierarchy.models import Commune, Hamlet
from apps.indicators.organisation import (
    commendations_per_year,
    members_per_organisation,
    overdue_follow_ups,
    units_never_visited,
)
from apps.organisation import selectors, services
from apps.organisation.forms import (
    AssignmentForm,
    BoardForm,
    BoardMemberForm,
    CommendationForm,
    CommitteeForm,
    CommitteeMemberForm,
    DocumentForm,
    DoneForm,
    FollowUpEditFormSet,
    FollowUpFormSet,
    VisitForm,
)
from apps.organisation.models import (
    BoardMember,
    Commendation,
    CommitteeAssignment,
    CommitteeMember,
    Document,
    FollowUp,
    MobilisationBoard,
    SteeringCommittee,
    SupervisionVisit,
)

PAGE_SIZE = 50
UNIT_COLUMNS = selectors.UNIT_COLUMNS
COMMITTEES = SteeringCommittee.objects.select_related("district", "commune")
MEMBERS = CommitteeMember.objects.select_related("committee__district", "committee__commune")
BOARDS = MobilisationBoard.objects.select_related("hamlet__commune")


def _page(request: HttpRequest, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _year(request: HttpRequest) -> int | None:
    """The year asked for in ?nam=, if it is one."""
    try:
        year = int(request.GET.get("nam", ""))
    except ValueError:
        return None
    return year if 2000 <= year <= 2100 else None


def _may_write(user, model: type[Model], obj: Model) -> bool:
    return access.writable(user, model).filter(pk=obj.pk).exists()


def _writable_parent_or_403(user, model: type[Model], field: str, parent: Model) -> None:
    """Refuse (403) a user who may see `parent` but not add `model` records under it."""
    if not access.writable_parents(user, model, field).filter(pk=parent.pk).exists():
        raise PermissionDenied


def _check_still_writable(user, model: type[Model], obj: Model) -> None:
    # The choices are the user's units; this catches a user whose roles differ by unit.
    if not _may_write(user, model, obj):
        raise PermissionDenied


def _confirm_delete(
    request: HttpRequest,
    obj: Model,
    *,
    question: str,
    back: str,
    done: str,
    consequence: str = "",
    blocked: str = "",
    delete=None,
) -> HttpResponse:
    """Ask before deleting `obj`; delete on POST (unless `blocked` says why not)."""
    if request.method == "POST" and not blocked:
        (delete or obj.delete)()
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


# Overview


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """The organisation pages, with the figures of the user's area this year."""
    user, today = request.user, timezone.localdate()
    # Communes for the district's people, hamlets for everyone else (none for group leaders).
    units = access.readable(user, Commune if access.is_district_wide(user) else Hamlet)
    organisations = []
    if access.can_read_any(user, CommitteeMember):
        counts = members_per_organisation(access.readable(user, CommitteeMember), today)[None]
        organisations = [
            (label, counts[value]) for value, label in CommitteeMember.Organisation.choices
        ]
    return render(
        request,
        "organisation/overview.html",
        {
            "today": today,
            "never_visited": units_never_visited(units, today.year),
            "overdue": overdue_follow_ups(access.readable(user, FollowUp), today)[None],
            "organisations": organisations,
            "can_see_committees": access.can_read_any(user, SteeringCommittee),
            "can_see_documents": access.can_read_any(user, Document),
        },
    )


# Steering committees and their members


@login_required
def committee_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "organisation/committee_list.html",
        {
            "page": _page(request, selectors.committee_list(request.user)),
            "can_add": access.can_write_any(request.user, SteeringCommittee),
        },
    )


@login_required
def committee_detail(request: HttpRequest, committee_id: int) -> HttpResponse:
    committee = access.get_readable_or_404(request.user, COMMITTEES, pk=committee_id)
    return render(
        request,
        "organisation/committee_detail.html",
        {
            "committee": committee,
            "members": selectors.committee_members(committee),
            "can_write": _may_write(request.user, SteeringCommittee, committee),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def committee_edit(request: HttpRequest, committee_id: int | None = None) -> HttpResponse:
    """Set up a committee (its decision), or change one."""
    user = request.user
    if committee_id is None:
        if not access.can_write_any(user, SteeringCommittee):
            raise PermissionDenied
        committee = SteeringCommittee()
    else:
        committee = access.get_writable_or_404(user, COMMITTEES, pk=committee_id)
    units = selectors.writable_units(user, SteeringCommittee, ("district", "commune"))
    form = CommitteeForm(posted(request), instance=committee, units=units)
    if request.method == "POST" and form.is_valid():
        committee = form.save()
        _check_still_writable(user, SteeringCommittee, committee)
        messages.success(request, _("Steering committee saved."))
        return redirect("organisation:committee_detail", committee_id=committee.pk)
    return render(
        request, "organisation/committee_form.html", {"form": form, "committee": committee}
    )


@login_required
@require_http_methods(["GET", "POST"])
def committee_delete(request: HttpRequest, committee_id: int) -> HttpResponse:
    committee = access.get_writable_or_404(request.user, COMMITTEES, pk=committee_id)
    members = committee.members.count()
    visited = CommitteeMember.objects.filter(committee=committee, visits__isnull=False).exists()
    return _confirm_delete(
        request,
        committee,
        question=_("Delete the %(committee)s?") % {"committee": committee},
        consequence=_("Its %(n)s members and their assignments are deleted with it.")
        % {"n": members},
        blocked=_(
            "Its members have recorded supervision visits, which must keep them. "
            "Give the committee an end date instead."
        )
        if visited
        else "",
        back=reverse("organisation:committee_detail", args=[committee.pk]),
        done=reverse("organisation:committee_list"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_create(request: HttpRequest, committee_id: int) -> HttpResponse:
    committee = access.get_readable_or_404(request.user, COMMITTEES, pk=committee_id)
    _writable_parent_or_403(request.user, CommitteeMember, "committee", committee)
    return _member_form(request, CommitteeMember(committee=committee))


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request: HttpRequest, member_id: int) -> HttpResponse:
    member = access.get_writable_or_404(request.user, MEMBERS, pk=member_id)
    return _member_form(request, member)


def _member_form(request: HttpRequest, member: CommitteeMember) -> HttpResponse:
    form = CommitteeMemberForm(posted(request), instance=member)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Member saved."))
        return redirect("organisation:committee_detail", committee_id=member.committee_id)
    return render(
        request,
        "organisation/member_form.html",
        {"form": form, "member": member, "committee": member.committee},
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_delete(request: HttpRequest, member_id: int) -> HttpResponse:
    member = access.get_writable_or_404(request.user, MEMBERS, pk=member_id)
    back = reverse("organisation:committee_detail", args=[member.committee_id])
    return _confirm_delete(
        request,
        member,
        question=_("Delete %(name)s from the committee?") % {"name": member.full_name},
        consequence=_("Their assignments to units are deleted with them."),
        blocked=_(
            "%(name)s made supervision visits, which must keep their name. "
            "Give the membership an end date instead."
        )
        % {"name": member.full_name}
        if member.visits.exists()
        else "",
        back=back,
        done=back,
    )


def _assignment_units(user, committee: SteeringCommittee) -> dict[str, Model]:
    """Communes of the district for a district committee's member, else the commune's hamlets."""
    if committee.is_district_level:
        units = Commune.objects.filter(district_id=committee.district_id)
        units = units.select_related("district").order_by("code")
    else:
        units = Hamlet.objects.filter(commune_id=committee.commune_id)
        units = units.select_related("commune__district").order_by("code")
    return {selectors.unit_key(u): u for u in access.readable(user, units)}


@login_required
@require_http_methods(["GET", "POST"])
def assignment_create(request: HttpRequest, member_id: int) -> HttpResponse:
    member = access.get_readable_or_404(request.user, MEMBERS, pk=member_id)
    _writable_parent_or_403(request.user, CommitteeAssignment, "member", member)
    return _assignment_form(request, CommitteeAssignment(member=member))


@login_required
@require_http_methods(["GET", "POST"])
def assignment_edit(request: HttpRequest, assignment_id: int) -> HttpResponse:
    assignment = access.get_writable_or_404(
        request.user,
        CommitteeAssignment.objects.select_related(
            "member__committee__district", "member__committee__commune", "commune", "hamlet"
        ),
        pk=assignment_id,
    )
    return _assignment_form(request, assignment)


def _assignment_form(request: HttpRequest, assignment: CommitteeAssignment) -> HttpResponse:
    member = assignment.member
    units = _assignment_units(request.user, member.committee)
    form = AssignmentForm(posted(request), instance=assignment, units=units)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Assignment saved."))
        return redirect("organisation:committee_detail", committee_id=member.committee_id)
    return render(
        request,
        "organisation/assignment_form.html",
        {"form": form, "assignment": assignment, "member": member},
    )


@login_required
@require_http_methods(["GET", "POST"])
def assignment_delete(request: HttpRequest, assignment_id: int) -> HttpResponse:
    assignment = access.get_writable_or_404(
        request.user,
        CommitteeAssignment.objects.select_related("member", "commune", "hamlet"),
        pk=assignment_id,
    )
    back = reverse("organisation:committee_detail", args=[assignment.member.committee_id])
    return _confirm_delete(
        request,
        assignment,
        question=_("Delete the assignment of %(name)s to %(unit)s?")
        % {"name": assignment.member.full_name, "unit": assignment.unit},
        back=back,
        done=back,
    )


# Mobilisation boards and their members


@login_required
def board_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "organisation/board_list.html",
        {
            "page": _page(request, selectors.board_list(request.user)),
            "without_board": selectors.hamlets_without_board(request.user, today),
            "can_add": access.can_write_any(request.user, MobilisationBoard),
            "today": today,
        },
    )


@login_required
def board_detail(request: HttpRequest, board_id: int) -> HttpResponse:
    board = access.get_readable_or_404(request.user, BOARDS, pk=board_id)
    return render(
        request,
        "organisation/board_detail.html",
        {
            "board": board,
            "members": selectors.board_members(board),
            "can_write": _may_write(request.user, MobilisationBoard, board),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def board_edit(request: HttpRequest, board_id: int | None = None) -> HttpResponse:
    """Set up a hamlet's board (its decision), or change one."""
    user = request.user
    hamlets = access.writable_parents(user, MobilisationBoard, "hamlet")
    hamlets = hamlets.select_related("commune").order_by("commune__code", "code")
    initial = {}
    if board_id is None:
        if not access.can_write_any(user, MobilisationBoard):
            raise PermissionDenied
        board = MobilisationBoard()
        initial["hamlet"] = request.GET.get("ap")
    else:
        board = access.get_writable_or_404(user, BOARDS, pk=board_id)
    form = BoardForm(posted(request), instance=board, hamlets=hamlets, initial=initial)
    if request.method == "POST" and form.is_valid():
        board = form.save()
        messages.success(request, _("Mobilisation board saved."))
        return redirect("organisation:board_detail", board_id=board.pk)
    return render(request, "organisation/board_form.html", {"form": form, "board": board})


@login_required
@require_http_methods(["GET", "POST"])
def board_delete(request: HttpRequest, board_id: int) -> HttpResponse:
    board = access.get_writable_or_404(request.user, BOARDS, pk=board_id)
    return _confirm_delete(
        request,
        board,
        question=_("Delete the %(board)s?") % {"board": board},
        consequence=_("Its %(n)s members are deleted with it.") % {"n": board.members.count()},
        back=reverse("organisation:board_detail", args=[board.pk]),
        done=reverse("organisation:board_list"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def board_member_create(request: HttpRequest, board_id: int) -> HttpResponse:
    board = access.get_readable_or_404(request.user, BOARDS, pk=board_id)
    _writable_parent_or_403(request.user, BoardMember, "board", board)
    return _board_member_form(request, BoardMember(board=board))


@login_required
@require_http_methods(["GET", "POST"])
def board_member_edit(request: HttpRequest, board_member_id: int) -> HttpResponse:
    member = access.get_writable_or_404(
        request.user, BoardMember.objects.select_related("board__hamlet"), pk=board_member_id
    )
    return _board_member_form(request, member)


def _board_member_form(request: HttpRequest, member: BoardMember) -> HttpResponse:
    form = BoardMemberForm(posted(request), instance=member)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Member saved."))
        return redirect("organisation:board_detail", board_id=member.board_id)
    return render(
        request,
        "organisation/board_member_form.html",
        {"form": form, "member": member, "board": member.board},
    )


@login_required
@require_http_methods(["GET", "POST"])
def board_member_delete(request: HttpRequest, board_member_id: int) -> HttpResponse:
    member = access.get_writable_or_404(
        request.user, BoardMember.objects.select_related("board"), pk=board_member_id
    )
    back = reverse("organisation:board_detail", args=[member.board_id])
    return _confirm_delete(
        request,
        member,
        question=_("Delete %(name)s from the board?") % {"name": member.full_name},
        back=back,
        done=back,
    )


# Supervision visits and their follow-ups


def _may_record_visits(user) -> bool:
    return access.can_write_any(user, SupervisionVisit) and access.can_read_any(
        user, CommitteeMember
    )


@login_required
def visit_list(request: HttpRequest) -> HttpResponse:
    today, year = timezone.localdate(), _year(request)
    return render(
        request,
        "organisation/visit_list.html",
        {
            "page": _page(request, selectors.visit_list(request.user, today, year)),
            "year": year,
            "years": range(today.year, today.year - 4, -1),
            "can_record": _may_record_visits(request.user),
        },
    )


def _visit_or_404(user, visit_id: int) -> SupervisionVisit:
    return access.get_readable_or_404(
        user, SupervisionVisit.objects.select_related(*UNIT_COLUMNS), pk=visit_id
    )


@login_required
def visit_detail(request: HttpRequest, visit_id: int) -> HttpResponse:
    visit = _visit_or_404(request.user, visit_id)
    today = timezone.localdate()
    return render(
        request,
        "organisation/visit_detail.html",
        {
            "visit": visit,
            "members": visit.members.select_related("committee__district", "committee__commune"),
            "follow_ups": visit.follow_ups.all(),
            "can_change": selectors.visit_changeable(request.user, visit),
            "today": today,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def visit_edit(request: HttpRequest, visit_id: int | None = None) -> HttpResponse:
    """Record a visit with its follow-up actions, or change one."""
    user, today = request.user, timezone.localdate()
    if visit_id is None:
        if not _may_record_visits(user):
            raise PermissionDenied
        visit = SupervisionVisit()
        existing = None
    else:
        visit = access.get_writable_or_404(
            user, SupervisionVisit.objects.select_related(*UNIT_COLUMNS), pk=visit_id
        )
        if not selectors.visit_changeable(user, visit):
            raise PermissionDenied
        existing = FollowUpEditFormSet(
            posted(request), queryset=visit.follow_ups.all(), prefix="existing"
        )
    units = selectors.visit_units(user)
    if visit.pk:
        # A group visited by the district's committee is not among a district user's choices.
        units.setdefault(selectors.unit_key(visit.unit), visit.unit)
    form = VisitForm(
        posted(request),
        instance=visit,
        units=units,
        members=selectors.visitor_choices(user),
        today=today,
    )
    follow_ups = FollowUpFormSet(posted(request), prefix="followups")
    formsets = [follow_ups] if existing is None else [existing, follow_ups]
    if request.method == "POST" and (answer := once.answer_if_saved(request)):
        return answer  # a copy of a save already written (a draft sent again)
    if request.method == "POST" and form.is_valid() and all(f.is_valid() for f in formsets):
        changed = [] if existing is None else existing.save(commit=False)
        try:
            with once.saving(request) as claim:
                visit = services.visit_save(
                    visit=form.save(commit=False),
                    members=list(form.cleaned_data["members"]),
                    follow_ups=[
                        *changed,
                        *(f.save(commit=False) for f in follow_ups if f.has_changed()),
                    ],
                    user=user,
                )
                _check_still_writable(user, SupervisionVisit, visit)
                claim.done_url = reverse("organisation:visit_detail", args=[visit.pk])
        except once.SavedBefore:
            return once.answer_if_saved(request)
        messages.success(request, _("Supervision visit saved."))
        return once.saved_redirect(request, claim.done_url)
    return render(
        request,
        "organisation/visit_form.html",
        {"form": form, "visit": visit, "follow_ups": follow_ups, "existing": existing},
    )


@login_required
@require_http_methods(["GET", "POST"])
def visit_delete(request: HttpRequest, visit_id: int) -> HttpResponse:
    visit = access.get_writable_or_404(
        request.user, SupervisionVisit.objects.select_related(*UNIT_COLUMNS), pk=visit_id
    )
    if not selectors.visit_changeable(request.user, visit):
        raise PermissionDenied
    return _confirm_delete(
        request,
        visit,
        question=_("Delete the visit to %(unit)s on %(day)s?")
        % {"unit": visit.unit, "day": visit.visited_on.strftime("%d/%m/%Y")},
        consequence=_("Its %(n)s follow-up actions are deleted with it.")
        % {"n": visit.follow_ups.count()},
        back=reverse("organisation:visit_detail", args=[visit.pk]),
        done=reverse("organisation:visit_list"),
    )


def _follow_up_for_change(user, follow_up_id: int) -> FollowUp:
    follow_up = access.get_writable_or_404(
        user, FollowUp.objects.select_related("visit"), pk=follow_up_id
    )
    if not selectors.visit_changeable(user, follow_up.visit):
        raise PermissionDenied
    return follow_up


@login_required
@require_POST
def follow_up_done(request: HttpRequest, follow_up_id: int) -> HttpResponse:
    follow_up = _follow_up_for_change(request.user, follow_up_id)
    form = DoneForm(request.POST, today=timezone.localdate())
    if form.is_valid():
        services.follow_up_mark_done(follow_up=follow_up, done_on=form.cleaned_data["done_on"])
        messages.success(request, _("Follow-up action marked done."))
    else:
        messages.error(request, " ".join(form.errors.get("done_on", [])))
    return redirect("organisation:visit_detail", visit_id=follow_up.visit_id)


@login_required
@require_POST
def follow_up_reopen(request: HttpRequest, follow_up_id: int) -> HttpResponse:
    follow_up = _follow_up_for_change(request.user, follow_up_id)
    services.follow_up_reopen(follow_up=follow_up)
    messages.success(request, _("Follow-up action open again."))
    return redirect("organisation:visit_detail", visit_id=follow_up.visit_id)


@login_required
@require_http_methods(["GET", "POST"])
def follow_up_delete(request: HttpRequest, follow_up_id: int) -> HttpResponse:
    follow_up = _follow_up_for_change(request.user, follow_up_id)
    back = reverse("organisation:visit_detail", args=[follow_up.visit_id])
    return _confirm_delete(
        request,
        follow_up,
        question=_("Delete the follow-up action “%(action)s”?") % {"action": follow_up.action},
        back=back,
        done=back,
    )


# Commendations


@login_required
def commendation_list(request: HttpRequest) -> HttpResponse:
    today, year = timezone.localdate(), _year(request)
    readable = access.readable(request.user, Commendation)
    per_year = commendations_per_year(readable, today.year - 3, today.year)
    return render(
        request,
        "organisation/commendation_list.html",
        {
            "page": _page(request, selectors.commendation_list(request.user, year)),
            "year": year,
            "per_year": sorted(per_year.items(), reverse=True),
            "can_add": access.can_write_any(request.user, Commendation),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def commendation_edit(request: HttpRequest, commendation_id: int | None = None) -> HttpResponse:
    user = request.user
    if commendation_id is None:
        if not access.can_write_any(user, Commendation):
            raise PermissionDenied
        commendation = Commendation(year=timezone.localdate().year)
    else:
        commendation = access.get_writable_or_404(
            user, Commendation.objects.select_related(*UNIT_COLUMNS), pk=commendation_id
        )
    units = selectors.writable_units(user, Commendation, ("district", "commune", "hamlet", "group"))
    if commendation.pk:
        units.setdefault(selectors.unit_key(commendation.unit), commendation.unit)
    form = CommendationForm(posted(request), instance=commendation, units=units)
    if request.method == "POST" and form.is_valid():
        commendation = form.save()
        _check_still_writable(user, Commendation, commendation)
        messages.success(request, _("Commendation saved."))
        return redirect("organisation:commendation_list")
    return render(
        request,
        "organisation/commendation_form.html",
        {"form": form, "commendation": commendation},
    )


@login_required
@require_http_methods(["GET", "POST"])
def commendation_delete(request: HttpRequest, commendation_id: int) -> HttpResponse:
    commendation = access.get_writable_or_404(
        request.user, Commendation.objects.select_related(*UNIT_COLUMNS), pk=commendation_id
    )
    return _confirm_delete(
        request,
        commendation,
        question=_("Delete the commendation “%(title)s” of %(whom)s?")
        % {"title": commendation.title, "whom": commendation.person_name or commendation.unit},
        back=reverse("organisation:commendation_edit", args=[commendation.pk]),
        done=reverse("organisation:commendation_list"),
    )


# Documents


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "organisation/document_list.html",
        {
            "page": _page(request, selectors.document_list(request.user)),
            "can_add": access.can_write_any(request.user, Document),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def document_edit(request: HttpRequest, document_id: int | None = None) -> HttpResponse:
    """Record a document, with its PDF if there is one; or change it."""
    user = request.user
    if document_id is None:
        if not access.can_write_any(user, Document):
            raise PermissionDenied
        document = Document()
    else:
        document = access.get_writable_or_404(
            user, Document.objects.select_related("district", "commune"), pk=document_id
        )
    stored = document.file.name or ""
    units = selectors.writable_units(user, Document, ("district", "commune"))
    files = request.FILES if request.method == "POST" else None
    form = DocumentForm(posted(request), files, instance=document, units=units)
    if request.method == "POST" and form.is_valid():
        document = services.document_save(document=form.save(commit=False), replaced_file=stored)
        _check_still_writable(user, Document, document)
        messages.success(request, _("Document saved."))
        return redirect("organisation:document_list")
    return render(
        request,
        "organisation/document_form.html",
        {
            "form": form,
            "document": document,
            "max_mb": settings.DOCUMENT_MAX_BYTES // (1024 * 1024),
        },
    )


@login_required
def document_download(request: HttpRequest, document_id: int) -> FileResponse:
    """The document's PDF, to a logged-in user whose scope covers the document only."""
    document = access.get_readable_or_404(request.user, Document, pk=document_id)
    if not document.file:
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.download_name(),
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def document_delete(request: HttpRequest, document_id: int) -> HttpResponse:
    document = access.get_writable_or_404(
        request.user, Document.objects.select_related("district", "commune"), pk=document_id
    )
    return _confirm_delete(
        request,
        document,
        question=_("Delete the document %(number)s “%(title)s”?")
        % {"number": document.number, "title": document.title},
        consequence=_("Its PDF file is deleted with it.") if document.file else "",
        back=reverse("organisation:document_edit", args=[document.pk]),
        done=reverse("organisation:document_list"),
        delete=lambda: services.document_delete(document=document),
    )
