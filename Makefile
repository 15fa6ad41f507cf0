# `make demo` and `make test` do all the set-up: they create .venv if missing and install the
# project into it (again only when pyproject.toml changed).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench install clean

demo: $(STAMP)
	$(BIN)/roster solve -o roster.xlsx --force

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check roster constraints tests sample_inputs benchmarks
	$(BIN)/ruff format --check roster constraints tests sample_inputs benchmarks
	$(BIN)/mypy

# `make bench`: scale (S, M, L, XL), the public Curtois instances at 60 and 300 s, the pre-solve
# analysis; about 2.5 hours (30 minutes with BENCH_ARGS="--curtois-limit 60"), numbers in
# benchmarks/results/latest.json. A quick look: make bench BENCH_ARGS=--quick
# The analysis alone: $(BIN)/python benchmarks/analysis_speed.py. Options: python -m benchmarks.run -h
# Writing the roster workbook (XL: 1000 people): $(BIN)/python benchmarks/write_speed.py XL
CURTOIS ?=
BENCH_ARGS ?=
bench: $(STAMP)
	$(BIN)/python -m benchmarks.run $(if $(CURTOIS),--curtois $(CURTOIS)) $(BENCH_ARGS)

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) roster.xlsx build *.egg-info
