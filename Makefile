# Two commands do everything: `make build` builds the site, `make test` runs every test.
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: build test check new serve docs bench-serve bench-search clean

build:
	@scripts/setup.sh build
	$(PY) build.py

check:
	@scripts/setup.sh build
	$(PY) build.py check

# make new COMMITTEE=scrutiny-board-2 DATE=2024-06-13
new:
	@scripts/setup.sh build
	@test -n "$(COMMITTEE)" -a -n "$(DATE)" || { echo "usage: make new COMMITTEE=slug DATE=YYYY-MM-DD" >&2; exit 2; }
	$(PY) build.py new --committee "$(COMMITTEE)" --date "$(DATE)"

serve:
	@scripts/setup.sh build
	$(PY) build.py serve --port $(PORT)

# The handbook on its own, in mkdocs' strict mode; every site build also publishes it under help/.
docs:
	@scripts/setup.sh build
	$(PY) -m mkdocs build --strict --quiet

test:
	@scripts/setup.sh test
	$(PY) -m pytest

bench-serve:
	@scripts/setup.sh test
	$(PY) scripts/bench_serve.py

# Search against Pagefind on a built site: SITE=folder CONFIG=its site_config.yaml (default: this archive).
SITE ?= _site
CONFIG ?= site_config.yaml
bench-search:
	@scripts/setup.sh bench
	@if [ "$(SITE)" = _site ]; then $(PY) build.py --quiet --config $(CONFIG); fi
	$(PY) scripts/bench_search.py $(SITE) --config $(CONFIG)

clean:
	rm -rf _site _handbook .minutebook-cache test-artifacts
