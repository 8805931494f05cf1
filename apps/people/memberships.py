"""Dated facts about households and people: which group a household belonged to, and who
was a party member, on any day. The one place that answers "a party member on day D"
(`PartyMembership.objects.on`) and "a group's households in a period" (`present_q`), so
that a past year is counted with the facts of that year."""

import datetime
from collections.abc import Iterable
from itertools import islice

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.dated import alive_q, check_ends_after_start, ends_after_start, one_running
from apps.hierarchy.models import Group
from apps.people.models import Household, Person


class PartyMembershipQuerySet(models.QuerySet):
    def on(self, day: datetime.date) -> "PartyMembershipQuerySet":
        """The memberships in force on `day`: the one rule for "a party member on day D"."""
        return self.filter(alive_q(day, day, start="joined_on", end="left_on", open_start=True))

    def current(self) -> "PartyMembershipQuerySet":
        return self.filter(left_on__isnull=True)


class PartyMembership(models.Model):
    """A person's membership of the Party (đảng viên), from the day they joined (empty:
    unknown, a member from the beginning) to the last day they were one (empty while they
    are)."""

    scope_path = "person__household__group"

    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="party_memberships",
        verbose_name=_("person"),
    )
    joined_on = models.DateField(_("joined the Party on"), null=True, blank=True)
    left_on = models.DateField(_("left the Party on"), null=True, blank=True)
    history = HistoricalRecords()

    objects = PartyMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("party membership")
        verbose_name_plural = _("party memberships")
        ordering = ["person", "joined_on"]
        constraints = [
            one_running("person", name="one_open_party_membership_per_person", end="left_on"),
            ends_after_start(
                "party_membership_ends_after_start",
                start="joined_on",
                end="left_on",
                open_start=True,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.joined_on or '…'} - {self.left_on or '…'})"

    def clean(self) -> None:
        check_ends_after_start(self.joined_on, self.left_on, end="left_on")


def party_member_on(day: datetime.date, person: str = "person") -> Exists:
    """Rows whose `person` (a lookup; "pk" on Person) was a party member on `day`: a
    condition for filters, counts and annotations."""
    return Exists(PartyMembership.objects.on(day).filter(person=OuterRef(person)))


def is_party_member(person_id: int, day: datetime.date) -> bool:
    """Whether the person was a party member on `day`."""
    return PartyMembership.objects.on(day).filter(person=person_id).exists()


def present_q(first: datetime.date, last: datetime.date, prefix: str = "") -> Q:
    """Memberships (reached through `prefix`, e.g. "household_memberships__") that count a
    household in its group for the period [first, last]: the one in force on the last day
    (a household that moved during the period counts once, in the group it moved to, as
    its assessment does), of a household there at some time in the period (joined by the
    last day, or undated, and not left before the first). The one rule for a group's
    households in a period."""
    start, end = f"{prefix}started_on", f"{prefix}ended_on"
    in_force = alive_q(last, last, start=start, end=end, open_start=True)
    household = f"{prefix}household__"
    there = alive_q(
        first, last, start=f"{household}joined_on", end=f"{household}left_on", open_start=True
    )
    return in_force & there


def _recount(groups: set[int]) -> None:
    """Bulk writes send no signals: the groups' kept household counts are recounted here."""
    from apps.people.household_counts import recount  # it reads this module's model

    recount(groups)


class HouseholdMembershipQuerySet(models.QuerySet):
    def present(self, first: datetime.date, last: datetime.date) -> "HouseholdMembershipQuerySet":
        return self.filter(present_q(first, last))

    def groups_on(self, household_ids: Iterable[int], day: datetime.date) -> dict[int, int]:
        """Each household's group on `day` (its membership in force then), by household id."""
        in_force = self.filter(alive_q(day, day, open_start=True), household__in=household_ids)
        return dict(in_force.values_list("household", "group"))

    def current(self) -> "HouseholdMembershipQuerySet":
        return self.filter(ended_on__isnull=True)

    def begin(self, households: Iterable[Household]) -> None:
        """New households (made in bulk; a single save arrives by signal) each begin a
        membership of their group, from their beginning."""
        groups = set()
        households = iter(households)
        # A batch at a time: a whole district's 48,000 new memberships at once took 25 MB.
        while batch := list(islice(households, 2000)):
            self.bulk_create([HouseholdMembership(household=h, group_id=h.group_id) for h in batch])
            groups |= {h.group_id for h in batch}
        _recount(groups)

    def move(self, households: Iterable[Household], group: Group, day: datetime.date) -> None:
        """The households belong to `group` from `day`: their current memberships end the
        day before, new ones begin on `day`. A membership begun on `day` itself is replaced
        (a move undone or redone the same day); one that begins later is refused."""
        ids = [h.pk for h in households]
        current = list(self.current().filter(household__in=ids))
        if any(row.started_on and row.started_on > day for row in current):
            raise ValueError("A household cannot move before its current membership began.")
        last_day = day - datetime.timedelta(days=1)
        replaced = [row for row in current if row.started_on == day and row.group_id != group.pk]
        self.filter(pk__in=[row.pk for row in replaced]).delete()
        resumed = self.filter(
            household__in=[row.household_id for row in replaced], ended_on=last_day, group=group
        )
        staying = {row.household_id for row in current if row.group_id == group.pk}
        staying |= set(resumed.values_list("household", flat=True))
        resumed.update(ended_on=None)
        self.current().filter(household__in=ids).exclude(household__in=staying).update(
            ended_on=last_day
        )
        self.bulk_create(
            HouseholdMembership(household_id=pk, group=group, started_on=day)
            for pk in ids
            if pk not in staying
        )
        _recount({row.group_id for row in current} | {group.pk})


class HouseholdMembership(models.Model):
    """A household's period in a group: a move ends one and begins the next, so a group's
    past keeps the households it had. An empty first day: from the household's beginning."""

    scope_path = "group"

    household = models.ForeignKey(
        Household,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("household"),
    )
    group = models.ForeignKey(
        Group,
        on_delete=models.PROTECT,
        related_name="household_memberships",
        verbose_name=_("group"),
    )
    started_on = models.DateField(_("started on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    history = HistoricalRecords()

    objects = HouseholdMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("household membership")
        verbose_name_plural = _("household memberships")
        ordering = ["household", "started_on"]
        constraints = [
            one_running("household", name="one_open_membership_per_household"),
            ends_after_start("household_membership_ends_after_start", open_start=True),
        ]

    def __str__(self) -> str:
        return f"{self.household} → {self.group}"


@receiver(post_save, sender=Household)
def keep_membership(sender, instance: Household, raw: bool = False, **kwargs) -> None:
    """A new household begins its membership; a group changed by hand (not by a dated
    move, which moves the membership first) is a move today."""
    if raw:  # loaddata: fixtures carry their own memberships
        return
    current = instance.memberships.current().values_list("group", flat=True).first()
    if current is None:
        HouseholdMembership.objects.begin([instance])
    elif current != instance.group_id:
        HouseholdMembership.objects.move([instance], instance.group, timezone.localdate())
