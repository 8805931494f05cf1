from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group as PermissionGroup

from apps.accounts import access
from apps.accounts.admin_access import NotFoundOutsideScope, ScopedInline
from apps.accounts.models import ExportLog, Scope, User
from apps.accounts.selectors import managed_users
from apps.core.admin import ReadOnly

# Access comes from scopes (apps.accounts.access), not from permission groups.
admin.site.unregister(PermissionGroup)


class ScopeInline(ScopedInline):
    model = Scope
    autocomplete_fields = ["district", "commune", "hamlet", "group"]

    def get_queryset(self, request):
        return Scope.objects.filter(user__in=managed_users(request.user))

    def _parent_writable(self, request, obj) -> bool:
        return access.is_administrator(request.user)


@admin.register(User)
class TocdpUserAdmin(NotFoundOutsideScope, UserAdmin):
    """Accounts, for district administrators: only those of their district."""

    inlines = [ScopeInline]
    list_display = ["username", "first_name", "last_name", "is_active", "is_staff"]

    def get_queryset(self, request):
        return managed_users(request.user)

    def _is_admin(self, request) -> bool:
        return request.user.is_staff and access.is_administrator(request.user)

    def has_module_permission(self, request) -> bool:
        return self._is_admin(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return self._is_admin(request) and (
            obj is None or managed_users(request.user).filter(pk=obj.pk).exists()
        )

    has_change_permission = has_view_permission

    def has_add_permission(self, request) -> bool:
        return self._is_admin(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        # Accounts are deactivated, never deleted, so their history keeps its authors.
        return request.user.is_superuser

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return super().get_readonly_fields(request, obj)
        return ["is_superuser", "user_permissions", "groups", "last_login", "date_joined"]


@admin.register(ExportLog)
class ExportLogAdmin(ReadOnly, NotFoundOutsideScope, admin.ModelAdmin):
    """The record of personal-data exports: read by district administrators, never edited."""

    list_display = ["at", "user", "what", "rows"]
    list_select_related = ["user"]
    date_hierarchy = "at"

    def get_queryset(self, request):
        return super().get_queryset(request).filter(user__in=managed_users(request.user))

    def has_module_permission(self, request) -> bool:
        return (
            request.user.is_active
            and request.user.is_staff
            and access.is_administrator(request.user)
        )

    def has_view_permission(self, request, obj=None) -> bool:
        return self.has_module_permission(request)
