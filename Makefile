# Two commands set everything up: `make run` and `make test` (see README).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: run serve test test-slow install lint clean

# uv, installed into the project's own venv by its pip, installs the project: it fetches,
# unpacks and compiles the packages in parallel, where pip took 49-57 s of a fresh
# `make test` here and uv 24-25 s, compiling included (8.8 s since the tests install only
# moto's S3 part, see pyproject.toml). It compiles their bytecode up front because every
# test process (one per core, the browser run, the settings tests' own processes) imports
# Django and the rest again, and Python reads that bytecode even where the environment
# forbids writing it (PYTHONDONTWRITEBYTECODE): a test process's collection
# took 7 s instead of 13. Where uv cannot be had (no wheel for the platform), pip does the
# same install.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check uv \
	  && $(VENV)/bin/uv pip install --quiet --compile-bytecode --python $(PY) -e '.[dev]' \
	  || $(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# The task worker (imports, large exports) runs beside the server and stops with it.
run: $(STAMP)
	DEBUG=true $(PY) manage.py migrate --no-input
	DEBUG=true $(PY) manage.py seed_demo --if-empty
	DEBUG=true $(PY) manage.py db_worker --no-reload --verbosity 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' INT TERM; \
	DEBUG=true $(PY) manage.py runserver 127.0.0.1:8000; kill $$worker 2>/dev/null

# Production: the settings come from the environment or .env (DEBUG off: SECRET_KEY and
# ALLOWED_HOSTS required); deploy/gunicorn.conf.py says how gunicorn serves (GUNICORN_BIND).
serve: $(STAMP)
	$(PY) manage.py migrate --no-input
	$(PY) manage.py collectstatic --no-input --verbosity 0
	exec $(VENV)/bin/gunicorn --config deploy/gunicorn.conf.py

# The suite but its slow tests (the full demo's build); CI runs both. One test process per
# core (pytest-xdist), each with a test database of its own (made from the models, see
# tests/conftest.py), a module's tests that share one build kept in one process; then the
# browser tests (tests/browser). Run beside the others (one process for them, the other for
# the rest) the whole took 230 s against 216 s one run after the other: the two cores have
# no time to spare. Alone in one process the browser tests left a core mostly idle (a test
# waits on its page): two processes, each with its own live server and database, took 52.7 s
# against 66.6 s. Every test is in one of the two runs.
test: $(STAMP)
	$(PY) -m pytest -n auto --dist loadgroup -m "not slow" --ignore=tests/browser
	$(PY) -m pytest -n 2 --dist loadgroup -m "not slow" tests/browser

test-slow: $(STAMP)
	$(PY) -m pytest -m slow

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm staticfiles
