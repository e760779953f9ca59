# Two commands do everything: `make build` builds the site, `make test` runs every test.
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: build test check clean

build:
	@scripts/setup.sh build
	$(PY) build.py

check:
	@scripts/setup.sh build
	$(PY) build.py check

test:
	@scripts/setup.sh test
	$(PY) -m pytest

clean:
	rm -rf _site .minutebook-cache test-artifacts
