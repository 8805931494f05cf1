"""Time a district rebuilt through the product for three past years (issue 18).

The same steps as tests/scenarios/test_rebuild_three_years.py (tests/scenarios/
rebuild_steps.py and rebuild_plan.py), on a bigger roster — by default one commune of
10 hamlets x 10 groups x 25 households of 2 people — against a fresh database:
DATABASE_URL (default a SQLite file under /tmp, recreated on each run). On PostgreSQL
the database is created if the server lacks it, and must hold no district.

Only the empty structure (district, communes, hamlets) and the first administrator are
written directly; every other step is HTTP requests through Django's test client, as
the roles who do them. Prints the time of each step, then of each dashboard.

    .venv/bin/python bench/rebuild.py [--communes 1 --hamlets 10 --groups 10 --households 25]
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common

SQLITE_FILE = "/tmp/tocdp-rebuild.sqlite3"  # noqa: S108 (a bench file, not a secret)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--communes", type=int, default=1)
    parser.add_argument("--hamlets", type=int, default=10)
    parser.add_argument("--groups", type=int, default=10)
    parser.add_argument("--households", type=int, default=25)
    parser.add_argument("--people", type=int, default=2)
    options = parser.parse_args()
    if "DATABASE_URL" not in os.environ:
        Path(SQLITE_FILE).unlink(missing_ok=True)  # a fresh database each run
        os.environ["DATABASE_URL"] = f"sqlite:///{SQLITE_FILE}"
    common.setup_django()
    _fresh_database()

    from tests.scenarios.rebuild_plan import YEARS, Shape
    from tests.scenarios.rebuild_steps import Rebuild, build_structure

    shape = Shape(
        communes=options.communes,
        hamlets=options.hamlets,
        groups=options.groups,
        households=options.households,
        people=options.people,
    )
    print(common.database_label())
    print(common.machine_pace())
    print(
        f"{shape.communes} commune(s) x {shape.hamlets} hamlets x {shape.groups} groups x "
        f"{shape.households} households x {shape.people} people = "
        f"{shape.communes * shape.households_per_commune * shape.people:,} roster lines"
    )
    started = time.perf_counter()
    rebuild = Rebuild(shape, build_structure(shape))
    _line("structure (direct, not timed as a step)", started)
    total = time.perf_counter()
    for label, step in rebuild.steps():
        started = time.perf_counter()
        step()
        _line(label, started)
    _line("all steps", total)

    from tests.scenarios.pages import dashboard_cards, span_columns
    from tests.scenarios.rebuild_plan import expected

    district, commune = rebuild.structure.district, rebuild.structure.communes[0]
    for level, unit in (("huyen", district), ("xa", commune)):
        url = f"/chi-tieu/{level}/{unit.pk}/"
        for year in YEARS:
            started = time.perf_counter()
            cards = dashboard_cards(rebuild.admin, f"{url}?nam={year}")
            _line(f"dashboard {level} {year}", started, _summary(cards))
            wanted = expected(shape, year, commune_index=None if level == "huyen" else 0)
            wrong = {
                key: (cards[key], value)
                for key, value in wanted.items()
                if key not in ("meetings", "meetings_on_time") and cards[key] != value
            }
            print(f"    as entered: {'yes' if not wrong else f'NO (shown, entered): {wrong}'}")
        started = time.perf_counter()
        columns = span_columns(rebuild.admin, f"{url}?tu=2023&den=2024")
        _line(
            f"dashboard {level} 2023-2024",
            started,
            _summary({k: v[-1] for k, v in columns.items()}),
        )


def _fresh_database() -> None:
    from django.core.management import call_command

    from apps.hierarchy.models import District

    common._create_postgres_database()
    call_command("migrate", verbosity=0)
    if District.objects.exists():
        raise SystemExit("The database already holds a district: point DATABASE_URL at a new one.")


def _line(label: str, started: float, note: str = "") -> None:
    seconds = time.perf_counter() - started
    print(f"{label:<52} {seconds:8.2f} s  {note}".rstrip(), flush=True)


def _summary(figures: dict) -> str:
    keys = ("formed", "meetings", "outreach", "petitions", "petitions_closed", "three_no")
    return " ".join(f"{key}={figures.get(key)}" for key in keys)


if __name__ == "__main__":
    main()
