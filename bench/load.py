"""Month-end load on the production server: requests/s and percentiles per page.

    .venv/bin/pip install -e '.[bench]'        # locust, once
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tocdp_bench .venv/bin/python bench/load.py
    .venv/bin/python bench/load.py --users 10 --seconds 60          # SQLite (the default)

Starts the server as production does (`make serve`: migrations, collectstatic, gunicorn
with deploy/gunicorn.conf.py) on a loopback port, against the full demo district, and
drives it with locust, headless and bounded in time:

1. a burst: `--logins` people log in at the same moment (the morning of day 5);
2. the month's end: `--users` people for `--seconds`, each logging in once and then
   working with a pause of 1-3 s between requests (a quick user on a phone):
   - group leaders (60 %, each with a group of their own) open the month's status page,
     open their meeting of this month and save it;
   - commune officials (30 %) read the petition queue and the month status page;
   - the district steering committee (10 %) reads its dashboard and its report.

Then it stops the server and checks that every save the server accepted is in the
database, with the attendance the last accepted save gave. Prints each page's
requests, failures, requests/s, median, p95 and p99, the worker count and the machine's
load. Exit status 1 on any failure or lost save.
"""

import argparse
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from common import ROOT, machine_pace, meeting_form_data

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
LEADERS, OFFICIALS, COMMITTEE = 6, 3, 1  # out of ten users


def prepare(plan_file: str, users: int) -> None:
    """(Run in a process of its own, before locust patches the standard library.) Builds
    the demo if the database is empty and writes who logs in as whom."""
    from common import ensure_demo_district, setup_django

    setup_django()
    ensure_demo_district()
    from django.contrib.auth.hashers import make_password
    from django.db.models import Count

    from apps.accounts.models import User
    from apps.core.periods import Month
    from apps.demo.management.commands.seed_demo import DEFAULT_PASSWORD
    from apps.hierarchy.models import Commune, District, Group

    month = Month.current()
    leader_names = set(User.objects.filter(username__startswith="to-").values_list("username"))
    leader_names = {name for (name,) in leader_names}
    groups = [
        (g.pk, f"to-{g.code}")
        for g in Group.objects.filter(status="active").order_by("pk")
        if f"to-{g.code}" in leader_names
    ]
    communes = Commune.objects.annotate(n=Count("hamlets__groups")).order_by("-n")
    officials = [
        f"xa-{c.code}"
        for c in communes
        if User.objects.filter(username=f"xa-{c.code}", is_active=True).exists()
    ]
    # Passwords as the current hasher keeps them (a demo built before a change of hasher has
    # older ones, which each first login would re-key): the burst measures logins as they
    # are every day, not the day after an upgrade.
    names = [name for _, name in groups[: max(users, 1)]] + officials + ["huyen"]
    User.objects.filter(username__in=names).update(password=make_password(DEFAULT_PASSWORD))
    plan = {
        "password": DEFAULT_PASSWORD,
        "month": [month.year, month.month],
        "held_on": month.first_day.isoformat(),
        "district": District.objects.order_by("pk").first().pk,
        "leaders": groups[: max(users, 1)],
        "officials": officials,
    }
    Path(plan_file).write_text(json.dumps(plan))


def verify(plan_file: str, saves_file: str) -> None:
    """(Run in a process of its own.) Every accepted save is in the database."""
    from common import setup_django

    setup_django()
    from apps.meetings.models import Meeting

    plan = json.loads(Path(plan_file).read_text())
    saves = json.loads(Path(saves_file).read_text())
    accepted, sent = saves.get("accepted", {}), saves.get("sent", {})
    year, month = plan["month"]
    lost = []
    for group, attendees in accepted.items():
        meeting = Meeting.objects.filter(
            group_id=int(group), month__year=year, month__month=month
        ).first()
        # The last accepted save, or one sent after it whose answer the stop cut off.
        if meeting is None or meeting.attendees not in (attendees, sent.get(group)):
            lost.append((group, attendees, meeting and meeting.attendees))
    print(f"saves checked: {len(accepted)} groups, {len(lost)} lost or different")
    for group, wanted, found in lost[:10]:
        print(f"  group {group}: saved {wanted}, database has {found}")
    sys.exit(1 if lost else 0)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, workers: int | None, log: Path) -> subprocess.Popen:
    env = os.environ | {
        "DEBUG": "false",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "load-test-only-" + "k" * 40),
        "ALLOWED_HOSTS": "127.0.0.1",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_ACCESS_LOG": "/dev/null",
        # Plain HTTP on the loopback: no TLS redirect, cookies without the secure flag.
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "SECURE_HSTS_SECONDS": "0",
        "HTTPS": "false",
    }
    env.setdefault("DATABASE_URL", "sqlite:////tmp/tocdp-bench.sqlite3")
    if workers:
        env["WEB_CONCURRENCY"] = str(workers)
    server = subprocess.Popen(
        ["make", "--no-print-directory", "serve"],  # noqa: S607 - make from the PATH, as a user runs it
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        # To a file, not a pipe nobody reads while the load runs (a full pipe stops the server).
        stderr=log.open("w"),
        # Its own process group, so that stopping it stops gunicorn and its workers too.
        start_new_session=True,
    )
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped at start:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/dang-nhap/", timeout=5):
                return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("the server did not answer within 180 s")


def run_load(host: str, plan: dict, options, saves: dict) -> dict:
    """The two phases under locust; returns its statistics per request name."""
    import gevent
    from locust import HttpUser, between, task
    from locust.env import Environment
    from locust.exception import StopUser

    leaders = iter(plan["leaders"])
    officials = plan["officials"]

    class Person(HttpUser):
        abstract = True
        host = ""
        username = ""

        def log_in(self, name: str) -> bool:
            page = self.client.get("/dang-nhap/", name="login page")
            token = CSRF.search(page.text)
            data = {"username": self.username, "password": plan["password"]}
            if token:
                data["csrfmiddlewaretoken"] = token.group(1)
            with self.client.post(
                "/dang-nhap/", data, name=name, allow_redirects=False, catch_response=True
            ) as answer:
                if answer.status_code != 302:
                    answer.failure(f"login answered {answer.status_code}")
                    return False
            return True

    class BurstLogin(Person):
        """Logs in once, with everyone else, and leaves."""

        wait_time = between(0, 0)

        @task
        def log_in_once(self) -> None:
            self.username = next(leaders)[1]
            self.log_in("login (burst)")
            raise StopUser()

    class GroupLeader(Person):
        weight = LEADERS
        wait_time = between(1, 3)

        def on_start(self) -> None:
            self.group_id, self.username = next(leaders)
            self.log_in("login")
            self.saves = 0

        @task
        def record_the_meeting(self) -> None:
            self.client.get("/sinh-hoat/", name="month status")
            year, month = plan["month"]
            url = f"/sinh-hoat/to/{self.group_id}/{year}/{month}/"
            form = self.client.get(url, name="meeting form")
            if form.status_code != 200:
                return
            self.saves += 1
            attendees = 10 + self.saves
            # A save whose answer is still on its way when the run stops may be written:
            # the database then holds this value rather than the last one answered.
            saves.setdefault("sent", {})[str(self.group_id)] = attendees
            data = meeting_form_data(form.text, plan["held_on"], attendees)
            data["csrfmiddlewaretoken"] = CSRF.search(form.text).group(1)
            with self.client.post(
                url, data, name="meeting save", allow_redirects=False, catch_response=True
            ) as answer:
                if answer.status_code == 302:
                    saves.setdefault("accepted", {})[str(self.group_id)] = attendees
                else:
                    answer.failure(f"save answered {answer.status_code}")

    class CommuneOfficial(Person):
        weight = OFFICIALS
        wait_time = between(1, 3)

        def on_start(self) -> None:
            self.username = officials[hash(id(self)) % len(officials)]
            self.log_in("login")

        @task
        def petitions(self) -> None:
            self.client.get("/kien-nghi/", name="petition queue")

        @task
        def month_status(self) -> None:
            self.client.get("/sinh-hoat/", name="month status")

    class Committee(Person):
        weight = COMMITTEE
        wait_time = between(1, 3)
        username = "huyen"

        def on_start(self) -> None:
            self.log_in("login")

        @task(2)
        def dashboard(self) -> None:
            self.client.get(f"/chi-tieu/huyen/{plan['district']}/", name="dashboard")

        @task
        def report(self) -> None:
            self.client.get(f"/chi-tieu/huyen/{plan['district']}/bao-cao/", name="report")

    results = {}
    for label, classes, count, seconds in [
        ("burst", [BurstLogin], options.logins, None),
        ("month end", [GroupLeader, CommuneOfficial, Committee], options.users, options.seconds),
    ]:
        environment = Environment(user_classes=classes, host=host)
        runner = environment.create_local_runner()
        started = time.monotonic()
        runner.start(count, spawn_rate=count if seconds is None else max(count / 10, 1))
        if seconds is None:  # until everyone has logged in
            while runner.user_count or time.monotonic() - started < 1:
                if time.monotonic() - started > 120:
                    break
                gevent.sleep(0.2)
            runner.quit()
        else:
            gevent.spawn_later(seconds, runner.quit)
            runner.greenlet.join()
        load = os.getloadavg()[0]
        results[label] = (environment.stats, time.monotonic() - started, load)
        leaders = iter(plan["leaders"])  # the burst's people log in again below
    return results


def report(results: dict) -> int:
    failures = 0
    for label, (stats, seconds, load) in results.items():
        print(f"\n{label}: {seconds:.0f} s, load average at the end {load:.1f}")
        print(
            f"{'request':<16}{'count':>7}{'failed':>7}{'req/s':>7}"
            f"{'median':>8}{'p95':>7}{'p99':>7}{'max':>7}  (ms)"
        )
        entries = sorted(stats.entries.values(), key=lambda e: e.name)
        for entry in [*entries, stats.total]:
            print(
                f"{entry.name:<16}{entry.num_requests:>7}{entry.num_failures:>7}"
                f"{entry.num_requests / seconds:>7.1f}"
                f"{entry.get_response_time_percentile(0.5) or 0:>8.0f}"
                f"{entry.get_response_time_percentile(0.95) or 0:>7.0f}"
                f"{entry.get_response_time_percentile(0.99) or 0:>7.0f}"
                f"{entry.max_response_time or 0:>7.0f}"
            )
        failures += stats.total.num_failures
        for error in stats.errors.values():
            print(f"  {error.name}: {error.error} (x{error.occurrences})")
    return failures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--logins", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--workers", type=int, default=None, help="default: the server's own")
    parser.add_argument("--phase", choices=["prepare", "verify"], help=argparse.SUPPRESS)
    parser.add_argument("files", nargs="*", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.phase == "prepare":
        return prepare(options.files[0], options.users + options.logins)
    if options.phase == "verify":
        return verify(*options.files)

    folder = Path(tempfile.mkdtemp(prefix="tocdp-load-"))
    plan_file, saves_file = str(folder / "plan.json"), str(folder / "saves.json")
    me = [sys.executable, __file__]
    subprocess.run([*me, "--phase", "prepare", plan_file], check=True)  # noqa: S603 - this script
    plan = json.loads(Path(plan_file).read_text())
    database = os.environ.get("DATABASE_URL", "sqlite:////tmp/tocdp-bench.sqlite3")
    print(f"database: {database.split('@')[-1]}; {machine_pace()}")
    port = free_port()
    server = start_server(port, options.workers, folder / "server.log")
    workers = options.workers or os.cpu_count() * 2 + 1
    print(f"server: gunicorn, {workers} sync workers, {os.cpu_count()} cores")
    saves: dict[str, dict[str, int]] = {}
    try:
        results = run_load(f"http://127.0.0.1:{port}", plan, options, saves)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=90)
    failures = report(results)
    Path(saves_file).write_text(json.dumps(saves))
    checked = subprocess.run([*me, "--phase", "verify", plan_file, saves_file])  # noqa: S603
    print(machine_pace())
    sys.exit(1 if failures or checked.returncode else 0)


if __name__ == "__main__":
    main()
