# Two commands do everything: `make build` builds the site, `make test` runs every test.
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: build test fuzz check new serve docs bench bench-serve bench-search bench-import clean

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

# Long random exploration of the property tests (FUZZ_MINUTES, default 60); `make test` replays
# every failing example it stores in tests/hypothesis-examples/ with a fixed seed.
fuzz:
	@scripts/setup.sh test
	$(PY) scripts/fuzz.py

# Builds synthetic archives of 1,000 and 10,000 meetings with minutebook and with Hugo + Pagefind,
# and prints a table of timings, memory and output size (takes the better part of an hour).
bench:
	@scripts/setup.sh bench
	$(PY) scripts/bench.py

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

# The import measured against the labelled corpus of other councils' minutes (tests/fixtures/import-corpus/):
# precision, recall and F1 per field and per document, dev and held-out apart, then the Coventry seeds.
bench-import:
	@scripts/setup.sh test
	$(PY) scripts/bench_import.py

clean:
	rm -rf _site _handbook .minutebook-cache test-artifacts .bench
