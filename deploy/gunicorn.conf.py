"""gunicorn's configuration for tocdp (`make serve`, deploy/tocdp-web.service).

Every value can be changed from the environment or `.env` (read here as the settings read
it; the environment wins). The app is CPU-bound (templates, the dashboard's figures,
password hashing), so the workers follow the processor count.
"""

import multiprocessing
import os
from pathlib import Path

import environ

if (Path(__file__).resolve().parent.parent / ".env").is_file():
    environ.Env.read_env(Path(__file__).resolve().parent.parent / ".env")

wsgi_app = "tocdp.wsgi:application"

# Behind nginx on the same machine (deploy/nginx-tocdp.conf): loopback only. Without a
# proxy, GUNICORN_BIND=0.0.0.0:8000.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")

# Two workers per core and one more, gunicorn's own rule: while one waits on the database
# another uses the processor. Sync workers: nginx buffers slow phones' requests and answers.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"

# A request taking longer than this is killed and logged: long work (imports, district
# exports) runs in the task worker, and the slowest page (a district's report) takes seconds.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
# On a restart, requests under way get this long to finish.
graceful_timeout = 30
keepalive = 5

# Each worker is replaced after about a thousand requests, so that no slow growth of memory
# builds up over weeks; the jitter keeps them from restarting together.
max_requests = 1000
max_requests_jitter = 100

# The app is loaded once before the workers fork: a broken setting (a placeholder
# SECRET_KEY) stops the start with its message instead of workers failing in a loop.
preload_app = True

# Access log to the standard output (journald under systemd), with the time each request
# took in microseconds (%(D)s) for finding slow pages; errors to the standard error.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(D)sus "%(f)s" "%(a)s"'

# The TLS proxy's X-Forwarded-* headers are trusted from the loopback only.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

proc_name = "tocdp"

# gunicorn's run-time control socket is not used (systemd reloads with HUP); none is left
# in the service user's home.
control_socket_disable = True
