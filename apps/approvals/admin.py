from django.contrib import admin

from apps.accounts.admin_access import ScopedAdmin
from apps.approvals.models import MonthApproval, YearApproval


class ApprovalAdmin(ScopedAdmin):
    """Read-only: approving and unlocking happen on /duyet/, which checks and keeps reasons."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


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
