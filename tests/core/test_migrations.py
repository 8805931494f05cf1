"""The migrations, run forward from an empty database, build the very tables, columns,
indexes and constraints the models describe: the test database is made from the models and
only records the migrations as applied (tests/conftest.py, `django_db_setup`)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder

# Django's own: migrated, the id of auth's group-permission table follows DEFAULT_AUTO_FIELD
# (a bigint on PostgreSQL); made from the model, auth's own default (an integer).
ID_TYPE_DIFFERS = {("auth_group_permissions", "id")}

# Every migration from nothing takes about 16 s: with the slow tests (make test-slow, CI).
pytestmark = pytest.mark.slow


def _columns(cursor, table: str) -> list[tuple]:
    return sorted(
        (
            column.name,
            None if (table, column.name) in ID_TYPE_DIFFERS else column.type_code,
            column.null_ok,
            column.collation,
        )
        for column in connection.introspection.get_table_description(cursor, table)
    )


def _constraints(cursor, table: str) -> list[str]:
    """Each constraint and index by what it is, not by its name: SQLite names foreign keys
    and unnamed checks by their place in the table (fk_0), and PostgreSQL names a unique
    constraint added to a column `…_uniq` but one made with its table `…_key`."""
    found = connection.introspection.get_constraints(cursor, table)
    return sorted(repr(sorted(constraint.items())) for constraint in found.values())


def _schema() -> dict:
    with connection.cursor() as cursor:
        return {
            table: (_columns(cursor, table), _constraints(cursor, table))
            for table in connection.introspection.table_names(cursor)
            if table != MigrationRecorder.Migration._meta.db_table
        }


def _drop_every_table() -> None:
    tables = connection.introspection.table_names()
    cascade = " CASCADE" if connection.vendor == "postgresql" else ""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA foreign_keys = OFF")
        for table in tables:
            cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(table)}{cascade}")
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA foreign_keys = ON")


def test_migrating_an_empty_database_builds_the_tables_of_the_models(transactional_db):
    from_the_models = _schema()
    assert len(from_the_models) > 50
    _drop_every_table()
    assert connection.introspection.table_names() == []

    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    assert len(executor.migration_plan(leaves)) > 50
    executor.migrate(leaves)

    assert MigrationExecutor(connection).migration_plan(leaves) == []
    from_the_migrations = _schema()
    assert sorted(from_the_migrations) == sorted(from_the_models)
    for table, (columns, constraints) in from_the_models.items():
        assert from_the_migrations[table][0] == columns, table
        assert from_the_migrations[table][1] == constraints, table
