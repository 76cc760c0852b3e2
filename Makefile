# Two entry points (README "Quick start"): `make run` and `make test`.
# Both create .venv and install everything they need from scratch on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
OUT    := out

.PHONY: run test bench clean

$(STAMP): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## run: set up, then extract the sample corpus (data/seeds) and show what was understood
run: $(STAMP)
	mkdir -p $(OUT)
	$(BIN)/policygraph extract data/seeds --format json > $(OUT)/seeds.json
	$(BIN)/policygraph extract data/seeds --format table
	@echo "wrote $(OUT)/seeds.json"

## test: set up, then run the whole test suite
test: $(STAMP)
	$(BIN)/python -m pytest

## bench: throughput figures (see bench/)
bench: $(STAMP)
	$(BIN)/python bench/extract.py

clean:
	rm -rf $(VENV) $(OUT) build *.egg-info
