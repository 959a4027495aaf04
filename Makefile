# Two commands on a fresh machine with Python 3.11+: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-run
DEV := $(VENV)/.installed-dev

.PHONY: run test lint typecheck unit tools browser screenshots web-assets bench docs clean lock messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

## the lock files (requirements/run.txt, requirements/dev.txt: every package pinned, with hashes)
## decide what is installed; `make run` installs only what running needs, `make test` adds the
## dev tools; `make lock` regenerates them from pyproject.toml
$(STAMP): $(BIN)/python requirements/run.txt pyproject.toml
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/run.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

$(DEV): $(STAMP) requirements/dev.txt
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.txt
	touch $(DEV)

## messages: bring the Dutch catalogue up to date with the words in the code and the templates
## (new ones get an empty msgstr to fill in, removed ones are dropped; tests/test_i18n.py checks)
messages: $(DEV)
	mkdir -p build
	$(BIN)/pybabel extract -F babel.cfg -k N_ --no-location --sort-output --omit-header -o build/messages.pot .
	$(BIN)/pybabel update -i build/messages.pot -d src/inburgering/locale -D messages -l nl \
		--no-fuzzy-matching --ignore-obsolete --ignore-pot-creation-date --width 100

## lock: resolve pyproject.toml's dependencies again (newest allowed versions) into the lock files
## (the build backend of requirements/build.in included, so the package installs offline too)
lock: $(DEV)
	$(BIN)/python -m pip install --quiet uv==0.13.9
	$(BIN)/uv pip compile pyproject.toml requirements/build.in --universal --python-version 3.11 \
		--generate-hashes --no-header --no-annotate --quiet -o requirements/run.txt
	$(BIN)/uv pip compile pyproject.toml requirements/build.in --extra dev --universal --python-version 3.11 \
		--generate-hashes --no-header --no-annotate --quiet -o requirements/dev.txt

## run: the main job on the built-in data: wi2021, coalitie-2026 and coalitie-2026+vwn-2026
## compared with uncertainty (15 draws on 15% of the national population, a local Dask
## cluster), a report in runs/vergelijking/rapport-en.html and every table as CSV/Parquet/XLSX
run: $(STAMP)
	$(BIN)/inburgering compare --out runs/vergelijking

## test: lint, format check, import layers, type check and the full test suite
test: lint typecheck unit

lint: $(DEV)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/lint-imports

typecheck: $(DEV)
	$(BIN)/mypy

unit: $(DEV) tools browser
	$(BIN)/pytest -n 2 --dist loadfile --deselect $(SCHEMA_TEST)
	$(BIN)/pytest -p no:xdist $(SCHEMA_TEST)

# the API contract test: schemathesis gives its operations one node id, which two workers
# would report as one test (7 of 8 operations lost from the count), so it runs on its own
SCHEMA_TEST = tests/test_api_schema.py::test_every_operation_keeps_to_its_document

## browser: Debian's Chromium for the browser tests (Playwright drives /usr/bin/chromium)
browser:
	test -x /usr/bin/chromium || (apt-get update -qq && apt-get install -y -qq chromium)

## screenshots: the pages as PNG in docs/screenshots/ (from the browser tests)
screenshots: $(DEV) browser
	SCREENSHOTS=1 $(BIN)/pytest -q tests/test_web_browser.py

## tools: programs the tests need beyond Python: the Spectral CLI (NL API Design Rules linter)
## from the npm registry into .tools/, with Node.js from Debian where it is missing
SPECTRAL := .tools/node_modules/.bin/spectral
tools: $(SPECTRAL)

$(SPECTRAL):
	command -v npm >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq nodejs npm)
	npm install --prefix .tools --no-audit --no-fund --silent @stoplight/spectral-cli@6

## web-assets: refresh the vendored NL Design System CSS from the npm registry (at release time;
## the copy is committed so that users need no Node.js)
UTRECHT_CSS := @utrecht/component-library-css@9.0.4
web-assets:
	npm install --prefix .tools --no-audit --no-fund --silent $(UTRECHT_CSS)
	cp .tools/node_modules/@utrecht/component-library-css/dist/html.css src/inburgering/web/static/vendor/utrecht-html.css

## bench: speed benchmarks; writes docs/performance.md
bench: $(DEV)
	$(BIN)/python benchmarks/bench_rules.py
	$(BIN)/python benchmarks/bench_sim.py
	$(BIN)/python benchmarks/bench_calibrate.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

## docs: regenerate the generated reference pages
docs: $(DEV)
	$(BIN)/python -m inburgering.law.reference > docs/model/parameters.md
	$(BIN)/inburgering validate --markdown docs/model/calibration.md \
		--json src/inburgering/calibration/fit_table.json > /dev/null
	$(BIN)/python -m inburgering.sim.behaviour.reference docs/model/stages
	$(BIN)/python -m inburgering.caseload.template docs/caseload.md docs/caseload-rij.schema.json
	$(BIN)/python -m inburgering.compare.levers docs/model/levers.md
	$(BIN)/python -m inburgering.rules.reference tests/cases docs/model/rules.md
