#!/usr/bin/env python3
"""Benchmark: the archive's sharded lunr search against Pagefind, on the same built site, in one run.

    make bench-search                                      the archive in content/
    .venv/bin/python scripts/bench_search.py SITE --config CONFIG

SITE is a site built by build.py from CONFIG (the index build is timed again from CONFIG's
content). Pagefind (`pagefind` from PyPI) indexes a copy of the same site. Both are served from
127.0.0.1 by one static server that compresses text as static hosts do, and each query is opened
in a fresh headless Chromium context (Debian's chromium, empty cache). Per query it measures the
bytes a first search downloads and the time from navigation to the first results on screen;
then index build time and peak memory, and ratios ours / Pagefind.

"Search bytes" are everything but the page's own HTML and stylesheets: scripts (lunr.js and
search.js; pagefind.js and its WebAssembly) and index data (shards and result fragments;
Pagefind's entry, metadata, index chunks, filters and fragments). Both show 10 results.

Answer quality: the resident query set in tests/search/queries.yaml (what residents type and the
results that answer it) is run through both, and the report gives precision at 1 (a right answer
first), mean reciprocal rank and a right answer in the top 5, ours beside Pagefind. A Pagefind
result stands for its best section (its first sub-result) where it has one, so an answer that is
one minute of a meeting is met by that minute only, for both. `--quality` runs only this part.
"""

from __future__ import annotations

import argparse
import gzip
import json
import mimetypes
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.browser import CHROMIUM_ARGS, SiteHandler, chromium_path, serve  # noqa: E402
from tests.support.queryset import (  # noqa: E402
    OURS_DONE,
    Figures,
    figures,
    load_queries,
    normalise,
    our_results,
    rank,
)

# One to three words, common and rare, as residents type them.
QUERIES = (
    "children",
    "council",
    "services",
    "school transport",
    "ofsted 2017",
    "young carers",
    "libraries",
    "early help",
    "social workers",
    "covid",
    "education performance",
    "serious case review",
    "budget",
    "safeguarding",
    "apprenticeships",
    "family hubs",
    "marmot",
)
RESULTS_SHOWN = 10
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")

PAGEFIND_PAGE = (
    """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Pagefind</title><link rel="icon" href="data:,"></head>
<body><ol id="results"></ol>
<script type="module">
const query = new URLSearchParams(location.search).get("q");
const pagefind = await import("../pagefind/pagefind.js");
await pagefind.init();
const search = await pagefind.search(query);
const shown = await Promise.all(search.results.slice(0, %d).map(result => result.data()));
const list = document.getElementById("results");
for (const data of shown) {
  const item = document.createElement("li");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title;
  const excerpt = document.createElement("p");
  excerpt.innerHTML = data.excerpt;
  item.append(link, excerpt);
  // The section the result stands for: the best of its sub-results, as Pagefind's UI links them.
  item.dataset.section = data.sub_results && data.sub_results.length ? data.sub_results[0].url : data.url;
  list.append(item);
}
window.benchDone = search.results.length;
</script></body></html>
"""
    % RESULTS_SHOWN
)

# Records when the results list first gets a child: the moment results are on screen.
FIRST_RESULTS_PROBE = """
window.benchFirstResults = null;
new MutationObserver((mutations, observer) => {
  for (const m of mutations) {
    if (m.target.id === %s && m.target.children.length) {
      window.benchFirstResults = performance.now();
      observer.disconnect();
      return;
    }
  }
}).observe(document, { childList: true, subtree: true });
"""


@dataclass
class QueryRun:
    query: str
    results: int
    search_bytes: int
    total_bytes: int
    requests: int
    milliseconds: float


@dataclass
class Build:
    seconds: float
    peak_mib: float
    files: int
    bytes: int
    note: str = ""


@dataclass
class System:
    name: str
    build: Build
    runs: list[QueryRun] = field(default_factory=list)


class CompressingHandler(SiteHandler):
    """A static host: text compressed on the fly when the browser accepts gzip, files as they are otherwise."""

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and urlsplit(self.path).path.endswith("/"):
            path = path / "index.html"
        kind = "text/javascript" if path.suffix == ".js" else mimetypes.guess_type(path.name)[0] or ""
        if (
            not path.is_file()
            or not kind.startswith(COMPRESSED_TYPES)
            or "gzip" not in self.headers.get("Accept-Encoding", "")
        ):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else ""))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def run_measured(command: list[str], **kwargs) -> tuple[float, float, str]:
    """Run a command; wall seconds, peak resident memory in MiB (largest process), and its output."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kwargs)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"bench: {' '.join(command)} failed:\n{output}")
    return elapsed, usage.ru_maxrss / 1024, output


OUR_BUILD = """
import json, sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
from minutebook.cli import council_today
from minutebook.config import load_config
from minutebook.diagnostics import Diagnostics
from minutebook.resolve import resolve_site
from minutebook.search import search_files
from minutebook.validate import validate_site
diagnostics = Diagnostics()
config = load_config(Path({config!r}), diagnostics)
today = council_today(config)
validated = validate_site(config, today, diagnostics)
archive = resolve_site(validated, config.municipal_year_start_month, today, diagnostics).archive
started = time.perf_counter()
files = search_files(archive)
print(json.dumps({{"seconds": time.perf_counter() - started, "files": len(files), "bytes": sum(map(len, files.values())), "meetings": len(archive.meetings)}}))
"""


def build_ours(config: Path) -> Build:
    _, peak, output = run_measured(
        [sys.executable, "-c", OUR_BUILD.format(root=str(ROOT), config=str(config.resolve()))]
    )
    result = json.loads(output.strip().splitlines()[-1])
    return Build(
        result["seconds"],
        peak,
        result["files"],
        result["bytes"],
        f"index stage on {result['meetings']} meetings; peak includes the loaded archive",
    )


def build_pagefind(site: Path) -> Build:
    from pagefind_bin import get_executable

    seconds, peak, _ = run_measured(
        [str(get_executable()), "--site", str(site), "--output-subdir", "pagefind", "--quiet"]
    )
    files = [p for p in (site / "pagefind").rglob("*") if p.is_file()]
    return Build(
        seconds, peak, len(files), sum(p.stat().st_size for p in files), "pagefind --site over the built HTML"
    )


def measure_query(browser, url: str, results_id: str, done: str) -> tuple[int, int, int, int, float]:
    """One first query in a fresh context: results shown, search bytes, all bytes, requests, ms to first results."""
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(FIRST_RESULTS_PROBE % json.dumps(results_id))
    finished = []  # Context events include the requests of Pagefind's web worker.
    context.on("requestfinished", lambda request: finished.append(request))
    page.goto(url)
    page.wait_for_function(done, timeout=60000)
    page.wait_for_load_state("networkidle")
    results = page.evaluate(f"document.querySelectorAll('#{results_id} > li').length")
    milliseconds = page.evaluate("window.benchFirstResults") or page.evaluate("performance.now()")
    transferred = []
    for request in finished:
        sizes = request.sizes()
        transferred.append((request.resource_type, sizes["responseBodySize"] + sizes["responseHeadersSize"]))
    context.close()
    search_bytes = sum(size for kind, size in transferred if kind not in ("document", "stylesheet"))
    return results, search_bytes, sum(size for _, size in transferred), len(transferred), milliseconds


PAGEFIND_DONE = "() => window.benchDone !== undefined"


def measure(browser, system: System, base: str, queries: tuple[str, ...], repeat: int) -> None:
    for query in queries:
        if system.name == "ours":
            url, results_id, done = f"{base}search/?q={quote(query)}", "search-results", OURS_DONE
        else:
            url, results_id, done = f"{base}pagefind-bench/?q={quote(query)}", "results", PAGEFIND_DONE
        runs = [measure_query(browser, url, results_id, done) for _ in range(repeat)]
        results, search_bytes, total, requests, _ = runs[0]
        system.runs.append(
            QueryRun(query, results, search_bytes, total, requests, statistics.median(run[4] for run in runs))
        )


def quality(browser, base: str) -> tuple[dict[str, Figures], list[tuple[str, int | None, int | None]]]:
    """Both systems over the resident query set: their figures, and each query's rank of its first right answer."""
    queries = load_queries()
    context = browser.new_context()
    page = context.new_page()
    ours, theirs = [], []
    for query in queries:
        ours.append(rank(our_results(page, base, query.q), query))
        page.goto(f"{base}pagefind-bench/?q={quote(query.q)}")
        page.wait_for_function(PAGEFIND_DONE, timeout=60000)
        sections = page.eval_on_selector_all("#results > li", "items => items.map(li => li.dataset.section)")
        theirs.append(rank([normalise(url, base) for url in sections], query))
    context.close()
    return {"ours": figures(ours), "Pagefind": figures(theirs)}, [
        (q.q, a, b) for q, a, b in zip(queries, ours, theirs, strict=True)
    ]


def quality_report(scores: dict[str, Figures], ranks: list[tuple[str, int | None, int | None]]) -> str:
    lines = [f"Answer quality on {len(ranks)} resident questions (tests/search/queries.yaml)", ""]
    lines += [f"{name:<10} {score}" for name, score in scores.items()]
    missed = [(q, a, b) for q, a, b in ranks if a != 1]
    if missed:
        lines += ["", "not first with ours (rank ours / Pagefind; - for not in the first 10):"]
        lines += [f"  {q:<50} {a or '-':>3} / {b or '-'}" for q, a, b in missed]
    return "\n".join(lines)


def kib(size: float) -> str:
    return f"{size / 1024:,.1f} KB"


def ratio(ours: float, theirs: float) -> str:
    return f"{ours / theirs:.2f}" if theirs else "-"


def report(ours: System, pagefind: System, site: Path) -> str:
    lines = [f"Search benchmark on {site} ({len(ours.runs)} queries, first query each, cold cache)", ""]
    header = f"{'query':<24} {'ours bytes':>12} {'Pagefind bytes':>15} {'ratio':>6}   {'ours ms':>8} {'Pagefind ms':>12} {'ratio':>6}   {'results (ours/Pagefind)':>23}"
    lines += [header, "-" * len(header)]
    for mine, theirs in zip(ours.runs, pagefind.runs, strict=True):
        lines.append(
            f"{mine.query:<24} {kib(mine.search_bytes):>12} {kib(theirs.search_bytes):>15} {ratio(mine.search_bytes, theirs.search_bytes):>6}"
            f"   {mine.milliseconds:>8.0f} {theirs.milliseconds:>12.0f} {ratio(mine.milliseconds, theirs.milliseconds):>6}   {mine.results:>11} / {theirs.results:<9}"
        )
    lines.append("-" * len(header))
    for label, pick in (("median", statistics.median), ("worst", max)):
        mine_bytes, their_bytes = (
            pick(r.search_bytes for r in ours.runs),
            pick(r.search_bytes for r in pagefind.runs),
        )
        mine_ms, their_ms = (
            pick(r.milliseconds for r in ours.runs),
            pick(r.milliseconds for r in pagefind.runs),
        )
        lines.append(
            f"{label:<24} {kib(mine_bytes):>12} {kib(their_bytes):>15} {ratio(mine_bytes, their_bytes):>6}   {mine_ms:>8.0f} {their_ms:>12.0f} {ratio(mine_ms, their_ms):>6}"
        )
    lines += [
        "",
        "total bytes (with the page's HTML and CSS), median: "
        f"ours {kib(statistics.median(r.total_bytes for r in ours.runs))}, Pagefind {kib(statistics.median(r.total_bytes for r in pagefind.runs))}",
        "",
    ]
    lines.append(f"{'index build':<24} {'seconds':>10} {'peak MiB':>10} {'files':>8} {'size on disk':>14}")
    for system in (ours, pagefind):
        b = system.build
        lines.append(
            f"{system.name:<24} {b.seconds:>10.2f} {b.peak_mib:>10.0f} {b.files:>8} {kib(b.bytes):>14}   {b.note}"
        )
    lines.append(
        f"{'ratio ours / Pagefind':<24} {ratio(ours.build.seconds, pagefind.build.seconds):>10} {ratio(ours.build.peak_mib, pagefind.build.peak_mib):>10}"
    )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], epilog="See the module docstring for what is measured."
    )
    parser.add_argument("site", type=Path, help="a site built by build.py")
    parser.add_argument(
        "--config",
        type=Path,
        default=ROOT / "site_config.yaml",
        help="the site_config.yaml the site was built from (default: the project's)",
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per query; the median time is reported (default 3)"
    )
    parser.add_argument(
        "--query", action="append", help="a query to run instead of the fixed set (repeatable)"
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument(
        "--quality", action="store_true", help="measure answer quality on the resident query set only"
    )
    args = parser.parse_args(argv)
    if not (args.site / "search" / "meta.json.gz").is_file():
        parser.error(f"{args.site} is not a site built by build.py (no search/meta.json.gz)")
    executable = chromium_path()
    if not executable:
        parser.error("Debian's chromium is needed (apt-get install chromium)")
    queries = tuple(args.query) if args.query else QUERIES

    if not args.quality:
        print("bench: building our index ...", file=sys.stderr)
        ours = System("ours", build_ours(args.config))
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "site"
        shutil.copytree(args.site, copy)
        print("bench: running Pagefind over a copy of the site ...", file=sys.stderr)
        pagefind = System("Pagefind", build_pagefind(copy))
        (copy / "pagefind-bench").mkdir()
        (copy / "pagefind-bench" / "index.html").write_text(PAGEFIND_PAGE, encoding="utf-8")
        from playwright.sync_api import sync_playwright

        with serve(copy, "/", CompressingHandler) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=executable, args=CHROMIUM_ARGS, headless=True
            )
            print("bench: resident query set with both ...", file=sys.stderr)
            scores, ranks = quality(browser, base)
            if not args.quality:
                for system in (ours, pagefind):
                    print(
                        f"bench: {len(queries)} queries x {args.repeat} with {system.name} ...",
                        file=sys.stderr,
                    )
                    measure(browser, system, base, queries, args.repeat)
            browser.close()
    if not args.quality:
        print(report(ours, pagefind, args.site))
        print()
    print(quality_report(scores, ranks))
    if args.json:
        data = {"quality": {name: score.__dict__ for name, score in scores.items()}, "ranks": ranks}
        if not args.quality:
            data.update(
                {
                    s.name: {"build": s.build.__dict__, "runs": [r.__dict__ for r in s.runs]}
                    for s in (ours, pagefind)
                }
            )
        args.json.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
