"""Roster import speed: a district's roster imported into a fresh database, against a plain
row-by-row django-import-export import of the same people.

    .venv/bin/python bench/import.py [--rows 50000] [--postgres] [--keep] [--plain-rows 10000]

Each run makes its own database (a new SQLite file in the temp folder, or with
--postgres a new PostgreSQL database on 127.0.0.1, dropped at the end unless
--keep) holding only the demo district's units (18 communes and their hamlets,
as DemoBuilder makes them) and a district administrator. It then writes a roster
.xlsx of --rows person lines, one sheet per commune, spread over groups drawn
as the demo draws them (15-24 per hamlet: ~1,900), with the demo's household
sizes (3.8 people on average), so the households per group scale with --rows:
~7 at 50,000 lines, ~26 at 180,000 (the demo district's full size). Names come
from apps.demo.names, phones are text cells with their leading 0, birth years
numbers; each group has a "tổ trưởng" and one or two "tổ phó", some party
members and, for some groups, an overseeing party member. It then times:

- the import as the management command runs it: parsing (read_roster), the
  preview (plan_roster) and the commit (apply_roster), with rows per second and
  the process's peak memory (RSS high-water mark, reset just before parsing);
- a second import of the same file, which must find every line unchanged;
- a plain django-import-export ModelResource import of the same people, row by
  row (`import_data(dataset, dry_run=False)`), into the households the first
  import made, after its people and roles are deleted. It needs the households
  to exist and makes no groups, households, roles or oversight assignments, and
  its dataset is already clean: the comparison favours it. With --plain-rows N
  it runs on the first N people only, and its rows per second are extrapolated.

With --as-tasks it runs the import as the upload page does instead (issue 20): the file
is held and its check queued, then the worker command (`manage.py db_worker --batch`)
runs it in a process of its own; then the confirmation, and then the district's roster
download, each the same way. Each step prints the worker's wall time (Django's start-up
included) and its peak memory (the worker process's RSS high-water mark). Target: a
whole district's roster (180,000 lines) checked and imported within 400 MB.

With --matrix it runs --as-tasks for 50,000 and 180,000 lines (--sizes) on SQLite and
on PostgreSQL, each in a fresh database and a process of its own, and prints their
figures in one table.

Targets (issue 8): preview and commit, parsing included, under 10 s for 50,000
lines on PostgreSQL, at least 10 times faster than the plain import, peak
memory under 300 MB.
"""

import argparse
import contextlib
import gc
import json
import os
import random
import resource
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from common import machine_pace, run_worker, setup_django

POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432"
SEED = 2026
# The demo's household sizes (mean 3.83 people) and shares.
HOUSEHOLD_SIZES = (1, 2, 3, 4, 5, 6, 7)
HOUSEHOLD_SIZE_WEIGHTS = (6, 14, 22, 26, 18, 9, 5)
PHONE_SHARE = 0.7
PARTY_MEMBER_SHARE = 0.05
PARTY_LEADER_SHARE = 0.22
OVERSIGHT_SHARE = 0.5
TARGET_SECONDS = 10
TARGET_RATIO = 10
TARGET_MB = 300
TASK_TARGET_MB = 400  # the worker's peak for a whole district's check, then its import (issue 20)


# --- the database -----------------------------------------------------------------------------


def close_connections() -> None:
    from django.apps import apps

    if apps.ready:
        from django.db import connections

        connections.close_all()


def create_database(postgres: bool) -> tuple[str, str, Callable[[], None]]:
    """A new, empty database: (DATABASE_URL, label, function that removes it)."""
    pid = os.getpid()
    if postgres:
        import psycopg
        from psycopg import sql

        name = f"tocdp_bench_import_{pid}"
        with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as server:
            server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))

        def drop() -> None:
            close_connections()
            with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as server:
                server.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )

        return f"{POSTGRES_SERVER}/{name}", f"PostgreSQL database {name}", drop

    path = Path(tempfile.gettempdir()) / f"tocdp-bench-import-{pid}.sqlite3"

    def remove() -> None:
        close_connections()
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)

    remove()
    return f"sqlite:///{path}", f"SQLite file {path}", remove


def build_units():
    """The demo district's communes and hamlets (no groups, households or people) and a
    district administrator. Returns (administrator, [(commune, [hamlets])])."""
    from django.core.management import call_command
    from django.utils import timezone

    from apps.accounts.models import Scope, User
    from apps.demo import names
    from apps.demo.builder import FULL, DemoBuilder
    from apps.hierarchy.models import District

    call_command("migrate", verbosity=0)
    builder = DemoBuilder(seed=SEED, today=timezone.localdate(), shape=FULL, password="unused")  # noqa: S106
    district = District.objects.create(**builder._district_fields(), started_on=names.UNITS_BEGAN)
    communes = builder._communes(district)
    hamlets = builder._hamlets(communes)
    user = User.objects.create_user(username="bench-admin", password=None, is_staff=True)
    Scope.objects.create(user=user, role=Scope.Role.ADMIN, district=district)
    units = [(c, [h for h in hamlets if h.commune_id == c.pk]) for c in communes]
    return user, units


# --- the roster file --------------------------------------------------------------------------


class RosterWriter:
    """Roster lines for a district, drawn from one seeded generator, as people type them."""

    def __init__(self, rng: random.Random, year: int):
        from apps.core.text import fold
        from apps.demo import names
        from apps.demo.builder import PHONE_PREFIXES

        self.rng, self.year, self.fold = rng, year, fold
        self.names, self.phone_prefixes = names, PHONE_PREFIXES
        self.households = 0

    def group_lines(self, quota: int) -> list[dict]:
        """`quota` person lines: whole households (the last one cut short), with roles."""
        lines: list[dict] = []
        addresses: set[tuple[str, str]] = set()
        while len(lines) < quota:
            size = self.rng.choices(HOUSEHOLD_SIZES, HOUSEHOLD_SIZE_WEIGHTS)[0]
            members = self.household(min(size, quota - len(lines)))
            head = members[0]["full_name"]
            while True:  # two households of a group are told apart by head and address
                address = f"Số {self.rng.randint(1, 400)}, {self.rng.choice(self.names.STREETS)}"
                if (self.fold(head), address) not in addresses:
                    addresses.add((self.fold(head), address))
                    break
            for member in members:
                member.update(head=head, address=address)
            lines += members
            self.households += 1
        adults = [line for line in lines if self.year - line["birth_year"] >= 18]
        chosen = self.rng.sample(adults, k=min(len(adults), self.rng.choice((2, 2, 3))))
        for n, line in enumerate(chosen):
            line["role"] = "tổ phó" if n else "tổ trưởng"
        if chosen and self.rng.random() < PARTY_LEADER_SHARE:
            chosen[0]["party_member"] = "có"
        taken = {id(line) for line in chosen}
        party = [a for a in adults if a["party_member"] == "có" and id(a) not in taken]
        if party and self.rng.random() < OVERSIGHT_SHARE:
            self.rng.choice(party)["overseer"] = "có"
        return lines

    def household(self, size: int) -> list[dict]:
        head_male = self.rng.random() < 0.7
        head_year = self.year - self.rng.randint(28, 78)
        members = [self.person(head_male, head_year)]
        if size >= 2:
            members.append(self.person(not head_male, head_year + self.rng.randint(-6, 6)))
        while len(members) < size:
            child = self.person(self.rng.random() < 0.5, head_year + self.rng.randint(20, 38))
            # No two members with one name: the importer takes a member named like the
            # head for the head (see the report of issue 8), and name + year for the person.
            if all(self.fold(child["full_name"]) != self.fold(m["full_name"]) for m in members):
                members.append(child)
        return members

    def person(self, male: bool, birth_year: int) -> dict:
        names, rng = self.names, self.rng
        family = rng.choices(*zip(*names.FAMILY_NAMES, strict=True))[0]
        middle, given = (
            (names.MALE_MIDDLE, names.MALE_GIVEN)
            if male
            else (names.FEMALE_MIDDLE, names.FEMALE_GIVEN)
        )
        birth_year = min(birth_year, self.year)
        adult = self.year - birth_year >= 18
        phone = ""
        if adult and rng.random() < PHONE_SHARE:
            phone = rng.choice(self.phone_prefixes) + f"{rng.randint(0, 9_999_999):07d}"
        return {
            "full_name": f"{family} {rng.choice(middle)} {rng.choice(given)}",
            "gender": "Nam" if male else "Nữ",
            "birth_year": birth_year,  # a number cell
            "phone": phone,  # a text cell, with its leading 0
            "role": "thành viên",
            "party_member": "có" if adult and rng.random() < PARTY_MEMBER_SHARE else "không",
            "overseer": "không",
        }


def write_roster(path: Path, units: list, rows: int, year: int) -> dict[str, int]:
    """The roster .xlsx (openpyxl write-only), one sheet per commune; what it holds."""
    import openpyxl

    from apps.demo.builder import FULL
    from apps.imports.roster_format import COLUMNS
    from apps.imports.roster_import import unit_key

    rng = random.Random(SEED)  # noqa: S311 - test data, not secrets
    groups = [
        (commune, hamlet, n)
        for commune, hamlets in units
        for hamlet in hamlets
        for n in range(1, rng.randint(*FULL.groups_per_hamlet) + 1)
    ]
    groups = groups[:rows]  # a tiny --rows: one line per group at least
    # "Thị trấn Mỹ Thọ" and "Xã Mỹ Thọ" cannot be told apart by name (see the report of
    # issue 8): such communes are written by code, as the importer's message asks.
    keys = Counter(unit_key(commune.name) for commune, _ in units)
    written = {c.pk: c.code if keys[unit_key(c.name)] > 1 else c.name for c, _ in units}
    writer = RosterWriter(rng, year)
    workbook = openpyxl.Workbook(write_only=True)
    sheets: dict[int, object] = {}
    for index, (commune, hamlet, n) in enumerate(groups):
        if commune.pk not in sheets:
            sheet = sheets[commune.pk] = workbook.create_sheet(commune.name[:31])
            sheet.append(
                [f"DANH SÁCH HỘ VÀ THÀNH VIÊN TỔ NHÂN DÂN TỰ QUẢN - {commune.name.upper()}"]
            )
            sheet.append([])
            sheet.append(list(COLUMNS.values()))
        quota = rows // len(groups) + (1 if index < rows % len(groups) else 0)
        for number, line in enumerate(writer.group_lines(quota)):
            if number == 0:  # the unit cells, merged down the group as people lay them out
                line.update(
                    commune=written[commune.pk],
                    hamlet=hamlet.name,
                    group_code=f"{hamlet.code}-{n:02d}",
                    group_name=f"Tổ {n}",
                )
            sheets[commune.pk].append([line.get(key, "") for key in COLUMNS])
    workbook.save(path)
    return {
        "groups": len(groups),
        "households": writer.households,
        "sheets": len(sheets),
        "by_code": sorted(c.name for c, _ in units if written[c.pk] == c.code),
    }


# --- measuring --------------------------------------------------------------------------------


def rss_mb() -> tuple[float, float]:
    """(current RSS, RSS high-water mark) of this process, in MB."""
    status = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
    current = int(status["VmRSS"].split()[0]) / 1024
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    return current, peak


def reset_peak_rss() -> bool:
    """Start the RSS high-water mark afresh (Linux: /proc/self/clear_refs); False if not."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


class QueryCounter:
    """Counts the SQL statements run while active (without keeping them, unlike DEBUG)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)

    @contextlib.contextmanager
    def counting(self) -> Iterator["QueryCounter"]:
        from django.db import connection

        self.count = 0
        with connection.execute_wrapper(self):
            yield self


def timed(function: Callable, counter: QueryCounter) -> tuple[object, float, int, float]:
    """(result, wall seconds, SQL statements, this process's CPU seconds) of one call."""
    with counter.counting():
        started, cpu = time.perf_counter(), time.process_time()
        result = function()
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return result, seconds, counter.count, cpu


def rate(rows: int, seconds: float) -> str:
    return f"{rows / seconds:,.0f} rows/s" if seconds >= 0.01 else "-"


# --- the run ----------------------------------------------------------------------------------


def import_roster(data: bytes, name: str, user, today) -> dict:
    """Parse, preview and commit, each timed; the figures."""
    from apps.imports.roster_format import read_roster
    from apps.imports.roster_import import apply_roster, plan_roster

    counter = QueryCounter()
    rows, *parse = timed(lambda: read_roster(data, name), counter)
    plan, *preview = timed(lambda: plan_roster(rows, user, today), counter)
    if plan.errors:
        for error in plan.errors[:20]:
            print(f"  error: {error}")
        raise SystemExit(f"The roster has {len(plan.errors):,} errors: nothing imported.")
    _, *commit = timed(lambda: apply_roster(plan, user), counter)
    return {"lines": len(rows), "plan": plan, "parse": parse, "preview": preview, "commit": commit}


def print_import(figures: dict) -> float:
    """Print an import's figures; returns parse + preview + commit in seconds."""
    lines, plan = figures["lines"], figures["plan"]
    for step, function in (
        ("parse", "read_roster"),
        ("preview", "plan_roster"),
        ("commit", "apply_roster"),
    ):
        seconds, queries, cpu = figures[step]
        print(
            f"  {step + ' (' + function + ')':<34} {seconds:7.2f} s  "
            f"{rate(lines, seconds):>16}  {queries:>5,} SQL statements, "
            f"{cpu:6.2f} s CPU (this process)"
        )
    total = sum(figures[step][0] for step in ("parse", "preview", "commit"))
    print(f"  {'preview + commit, parse included':<34} {total:7.2f} s  {rate(lines, total):>16}")
    print(
        f"  lines: {plan.count('new'):,} new, {plan.count('update'):,} updated, "
        f"{plan.count('skip'):,} unchanged, {len(plan.errors):,} errors; written: "
        f"{len(plan.new_groups):,} groups, {len(plan.new_households):,} households, "
        f"{len(plan.new_people):,} people, {len(plan.new_roles):,} roles, "
        f"{len(plan.new_oversights):,} oversight assignments, "
        f"{len(plan.changed_people):,} people changed"
    )
    return total


def plain_import(rows: int | None) -> dict:
    """Delete the imported people and roles (keeping groups and households), then import the
    same people row by row with a plain django-import-export ModelResource."""
    import tablib
    from import_export import resources

    from apps.people.models import GroupRole, PartyOversight, Person

    class PersonResource(resources.ModelResource):
        class Meta:
            model = Person
            fields = (
                "id",  # the default import id: absent from the rows, so every row is new
                "household",
                "full_name",
                "gender",
                "birth_year",
                "phone",
                "is_household_head",
                "is_party_member",
            )

    headers = list(PersonResource.Meta.fields[1:])
    people = Person.objects.order_by("pk").values_list(*headers)
    dataset = tablib.Dataset(*(people[:rows] if rows else people), headers=headers)
    for model in (GroupRole, PartyOversight, Person):  # no deletion history: a clean slate
        queryset = model.objects.all()
        queryset._raw_delete(queryset.db)
    counter = QueryCounter()
    result, seconds, queries, cpu = timed(
        lambda: PersonResource().import_data(dataset, dry_run=False), counter
    )
    if result.has_errors() or result.has_validation_errors():
        first = next(iter(result.row_errors()), (None, []))[1] or result.invalid_rows
        raise SystemExit(f"The plain import failed: {dict(result.totals)}; first: {first[:1]}")
    return {
        "rows": len(dataset),
        "seconds": seconds,
        "queries": queries,
        "cpu": cpu,
        "new": result.totals["new"],
        "people": Person.objects.count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=50_000, help="Person lines (default 50000).")
    parser.add_argument(
        "--postgres",
        action="store_true",
        help=f"A fresh PostgreSQL database on {POSTGRES_SERVER} instead of a SQLite file.",
    )
    parser.add_argument("--keep", action="store_true", help="Keep the database and the .xlsx file.")
    parser.add_argument(
        "--as-tasks",
        action="store_true",
        help="Check, import and download as background tasks run by the worker command.",
    )
    parser.add_argument(
        "--matrix",
        action="store_true",
        help="--as-tasks for each of --sizes on SQLite and PostgreSQL, then one table.",
    )
    parser.add_argument(
        "--sizes",
        default="50000,180000",
        help="Person lines for --matrix, comma-separated (default 50000,180000).",
    )
    parser.add_argument("--figures", type=Path, help=argparse.SUPPRESS)  # --matrix's children
    parser.add_argument(
        "--plain-rows",
        type=int,
        default=10_000,
        help="Time the plain import on the first N people only (default 10000; 0: all of them).",
    )
    options = parser.parse_args()
    if options.matrix:
        run_matrix([int(size) for size in options.sizes.split(",")])
        return
    url, label, remove_database = create_database(options.postgres)
    os.environ["DATABASE_URL"] = url
    roster = Path(tempfile.gettempdir()) / f"tocdp-bench-import-{os.getpid()}.xlsx"
    try:
        run(options, label, roster)
    finally:
        if options.keep:
            print(f"kept: {label} (DATABASE_URL={url}) and {roster}")
        else:
            remove_database()
            roster.unlink(missing_ok=True)


def row_counts() -> tuple[int, ...]:
    """Groups, households, people, roles and oversight assignments in the database."""
    from apps.hierarchy.models import Group
    from apps.people.models import GroupRole, Household, PartyOversight, Person

    return tuple(m.objects.count() for m in (Group, Household, Person, GroupRole, PartyOversight))


def run(options: argparse.Namespace, label: str, roster: Path) -> None:
    setup_django()
    from django.db import connection
    from django.utils import timezone

    today = timezone.localdate()
    started = time.perf_counter()
    user, units = build_units()
    hamlets = sum(len(h) for _, h in units)
    print(
        f"database: {connection.vendor}, fresh {label}; {len(units)} communes, {hamlets} hamlets"
        f" (migrated and built in {time.perf_counter() - started:.1f} s); {machine_pace()}"
    )

    started = time.perf_counter()
    shape = write_roster(roster, units, options.rows, today.year)
    print(
        f"roster: {options.rows:,} person lines, {shape['groups']:,} groups, "
        f"{shape['households']:,} households, {shape['sheets']} sheets (one per commune); "
        f"{roster.stat().st_size / 1024 / 1024:.1f} MB, written in "
        f"{time.perf_counter() - started:.1f} s (not timed below)"
    )
    if shape["by_code"]:
        ambiguous = ", ".join(shape["by_code"])
        print(f"  communes written by code, their names being ambiguous: {ambiguous}")

    if options.as_tasks:
        run_as_tasks(roster, user, units[0][0].district, options.figures)
        return
    data = roster.read_bytes()
    before, _ = rss_mb()
    reset = reset_peak_rss()
    print("first import (everything new):")
    first = import_roster(data, roster.name, user, today)
    _, peak = rss_mb()
    ours = print_import(first)
    stored = row_counts()
    plan = first["plan"]
    expected = tuple(
        len(x)
        for x in (
            plan.new_groups,
            plan.new_households,
            plan.new_people,
            plan.new_roles,
            plan.new_oversights,
        )
    )
    assert stored == expected, (stored, expected)
    print(
        f"  peak memory: {peak:.0f} MB RSS "
        + (
            f"(high-water mark since parsing began; {before:.0f} MB before it)"
            if reset
            else "(high-water mark of the whole process)"
        )
        + f" - target under {TARGET_MB} MB"
    )
    preview_s = first["preview"][0]
    print(
        f"  as the admin does it (preview request: parse + preview; confirm request: parse + "
        f"preview + commit): {ours + first['parse'][0] + preview_s:.2f} s"
    )
    del first, plan

    print("second import of the same file:")
    gc.collect()
    second_before, _ = rss_mb()
    reset_peak_rss()
    second = import_roster(data, roster.name, user, today)
    _, second_peak = rss_mb()
    print_import(second)
    unchanged = second["plan"].count("skip") == second["lines"] and not second["plan"].has_changes
    after = row_counts()
    print(
        "  "
        + ("every line unchanged" if unchanged else "NOT ALL LINES UNCHANGED")
        + ("; the database holds the same rows" if after == stored else "; ROW COUNTS CHANGED")
        + f"; peak memory {second_peak:.0f} MB RSS ({second_before:.0f} MB before it)"
    )
    del second

    sample = options.plain_rows if 0 < options.plain_rows < options.rows else None
    print(
        "plain django-import-export: ModelResource for Person, row by row "
        "(import_data(dry_run=False), the household by its id, "
        "into the households made above; its people and roles deleted first)"
        + (f", on the first {sample:,} people" if sample else "")
        + ":"
    )
    plain = plain_import(sample)
    plain_rate = plain["rows"] / plain["seconds"]
    print(
        f"  {plain['rows']:,} rows in {plain['seconds']:.2f} s, {plain_rate:,.0f} rows/s"
        + (
            f" (extrapolated to {options.rows:,} rows: {options.rows / plain_rate:.1f} s)"
            if sample
            else ""
        )
        + f"; {plain['queries']:,} SQL statements, {plain['cpu']:.2f} s CPU (this process); "
        + f"{plain['new']:,} new"
    )
    ratio = (options.rows / ours) / plain_rate
    print(
        f"  our import (preview + commit, parse included) {options.rows / ours:,.0f} rows/s "
        f"is {ratio:.1f} times the plain import's rate - target {TARGET_RATIO} times"
    )
    verdicts = [
        f"{options.rows:,} lines in {ours:.1f} s"
        + (f" (target < {TARGET_SECONDS} s on PostgreSQL)" if options.rows == 50_000 else ""),
        f"{ratio:.1f}x the plain import (target >= {TARGET_RATIO}x)",
        f"peak {peak:.0f} MB (target < {TARGET_MB} MB)",
    ]
    print("summary: " + "; ".join(verdicts))
    print(machine_pace())


# Runs a command and prints the peak RSS of its process (kB) on its last line.
def run_as_tasks(roster: Path, user, district, figures_file: Path | None = None) -> None:
    from apps.imports import services
    from apps.imports.models import PendingImport
    from apps.jobs.models import Job
    from apps.jobs.services import job_start

    os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="tocdp-bench-media-"))

    figures: dict[str, list[float]] = {}

    def finished(job: Job, step: str, seconds: float, peak: float) -> Job:
        job.refresh_from_db()
        verdict = "" if job.state == Job.State.DONE else f" FAILED: {job.error}"
        print(f"  {step:<42} {seconds:7.2f} s  peak {peak:5.0f} MB RSS (worker){verdict}")
        figures[step.split()[0]] = [seconds, peak, job.state == Job.State.DONE]
        return job

    print("as tasks, each run by `manage.py db_worker --batch` in a process of its own:")
    check = services.roster_hold(
        user=user, data=roster.read_bytes(), file_name=roster.name, as_of=None
    )
    check = finished(check, "check (the upload's summary)", *run_worker())
    pending = PendingImport.objects.get(pk=int(check.result["next"].strip("/").split("/")[-1]))
    print(f"  summary: {pending.target['counts']}, {pending.lines.count():,} lines kept")
    commit = services.roster_confirm_later(user=user, pending=pending, end_missing=False)
    commit_figures = run_worker()
    finished(commit, "commit (check again, then write)", *commit_figures)
    print(f"  stored: groups, households, people, roles, oversights = {row_counts()}")
    export = job_start(
        owner=user,
        kind="roster_export",
        title="bench",
        handler="apps.imports.roster_jobs.export",
        params={"unit": {"level": "district", "id": district.pk}},
    )
    export = finished(export, "district roster download", *run_worker())
    size = (Path(os.environ["MEDIA_ROOT"]) / export.file.name).stat().st_size  # the worker's
    print(f"  file: {size / 1024 / 1024:.1f} MB, {export.progress}")
    peak = max(figures["check"][1], figures["commit"][1])
    print(f"summary: check and import, peak {peak:.0f} MB RSS (target < {TASK_TARGET_MB} MB)")
    pace = machine_pace()
    print(pace)
    if figures_file:
        figures_file.write_text(json.dumps({**figures, "pace": pace}))


def run_matrix(sizes: list[int]) -> None:
    """--as-tasks for each size on each database, each run a process of its own (a fresh
    database, a fresh worker): their figures in one table."""
    import subprocess
    import sys

    table = []
    for postgres in (False, True):
        for rows in sizes:
            figures = Path(tempfile.gettempdir()) / f"tocdp-bench-figures-{os.getpid()}.json"
            figures.unlink(missing_ok=True)
            command = [sys.executable, __file__, "--as-tasks", "--rows", str(rows)]
            command += ["--figures", str(figures), *(["--postgres"] if postgres else [])]
            print(f"--- {' '.join(command[1:])}", flush=True)
            subprocess.run(command, check=False)  # noqa: S603 (this script, our interpreter)
            if figures.exists():
                database = "PostgreSQL" if postgres else "SQLite"
                table.append((database, rows, json.loads(figures.read_text())))
                figures.unlink()
    print("\n| database | lines | check | check peak | import | import peak | download |")
    print("|---|---|---|---|---|---|---|")
    for database, rows, found in table:
        check, commit, export = found["check"], found["commit"], found["district"]
        print(
            f"| {database} | {rows:,} | {check[0]:.1f} s | {check[1]:.0f} MB "
            f"| {commit[0]:.1f} s | {commit[1]:.0f} MB | {export[0]:.1f} s, {export[1]:.0f} MB |"
        )
    print(f"target: peak < {TASK_TARGET_MB} MB at 180,000 lines; {machine_pace()}")


if __name__ == "__main__":
    main()
