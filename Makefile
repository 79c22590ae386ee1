# Equity LMS: `make demo` and `make test` set everything up on a fresh machine.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
EMPLOYEES ?= 2000
PORT ?= 8000

# The first Python 3.12+ found: $(PYTHON) if given, then python3.13/3.12/python3 on PATH, then pyenv's.
FIND_PYTHON = for c in $(PYTHON) python3.13 python3.12 python3 \
	  $$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.1[2-9]*/bin/python 2>/dev/null | sort -rV); do \
	  if [ -x "$$(command -v $$c 2>/dev/null)" ] && "$$c" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
	    echo "$$c"; exit 0; fi; done; exit 1

.PHONY: demo test test-browser install lint check clean messages bench

$(VENV)/.installed: pyproject.toml
	@py=$$($(FIND_PYTHON)) || { echo "Equity LMS needs Python 3.12 or newer; none was found. Install one, or run: make PYTHON=/path/to/python3.12 ..." >&2; exit 1; }; \
	  echo "Using $$py ($$($$py --version))"; \
	  [ -x $(PY) ] || "$$py" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(VENV)/.installed

demo: install
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo --employees $(EMPLOYEES)
	@echo "Serving on http://127.0.0.1:$(PORT)/  (Ctrl-C to stop)"
	$(MANAGE) runserver 127.0.0.1:$(PORT)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

check: install
	DJANGO_SETTINGS_MODULE=lms.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=lms.settings.test $(MANAGE) makemigrations --check --dry-run

# The browser tests run too wherever Debian's chromium is installed (BROWSER=0 skips them).
BROWSER ?= $(if $(wildcard /usr/bin/chromium),1,0)

test: lint check
	$(VENV)/bin/pytest -m "not browser" $(PYTEST_ARGS)
	@if [ "$(BROWSER)" = "1" ]; then $(MAKE) --no-print-directory test-browser; \
	  else echo "Browser tests not run: no /usr/bin/chromium (apt install chromium)"; fi

# Benchmarks print a table and write JSON; DATABASE_URL picks PostgreSQL (a database of its own).
BENCH_EMPLOYEES ?= 50000
bench: install
	$(PY) scripts/bench_compliance.py --employees $(BENCH_EMPLOYEES)

messages: install
	$(MANAGE) makemessages -l es --ignore '.venv/*' --ignore 'tests/*'
	$(MANAGE) compilemessages --ignore '.venv/*'

clean:
	rm -rf $(VENV) db.sqlite3 media .test-media staticfiles .pytest_cache monitoring-releases .test-monitoring-releases

node_modules/axe-core/axe.min.js: package.json
	npm install --no-audit --no-fund --silent
	@touch $@

test-browser: install node_modules/axe-core/axe.min.js
	$(PY) -m pip install --quiet -e '.[dev,browser]'
	$(VENV)/bin/pytest -m browser tests/browser $(PYTEST_ARGS)
