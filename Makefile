# Fresh machine: `make run` (set up + ingest the bundled examples) and `make test` (set up + the whole suite).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DB     ?= sqlite:///$(CURDIR)/newsgraph.db
STAMP  := $(VENV)/.installed

.PHONY: install run test lint eval eval-update bench gazetteer clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,postgres,dask]"
	touch $(STAMP)

install: $(STAMP)

gazetteer: $(STAMP)
	$(BIN)/newsgraph gazetteer build

run: $(STAMP)
	$(BIN)/newsgraph ingest examples/ --db $(DB)
	$(BIN)/newsgraph export --db $(DB) --type events --format csv -o events.csv
	@echo "events exported to events.csv; store at $(DB)"

lint: $(STAMP)
	$(BIN)/ruff check src tests eval benchmarks

test: $(STAMP) lint
	$(BIN)/python -m pytest -q

eval: $(STAMP)
	$(BIN)/python eval/run_eval.py

eval-update: $(STAMP)
	$(BIN)/python eval/run_eval.py --update

bench: $(STAMP)
	$(BIN)/python benchmarks/pipeline_vs_spacy.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build *.egg-info newsgraph.db events.csv
