# Two commands do all set-up on a fresh machine:
#   make demo   installs checker into .venv and analyzes a bundled fixture set
#   make test   installs checker and its test tools (and Chromium) and runs the whole suite
VENV ?= .venv
PY := $(VENV)/bin/python
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: setup demo test lint

setup: $(VENV)/.installed

# torch is installed first, pinned, so pip takes the CPU build instead of pulling multi-GB CUDA wheels.
$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[test]'
	touch $@

demo: setup
	$(VENV)/bin/checker analyze fixtures/quake

test: setup
	bash scripts/install-browser.sh
	$(PY) -m pytest

lint: setup
	$(VENV)/bin/ruff check checker tests benchmarks
	$(VENV)/bin/ruff format --check checker tests benchmarks
