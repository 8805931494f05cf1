from django.contrib import admin

from apps.accounts.admin_access import ScopedAdmin, ScopedInline
from apps.core.admin import ReadOnly
from apps.petitions.models import AnswerDeadline, Petition, PetitionEvent


class PetitionEventInline(ReadOnly, ScopedInline):
    """The petition's history: written by the workflow only, never edited."""

    model = PetitionEvent
    fields = ["on", "action", "state", "level", "due_on", "by", "note", "at"]
    readonly_fields = fields


@admin.register(Petition)
class PetitionAdmin(ReadOnly, ScopedAdmin):
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


@admin.register(AnswerDeadline)
class AnswerDeadlineAdmin(ScopedAdmin):
    list_display = ["district", "level", "days"]
    list_select_related = ["district"]
