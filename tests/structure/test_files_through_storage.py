"""The files the site keeps are read and written through Django's storage API, never at a
path of this machine: with MEDIA_S3_BUCKET they live in an object store that several
servers share, where a path means nothing. Read from the code (ast), not run."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# A stored file's path (`document.file.path`, `storage.path(name)`), or the folder itself.
LOCAL = {"path", "MEDIA_ROOT"}


def local_file_uses(root: Path) -> list[str]:
    found = []
    for path in sorted(root.glob("apps/*/**/*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Attribute) and node.attr in LOCAL):
                continue
            owner = ast.unparse(node.value)
            if node.attr == "MEDIA_ROOT" or owner.endswith(("file", "storage")):
                found.append(f"{path.relative_to(root)}:{node.lineno}: {ast.unparse(node)}")
    return sorted(found)


def test_no_app_reads_a_stored_file_at_a_local_path():
    assert local_file_uses(ROOT) == []


def test_the_check_finds_a_local_path(tmp_path):
    app = tmp_path / "apps" / "jobs"
    app.mkdir(parents=True)
    (app / "views.py").write_text(
        "open(job.file.path)\nopen(default_storage.path(n))\nsettings.MEDIA_ROOT\nx.path\n"
    )
    assert local_file_uses(tmp_path) == [
        "apps/jobs/views.py:1: job.file.path",
        "apps/jobs/views.py:2: default_storage.path",
        "apps/jobs/views.py:3: settings.MEDIA_ROOT",
    ]
