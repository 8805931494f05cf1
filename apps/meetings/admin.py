from django.contrib import admin

from apps.accounts.admin_access import ScopedAdmin, ScopedInline
from apps.approvals.admin_locks import LockedPeriodAdmin
from apps.approvals.locks import month_lock, month_locked_message
from apps.core.admin import ReadOnly
from apps.meetings.models import Meeting, MonthlyProgramme, OutreachSession
from apps.petitions.models import Petition


class PetitionInline(ReadOnly, ScopedInline):
    model = Petition
    fields = ["content", "category", "level", "state", "due_on"]
    readonly_fields = fields
    show_change_link = True
    # Petitions are raised on the meeting form and change through their own actions.


def _month_lock_message(unit, day) -> str:
    lock = month_lock(unit, day) if day is not None else None
    return month_locked_message(lock) if lock else ""


@admin.register(Meeting)
class MeetingAdmin(LockedPeriodAdmin, ScopedAdmin):
    list_display = ["group", "month", "held_on", "attendees", "households_represented"]
    list_filter = ["month", "group__hamlet__commune"]
    list_select_related = ["group"]
    date_hierarchy = "month"
    autocomplete_fields = ["group"]
    search_fields = ["group__code", "group__name_folded"]
    readonly_fields = ["recorded_on", "recorded_by", "updated_at", "updated_by", "households_total"]
    inlines = [PetitionInline]

    def has_add_permission(self, request) -> bool:
        return False  # recorded from /sinh-hoat/, which sets the recording day and checks

    def lock_message(self, obj: Meeting) -> str:
        # Where the group stood on the meeting's day (the stored keys may be of another day).
        return _month_lock_message(obj.group, obj.held_on)

    def save_model(self, request, obj, form, change):
        # A new version, so that anyone still editing the old one on a page is refused.
        obj.version += 1
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(MonthlyProgramme)
class MonthlyProgrammeAdmin(ScopedAdmin):
    list_display = ["commune", "month", "published_by", "published_at"]
    list_filter = ["commune"]
    list_select_related = ["commune", "published_by"]
    readonly_fields = ["published_by", "published_at"]


@admin.register(OutreachSession)
class OutreachSessionAdmin(LockedPeriodAdmin, ScopedAdmin):
    list_display = ["held_on", "theme", "district", "commune", "hamlet", "group", "attendees"]
    list_filter = ["commune"]
    list_select_related = ["district", "commune", "hamlet", "group"]
    date_hierarchy = "held_on"
    readonly_fields = ["district", "commune", "hamlet", "group", "recorded_by"]

    def has_add_permission(self, request) -> bool:
        return False  # the page /sinh-hoat/tuyen-truyen/ fills in the unit's ancestors

    def lock_message(self, obj: OutreachSession) -> str:
        return _month_lock_message(obj, obj.held_on)
