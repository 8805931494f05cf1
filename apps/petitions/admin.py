from django.contrib import admin

from apps.accounts.admin_access import ScopedAdmin, ScopedInline
from apps.petitions.models import AnswerDeadline, Petition, PetitionEvent


class PetitionEventInline(ScopedInline):
    """The petition's history: written by the workflow only, never edited."""

    model = PetitionEvent
    fields = ["on", "action", "state", "level", "due_on", "by", "note", "at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Petition)
class PetitionAdmin(ScopedAdmin):
    """Read-only: a petition changes through its actions on /kien-nghi/, which keep history."""

    list_display = [
        "content",
        "group",
        "category",
        "level",
        "state",
        "raised_on",
        "due_on",
        "recorded_on",
    ]
    list_filter = ["state", "level", "category"]
    list_select_related = ["group"]
    date_hierarchy = "raised_on"
    search_fields = ["content", "group__code"]
    inlines = [PetitionEventInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AnswerDeadline)
class AnswerDeadlineAdmin(ScopedAdmin):
    list_display = ["district", "level", "days"]
    list_select_related = ["district"]
