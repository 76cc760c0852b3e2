# Two entry points (README "Quick start"): `make run` and `make test`.
# Both create .venv and install everything they need from scratch on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
OUT    := out
# The graph goes where every command looks by default, so the README's usage works after `make run`.
STORE  := policygraph.db

.PHONY: run test lint bench clean neo4j neo4j-stop

$(STAMP): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,ocr]'
	touch $(STAMP)

## run: set up, load the sample corpus (data/seeds) into ./policygraph.db and ask it questions
run: $(STAMP)
	mkdir -p $(OUT)
	$(BIN)/policygraph extract data/seeds --format json > $(OUT)/seeds.json
	$(BIN)/policygraph load data/seeds --store $(STORE)
	$(BIN)/policygraph agencies find "provincial quality bureau" --store $(STORE)
	$(BIN)/policygraph tasks --lead "provincial quality bureau" --jurisdiction Guangdong --store $(STORE)
	$(BIN)/policygraph coordination --limit 10 --store $(STORE)
	$(BIN)/policygraph lineage 佛山 --no-cites --store $(STORE)
	$(BIN)/policygraph viz coordination -o $(OUT)/coordination.html --store $(STORE)
	@echo "wrote $(OUT)/seeds.json, $(STORE) and $(OUT)/coordination.html (open it in a browser)"

## test: set up (and headless Chromium for the browser test), then run the whole test suite
test: $(STAMP)
	sh tests/setup_chromium.sh
	$(BIN)/python -m pytest

## neo4j: a throwaway Neo4j Community 5.26 (Maven fetches it into ~/.m2; needs Java 17): prints
## NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD lines —  eval "$(make -s neo4j)"  points policygraph at it
neo4j: $(STAMP)
	@$(BIN)/python tools/neo4j_server.py start

neo4j-stop:
	@$(PYTHON) tools/neo4j_server.py stop

## lint: ruff, then mypy on the package (through a tree of links: see tools/typecheck.py)
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python tools/typecheck.py

## bench: the scale benchmark (1,000 / 20,000 / 100,000 documents; ~60 min) → bench/results.json
bench: $(STAMP)
	$(BIN)/python bench/run.py --sizes 1000,20000,100000 --out bench/results.json

clean:
	rm -rf $(VENV) $(OUT) build *.egg-info
