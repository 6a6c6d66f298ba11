# newspipe — `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
JOBS ?=
N ?= 2000

.DEFAULT_GOAL := help

$(STAMP): pyproject.toml requirements.lock requirements-models.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python >= 3.11 required"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.lock
	$(PY) -m pip install -q --no-deps --require-hashes -r requirements-models.txt
	$(PY) -m pip install -q --no-deps -e .
	@touch $(STAMP)

.PHONY: venv
venv: $(STAMP) ## Create or refresh .venv with the pinned dependencies

.PHONY: run
run: $(STAMP) ## Process raw/ into output/ (CSV tables + review pages)
	$(PY) -m pipeline run raw --out output $(if $(JOBS),--jobs $(JOBS),)
	$(PY) -m pipeline review output

.PHONY: test
test: $(STAMP) ## Lint and run the test suite
	$(PY) -m ruff check pipeline tests training bench
	$(PY) -m pytest

.PHONY: lint
lint: $(STAMP) ## Lint only (ruff)
	$(PY) -m ruff check pipeline tests training bench

.PHONY: train-ner-id
train-ner-id: $(STAMP) ## Retrain the Indonesian NER model from ../shared/data/ner-id (fixed seed)
	$(PY) -m training.train_ner_id

.PHONY: eval-ner
eval-ner: $(STAMP) ## Exact-match P/R/F1 per label on the shared dev splits, and words/s
	$(PY) -m training.eval_ner --aligned

.PHONY: eval-people
eval-people: $(STAMP) ## People/role pair F1 on the hand-annotated sentence sets and whole articles
	$(PY) tests/stages/test_people.py
	for g in tests/fixtures/articles/gold*.tsv; do echo "$$g"; $(PY) -m training.eval_people --gold "$$g" || exit 1; done

.PHONY: eval-language
eval-language: $(STAMP) ## Language-ID accuracy on the shared dev sentences and other-language fixtures
	$(PY) -m training.eval_language

.PHONY: eval-cleaning
eval-cleaning: $(STAMP) ## Cleaning/segmentation on dev sentences with injected artifacts
	$(PY) -m training.eval_cleaning

.PHONY: bench
bench: $(STAMP) ## Throughput, memory and review-page speed on synthetic corpora (N=2000)
	$(PY) -m bench.run --n $(N)
	$(PY) -m bench.review_open --n 10000

.PHONY: docs
docs: $(STAMP) ## Regenerate docs/data-dictionary.md from pipeline/tables.py
	$(PY) -m pipeline.tables > docs/data-dictionary.md

.PHONY: clean
clean: ## Remove generated output (never touches raw/)
	find output -mindepth 1 ! -name README.md -exec rm -rf {} +

.PHONY: help
help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-14s %s\n", $$1, $$2}'
