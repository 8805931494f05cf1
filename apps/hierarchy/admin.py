from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from apps.accounts.admin_access import ScopedAdmin
from apps.core.admin import FoldedSearchAdmin
from apps.hierarchy.life import end_what_was_held
from apps.hierarchy.models import Commune, District, Group, Hamlet


class UnitAdmin(ScopedAdmin, FoldedSearchAdmin):
    """A unit with units under it is not deleted (they protect it; it ends instead, and the
    structure keeps its history): no delete button. Its delete page would otherwise
    gather every record filed under the unit to list them, minutes for a district."""

    children: str = ""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # After the inline forms (a group's roles): a unit ended here ends what was held at
        # it, as a reorganisation does.
        if form.instance.life[1] in form.changed_data and form.instance.last_day:
            end_what_was_held(form.instance, request.user)

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is not None and self.children and getattr(obj, self.children).exists():
            return False
        return super().has_delete_permission(request, obj)


@admin.register(District)
class DistrictAdmin(UnitAdmin):
    children = "communes"
    list_display = ["code", "name", "kind", "province", "started_on", "ended_on"]
    list_filter = ["kind"]
    folded_search_fields = ["name_folded"]


@admin.register(Commune)
class CommuneAdmin(UnitAdmin):
    children = "hamlets"
    list_display = ["code", "name", "kind", "district", "started_on", "ended_on"]
    list_filter = ["kind", "district"]
    list_select_related = ["district"]
    autocomplete_fields = ["district"]
    folded_search_fields = ["name_folded"]


@admin.register(Hamlet)
class HamletAdmin(UnitAdmin):
    children = "groups"
    list_display = ["code", "name", "kind", "commune", "started_on", "ended_on"]
    list_filter = ["kind", "commune"]
    list_select_related = ["commune"]
    autocomplete_fields = ["commune"]
    folded_search_fields = ["name_folded", "commune__name_folded"]


@admin.register(Group)
class GroupAdmin(UnitAdmin):
    children = "households"
    list_display = ["code", "name", "hamlet", "commune", "status", "activated_on"]
    list_filter = ["status", "hamlet__commune", "hamlet"]
    list_select_related = ["hamlet__commune"]
    autocomplete_fields = ["hamlet"]
    folded_search_fields = ["name_folded", "hamlet__name_folded"]
    # Its leaders, deputies and overseers are added by apps.people.admin (people stand on
    # the hierarchy, not the other way round).
    inlines = []

    @admin.display(description=_("commune"), ordering="hamlet__commune__name")
    def commune(self, group: Group) -> str:
        return group.hamlet.commune.name
