"""Every table's row count and a checksum of its rows: what a restored database is compared
against the one it was backed up from.

The checksum does not depend on the order rows come back in (each row is hashed, the row
hashes are sorted, then hashed together), so two databases holding the same rows agree
whatever their physical order. Values are hashed as the database driver returns them,
which is exact between two databases of the same kind (a backup restores into its own).
"""

import hashlib

from django.db.backends.base.base import BaseDatabaseWrapper


def table_checksums(connection: BaseDatabaseWrapper) -> dict[str, tuple[int, str]]:
    """{table: (rows, checksum)} for every table of the database behind `connection`."""
    figures = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            hashes = sorted(_row_hash(row) for row in cursor)
            whole = hashlib.sha256(b"".join(hashes)).hexdigest()
            figures[table] = (len(hashes), whole[:16])
    return figures


def _row_hash(row: tuple) -> bytes:
    # Binary columns come back as memoryview, whose repr is its address: hash the bytes.
    values = tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)
    return hashlib.sha256(repr(values).encode()).digest()


def checksum_lines(figures: dict[str, tuple[int, str]]) -> list[str]:
    """One line per table, `table rows checksum`: two databases' lines compare with diff."""
    return [f"{table} {rows} {checksum}" for table, (rows, checksum) in figures.items()]
