# Fresh machine: `make run` (set up + ingest the bundled examples) and `make test` (set up + the whole suite).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DB     ?= sqlite:///$(CURDIR)/newsgraph.db
STAMP  := $(VENV)/.installed
UI     := src/newsgraph/api/static/index.html

.PHONY: install run test lint eval eval-update bench gazetteer clean ui serve bench-api

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,postgres,server,dask]"
	touch $(STAMP)

install: $(STAMP) ui

# The web UI: npm packages pinned by web/package-lock.json, bundled by esbuild into the Python package.
$(UI): web/package.json web/package-lock.json web/build.mjs $(wildcard web/src/*)
	cd web && SCARF_NO_ANALYTICS=true npm ci --no-audit --no-fund --loglevel=error && node build.mjs

ui: $(UI)

serve: $(STAMP) $(UI)
	$(BIN)/newsgraph serve --db $(DB)

bench-api: $(STAMP)
	$(BIN)/python benchmarks/api_latency.py
	$(BIN)/python benchmarks/map_paint.py

gazetteer: $(STAMP)
	$(BIN)/newsgraph gazetteer build

run: $(STAMP) $(UI)
	$(BIN)/newsgraph ingest examples/ --db $(DB)
	$(BIN)/newsgraph export --db $(DB) --type events --format csv -o events.csv
	@echo "events exported to events.csv; store at $(DB)"
	@echo "browse it: $(BIN)/newsgraph serve --db $(DB)   (or: make serve)"

lint: $(STAMP)
	$(BIN)/ruff check src tests eval benchmarks

test: $(STAMP) $(UI) lint
	$(BIN)/python -m pytest -q

eval: $(STAMP)
	$(BIN)/python eval/run_eval.py

eval-update: $(STAMP)
	$(BIN)/python eval/run_eval.py --update

bench: $(STAMP)
	$(BIN)/python benchmarks/pipeline_vs_spacy.py

clean:
	rm -rf $(VENV) src/newsgraph/api/static web/node_modules out .pytest_cache .ruff_cache build *.egg-info newsgraph.db events.csv
