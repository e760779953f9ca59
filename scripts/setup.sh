#!/usr/bin/env bash
# Set up what `make build` (setup.sh build), `make test` (setup.sh test) or the benchmarks
# (setup.sh bench) need, and say clearly what is missing when it cannot. Safe to run again:
# it only does what is not done.
set -euo pipefail
cd "$(dirname "$0")/.."
purpose=${1:-build}
venv=${VENV:-.venv}
python=${PYTHON:-python3}

fail() { echo "setup: $*" >&2; exit 1; }
is_root() { [ "$(id -u)" = 0 ]; }
apt_install() {
  is_root || return 1
  command -v apt-get >/dev/null || return 1
  echo "setup: installing $* with apt-get" >&2
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1; then
    apt-get update -qq >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1 || return 1
  fi
}

command -v "$python" >/dev/null || fail "$python is not installed; install Python 3.11 or newer (Debian: apt-get install python3)"
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || fail "Python 3.11 or newer is needed; $("$python" --version) found"

if [ ! -x "$venv/bin/python" ]; then
  if ! "$python" -m venv "$venv" >/dev/null 2>&1; then
    rm -rf "$venv"
    apt_install python3-venv || fail "cannot create a virtual environment; install python3-venv (Debian: apt-get install python3-venv)"
    "$python" -m venv "$venv"
  fi
fi

# Each file holds only what its purpose adds (every pin is written once), so the tests install the
# build's requirements too, and the benchmarks the tests'. The tests also build the package
# (tests/quality/test_package.py), with the setuptools pinned in pyproject.toml's [build-system].
files=(requirements.txt)
[ "$purpose" = test ] && files+=(requirements-dev.txt)
[ "$purpose" = bench ] && files+=(requirements-dev.txt requirements-bench.txt)
requirements=()
for file in "${files[@]}"; do requirements+=(-r "$file"); done
if [ "$purpose" != build ]; then
  while IFS= read -r requirement; do requirements+=("$requirement"); done < <(
    "$venv/bin/python" -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"]))')
fi
stamp="$venv/.installed-$(printf '%s\n' "${requirements[@]}" | cat - "${files[@]}" | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "${requirements[@]}" \
    || fail "pip could not install ${files[*]}; check the connection to the package index"
  touch "$stamp"
fi

if [ "$purpose" = test ] || [ "$purpose" = bench ]; then
  # Browser tests use Debian's chromium (never a downloaded browser); the HTML validator needs Java.
  command -v chromium >/dev/null || apt_install chromium fonts-liberation \
    || fail "chromium is not installed and cannot be installed here (run as root, or: sudo apt-get install chromium)"
  command -v java >/dev/null || apt_install default-jre-headless \
    || fail "java is not installed and cannot be installed here (run as root, or: sudo apt-get install default-jre-headless)"
fi

if [ "$purpose" = test ]; then
  # Lighthouse scores pages for SEO in the browser tests: the npm packages package-lock.json pins.
  command -v npm >/dev/null || apt_install nodejs npm \
    || fail "npm is not installed and cannot be installed here (run as root, or: sudo apt-get install nodejs npm)"
  # npm ci empties node_modules first, so the stamp goes whenever the packages are reinstalled.
  npm_stamp="node_modules/.installed-$(sha256sum package-lock.json | cut -c1-16)"
  if [ ! -f "$npm_stamp" ]; then
    npm ci --no-audit --no-fund --loglevel=error \
      || fail "npm could not install package-lock.json; check the connection to the npm registry"
    touch "$npm_stamp"
  fi
fi
