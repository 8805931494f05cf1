"""Admin pieces shared by every app."""

from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.search import folded_q

admin.site.site_header = _("Linked residential groups — administration")
admin.site.site_title = _("tocdp administration")
admin.site.index_title = _("District data")


class ReadOnly:
    """An admin or inline that shows records and never writes them: they change elsewhere,
    where they are checked and kept (a workflow, an approval page, a log)."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class FoldedSearchAdmin(admin.ModelAdmin):
    """Search that finds "Bình Thạnh" from "binh thanh", and codes by prefix.

    `search_fields` still lists the code so that Django shows the search box
    and enables autocomplete; the folded columns do the rest.
    """

    folded_search_fields: list[str] = []
    search_fields = ["code"]

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        if not term:
            return queryset, False
        code_fields = [f for f in self.search_fields if not f.startswith(("=", "^", "@"))]
        by_code = Q()
        for field in code_fields:
            by_code |= Q(**{f"{field}__istartswith": term})
        spans_relations = any("__" in f for f in [*self.folded_search_fields, *code_fields])
        return queryset.filter(folded_q(term, self.folded_search_fields) | by_code), spans_relations
