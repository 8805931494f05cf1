"""Saving the demo's accounts with their scopes."""

from django.contrib.auth.hashers import make_password

from apps.accounts.models import Scope, User

BATCH = 2000


def save_accounts(accounts: list[tuple[User, Scope | None]], password: str) -> None:
    """Write the users and their scopes in bulk. One hash for every demo account: hashing
    thousands of passwords one by one would take minutes and protects nothing in a demo."""
    hashed = make_password(password)
    users = [user for user, _ in accounts]
    for user in users:
        user.password = hashed
    User.objects.bulk_create(users, batch_size=BATCH)
    scopes = []
    for user, scope in accounts:
        if scope is not None:
            scope.user = user
            scopes.append(scope)
    Scope.objects.bulk_create(scopes, batch_size=BATCH)
