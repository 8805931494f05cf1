"""Which requests queue for SQLite's write lock.

SQLite takes its one write lock when a transaction begins (transaction_mode IMMEDIATE in
settings), so that overlapping saves wait their turn instead of failing with "database is
locked". With ATOMIC_REQUESTS every request is a transaction; a page that only reads has
no reason to queue behind every save, and with WAL it reads a consistent snapshot without
any lock. So GET and HEAD requests begin theirs deferred, unless the view is marked
`writes_on_read` (say, it records a download). A view outside ATOMIC_REQUESTS (the health
probes, the login) has no request transaction, so nothing to change and no reason to open
a connection. PostgreSQL needs none of this.
"""

from collections.abc import Callable
from typing import TypeVar

from django.db import DEFAULT_DB_ALIAS, connection
from django.http import HttpRequest, HttpResponse

READ_METHODS = {"GET", "HEAD", "OPTIONS"}
View = TypeVar("View", bound=Callable)


def writes_on_read(view: View) -> View:
    """Mark a view that writes even when read (GET): it queues for the write lock at once."""
    view.writes_on_read = True
    return view


class ReadsDoNotQueueForWrites:
    """Middleware: a request that reads begins its transaction without the write lock."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            return self.get_response(request)
        finally:
            if hasattr(request, "_write_lock_mode"):
                connection.transaction_mode = request._write_lock_mode

    def process_view(self, request: HttpRequest, view_func: Callable, view_args, view_kwargs):
        if (
            connection.vendor == "sqlite"
            and request.method in READ_METHODS
            and not getattr(view_func, "writes_on_read", False)
            and DEFAULT_DB_ALIAS not in getattr(view_func, "_non_atomic_requests", ())
        ):
            connection.ensure_connection()  # the mode is read from the settings on connecting
            request._write_lock_mode = connection.transaction_mode
            connection.transaction_mode = None  # a plain, deferred BEGIN
        return None
