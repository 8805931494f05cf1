"""The figures of final periods, counted once and kept in the shared cache.

A past year's figures are final once every commune of the area has approved each of its
months and the year (apps.indicators.approval): the lock rule (apps.approvals.locks) then
refuses every meeting, outreach session, petition and assessment dated in it. Pages of past
years, their reports and the year before on a dashboard read them from the cache.

The cache is Redis (REDIS_URL), shared by every web server and the worker; FIGURE_CACHE
turns this on with it. With each process's own memory it stays off: a write in the worker
could not reach a web server's copy.

Every key carries a generation that moves with each committed write to a table that can
change a final period without being locked out of it: the units and their placements,
people and memberships, committees and boards, the answer deadlines, and the approvals
themselves (an unlock, or approving again after records changed). The writes are seen
where they reach the database (an execute wrapper on every connection), so bulk writes,
the admin, imports and the worker move it too. Saving a record of the month (the work of
month-end) does not: its tables are the locked ones.
"""

import re
import time
from collections.abc import Sequence

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.backends.signals import connection_created
from django.db.models import Model

from apps.core.periods import Month
from apps.indicators.approval import years_final
from apps.indicators.area import Figures, Period, compute_over

GENERATION = "figures:generation"
# The apps whose tables shape past figures without being locked by an approval.
SHAPING_APPS = ("hierarchy", "people", "organisation", "approvals")
SHAPING_MODELS = ("petitions.AnswerDeadline",)
WRITE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)

_shaping_tables: frozenset[str] = frozenset()


def enabled() -> bool:
    return settings.FIGURE_CACHE


def generation() -> int:
    """The current generation; a new one (the clock in ns, larger than any before) if the
    cache lost it, so an entry of an earlier generation is never read again."""
    found = cache.get(GENERATION)
    if found is None:
        cache.add(GENERATION, time.time_ns(), timeout=None)
        found = cache.get(GENERATION)
    return found


def figures_changed() -> None:
    """Move the generation: every kept figure is counted again when next asked for."""
    try:
        cache.incr(GENERATION)
    except ValueError:  # not there (first use, or evicted): a new generation altogether
        cache.set(GENERATION, time.time_ns(), timeout=None)


def is_final_year(year: int, today) -> bool:
    return year < today.year


def cache_key(unit: Model, periods: Sequence, by: str | None, todays_map: bool) -> str:
    shown = ",".join(f"{p.year}@{p.month}" for p in periods)
    return f"figures:{generation()}:{unit.level}:{unit.pk}:{shown}:{by or ''}:{int(todays_map)}"


def kept_compute_over(
    unit: Model, periods: Sequence[Period], *, by: str | None = None, todays_map: bool = False
) -> list[dict[int | None, Figures]]:
    """apps.indicators.area.compute_over, from the cache when every period is final (and
    kept there once counted)."""
    if not enabled() or not _all_final(unit, periods):
        return compute_over(unit, periods, by=by, todays_map=todays_map)
    key = cache_key(unit, periods, by, todays_map)
    found = cache.get(key)
    if found is None:
        found = compute_over(unit, periods, by=by, todays_map=todays_map)
        cache.set(key, found, timeout=settings.FIGURE_CACHE_SECONDS)
    return found


def kept_compute(
    unit: Model, period: Period, *, by: str | None = None, todays_map: bool = False
) -> dict[int | None, Figures]:
    return kept_compute_over(unit, [period], by=by, todays_map=todays_map)[0]


def _all_final(unit: Model, periods: Sequence) -> bool:
    """Whether every period is a past year (and month) approved by all its communes: one
    query, and none for the running year's pages."""
    today = periods[0].today
    if not all(is_final_year(p.year, today) and p.month < Month(today.year, 1) for p in periods):
        return False
    years = sorted({p.year for p in periods} | {p.month.year for p in periods})
    return years_final(unit, years, today)


# Seeing the writes -----------------------------------------------------------------------


def _watch_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if enabled():
        written = WRITE.match(sql)
        if written and written.group(1).lower() in _shaping_tables:
            _after_commit(context["connection"])
    return result


def _after_commit(connection) -> None:
    """Move the generation once the write is committed (once per transaction): a page that
    counts meanwhile reads what was there before, and keeps it under the old generation."""
    if not connection.in_atomic_block:
        figures_changed()
    elif not any(func is figures_changed for _, func, _ in connection.run_on_commit):
        transaction.on_commit(figures_changed, using=connection.alias)


def _install(sender, connection, **kwargs) -> None:
    if _watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch_writes)


def watch_writes() -> None:
    """Called once the apps are ready (apps.indicators.apps)."""
    global _shaping_tables
    configs = [apps.get_app_config(label) for label in SHAPING_APPS]
    models = [m for config in configs for m in config.get_models(include_auto_created=True)]
    models += [apps.get_model(label) for label in SHAPING_MODELS]
    _shaping_tables = frozenset(m._meta.db_table.lower() for m in models)
    connection_created.connect(_install, dispatch_uid="final_figures.watch_writes")
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        _install(None, connection)
