# The two commands a user runs: `make run` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/newsfuse digest examples/seeds --out report

test: $(STAMP)
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check --fix src tests bench tools
	$(BIN)/ruff format src tests bench tools

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,bench]'
	$(BIN)/python -m bench.extraction --data ../shared/data/extraction/scrapinghub-aeb
	$(BIN)/python -m bench.extraction --data ../shared/data/extraction/wcxb-dev
	$(BIN)/python -m bench.timex --data ../shared/data/time/tbaq
	$(BIN)/python -m bench.timex --data ../shared/data/time/meantime-en
	$(BIN)/python -m bench.quotes --data ../shared/data/quotes/polnear --split dev
	$(BIN)/python -m bench.language
	$(BIN)/python -m bench.stories --data ../shared/data/clustering/ecbplus-dev
	$(BIN)/python -m bench.stories --data ../shared/data/clustering/neus-stories-dev
	$(BIN)/python -m bench.scale --limit 5000  # the whole stream takes hours to clean on 2 cores
	$(BIN)/python -m bench.claims --data ../shared/data/claims/claimdiff
	$(BIN)/python -m bench.summaries --data ../shared/data/summaries/neus-roundups --split val
	$(BIN)/python -m bench.digest
	$(BIN)/python -m bench.account --data ../shared/data/account/neus-account-dev.jsonl
	$(BIN)/python -m bench.events --data ../shared/data/clustering/ecbplus-dev
	$(BIN)/python -m bench.bigstory --sizes 100,200,400

clean:
	rm -rf $(VENV) report build src/*.egg-info
