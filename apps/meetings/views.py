"""Meeting pages: the month's status of my groups, the meeting form, programmes, outreach."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from apps.accounts import access
from apps.approvals.locks import month_lock, month_locked_message
from apps.core import once
from apps.core.http import posted
from apps.core.periods import Month, month_or_404
from apps.hierarchy.models import ANCESTOR_PATHS, Commune, District, Group, Hamlet
from apps.hierarchy.names import told_apart, told_apart_beside
from apps.meetings import selectors, services
from apps.meetings.figures import meeting_completeness
from apps.meetings.forms import MeetingForm, OutreachForm, PetitionFormSet, ProgrammeForm, unit_key
from apps.meetings.models import Meeting, MonthlyProgramme, OutreachSession
from apps.people.selectors import households_on

PAGE_SIZE = 50


def _status_url(month: Month) -> str:
    return f"{reverse('meetings:status')}?thang={month}"


@login_required
def month_status(request: HttpRequest) -> HttpResponse:
    """My groups this month: recorded, not yet recorded, or late; one tap to record."""
    today = timezone.localdate()
    ended = access.ended_unit(request.user)
    # The last month to show: this one, or the last of the user's unit if it has ended.
    current = Month.of(ended.ended_on) if ended else Month.of(today)
    month = min(Month.parse(request.GET.get("thang"), current), current)
    # The groups as they stood in the month: not those that left the user's units before.
    groups = access.readable(request.user, Group, on=selectors.month_day(request.user, month))
    hamlets = list(
        Hamlet.objects.filter(pk__in=groups.values("hamlet_id"))
        .select_related("commune")
        .order_by("commune__code", "code")
    )
    hamlet = next((h for h in hamlets if str(h.pk) == request.GET.get("ap")), None)
    if hamlet:
        groups = groups.filter(hamlet=hamlet)
    status = selectors.MonthStatus(
        completeness=meeting_completeness(groups, month)[None], month=month, today=today
    )
    page = Paginator(selectors.groups_of_month(groups, month), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    by_unit = [] if hamlet else selectors.completeness_by_unit(groups, month, hamlets)
    return render(
        request,
        "meetings/month_status.html",
        {
            "month": month,
            "current": current,
            "previous": month.previous(),
            "next": month.next() if month < current else None,
            "status": status,
            "page": page,
            "hamlets": hamlets if len(hamlets) > 1 else [],
            "several_communes": len({h.commune_id for h in hamlets}) > 1,
            "apart": told_apart(hamlets),  # the hamlets of merged communes kept their names
            "hamlet": hamlet,
            "by_unit": by_unit,
            "can_record": access.can_write_any(request.user, Meeting),
            "ended": ended,
        },
    )


def _why_not_recordable(group: Group, month: Month, today) -> str | None:
    if month.first_day > today:
        return _("A month that has not started yet cannot be recorded.")
    if not Group.objects.active_between(month.first_day, month.last_day).filter(pk=group.pk):
        return _("%(group)s was not active in %(month)s.") % {
            "group": group.name,
            "month": month.label,
        }
    return None


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, group_id: int, year: int, month: int) -> HttpResponse:
    """Record a group's meeting of a month, or change it; read-only for those who cannot."""
    month = month_or_404(year, month)
    # A POST is refused here to those who may only read; a GET shows them the meeting.
    posting = request.method == "POST"
    group = selectors.get_meeting_group_for_user(request.user, group_id, month, write=posting)
    meeting = (
        Meeting.objects.filter(group=group, month=month.first_day)
        .select_related("recorded_by", "updated_by", "hamlet", "commune")
        .prefetch_related("petitions")
        .first()
    )
    programme = selectors.programme_for(group, month)
    # The header names the meeting's hamlet where it was held, else the group's of today.
    hamlet, commune_id = (
        (meeting.hamlet, meeting.commune_id) if meeting else (group.hamlet, group.hamlet.commune_id)
    )
    context = {
        "group": group,
        "month": month,
        "meeting": meeting,
        "programme": programme,
        "apart": told_apart_beside([(hamlet, commune_id)]),
    }
    if not posting and not selectors.may_record_meetings(request.user, group):
        return render(request, "meetings/meeting_detail.html", context)
    today = timezone.localdate()
    problem = _why_not_recordable(group, month, today)
    if problem:
        messages.error(request, problem)
        return redirect(_status_url(month))
    form_options = {"group": group, "month": month, "today": today, "programme": programme}
    if request.method == "POST" and (answer := once.answer_if_saved(request)):
        return answer  # a queued copy of a save already written
    form = MeetingForm(posted(request), instance=meeting, **form_options)
    petitions = PetitionFormSet(posted(request), prefix="petitions")
    lock = month_lock(group, month)
    if request.method == "POST" and form.is_valid() and petitions.is_valid():
        try:
            with once.saving(request) as claim:
                services.meeting_save(
                    meeting=form.instance,
                    expected_version=form.cleaned_data["version"],
                    new_petitions=[f.save(commit=False) for f in petitions if f.has_changed()],
                    user=request.user,
                )
                claim.done_url = _status_url(month)
        except once.SavedBefore:
            return once.answer_if_saved(request)
        except services.MeetingConflict as conflict:
            # Keep everything typed; the next save deliberately replaces the stored version.
            data = request.POST.copy()
            data["version"] = conflict.current.version
            form = MeetingForm(data, instance=copy.copy(conflict.current), **form_options)
            context["conflict"] = conflict.current
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Meeting of %(group)s for %(month)s saved.")
                % {"group": group.name, "month": month.label},
            )
            return once.saved_redirect(request, claim.done_url)
    households_now = households_on(group, min(today, month.last_day))
    context.update(
        form=form,
        petitions=petitions,
        households_now=households_now,
        past_due=today > month.due_on,
        locked=month_locked_message(lock) if lock else "",
    )
    return render(request, "meetings/meeting_form.html", context)


@login_required
def programme_list(request: HttpRequest) -> HttpResponse:
    """The communes' monthly programmes; commune officials publish theirs from here."""
    programmes = access.readable(request.user, MonthlyProgramme).select_related("commune")
    page = Paginator(programmes, PAGE_SIZE).get_page(request.GET.get("page"))
    current = Month.current()
    communes = access.writable_parents(request.user, MonthlyProgramme, "commune")
    return render(
        request,
        "meetings/programme_list.html",
        {"page": page, "communes": communes, "months": [current, current.next()]},
    )


@login_required
@require_http_methods(["GET", "POST"])
def programme_edit(request: HttpRequest, commune_id: int, year: int, month: int) -> HttpResponse:
    month = month_or_404(year, month)
    commune = selectors.get_programme_commune_for_user(request.user, commune_id, write=True)
    programme = MonthlyProgramme.objects.filter(commune=commune, month=month.first_day).first()
    initial = (
        {"themes": programme.themes, "talking_points": programme.talking_points}
        if programme
        else {}
    )
    form = ProgrammeForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        services.programme_publish(
            commune=commune, month=month, user=request.user, **form.cleaned_data
        )
        messages.success(
            request,
            _("Programme of %(commune)s for %(month)s published.")
            % {"commune": commune.name, "month": month.label},
        )
        return redirect("meetings:programme_list")
    return render(
        request,
        "meetings/programme_form.html",
        {"form": form, "commune": commune, "month": month, "programme": programme},
    )


def _outreach_units(user) -> dict[str, District | Commune | Hamlet | Group]:
    """The units the user may hold outreach sessions at, keyed as the form's choices."""
    models = [District, Commune, Hamlet]
    if not access.is_district_wide(user):
        models.append(Group)  # a district has ~1,800 groups: too many for one list
    units = {}
    for model in models:
        queryset = access.readable(user, model).select_related(*ANCESTOR_PATHS[model.level])
        if model is Group:
            queryset = queryset.order_by("hamlet__code", "code")
        # Read-only units (ended, or only formerly within the user's) hold no new sessions.
        writable = (u for u in queryset if access.may(user, OutreachSession, u, write=True))
        units.update((unit_key(unit), unit) for unit in writable)
    return units


@login_required
def outreach_list(request: HttpRequest) -> HttpResponse:
    sessions = access.readable(request.user, OutreachSession).select_related(
        "district", "commune", "hamlet", "group"
    )
    page = Paginator(sessions, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "meetings/outreach_list.html",
        {
            "page": page,
            "can_write": access.can_write_any(request.user, OutreachSession),
            "changeable": access.changeable_among(request.user, OutreachSession, page),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def outreach_edit(request: HttpRequest, session_id: int | None = None) -> HttpResponse:
    """Record an outreach session, or change one."""
    session = access.to_edit(
        request.user, OutreachSession, session_id, selectors.get_outreach_for_user
    )
    form = OutreachForm(
        posted(request),
        instance=session,
        units=_outreach_units(request.user),
        today=timezone.localdate(),
    )
    if request.method == "POST" and (answer := once.answer_if_saved(request)):
        return answer  # a copy of a save already written (a draft sent again)
    if request.method == "POST" and form.is_valid():
        try:
            with once.saving(request) as claim:
                # Placed at the chosen unit by the form; a locked month is refused first.
                session = services.outreach_save(session=form.save(commit=False), user=request.user)
                claim.done_url = reverse("meetings:outreach_list")
        except once.SavedBefore:
            return once.answer_if_saved(request)
        except ValidationError as error:
            form.add_error(None, error)
            return render(
                request, "meetings/outreach_form.html", {"form": form, "session": session}
            )
        messages.success(request, _("Outreach session saved."))
        return once.saved_redirect(request, claim.done_url)
    return render(request, "meetings/outreach_form.html", {"form": form, "session": session})


@login_required
@require_http_methods(["GET", "POST"])
def outreach_delete(request: HttpRequest, session_id: int) -> HttpResponse:
    session = selectors.get_outreach_for_user(request.user, session_id, write=True)
    if request.method == "POST":
        try:
            services.outreach_delete(session=session, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("meetings:outreach_list")
        messages.success(request, _("Outreach session deleted."))
        return redirect("meetings:outreach_list")
    return render(request, "meetings/outreach_delete.html", {"session": session})
