"""Whether to show the reorganisations in the menu (the pages ask the same rule)."""

from django import template

from apps.accounts import access

register = template.Library()


@register.filter
def reorganises(user) -> bool:
    return user.is_authenticated and access.is_administrator(user)
