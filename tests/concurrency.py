"""Running work at the same instant in several threads, each with its own connection.

On SQLite the tests' database lives in memory, where locking is not what a deployment
meets; `database_file` moves the test onto a copy of it in a file, opened with the
project's real options (WAL, transaction mode, timeout). On PostgreSQL each thread
simply opens its own connection to the test database.
"""

import copy
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import connections


def _open(settings_dict: dict) -> None:
    """Give the calling thread its own connection made from `settings_dict`."""
    wrapper_class = type(connections["default"])
    connections["default"] = wrapper_class(copy.deepcopy(settings_dict), "default")


@contextmanager
def database_file(directory: Path) -> Iterator[dict]:
    """On SQLite, copy the test database into a file and point this thread at it.

    Yields the settings other threads open their connections with.
    """
    original = connections["default"]
    if original.vendor != "sqlite":
        yield original.settings_dict
        return
    path = directory / "shared.sqlite3"
    original.ensure_connection()
    with sqlite3.connect(path) as target:
        original.connection.backup(target)
        # A deployment's file is in WAL mode from its first migration on. A copy is not,
        # and threads switching it at the same instant would fail on that switch, which no
        # deployment meets.
        target.execute("PRAGMA journal_mode=WAL")
    target.close()
    settings_dict = {**original.settings_dict, "NAME": str(path)}
    _open(settings_dict)
    try:
        yield settings_dict
    finally:
        connections["default"].close()
        connections["default"] = original


def at_once(settings_dict: dict, jobs: list[Callable[[], object]]) -> list[object]:
    """Run the jobs in threads that start together; their results (or exceptions), in order."""
    start = threading.Barrier(len(jobs))
    results: list[object] = [None] * len(jobs)

    def run(index: int, job: Callable[[], object]) -> None:
        _open(settings_dict)
        try:
            # Connected before the start, as a server's workers are: the jobs race on their
            # work, not on opening the file.
            connections["default"].ensure_connection()
            start.wait()
            results[index] = job()
        except Exception as exc:  # kept for the test to assert there are none
            results[index] = exc
        finally:
            connections["default"].close()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def impatient(settings_dict: dict, seconds: float) -> dict:
    """The same connection settings, waiting at most `seconds` for SQLite's write lock."""
    if settings_dict["ENGINE"] != "django.db.backends.sqlite3":
        return settings_dict
    return {**settings_dict, "OPTIONS": {**settings_dict["OPTIONS"], "timeout": seconds}}
