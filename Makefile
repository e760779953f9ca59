# Two commands do everything: `make build` builds the site, `make test` runs every test.
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: build test check bench clean

build:
	@scripts/setup.sh build
	$(PY) build.py

check:
	@scripts/setup.sh build
	$(PY) build.py check

test:
	@scripts/setup.sh test
	$(PY) -m pytest

# Builds synthetic archives of 1,000 and 10,000 meetings with minutebook and with Hugo + Pagefind,
# and prints a table of timings, memory and output size (takes about half an hour).
bench:
	@scripts/setup.sh bench
	$(PY) scripts/bench.py

clean:
	rm -rf _site .minutebook-cache test-artifacts .bench
