# The two commands: `make demo` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint setup clean screenshot bench docs

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/kg build -o out
	$(BIN)/kg query models-using-technique --graph out --param technique=LatentMoE
	$(BIN)/kg explain Nemotron-Nano-9B-v2 prunedFrom Nemotron-Nano-12B-v2-Base --graph out
	$(BIN)/kg query technique-origin --graph out --param technique=Puzzle
	@echo "open out/lineage.html in a browser for the map"

lint: $(STAMP)
	$(BIN)/ruff check kg tests bench

test: $(STAMP) lint
	$(BIN)/python -m pytest -q
	$(BIN)/kg build -o out --quiet --no-map
	$(BIN)/kg validate --graph out

# Regenerates docs/lineage.png for the README (Playwright driving Debian's chromium).
screenshot: $(STAMP)
	$(BIN)/kg build -o out --quiet
	$(BIN)/kg viz --graph out --screenshot docs/lineage.png

# The ontology reference page, docs/ontology.html (pyLODE).
docs: $(STAMP)
	$(BIN)/python -m kg.docs

# Benchmarks (bench/README.md); results land in bench/results/.
bench: $(STAMP)
	$(BIN)/pip install --quiet -e '.[test,bench]'
	$(BIN)/python bench/extract_bench.py
	$(BIN)/python bench/scale_bench.py
	$(BIN)/python bench/query_bench.py --sizes 100000 1000000
	$(BIN)/python bench/reason_bench.py
	$(BIN)/python bench/map_bench.py
	$(BIN)/python bench/load_test.py

clean:
	rm -rf out build dist .pytest_cache
