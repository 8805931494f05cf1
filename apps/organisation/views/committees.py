"""Steering committees, their members and the units each member oversees."""

from django.contrib.auth.decorators import login_required
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from apps.accounts import access
from apps.core.http import posted
from apps.hierarchy.models import Commune, Hamlet
from apps.organisation import selectors
from apps.organisation.forms.committees import AssignmentForm, CommitteeForm, CommitteeMemberForm
from apps.organisation.models import CommitteeAssignment, CommitteeMember, SteeringCommittee
from apps.organisation.services import committees as services
from apps.organisation.views.common import (
    delete_page,
    list_page,
    new_record_under,
    record_form,
)


@login_required
def committee_list(request: HttpRequest) -> HttpResponse:
    committees = selectors.committee_list(request.user)
    return list_page(request, "organisation/committee_list.html", committees, SteeringCommittee)


@login_required
def committee_detail(request: HttpRequest, committee_id: int) -> HttpResponse:
    committee = selectors.get_committee_for_user(request.user, committee_id)
    return render(
        request,
        "organisation/committee_detail.html",
        {
            "committee": committee,
            "members": selectors.committee_members(committee),
            "can_write": selectors.may_write(request.user, SteeringCommittee, committee),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def committee_edit(request: HttpRequest, committee_id: int | None = None) -> HttpResponse:
    """Set up a committee (its decision), or change one."""
    user = request.user
    committee = access.to_edit(
        user, SteeringCommittee, committee_id, selectors.get_committee_for_user
    )
    units = selectors.writable_units(user, SteeringCommittee, ("district", "commune"))
    return record_form(
        request,
        CommitteeForm(posted(request), instance=committee, units=units),
        "organisation/committee_form.html",
        {"committee": committee},
        save=lambda unsaved: services.committee_save(user=user, record=unsaved),
        saved=_("Steering committee saved."),
        done=lambda saved: reverse("organisation:committee_detail", args=[saved.pk]),
    )


committee_delete = delete_page(
    selectors.get_committee_for_user,
    services.committee_delete,
    lambda committee: dict(
        question=_("Delete the %(committee)s?") % {"committee": committee},
        consequence=_("Its %(n)s members and their assignments are deleted with it.")
        % {"n": committee.members.count()},
        blocked=services.why_committee_is_kept(committee),
        back=reverse("organisation:committee_detail", args=[committee.pk]),
        done=reverse("organisation:committee_list"),
    ),
)


@login_required
@require_http_methods(["GET", "POST"])
def member_create(request: HttpRequest, committee_id: int) -> HttpResponse:
    committee = selectors.get_committee_for_user(request.user, committee_id)
    return _member_form(
        request, new_record_under(request.user, CommitteeMember, "committee", committee)
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request: HttpRequest, member_id: int) -> HttpResponse:
    return _member_form(request, selectors.get_member_for_user(request.user, member_id, write=True))


def _member_form(request: HttpRequest, member: CommitteeMember) -> HttpResponse:
    return record_form(
        request,
        CommitteeMemberForm(posted(request), instance=member),
        "organisation/member_form.html",
        {"member": member, "committee": member.committee},
        save=lambda unsaved: services.member_save(user=request.user, record=unsaved),
        saved=_("Member saved."),
        done=reverse("organisation:committee_detail", args=[member.committee_id]),
    )


member_delete = delete_page(
    selectors.get_member_for_user,
    services.member_delete,
    lambda member: dict(
        question=_("Delete %(name)s from the committee?") % {"name": member.full_name},
        consequence=_("Their assignments to units are deleted with them."),
        blocked=services.why_member_is_kept(member),
        back=reverse("organisation:committee_detail", args=[member.committee_id]),
    ),
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
    member = selectors.get_member_for_user(request.user, member_id)
    assignment = new_record_under(request.user, CommitteeAssignment, "member", member)
    return _assignment_form(request, assignment)


@login_required
@require_http_methods(["GET", "POST"])
def assignment_edit(request: HttpRequest, assignment_id: int) -> HttpResponse:
    assignment = selectors.get_assignment_for_user(request.user, assignment_id, write=True)
    return _assignment_form(request, assignment)


def _assignment_form(request: HttpRequest, assignment: CommitteeAssignment) -> HttpResponse:
    member = assignment.member
    units = _assignment_units(request.user, member.committee)
    return record_form(
        request,
        AssignmentForm(posted(request), instance=assignment, units=units),
        "organisation/assignment_form.html",
        {"assignment": assignment, "member": member},
        save=lambda unsaved: services.assignment_save(user=request.user, record=unsaved),
        saved=_("Assignment saved."),
        done=reverse("organisation:committee_detail", args=[member.committee_id]),
    )


assignment_delete = delete_page(
    selectors.get_assignment_for_user,
    services.assignment_delete,
    lambda assignment: dict(
        question=_("Delete the assignment of %(name)s to %(unit)s?")
        % {"name": assignment.member.full_name, "unit": assignment.unit},
        back=reverse("organisation:committee_detail", args=[assignment.member.committee_id]),
    ),
)
