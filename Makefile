# The two commands of the README, and the ones a developer needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LINT_STAMP := $(VENV)/.lint-installed

.PHONY: demo test install lint golden serve bench clean train

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[model,test]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/detente extract examples/ --summary

test: $(STAMP)
	$(BIN)/python -m pytest -q

golden: $(STAMP)
	$(BIN)/python -m pytest -q tests/test_golden.py --update-golden

$(LINT_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[lint]"
	touch $(LINT_STAMP)

# ruff's rules and mypy's strictness are in pyproject.toml; `cog -r docs/cli.md` rewrites the page
lint: $(LINT_STAMP)
	$(BIN)/ruff check src tests bench train docs/*.py
	$(BIN)/ruff format --check src tests bench train docs/*.py
	$(BIN)/mypy
	$(BIN)/codespell src docs tests README.md CHANGELOG.md
	$(BIN)/cog --check docs/cli.md

serve: $(STAMP)
	$(BIN)/detente ingest examples/ && $(BIN)/detente serve

# Rebuild the learned coder into src/detente/nlp/model/ from PLV_train (../shared) and train/data.
train: $(STAMP)
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e ".[train]"
	$(BIN)/python train/train.py

bench: $(STAMP)
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/accuracy.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
