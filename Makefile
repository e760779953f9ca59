# Two commands do everything: `make build` builds the site, `make test` runs every test.
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: build test check clean bench-search

build:
	@scripts/setup.sh build
	$(PY) build.py

check:
	@scripts/setup.sh build
	$(PY) build.py check

test:
	@scripts/setup.sh test
	$(PY) -m pytest

# Search against Pagefind on a built site: SITE=folder CONFIG=its site_config.yaml (default: this archive).
SITE ?= _site
CONFIG ?= site_config.yaml
bench-search:
	@scripts/setup.sh bench
	@if [ "$(SITE)" = _site ]; then $(PY) build.py --quiet --config $(CONFIG); fi
	$(PY) scripts/bench_search.py $(SITE) --config $(CONFIG)

clean:
	rm -rf _site .minutebook-cache test-artifacts
