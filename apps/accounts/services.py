"""Writes on accounts: creating a user with a scope, deactivating, resetting a password,
recording a download of personal rows."""

from django.db import transaction

from apps.accounts.models import ExportLog, Scope, User


@transaction.atomic
def user_create(*, username: str, full_name: str, password: str, scope: Scope) -> User:
    """A new active user holding `scope` (an unsaved Scope without a user)."""
    user = User(username=username, first_name=full_name)
    user.set_password(password)
    user.save()
    scope.user = user
    scope.full_clean()
    scope.save()
    return user


def user_deactivate(*, user: User) -> None:
    """Deactivated users cannot log in; their records and history stay."""
    user.is_active = False
    user.save(update_fields=["is_active"])


def user_set_password(*, user: User, password: str) -> None:
    user.set_password(password)
    user.save(update_fields=["password"])


def export_record(*, user: User, what: str, rows: int) -> ExportLog:
    """Record a download of personal rows (names, phones, party membership, household
    flags): who, what and how many rows; the download log shows them to administrators."""
    return ExportLog.objects.create(user=user, what=what[:255], rows=rows)
