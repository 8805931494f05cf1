"""The lock rule in the admin: a record of a locked period is shown read-only, and a form
that would move a record into a locked period is refused with the lock's message."""

from django.core.exceptions import PermissionDenied
from django.db.models import Model


class LockedPeriodAdmin:
    """Mixed into a ScopedAdmin; `lock_message(obj)` says why `obj` (as stored, or as the
    form would save it) cannot be written, or "" when its period is open."""

    def lock_message(self, obj: Model) -> str:
        raise NotImplementedError

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.pk is not None and self.lock_message(obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.pk is not None and self.lock_message(obj):
            return False
        return super().has_delete_permission(request, obj)

    def delete_queryset(self, request, queryset):
        # The changelist's "delete selected" asks no object: none of a locked period goes.
        if any(self.lock_message(obj) for obj in queryset):
            raise PermissionDenied
        super().delete_queryset(request, queryset)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        admin = self

        class Checked(form):
            def _post_clean(self):
                super()._post_clean()  # the instance now holds what would be saved
                if not self.errors:
                    message = admin.lock_message(self.instance)
                    if message:
                        self.add_error(None, message)

        return Checked
