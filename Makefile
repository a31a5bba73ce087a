# Two commands do all the setup on a fresh machine:
#   make run   - virtualenv, install, migrate, demo data, serve on http://127.0.0.1:8000 (SQLite, tasks eager)
#   make test  - system packages, PostgreSQL + Redis on loopback, lint, types, migrations check, full suite
#   make test-fuzz - the long randomised API run (schemathesis), on its own
#   make test-faults - the fault tests on their own (Redis stopped or hung, worker killed, mail down)
#   make bench - the portal at scale on loopback: the table of bench/RESULTS.md (bench/README.md)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

MESSAGE_IGNORES := --ignore=.venv --ignore=var --ignore=tests --ignore=bench --ignore=docs --ignore=node_modules

.PHONY: run test test-fuzz test-faults bench install install-dev lint format typecheck migrations-check messages compilemessages worker worker-default worker-mail worker-imports worker-reports beat services clean

# System packages first: on stock Debian `python3 -m venv` needs python3-venv.
$(BIN)/python:
	PYTHON=$(PYTHON) VENV=$(VENV) bash scripts/system-deps.sh runtime
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-base: requirements/base.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements/base.txt
	touch $@

$(VENV)/.installed-dev: requirements/base.txt requirements/dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements/dev.txt
	touch $@ $(VENV)/.installed-base

install: $(VENV)/.installed-base
install-dev: $(VENV)/.installed-dev

run: install
	bash scripts/system-deps.sh runtime
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test:
	bash scripts/test.sh

test-fuzz:
	bash scripts/test.sh --fuzz

test-faults:
	bash scripts/test.sh --faults

bench: install-dev
	bash scripts/system-deps.sh bench
	$(BIN)/python bench/run.py $(BENCH_ARGS)

services:
	bash scripts/services.sh

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The check compares models with migrations; an in-memory database always exists.
migrations-check: install-dev
	DJANGO_SETTINGS_MODULE=portal.settings.test DATABASE_URL=sqlite://:memory: $(BIN)/python manage.py makemigrations --check --dry-run

messages: install-dev
	$(BIN)/python manage.py makemessages -l nl --no-location --no-obsolete $(MESSAGE_IGNORES)
	$(BIN)/python scripts/complainant_messages.py
	$(BIN)/python manage.py compilemessages --ignore=.venv

compilemessages: install-dev
	$(BIN)/python manage.py compilemessages --ignore=.venv

# Development: one worker on every queue. In production each queue has its own worker (below), so a
# long report or import never delays an e-mail; beat runs exactly once in the whole installation.
ALL_QUEUES := default,mail,imports,reports

worker: install
	$(BIN)/celery -A portal worker --loglevel=INFO -Q $(ALL_QUEUES)

worker-default: install
	$(BIN)/celery -A portal worker --loglevel=INFO -Q default -n default@%h

worker-mail: install
	$(BIN)/celery -A portal worker --loglevel=INFO -Q mail -n mail@%h --concurrency 4

worker-imports: install
	$(BIN)/celery -A portal worker --loglevel=INFO -Q imports -n imports@%h --concurrency 2 --max-tasks-per-child 20

worker-reports: install
	$(BIN)/celery -A portal worker --loglevel=INFO -Q reports -n reports@%h --concurrency 2 --max-tasks-per-child 20

beat: install
	$(BIN)/celery -A portal beat --loglevel=INFO --schedule=var/celerybeat-schedule

clean:
	rm -rf var/portal.sqlite3 var/static var/test-media .pytest_cache .mypy_cache .ruff_cache
