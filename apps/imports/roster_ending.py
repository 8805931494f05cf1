"""Who a roster leaves out, and ending them.

A roster speaks for each group it has lines for: a household or a person of such a
group that no line names is no longer on it. They are listed in the preview as "to
end", and ended only if the administrator asks for it: dated the day before the
roster's "as of" day (their `left_on`, the last day they were on it), never deleted,
so the years they were there keep them. Their roles and oversight assignments end
the same day.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from apps.people.household_counts import groups_of
from apps.people.household_counts import recount as recount_households
from apps.people.models import GroupRole, Household, PartyOversight, Person


@dataclass
class Matched:
    """The existing groups, households and people the file's lines name (ids)."""

    groups: set[int] = field(default_factory=set)
    households: set[int] = field(default_factory=set)
    people: set[int] = field(default_factory=set)


def missing_from_file(
    households: dict[int, Household], people: Iterable[Person], matched: Matched
) -> tuple[list[Household], list[Person]]:
    """The households and people still on the roster of a group the file lists, that no
    line names. A household left out takes all its people with it."""
    gone = [
        household
        for household in households.values()
        if household.group_id in matched.groups
        and household.left_on is None
        and household.pk not in matched.households
    ]
    left_out = [
        person
        for person in people
        if person.left_on is None
        and households[person.household_id].group_id in matched.groups
        and person.pk not in matched.people
    ]
    return gone, left_out


def end_missing_people(
    households: list[Household],
    people: list[Person],
    as_of: datetime.date,
    update: Callable[[list, type, list[str]], None],
) -> None:
    """End the households and people left out of a roster as of `as_of`, with their roles."""
    last_day = as_of - datetime.timedelta(days=1)
    for household in households:
        # A household that joined after that day was on the roster from its first day only.
        household.left_on = max(household.joined_on or last_day, last_day)
    for person in people:
        person.left_on = last_day
    update(households, Household, ["left_on"])
    recount_households(groups_of(h.pk for h in households))
    update(people, Person, ["left_on"])
    for model in (GroupRole, PartyOversight):
        held = list(model.objects.current().filter(person__in=[p.pk for p in people]))
        for period in held:
            period.ended_on = max(period.started_on, last_day)
        update(held, model, ["ended_on"])
