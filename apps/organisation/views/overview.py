"""The organisation pages' start: the figures of the user's area this year."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from apps.accounts import access
from apps.hierarchy.models import Commune, Hamlet
from apps.organisation.figures import (
    members_per_organisation,
    overdue_follow_ups,
    units_never_visited,
)
from apps.organisation.models import CommitteeMember, Document, FollowUp, SteeringCommittee


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """The organisation pages, with the figures of the user's area this year."""
    user = request.user
    # Communes for the district's people, hamlets for everyone else (none for group leaders),
    # alive and within the user's area today; for a unit that has ended, on its last day. Its
    # follow-ups and members are counted on that day too: what its successor did or let lapse
    # since is not the ended unit's to answer for.
    ended = access.ended_unit(user)
    day = ended.ended_on if ended else timezone.localdate()
    model = Commune if access.is_district_wide(user) else Hamlet
    units = access.readable(user, model, on=day).filter(model.alive_q(day, day))
    organisations = []
    if access.can_read_any(user, CommitteeMember):
        counts = members_per_organisation(access.readable(user, CommitteeMember), day)[None]
        organisations = [
            (label, counts[value]) for value, label in CommitteeMember.Organisation.choices
        ]
    return render(
        request,
        "organisation/overview.html",
        {
            "year": day.year,
            "never_visited": units_never_visited(units, day.year),
            "overdue": overdue_follow_ups(access.readable(user, FollowUp), day)[None],
            "organisations": organisations,
            "can_see_committees": access.can_read_any(user, SteeringCommittee),
            "can_see_documents": access.can_read_any(user, Document),
        },
    )
