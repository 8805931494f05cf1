from django.contrib import admin

from apps.accounts.admin_access import ScopedAdmin
from apps.approvals.models import MonthApproval, YearApproval
from apps.core.admin import ReadOnly


class ApprovalAdmin(ReadOnly, ScopedAdmin):
    """Read-only: approving and unlocking happen on /duyet/, which checks and keeps reasons."""


@admin.register(MonthApproval)
class MonthApprovalAdmin(ApprovalAdmin):
    list_display = ["month", "commune", "hamlet", "approved_by", "approved_at", "unlocked_at"]
    list_filter = ["month"]
    list_select_related = ["commune", "hamlet", "approved_by"]


@admin.register(YearApproval)
class YearApprovalAdmin(ApprovalAdmin):
    list_display = ["year", "commune", "approved_by", "approved_at", "unlocked_at"]
    list_filter = ["year"]
    list_select_related = ["commune", "approved_by"]
