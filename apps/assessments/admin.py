from django.contrib import admin

from apps.accounts.admin_access import ScopedAdmin
from apps.assessments.models import (
    CommuneAssessment,
    GroupAssessment,
    HamletAssessment,
    HouseholdAssessment,
)


@admin.register(HouseholdAssessment)
class HouseholdAssessmentAdmin(ScopedAdmin):
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
    readonly_fields = ["assessed_by", "updated_at"]


@admin.register(GroupAssessment)
class GroupAssessmentAdmin(ScopedAdmin):
    list_display = ["group", "year", "safe", "cultural"]
    list_filter = ["year", "safe", "cultural"]
    list_select_related = ["group"]
    autocomplete_fields = ["group"]
    readonly_fields = ["assessed_by", "updated_at"]


@admin.register(HamletAssessment)
class HamletAssessmentAdmin(ScopedAdmin):
    list_display = ["hamlet", "year", "safe", "cultural"]
    list_filter = ["year", "safe", "cultural"]
    list_select_related = ["hamlet"]
    readonly_fields = ["assessed_by", "updated_at"]


@admin.register(CommuneAssessment)
class CommuneAssessmentAdmin(ScopedAdmin):
    list_display = ["commune", "year", "cultural_standard"]
    list_filter = ["year", "cultural_standard"]
    list_select_related = ["commune"]
    readonly_fields = ["assessed_by", "updated_at"]
