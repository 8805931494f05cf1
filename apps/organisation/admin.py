from django import forms
from django.contrib import admin

from apps.accounts import access
from apps.accounts.admin_access import ScopedAdmin, ScopedInline
from apps.organisation.forms.documents import PdfUploadMixin, ProtectedFileInput
from apps.organisation.models.boards import BoardMember, MobilisationBoard
from apps.organisation.models.commendations import Commendation
from apps.organisation.models.committees import (
    CommitteeAssignment,
    CommitteeMember,
    SteeringCommittee,
)
from apps.organisation.models.documents import Document
from apps.organisation.models.visits import FollowUp, SupervisionVisit
from apps.organisation.services.documents import document_remove, file_remove_on_commit

UNIT_COLUMNS = ["district", "commune", "hamlet", "group"]


class CommitteeMemberInline(ScopedInline):
    model = CommitteeMember
    fields = ["full_name", "position", "organisation", "started_on", "ended_on"]
    show_change_link = True


@admin.register(SteeringCommittee)
class SteeringCommitteeAdmin(ScopedAdmin):
    list_display = ["__str__", "decision_number", "decision_date", "established_on", "ended_on"]
    list_filter = ["commune"]
    list_select_related = ["district", "commune"]
    readonly_fields = ["district", "commune"]
    inlines = [CommitteeMemberInline]

    def has_add_permission(self, request) -> bool:
        return False  # the page /to-chuc/ban-chi-dao/ places it at its unit


class CommitteeAssignmentInline(ScopedInline):
    model = CommitteeAssignment
    fields = ["commune", "hamlet", "started_on", "ended_on"]


@admin.register(CommitteeMember)
class CommitteeMemberAdmin(ScopedAdmin):
    list_display = ["full_name", "position", "organisation", "committee", "started_on", "ended_on"]
    list_filter = ["organisation"]
    list_select_related = ["committee__district", "committee__commune"]
    search_fields = ["name_folded"]
    inlines = [CommitteeAssignmentInline]


@admin.register(CommitteeAssignment)
class CommitteeAssignmentAdmin(ScopedAdmin):
    list_display = ["member", "commune", "hamlet", "started_on", "ended_on"]
    list_select_related = ["member", "commune", "hamlet"]
    autocomplete_fields = ["member"]


class BoardMemberInline(ScopedInline):
    model = BoardMember
    fields = ["full_name", "position", "started_on", "ended_on"]


@admin.register(MobilisationBoard)
class MobilisationBoardAdmin(ScopedAdmin):
    list_display = ["hamlet", "decision_number", "decision_date", "established_on", "ended_on"]
    list_filter = ["hamlet__commune"]
    list_select_related = ["hamlet"]
    inlines = [BoardMemberInline]


@admin.register(BoardMember)
class BoardMemberAdmin(ScopedAdmin):
    list_display = ["full_name", "position", "board", "started_on", "ended_on"]
    list_select_related = ["board__hamlet"]
    search_fields = ["name_folded"]


class FollowUpInline(ScopedInline):
    model = FollowUp
    fields = ["action", "due_on", "done", "done_on"]


@admin.register(SupervisionVisit)
class SupervisionVisitAdmin(ScopedAdmin):
    list_display = ["visited_on", "district", "commune", "hamlet", "group"]
    list_filter = ["commune"]
    list_select_related = UNIT_COLUMNS
    date_hierarchy = "visited_on"
    readonly_fields = [*UNIT_COLUMNS, "recorded_by"]
    filter_horizontal = ["members"]
    inlines = [FollowUpInline]

    def has_add_permission(self, request) -> bool:
        return False  # the page /to-chuc/kiem-tra/ fills in the unit's ancestors

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs["queryset"] = access.readable(request.user, CommitteeMember).select_related(
            "committee"
        )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(FollowUp)
class FollowUpAdmin(ScopedAdmin):
    list_display = ["action", "visit", "due_on", "done", "done_on"]
    list_filter = ["done"]
    list_select_related = ["visit__district", "visit__commune", "visit__hamlet", "visit__group"]
    readonly_fields = ["visit"]

    def has_add_permission(self, request) -> bool:
        return False  # added with its visit


@admin.register(Commendation)
class CommendationAdmin(ScopedAdmin):
    list_display = ["year", "title", "person_name", "district", "commune", "hamlet", "group"]
    list_filter = ["year"]
    list_select_related = UNIT_COLUMNS
    readonly_fields = UNIT_COLUMNS

    def has_add_permission(self, request) -> bool:
        return False  # the page /to-chuc/khen-thuong/ fills in the unit's ancestors


class DocumentAdminForm(PdfUploadMixin, forms.ModelForm):
    class Meta:
        model = Document
        fields = ["number", "issued_on", "issued_by", "title", "file"]
        widgets = {"file": ProtectedFileInput(attrs={"accept": "application/pdf,.pdf"})}


@admin.register(Document)
class DocumentAdmin(ScopedAdmin):
    form = DocumentAdminForm
    list_display = ["number", "issued_on", "issued_by", "title", "district", "commune"]
    list_select_related = ["district", "commune"]
    readonly_fields = ["district", "commune", "file_name"]

    def save_model(self, request, obj, form, change):
        stored = Document.objects.filter(pk=obj.pk).values_list("file", flat=True).first()
        super().save_model(request, obj, form, change)
        if stored and stored != obj.file.name:
            file_remove_on_commit(stored)

    def delete_model(self, request, obj):
        document_remove(document=obj)

    def delete_queryset(self, request, queryset):
        for document in queryset:
            document_remove(document=document)

    def has_add_permission(self, request) -> bool:
        return False  # the page /to-chuc/van-ban/ places it at its unit
