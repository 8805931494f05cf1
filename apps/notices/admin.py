"""The send log, read by superusers in the admin (nobody edits it)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from apps.core.admin import ReadOnly
from apps.notices.models import Delivery


@admin.register(Delivery)
class DeliveryAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["created_at", "notice", "user", "channel", "outcome", "to", "sent_at"]
    list_filter = ["channel", "outcome", "notice__rule"]
    list_select_related = ["notice__user"]
    search_fields = ["notice__user__username", "to"]
    date_hierarchy = "created_at"

    @admin.display(description=_("user"))
    def user(self, delivery: Delivery):
        return delivery.notice.user
