"""Views never write: every write goes through a service, which checks the user's scope and
the rule before it writes (apps.<part>.services). Read from the code itself, so that a view
that saves first and checks after cannot come back."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Calls that write rows. `save(commit=False)` only builds the object for a service.
WRITES = {
    "save",
    "delete",
    "create",
    "bulk_create",
    "bulk_update",
    "get_or_create",
    "update_or_create",
}
RELATION_WRITES = {"set", "add", "remove", "clear"}


def view_modules(root: Path):
    for path in sorted(root.glob("apps/*/**/*.py")):
        if "migrations" in path.parts:
            continue
        if (
            path.name == "views.py"
            or path.name.endswith("_views.py")
            or path.parent.name == "views"
        ):
            yield path


def _is_write(call: ast.Call) -> bool:
    if not isinstance(call.func, ast.Attribute):
        return False
    name, receiver = call.func.attr, ast.unparse(call.func.value)
    if name == "save":
        return not any(keyword.arg == "commit" for keyword in call.keywords)
    if name in WRITES:
        return True
    if name in RELATION_WRITES:  # a related manager: visit.members.set(...)
        return receiver.count(".") >= 1 and not receiver.startswith(("request.", "messages"))
    # QuerySet.update, not dict.update: the receiver is a query.
    return name == "update" and ("objects" in receiver or "filter(" in receiver)


def writes_in_views(root: Path) -> list[str]:
    found = []
    for path in view_modules(root):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and _is_write(node):
                where = path.relative_to(root)
                found.append(f"{where}:{node.lineno}: {ast.unparse(node)[:80]}")
    return found


def test_no_view_writes_itself():
    assert writes_in_views(ROOT) == []


def test_the_check_finds_a_view_that_saves_then_checks(tmp_path):
    views = tmp_path / "apps" / "things" / "views.py"
    views.parent.mkdir(parents=True)
    views.write_text(
        "def thing_edit(request):\n"
        "    thing = form.save()\n"
        "    check_still_writable(request.user, thing)\n"
        "    Thing.objects.filter(pk=1).update(name='x')\n"
        "    thing.members.set([])\n"
        "    draft = form.save(commit=False)\n"
        "    context.update(a=1)\n"
    )

    assert [line.split(": ", 1)[1] for line in writes_in_views(tmp_path)] == [
        "form.save()",
        "Thing.objects.filter(pk=1).update(name='x')",
        "thing.members.set([])",
    ]
