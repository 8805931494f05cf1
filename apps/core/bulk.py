"""Writing many new records, each with its audit-history row, in one go.

A district's roster is ~50,000 people. Django's bulk_create prepares every value
of every row through several layers and simple-history then builds a second
model instance per row for its history, which together take most of an import's
time. On PostgreSQL the rows and their history rows are instead streamed with
COPY (psycopg's copy support), each value prepared once by its field; elsewhere
(SQLite, the embedded default) simple-history's bulk_create_with_history does it.
Either way every record gets its "+" history row naming the user, and the new
ids are set on the objects, so records made after them can point at them.
"""

from collections.abc import Iterable, Sequence

from django.conf import settings
from django.db import connections, router
from django.db.models import Model
from django.utils import timezone
from psycopg import sql
from simple_history.utils import bulk_create_with_history


def create_with_history(
    objs: Sequence[Model], model: type[Model], *, user, batch_size: int = 2000
) -> None:
    """Insert `objs` (new records of `model`) and a creation history row for each."""
    connection = connections[router.db_for_write(model)]
    # A batch at a time: the prepared rows and history instances of a whole district's
    # people at once would take hundreds of MB.
    for start in range(0, len(objs), batch_size):
        batch = objs[start : start + batch_size]
        if connection.vendor == "postgresql":
            _copy_with_history(connection, batch, model, user)
        else:
            bulk_create_with_history(batch, model, batch_size=batch_size, default_user=user)


def _copy_with_history(connection, objs: Sequence[Model], model: type[Model], user) -> None:
    ids = _next_ids(connection, model, len(objs))
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    attnames = [model._meta.pk.attname, *(f.attname for f in fields)]
    rows = []
    for obj, pk in zip(objs, ids, strict=True):
        obj._prepare_related_fields_for_save(operation_name="bulk_create")  # ids of parents
        obj.pk = pk
        values = (f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields)
        rows.append((pk, *values))
        obj._state.adding, obj._state.db = False, connection.alias
    _copy(connection, model, attnames, rows)
    if getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        _copy_history(connection, model.history.model, attnames, rows, user)


def _next_ids(connection, model: type[Model], count: int) -> list[int]:
    """Reserve `count` ids from the table's sequence, as inserts one by one would."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, model._meta.pk.column, count],
        )
        return [row[0] for row in cursor.fetchall()]


def _copy(connection, model: type[Model], attnames: list[str], rows: Iterable[tuple]) -> None:
    column = {f.attname: f.column for f in model._meta.concrete_fields}
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(model._meta.db_table),
        sql.SQL(", ").join(sql.Identifier(column[a]) for a in attnames),
    )
    # Django's own wrapper turns the driver's errors into django.db ones (IntegrityError…).
    with (
        connection.cursor() as cursor,
        connection.wrap_database_errors,
        cursor.cursor.copy(statement) as copy,
    ):
        for row in rows:
            copy.write_row(row)


def _copy_history(
    connection, history: type[Model], attnames: list[str], rows: list[tuple], user
) -> None:
    """A "+" row per record: the record's values, when, by whom."""
    own = {
        "history_date": timezone.now(),
        "history_change_reason": None,
        "history_type": "+",
        "history_user_id": user.pk if user else None,
    }
    expected = {*attnames, *own, history._meta.pk.attname}
    if expected != {f.attname for f in history._meta.concrete_fields}:
        raise LookupError(f"{history.__name__} has columns this writer does not know")
    extra = tuple(own.values())
    _copy(connection, history, [*attnames, *own], (row + extra for row in rows))
