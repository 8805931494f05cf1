"""Whether to show the roster import in the menu (the page itself asks the same rule)."""

from django import template

from apps.imports.services import may_import_rosters

register = template.Library()


@register.filter
def imports_rosters(user) -> bool:
    return user.is_authenticated and may_import_rosters(user)
