# Two commands: `make run` (a working site with demo data) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-browser test-postgres security lint format migrate demo messages clean feed-parsers bench bench-signup

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

# Calendar parsers this project did not write (ical.js, node-ical from npm; libical from Debian).
feed-parsers:
	bash tests/feeds/install.sh

run: $(VENV)/.installed
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_data
	$(MANAGE) runserver $(HOST):$(PORT)

migrate: $(VENV)/.installed
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) load_demo_data

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: lint feed-parsers
	DJANGO_SETTINGS_MODULE=videnscenter.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=videnscenter.settings.test $(MANAGE) makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

# The browser suite (tests/browser): Debian's Chromium driven by Playwright against a live server with
# the demo data, axe-core on every page at desktop and phone size. install.sh installs Chromium (apt,
# as root) and axe-core (npm ci); it names what is missing and fails when it cannot. Failures leave a
# screenshot and the page's HTML in var/browser/.
test-browser: $(VENV)/.installed-dev
	sh tests/browser/install.sh
	$(BIN)/pytest -m browser tests/browser $(PYTEST_ARGS)

# The same suite against the PostgreSQL server named by DATABASE_URL.
test-postgres: $(VENV)/.installed-dev feed-parsers
	@test -n "$(DATABASE_URL)" || (echo "Set DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/videnscenter" && exit 2)
	$(BIN)/pytest --create-db $(PYTEST_ARGS)

# The standing security checks alone (README "Security"): the authorisation matrix, the
# hostile-input sweep and the attack tests; on PostgreSQL too when DATABASE_URL is set.
security: $(VENV)/.installed-dev
	$(BIN)/pytest tests/security $(if $(DATABASE_URL),--create-db,) $(PYTEST_ARGS)

# Key paths at scale over HTTP (gunicorn) against the framework's floor; see bench/RESULTS.md.
# The first run generates the large data sets (SQLite, and PostgreSQL if it answers): minutes.
bench: $(VENV)/.installed-dev
	$(BIN)/python -m bench.run $(BENCH_ARGS)

# Sign-up for an event's last place by 32 clients at once, on its own small database (a minute):
# the figures and "0 overbooked places" (bench/SIGNUP.md). BENCH_SIGNUP_ARGS="--places 3 --rounds 5".
bench-signup: $(VENV)/.installed-dev
	$(BIN)/python -m bench.signup $(BENCH_SIGNUP_ARGS)

# Recreate the .po files from the code, then compile them; both are committed.
# videnscenter/locale holds the Danish for Wagtail's own texts, made by hand (see its README):
# makemessages would take it for the videnscenter app's catalogue and empty it.
messages: $(VENV)/.installed-dev
	$(MANAGE) makemessages -l da -l en --ignore=.venv --ignore=var --ignore=videnscenter/locale --no-obsolete
	$(MANAGE) compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) var
