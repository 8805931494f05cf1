"""The figures of a unit's periods, counted once and kept in the shared cache until a write
could change them.

The cache is Redis (REDIS_URL), shared by every web server and the worker; FIGURE_CACHE
turns this on with it. With each process's own memory it stays off: a write in the worker
could not reach a web server's copy.

Every key carries generations that move with each committed write to the tables the
figures are counted from. The writes are seen where they reach the database (an execute
wrapper on every connection), so bulk writes, the admin, imports and the worker move them
too, and a rolled-back write does not.
- The shaping generation: the units and their placements, people and memberships,
  committees and boards, the answer deadlines, and the approvals themselves.
- A records generation for each app of records: meetings (and outreach), petitions,
  assessments (and ratings).
Each figure is kept under the shaping generation and that of the records it is counted
from (apps.indicators.area.COUNTED_FROM), so a meeting saved at month-end makes only the
meeting figures counted again, not the groups', petitions' or assessments'.

A final period (a past year whose months and year every commune approved, see
apps.indicators.approval) is kept under the shaping generation alone: the lock rule
(apps.approvals.locks) refuses every record dated in it, so the month's work elsewhere
does not clear it; an unlock moves the shaping generation. Any other period is kept under
the generations and the day it is read on: at month-end, when meetings are saved every
few seconds, its meeting figures are mostly counted again and the rest read.
"""

import functools
import re
import time
from collections.abc import Callable, Sequence

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connections, transaction
from django.db.backends.signals import connection_created
from django.db.models import Model

from apps.core.periods import Month
from apps.indicators.approval import years_final
from apps.indicators.area import COUNTED_FROM, Figures, Period, compute_over, count_over, figures_of

SHAPING = "figures:shaping"
# The apps whose tables shape past figures without being locked by an approval, and those
# of the records an approval locks.
SHAPING_APPS = ("hierarchy", "people", "organisation", "approvals")
SHAPING_MODELS = ("petitions.AnswerDeadline",)
RECORD_APPS = ("meetings", "petitions", "assessments")
RECORDS = {app: f"figures:records:{app}" for app in RECORD_APPS}
# A write whose move was lost (Redis out of reach from one server for a while) is seen at
# the latest when the entry expires: ten minutes for a running period.
RUNNING_SECONDS = 600
WRITE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)

_moves: dict[str, Callable[[], None]] = {}  # table name -> what its committed writes move


def enabled() -> bool:
    return settings.FIGURE_CACHE


def _moving() -> bool:
    """Writes move the generations whenever the cache is shared, even with FIGURE_CACHE
    off for a while: turned on again, it must not read what was kept before."""
    return settings.FIGURE_CACHE or "redis" in settings.CACHES["default"]["BACKEND"].lower()


def generation(name: str = SHAPING) -> int:
    return _generations(name)[0]


def _generations(*names: str) -> list[int]:
    """The current generations, read together; a new one (the clock in ns, larger than any
    before) where the cache lost one, so an entry of an earlier generation is never read
    again."""
    found = cache.get_many(names)
    for name in names:
        if found.get(name) is None:
            cache.add(name, time.time_ns(), timeout=None)
            found[name] = cache.get(name)
    return [found[name] for name in names]


def _move(name: str) -> None:
    try:
        cache.incr(name)
    except ValueError:  # not there (first use, or evicted): a new generation altogether
        cache.set(name, time.time_ns(), timeout=None)


def shaping_changed() -> None:
    _move(SHAPING)


def records_changed(app: str) -> None:
    _move(RECORDS[app])


# The figures kept apart: those counted from the structure alone (None), and those of each
# app of records.
PARTS = (None, *RECORD_APPS)


def cache_keys(
    unit: Model, periods: Sequence[Period], by: str | None, todays_map: bool
) -> tuple[dict[str | None, str], int]:
    """The key of each part of the periods' figures, and how long they are kept."""
    shown = ",".join(f"{p.year}@{p.month}" for p in periods)
    if _all_final(unit, periods):
        kept = dict.fromkeys(PARTS, f"final:{generation(SHAPING)}")
        seconds = settings.FIGURE_CACHE_SECONDS
    else:
        shaping, *records = _generations(SHAPING, *RECORDS.values())
        today = periods[0].today.isoformat()
        kept = {None: f"{shaping}:{today}"}
        kept |= {a: f"{shaping}.{g}:{today}" for a, g in zip(RECORD_APPS, records, strict=True)}
        seconds = RUNNING_SECONDS
    area = f"{unit.level}:{unit.pk}:{shown}:{by or ''}:{int(todays_map)}"
    return {part: f"figures:{kept[part]}:{area}:{part or 'structure'}" for part in PARTS}, seconds


def kept_compute_over(
    unit: Model, periods: Sequence[Period], *, by: str | None = None, todays_map: bool = False
) -> list[dict[int | None, Figures]]:
    """apps.indicators.area.compute_over, each part of the figures from the cache when
    nothing it counts from has been written since it was counted (and kept there once
    counted): one round trip to the cache, and the queries of the parts not found."""
    if not enabled():
        return compute_over(unit, periods, by=by, todays_map=todays_map)
    keys, seconds = cache_keys(unit, periods, by, todays_map)
    found = cache.get_many(keys.values())
    missing = [part for part, key in keys.items() if key not in found]
    if missing:
        names = [name for name, part in COUNTED_FROM.items() if part in missing]
        counted = count_over(unit, periods, by=by, todays_map=todays_map, names=names)
        new = {
            keys[part]: {n: counted[n] for n in names if COUNTED_FROM[n] == part and n in counted}
            for part in missing
        }
        cache.set_many(new, timeout=seconds)
        found |= new
    counted = {name: values for part in found.values() for name, values in part.items()}
    return figures_of(counted, len(periods))


def kept_compute(
    unit: Model, period: Period, *, by: str | None = None, todays_map: bool = False
) -> dict[int | None, Figures]:
    return kept_compute_over(unit, [period], by=by, todays_map=todays_map)[0]


def _all_final(unit: Model, periods: Sequence[Period]) -> bool:
    """Whether every period is a past year (and month) approved by all its communes: one
    query, and none for the running year's pages."""
    today = periods[0].today
    if not all(p.year < today.year and p.month < Month(today.year, 1) for p in periods):
        return False
    years = sorted({p.year for p in periods} | {p.month.year for p in periods})
    return years_final(unit, years, today)


# Seeing the writes -----------------------------------------------------------------------


def _watch_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    written = WRITE.match(sql)  # on every query: a read fails at its first word
    move = written and _moves.get(written.group(1).lower())
    if move and _moving():
        _after_commit(context["connection"], move)
    return result


def _after_commit(connection, move) -> None:
    """Move the generation once the write is committed (once per transaction): a page that
    counts meanwhile reads what was there before, and keeps it under the old generation."""
    if not connection.in_atomic_block:
        move()
    elif not any(func is move for _, func, _ in connection.run_on_commit):
        transaction.on_commit(move, using=connection.alias)


def _install(sender, connection, **kwargs) -> None:
    if _watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch_writes)


def _tables(labels: Sequence[str]) -> set[str]:
    configs = [apps.get_app_config(label) for label in labels]
    models = [m for config in configs for m in config.get_models(include_auto_created=True)]
    return {m._meta.db_table.lower() for m in models}


def _records_mover(app: str) -> Callable[[], None]:
    """What a committed write to the app's tables moves: one function per app, so that a
    transaction moves each generation once."""
    return functools.partial(records_changed, app)


def watch_writes() -> None:
    """Called once the apps are ready (apps.indicators.apps)."""
    shaping = _tables(SHAPING_APPS)
    shaping |= {apps.get_model(label)._meta.db_table.lower() for label in SHAPING_MODELS}
    for app in RECORD_APPS:
        _moves.update(dict.fromkeys(_tables([app]), _records_mover(app)))
    # After the records: AnswerDeadline, a table of petitions, moves the shaping generation.
    _moves.update(dict.fromkeys(shaping, shaping_changed))
    connection_created.connect(_install, dispatch_uid="figure_cache.watch_writes")
    for connection in connections.all(initialized_only=True):
        _install(None, connection)
