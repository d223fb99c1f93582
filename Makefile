# Everything runs from the repo-local virtualenv in .venv/, so a fresh clone needs
# nothing but python3 (>= 3.11) on the PATH.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint bench screenshots clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# A fresh corpus of the bundled examples, a few searches in it, then the web app
# over it (Ctrl-C stops it).
DEMO_DB := build/demo.db
demo: $(STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm && mkdir -p build
	$(BIN)/inzage ingest --db $(DEMO_DB) examples/
	$(BIN)/inzage search --db $(DEMO_DB) gemeenten
	$(BIN)/inzage search --db $(DEMO_DB) '"bestuurlijk overleg"' --facets
	$(BIN)/inzage search --db $(DEMO_DB) 'jeugd* NOT mantelzorg' --kind memo
	$(BIN)/inzage search --db $(DEMO_DB) zonnepanelen --facets
	$(BIN)/inzage serve --db $(DEMO_DB)

test: $(STAMP)
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/real_email.py
	$(BIN)/python bench/decision_letters.py
	$(BIN)/python bench/real_documents.py
	$(BIN)/python bench/corpus.py 10000
	$(BIN)/python bench/redaction_boxes.py
	$(BIN)/python bench/pdf.py
	$(BIN)/python bench/page_stream.py

# Screenshots of the main pages for the README, taken by the browser tests.
screenshots: $(STAMP)
	INZAGE_SCREENSHOTS=docs/screenshots $(BIN)/pytest -q tests/serve/test_browser.py

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache .hypothesis
