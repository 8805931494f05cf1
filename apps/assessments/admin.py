from django.contrib import admin

from apps.accounts.admin_access import ScopedAdmin
from apps.approvals.admin_locks import LockedPeriodAdmin
from apps.approvals.locks import year_lock, year_locked_message
from apps.assessments.models import (
    CommuneAssessment,
    GroupAssessment,
    HamletAssessment,
    HouseholdAssessment,
)


class YearLockedAdmin(LockedPeriodAdmin, ScopedAdmin):
    readonly_fields = ["assessed_by", "updated_at"]  # kept by the save, never typed in

    def lock_message(self, obj) -> str:
        # The stored keys, or for a new assessment its unit as it stands.
        unit = obj
        if obj.commune_id is None:
            field = obj.unit_field
            unit = getattr(obj, f"{field}_id", None) and getattr(obj, field)
            unit = unit.group if field == "household" and unit else unit
        if not unit or obj.year is None:
            return ""
        return year_locked_message(obj.year) if year_lock(unit, obj.year) else ""


@admin.register(HouseholdAssessment)
class HouseholdAssessmentAdmin(YearLockedAdmin):
    list_display = [
        "household",
        "year",
        "no_crime",
        "no_social_evils",
        "no_drugs",
        "cultural_family",
    ]
    list_filter = ["year", "cultural_family"]
    list_select_related = ["household"]
    autocomplete_fields = ["household"]


@admin.register(GroupAssessment)
class GroupAssessmentAdmin(YearLockedAdmin):
    list_display = ["group", "year", "safe", "cultural"]
    list_filter = ["year", "safe", "cultural"]
    list_select_related = ["group"]
    autocomplete_fields = ["group"]


@admin.register(HamletAssessment)
class HamletAssessmentAdmin(YearLockedAdmin):
    list_display = ["hamlet", "year", "safe", "cultural"]
    list_filter = ["year", "safe", "cultural"]
    list_select_related = ["hamlet"]


@admin.register(CommuneAssessment)
class CommuneAssessmentAdmin(YearLockedAdmin):
    list_display = ["commune", "year", "cultural_standard"]
    list_filter = ["year", "cultural_standard"]
    list_select_related = ["commune"]
