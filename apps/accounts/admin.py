from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from apps.accounts.models import Scope, User


class ScopeInline(admin.TabularInline):
    model = Scope
    extra = 0
    autocomplete_fields = ["district", "commune", "hamlet", "group"]


@admin.register(User)
class TocdpUserAdmin(UserAdmin):
    inlines = [ScopeInline]
    list_display = ["username", "first_name", "last_name", "is_active", "is_staff"]
