"""Reads about accounts."""

from django.db.models import Q, QuerySet

from apps.accounts import access
from apps.accounts.models import Scope, User


def managed_users(admin: User) -> QuerySet[User]:
    """The accounts a district administrator manages: those with a scope in their district."""
    if admin.is_active and admin.is_superuser:
        return User.objects.all()
    districts = [s.district_id for s in access.scopes_of(admin) if s.role == Scope.Role.ADMIN]
    if not districts:
        return User.objects.none()
    in_district = (
        Q(scopes__district__in=districts)
        | Q(scopes__commune__district__in=districts)
        | Q(scopes__hamlet__commune__district__in=districts)
        | Q(scopes__group__hamlet__commune__district__in=districts)
    )
    ids = User.objects.filter(in_district).values("pk")
    return User.objects.filter(pk__in=ids, is_superuser=False)
