"""The admin honours the same scope rule as the pages (apps.accounts.access).

Querysets, foreign-key choices, autocomplete, actions and inlines all go
through `readable` / `writable`; Django's per-model permissions are not used,
so a commune official can use the admin for their commune only. The audit
history of a record is shown to administrators only.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin

from apps.accounts import access


class ScopedChoices:
    """Foreign-key choices limited to what the user may read (admins and inlines alike)."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if access.is_scoped(db_field.related_model):
            kwargs["queryset"] = access.readable(request.user, db_field.related_model)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class NotFoundOutsideScope:
    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # Django redirects to the index for a missing object; outside the scope
        # and missing are the same answer here, and that answer is 404.
        raise Http404


class ScopedAdmin(ScopedChoices, NotFoundOutsideScope, SimpleHistoryAdmin):
    def get_queryset(self, request):
        return access.readable(request.user, super().get_queryset(request))

    def has_module_permission(self, request) -> bool:
        return (
            request.user.is_active
            and request.user.is_staff
            and (request.user.is_superuser or bool(access.scopes_of(request.user)))
        )

    def has_view_permission(self, request, obj=None) -> bool:
        if not self.has_module_permission(request):
            return False
        return obj is None or access.readable(request.user, self.model).filter(pk=obj.pk).exists()

    def has_change_permission(self, request, obj=None) -> bool:
        if not self.has_module_permission(request):
            return False
        if obj is None:
            return access.can_write_any(request.user, self.model)
        return access.writable(request.user, self.model).filter(pk=obj.pk).exists()

    has_delete_permission = has_change_permission

    def has_add_permission(self, request) -> bool:
        return self.has_module_permission(request) and access.can_write_any(
            request.user, self.model
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Choices are already limited; this catches a unit moved out of reach by other fields.
        if not access.writable(request.user, self.model).filter(pk=obj.pk).exists():
            raise PermissionDenied

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Django links every change form to its history; only those who may open it see the link.
        context["show_history"] = obj is not None and self.has_view_history_permission(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    # Audit history: administrators only, read-only.
    def has_view_history_or_change_history_permission(self, request, obj=None) -> bool:
        return self.has_view_history_permission(request, obj)

    def has_view_history_permission(self, request, obj=None) -> bool:
        return access.is_administrator(request.user) and self.has_view_permission(request, obj)

    def has_change_history_permission(self, request, obj=None) -> bool:
        return False


class ScopedInline(ScopedChoices, admin.TabularInline):
    """Rows shown inside a record the user may see; editable when the record is writable."""

    extra = 0

    def get_queryset(self, request):
        return access.readable(request.user, super().get_queryset(request))

    def _parent_writable(self, request, obj) -> bool:
        if obj is None:
            return access.can_write_any(request.user, self.model)
        return (
            access.can_write_any(request.user, self.model)
            and access.writable(request.user, type(obj)).filter(pk=obj.pk).exists()
        )

    def has_view_permission(self, request, obj=None) -> bool:
        return True

    def has_add_permission(self, request, obj=None) -> bool:
        return self._parent_writable(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._parent_writable(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self._parent_writable(request, obj)
