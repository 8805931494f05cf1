"""Which reads go to the read replica.

With DATABASE_REPLICA_URL set, the settings add a database alias "replica" (a streaming
replica of the PostgreSQL primary) and name it in READ_REPLICA. The pages and tasks that
only read, and read a great deal, run inside `replica_reads` (views: the
`reads_from_replica` decorator): the dashboard with its charts, the report, and the
exports. There, and only there, reads go to the replica. Every write, wherever it is made,
and every other read go to the primary: a replica lags its primary by a moment, which a
month's figures can bear but a form that shows what was just saved cannot. For the same
reason a marked view takes its user (session, account) from the primary before switching:
someone who has just logged in may not be on the replica yet.

Reads that lead to a write stay on the primary by themselves: `select_for_update`,
`get_or_create` and `update_or_create` read through the write database.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import TypeVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS
from django.http import HttpRequest

View = TypeVar("View", bound=Callable)

_reading_replica: ContextVar[bool] = ContextVar("reading_replica", default=False)


@contextmanager
def replica_reads() -> Iterator[None]:
    """Within it, reads go to the replica (when there is one)."""
    token = _reading_replica.set(True)
    try:
        yield
    finally:
        _reading_replica.reset(token)


def reads_from_replica(view: View) -> View:
    """Mark a view that only reads: its reads go to the replica."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        _ = request.user.is_authenticated  # the session and the user: from the primary
        with replica_reads():
            return view(request, *args, **kwargs)

    return wrapped


class PrimaryReplicaRouter:
    """Reads inside `replica_reads` go to READ_REPLICA; everything else to the primary."""

    def db_for_read(self, model, **hints) -> str:
        if settings.READ_REPLICA and _reading_replica.get():
            return settings.READ_REPLICA
        # Explicitly the primary, not the database the instance in hand came from: an
        # object read on the replica and used after the page, in a task, reads its
        # relations on the primary.
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints) -> str:
        # Never where the instance was read: an object read on the replica is saved on the
        # primary (Django's default would send it back to the replica).
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # the replica holds the primary's rows: the same database

    def allow_migrate(self, db: str, app_label: str, **hints) -> bool:
        return db == DEFAULT_DB_ALIAS  # the replica follows the primary's schema
