"""The systemd units in deploy/ are read as systemd reads their keys (configparser, with
repeated keys kept), and every command they start exists in the project with the options
it is given: a renamed management command or option fails here, not on a server."""

import configparser
import os
import shlex
import sys
from pathlib import Path

import pytest
from django.core.management import get_commands, load_command_class

from tests import processes

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
APP_DIR = "/srv/tocdp"
UNITS = ["tocdp-web.service", "tocdp-worker.service", "tocdp-daily.service"]


class _Repeated(dict):
    """configparser's section dict that keeps every value of a repeated key (ExecStartPre)."""

    def __setitem__(self, key, value):
        if key in self and isinstance(value, list) and isinstance(self[key], list):
            self[key].extend(value)
        else:
            super().__setitem__(key, value)


def read_unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(
        dict_type=_Repeated, strict=False, interpolation=None, delimiters=("=",)
    )
    parser.optionxform = str  # systemd's keys are case-sensitive
    assert parser.read(DEPLOY / name, encoding="utf-8") == [str(DEPLOY / name)]
    return parser


def commands(unit: configparser.ConfigParser) -> list[list[str]]:
    service = unit["Service"]
    lines = [
        line
        for key in ("ExecStartPre", "ExecStart")
        if key in service
        for line in service[key].splitlines()
    ]
    return [shlex.split(line) for line in lines]


@pytest.mark.parametrize("name", UNITS)
def test_each_service_runs_as_the_app_user_from_the_app_folder(name):
    unit = read_unit(name)
    assert unit["Unit"]["Description"]
    service = unit["Service"]
    assert service["User"] == "tocdp"
    assert service["WorkingDirectory"] == APP_DIR
    assert service["EnvironmentFile"] == f"{APP_DIR}/.env"
    assert commands(unit), "no ExecStart"
    if service.get("Type") != "oneshot":
        assert unit["Install"]["WantedBy"] == "multi-user.target"
        assert service["Restart"] in {"always", "on-failure"}


def _check_manage_py(arguments: list[str]) -> None:
    assert arguments[0] == "manage.py"
    name, options = arguments[1], arguments[2:]
    app = get_commands().get(name)
    assert app is not None, f"no management command {name}"
    load_command_class(app, name).create_parser("manage.py", name).parse_args(options)


@pytest.mark.parametrize("name", UNITS)
def test_every_command_is_a_program_of_the_venv_and_exists_in_the_project(name):
    for program, *arguments in commands(read_unit(name)):
        assert program.startswith(f"{APP_DIR}/.venv/bin/"), program
        executable = Path(program).name
        assert (Path(sys.executable).parent / executable).exists(), program
        if executable == "python":
            _check_manage_py(arguments)
        else:
            assert executable == "gunicorn"
            assert arguments[0] == "--config"
            assert (ROOT / arguments[1]).is_file()


def test_the_web_service_migrates_and_collects_before_it_serves():
    """The same steps as `make serve`, in the same order."""
    steps = [arguments[:2] for _program, *arguments in commands(read_unit("tocdp-web.service"))]
    assert steps == [
        ["manage.py", "migrate"],
        ["manage.py", "collectstatic"],
        ["--config", "deploy/gunicorn.conf.py"],
    ]
    makefile = (ROOT / "Makefile").read_text()
    serve = makefile.split("\nserve:", 1)[1].split("\n\n", 1)[0]
    assert "manage.py migrate" in serve
    assert "manage.py collectstatic" in serve
    assert "gunicorn --config deploy/gunicorn.conf.py" in serve


def test_the_worker_takes_every_queue_and_finishes_its_task_before_stopping():
    unit = read_unit("tocdp-worker.service")
    [[_program, *arguments]] = commands(unit)
    assert arguments[:2] == ["manage.py", "db_worker"]
    assert arguments[arguments.index("--queue-name") + 1] == "*"
    assert unit["Service"]["KillSignal"] == "SIGINT"


def test_the_timer_starts_the_daily_jobs_after_the_quiet_hours():
    timer = read_unit("tocdp-daily.timer")
    assert timer["Timer"]["OnCalendar"] == "*-*-* 07:30:00 Asia/Ho_Chi_Minh"
    assert timer["Timer"]["Persistent"] == "true"
    assert (DEPLOY / timer["Timer"]["Unit"]).is_file()
    assert timer["Install"]["WantedBy"] == "timers.target"
    [[_program, *arguments]] = commands(read_unit(timer["Timer"]["Unit"]))
    assert arguments == ["manage.py", "run_daily_jobs"]


def test_gunicorn_accepts_its_configuration_and_loads_the_app():
    """gunicorn's own --check-config: the file's settings and the WSGI app both load."""
    env = {**os.environ, "WEB_CONCURRENCY": "3", "GUNICORN_BIND": "127.0.0.1:0"}
    result = processes.run(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "--config",
            "deploy/gunicorn.conf.py",
            "--check-config",
            "--print-config",
        ],
        env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    printed = {
        key.strip(): value.strip()
        for key, _equals, value in (line.partition(" = ") for line in result.stdout.splitlines())
    }
    assert printed["workers"] == "3"
    assert printed["wsgi_app"] == "tocdp.wsgi:application"
    assert printed["accesslog"] == "-"
    assert printed["preload_app"] == "True"
