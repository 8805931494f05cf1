from django.contrib import admin

from apps.accounts.admin_access import ScopedAdmin
from apps.petitions.models import Petition


@admin.register(Petition)
class PetitionAdmin(ScopedAdmin):
    list_display = ["content", "group", "category", "level", "state", "raised_on", "due_on"]
    list_filter = ["state", "level", "category"]
    list_select_related = ["group"]
    date_hierarchy = "raised_on"
    readonly_fields = ["group", "meeting", "due_on", "created_by", "created_at"]
    search_fields = ["content", "group__code"]

    def has_add_permission(self, request) -> bool:
        return False
