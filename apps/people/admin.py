import datetime
import itertools

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from apps.accounts.admin_access import ScopedAdmin, ScopedInline
from apps.core.admin import FoldedSearchAdmin
from apps.hierarchy.admin import GroupAdmin
from apps.people.memberships import HouseholdMembership, PartyMembership
from apps.people.models import GroupRole, Household, PartyOversight, Person


class GroupRoleFormSet(BaseInlineFormSet):
    """A group's roles on its page, with the leaders' terms of the page checked together:
    each row's clean() compares it with the saved rows only, so two rows added or changed
    at once could otherwise give the group two leaders on the same days."""

    def clean(self) -> None:
        super().clean()
        terms = sorted(
            (data["started_on"], data.get("ended_on") or datetime.date.max)
            for data in (getattr(form, "cleaned_data", None) for form in self.forms)
            if data
            and not data.get("DELETE")
            and data.get("started_on")
            and data.get("role") == GroupRole.Role.LEADER
        )
        if any(later[0] <= earlier[1] for earlier, later in itertools.pairwise(terms)):
            raise ValidationError(_("The group already has a leader during part of this period."))


class GroupRoleInline(ScopedInline):
    model = GroupRole
    formset = GroupRoleFormSet
    autocomplete_fields = ["person"]


class PartyOversightInline(ScopedInline):
    model = PartyOversight
    autocomplete_fields = ["person"]


# A group's page in the admin lists its leaders, deputies and overseeing party members.
GroupAdmin.inlines = [*GroupAdmin.inlines, GroupRoleInline, PartyOversightInline]


class PersonInline(ScopedInline):
    model = Person
    fields = ["full_name", "gender", "birth_year", "phone", "is_household_head"]


class PartyMembershipInline(ScopedInline):
    model = PartyMembership
    fields = ["joined_on", "left_on"]


class HouseholdMembershipInline(ScopedInline):
    """The household's groups over time; a move (a reorganisation) writes them."""

    model = HouseholdMembership
    fields = ["group", "started_on", "ended_on"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Household)
class HouseholdAdmin(ScopedAdmin, FoldedSearchAdmin):
    list_display = ["code", "address", "group", "commune"]
    list_filter = ["group__hamlet__commune", "group__hamlet"]
    list_select_related = ["group__hamlet__commune"]
    autocomplete_fields = ["group"]
    folded_search_fields = ["address_folded", "people__name_folded"]
    inlines = [PersonInline, HouseholdMembershipInline]

    @admin.display(description=_("commune"), ordering="group__hamlet__commune__name")
    def commune(self, household: Household) -> str:
        return household.group.hamlet.commune.name


@admin.register(Person)
class PersonAdmin(ScopedAdmin, FoldedSearchAdmin):
    list_display = [
        "full_name",
        "gender",
        "birth_year",
        "phone",
        "is_household_head",
        "household",
    ]
    list_filter = [
        "is_household_head",
        "gender",
        "household__group__hamlet__commune",
        "household__group__hamlet",
    ]
    list_select_related = ["household"]
    autocomplete_fields = ["household"]
    search_fields = ["phone"]
    folded_search_fields = ["name_folded"]
    inlines = [PartyMembershipInline]


class HeldPeriodAdmin(ScopedAdmin):
    list_display = ["person", "group", "started_on", "ended_on"]
    list_filter = ["group__hamlet__commune", "group__hamlet"]
    list_select_related = ["person", "group"]
    autocomplete_fields = ["group", "person"]
    date_hierarchy = "started_on"


@admin.register(GroupRole)
class GroupRoleAdmin(HeldPeriodAdmin):
    list_display = ["person", "role", "group", "started_on", "ended_on"]
    list_filter = ["role", *HeldPeriodAdmin.list_filter]


@admin.register(PartyOversight)
class PartyOversightAdmin(HeldPeriodAdmin):
    pass
