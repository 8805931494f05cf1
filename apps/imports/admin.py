"""The roster import in the admin: django-import-export's upload → preview → confirm, with
the roster format and resource, the upload held in the database, and the scope rule."""

from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from import_export.admin import ImportMixin

from apps.accounts import access
from apps.accounts.admin_access import ScopedAdmin
from apps.imports.models import RosterEntry
from apps.imports.reading import UnreadableFile
from apps.imports.resources import RosterResource, RosterXLSX
from apps.imports.roster_import import ImportFailed
from apps.imports.storage import DatabaseStorage
from apps.people.models import Person


@admin.register(RosterEntry)
class RosterAdmin(ImportMixin, ScopedAdmin):
    list_display = ["full_name", "household", "birth_year", "phone"]
    list_select_related = ["household"]
    # Searched as typed, not a list of every household of the district (47,000 of them
    # took the page 40 s to write).
    autocomplete_fields = ["household"]
    search_fields = ["full_name", "household__code"]
    resource_classes = [RosterResource]
    formats = [RosterXLSX]
    tmp_storage_class = DatabaseStorage
    skip_admin_log = True  # every change already leaves an audit-history row

    def has_import_permission(self, request) -> bool:
        return self.has_module_permission(request) and access.can_write_any(request.user, Person)

    def has_add_permission(self, request) -> bool:
        return False  # people are added through households, or by importing a roster

    def history_view(self, request, object_id, extra_context=None):
        # A roster line is a person: their audit history is the person's.
        access.get_readable_or_404(request.user, Person, pk=object_id)
        return HttpResponseRedirect(reverse("admin:people_person_history", args=[object_id]))

    def write_to_tmp_storage(self, import_file, input_format):
        # Called just before the upload is read: the checks then see its real name.
        input_format.file_name = import_file.name
        return super().write_to_tmp_storage(import_file, input_format)

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, UnreadableFile):
            form.add_error("import_file", str(e))
        else:
            super().add_data_read_fail_error_to_form(form, e)

    def process_import(self, request, **kwargs):
        try:
            return super().process_import(request, **kwargs)
        except ImportFailed as error:  # the write was rolled back: say so, on the page
            messages.error(request, str(error))
            return HttpResponseRedirect(reverse("admin:imports_rosterentry_import"))

    def process_result(self, result, request):
        if result.has_validation_errors():
            # The data changed between the preview and the confirmation: nothing was written.
            messages.error(
                request,
                _("Nothing was imported: the file no longer matches the data. Upload it again."),
            )
            return HttpResponseRedirect(reverse("admin:imports_rosterentry_import"))
        return super().process_result(result, request)
