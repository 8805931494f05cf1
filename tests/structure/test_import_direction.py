"""Imports run one way: `core` is the ground floor and imports nothing of ours, the domain
apps own their rules and figures and never import `indicators` (which only combines their
figures into pages, reports and workbooks), and no two apps import each other beyond the
pairs listed below, which may only go. Read from the code (ast), not run."""

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Pairs of apps that still import each other, each with why; remove a pair once it is cut.
KNOWN_TWO_WAY = {
    # The scope rule needs the units; the units' pages need the scope rule.
    frozenset({"accounts", "hierarchy"}),
    # Records check the month's lock; the approval page reads the month's meetings.
    frozenset({"approvals", "meetings"}),
    # A meeting's form raises petitions; a petition points at its meeting.
    frozenset({"meetings", "petitions"}),
}


def app_imports(root: Path) -> dict[tuple[str, str], list[str]]:
    """(importing app, imported app) → where, for every import of one app by another."""
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path in sorted(root.glob("apps/*/**/*.py")):
        if "migrations" in path.parts:
            continue
        app = path.relative_to(root).parts[1]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                modules = [node.module]
            elif isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            else:
                continue
            for module in modules:
                parts = module.split(".")
                if parts[0] == "apps" and len(parts) > 1 and parts[1] != app:
                    found[(app, parts[1])].append(f"{path.relative_to(root)}:{node.lineno}")
    return found


def wrong_way(root: Path) -> list[str]:
    imports = app_imports(root)
    problems = []
    for (app, other), where in sorted(imports.items()):
        if app == "core":
            problems.append(f"core imports {other}: {where[0]}")
        if other == "indicators":
            problems.append(f"{app} imports indicators: {where[0]}")
        if (other, app) in imports and frozenset({app, other}) not in KNOWN_TWO_WAY:
            problems.append(f"{app} and {other} import each other: {where[0]}")
    return problems


def test_imports_run_one_way():
    assert wrong_way(ROOT) == []


def test_the_pairs_still_listed_still_import_each_other():
    imports = app_imports(ROOT)
    for pair in KNOWN_TWO_WAY:
        first, second = sorted(pair)
        assert (first, second) in imports and (second, first) in imports, (
            f"{first} and {second} no longer import each other: remove them from KNOWN_TWO_WAY"
        )


def test_the_check_finds_imports_planted_the_wrong_way(tmp_path):
    def plant(path: str, text: str) -> None:
        file = tmp_path / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text)

    plant("apps/core/views.py", "from apps.accounts import access\n")
    plant("apps/meetings/views.py", "from apps.indicators.area import compute\n")
    plant("apps/people/models.py", "import apps.jobs.tasks\n")
    plant("apps/jobs/tasks.py", "from apps.people.models import Person\n")
    plant("apps/indicators/area.py", "from apps.meetings.figures import meeting_completeness\n")

    assert wrong_way(tmp_path) == [
        "core imports accounts: apps/core/views.py:1",
        "indicators and meetings import each other: apps/indicators/area.py:1",
        "jobs and people import each other: apps/jobs/tasks.py:1",
        "meetings imports indicators: apps/meetings/views.py:1",
        "meetings and indicators import each other: apps/meetings/views.py:1",
        "people and jobs import each other: apps/people/models.py:1",
    ]
