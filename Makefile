# Everything runs from the repo-local virtualenv in .venv/, so a fresh clone needs
# nothing but python3 (>= 3.11) on the PATH.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint bench bench-detect fuzz wordlist screenshots clean

install: $(STAMP)

# pip names each package as it fetches it: on a fresh machine this takes a few
# minutes, and the lines show that it is moving.
$(STAMP): pyproject.toml
	@echo "inzage: installing into $(VENV)/ (a few minutes on a fresh machine)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --progress-bar on -e '.[dev]'
	touch $(STAMP)

# A fresh corpus of the bundled examples, a few searches in it, the personal data
# a disclosing officer would redact in it, redacted copies of the examples with
# that data taken out (verified, and the PDF verified once more); then the
# disclosing side's last steps: the request filled in, a production report
# imported and reconciled (its differences listed), the release published
# (redacted files, inventory list, DiWoo sitemaps), and the web app over the
# corpus (Ctrl-C stops it; `inzage review --db build/demo.db` is the review mode).
DEMO_DB := build/demo.db
demo: $(STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm && mkdir -p build
	$(BIN)/inzage ingest --db $(DEMO_DB) examples/
	$(BIN)/inzage search --db $(DEMO_DB) gemeenten
	$(BIN)/inzage search --db $(DEMO_DB) '"bestuurlijk overleg"' --facets
	$(BIN)/inzage search --db $(DEMO_DB) 'jeugd* NOT mantelzorg' --kind memo
	$(BIN)/inzage search --db $(DEMO_DB) zonnepanelen --facets
	$(BIN)/inzage detect --db $(DEMO_DB)
	rm -rf build/demo-release
	$(BIN)/inzage redact -r examples/ --db $(DEMO_DB) --out build/demo-release
	$(BIN)/inzage verify examples/bundel-woo-besluit.pdf build/demo-release/bundel-woo-besluit.pdf
	$(BIN)/inzage dossier --db $(DEMO_DB) --case-number 2026-17 --decision-date 2026-11-30 \
		--publisher Volksgezondheid --title "Besluit op het Woo-verzoek over jeugdzorg"
	$(BIN)/inzage import demo/productierapport.csv --db $(DEMO_DB) || [ $$? -eq 1 ]
	rm -rf build/demo-publish
	$(BIN)/inzage publish --db $(DEMO_DB) --out build/demo-publish --unsigned \
		--base-url https://open.example.nl/woo/2026-17
	$(BIN)/inzage export --db $(DEMO_DB) --what inventory --format csv
	$(BIN)/inzage serve --db $(DEMO_DB)

test: $(STAMP)
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/real_email.py
	$(BIN)/python bench/vws_email.py
	$(BIN)/python bench/decision_letters.py
	$(BIN)/python bench/real_documents.py
	$(BIN)/python bench/corpus.py 10000
	$(BIN)/python bench/search.py --pages 100000
	$(BIN)/python bench/relevance.py
	$(BIN)/python bench/ingest_real.py
	$(BIN)/python bench/compounds.py
	$(BIN)/python bench/server_store.py
	$(BIN)/python bench/thread_quality.py
	$(BIN)/python bench/redaction_boxes.py
	$(BIN)/python bench/pdf.py
	$(BIN)/python bench/redact_speed.py
	$(BIN)/python bench/review_speed.py
	$(BIN)/python bench/page_stream.py
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/memory.py
	$(BIN)/python bench/load.py --clients 50 --seconds 60
	$(BIN)/python bench/detect_corpus.py 1000 10000
	$(BIN)/python bench/detect_devset.py
	$(BIN)/python bench/detect_eval.py --no-text
	$(BIN)/python bench/detect_precision.py
	$(BIN)/python bench/detect_rivals.py

# Personal-data detection alone: the development set from ../shared/data/real/,
# inzage's figures on it, and deduce's and Presidio's (each in its own venv
# under build/rival-venvs/, made on first use).
bench-detect: $(STAMP)
	$(BIN)/python bench/detect_devset.py
	$(BIN)/python bench/detect_eval.py --no-text
	$(BIN)/python bench/detect_precision.py
	$(BIN)/python bench/detect_rivals.py

# The readers and parsers fed mutated synthetic files, 100,000 per format family
# (hours); crashes are saved to build/fuzz/ with a command that replays them.
FUZZ_COUNT ?= 100000
# The Dutch word list the detector ships, from Debian's wdutch (OpenTaal).
wordlist: $(STAMP)
	$(BIN)/python scripts/opentaal_words.py

fuzz: $(STAMP)
	$(BIN)/python bench/fuzz.py --family all --count $(FUZZ_COUNT)

# Screenshots of the main pages for the README, taken by the browser tests.
screenshots: $(STAMP)
	INZAGE_SCREENSHOTS=docs/screenshots $(BIN)/pytest -q tests/serve/test_browser.py tests/serve/test_review_browser.py

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache .hypothesis
