#!/usr/bin/env python3
"""How long a clerk waits between saving a file and seeing it in the browser under `build.py serve`.

Measured in Debian's chromium: a page is open, a file is saved, and the clock stops when the new
text is on the page (the live-reload script has reloaded it). The peer, in the same run, is
`mkdocs serve` on this project's handbook, the same live-reload server doing the same job for
mkdocs' own site. A cold `build.py` run is printed for scale.

    .venv/bin/python scripts/bench_serve.py [--rounds 10]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.support.preview import ServeProcess  # noqa: E402

BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
SEED_PAGE = "meetings/2023/2023-03-16-scrutiny-board-2/"
SEED_FILE = "content/meetings/2023/2023-03-16-scrutiny-board-2.md"
SEED_TEXT = "The Board considered a briefing note of the Director of Children's Services regarding the Early Years Strategy."


def edit_to_reload(page, url: str, path: Path, original: str, anchor: str, rounds: int) -> list[float]:
    """Seconds from saving an edit to seeing it in the open page, for each round."""
    page.goto(url)
    times = []
    for round_number in range(rounds):
        marker = f"Edited for round {round_number} of the benchmark."
        path.write_text(original.replace(anchor, f"{anchor} {marker}", 1), encoding="utf-8")
        started = time.perf_counter()
        page.wait_for_function(f"document.body.innerText.includes({marker!r})", timeout=60_000, polling="raf")
        times.append(time.perf_counter() - started)
        time.sleep(0.3)  # let the watcher settle before the next save
    path.write_text(original, encoding="utf-8")
    return times


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def mkdocs_serve(folder: Path, port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    for line in process.stderr:
        if "Serving on" in line:
            return process
    raise SystemExit("mkdocs serve did not start")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=10)
    rounds = parser.parse_args().rounds

    with tempfile.TemporaryDirectory(prefix="bench-serve-") as scratch:
        archive, handbook = Path(scratch) / "archive", Path(scratch) / "handbook"
        archive.mkdir()
        shutil.copytree(ROOT / "content", archive / "content")
        shutil.copy(ROOT / "site_config.yaml", archive / "site_config.yaml")
        shutil.copytree(ROOT / "docs", handbook / "docs")
        shutil.copytree(ROOT / "templates" / "handbook", handbook / "templates" / "handbook")
        shutil.copy(ROOT / "mkdocs.yml", handbook / "mkdocs.yml")

        cold = []
        for _ in range(3):
            shutil.rmtree(archive / "_site", ignore_errors=True)
            started = time.perf_counter()
            subprocess.run(
                [sys.executable, str(ROOT / "build.py"), "--quiet"],
                cwd=archive,
                check=True,
                stderr=subprocess.DEVNULL,
            )
            cold.append(time.perf_counter() - started)

        seed_file = archive / SEED_FILE
        seed_original = seed_file.read_text(encoding="utf-8")
        doc_file = handbook / "docs" / "index.md"
        doc_original = doc_file.read_text(encoding="utf-8")
        doc_anchor = re.search(r"^The council meetings archive turns .*$", doc_original, flags=re.M).group(0)

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", headless=True, args=BROWSER_ARGS
            )
            page = browser.new_page()
            with ServeProcess(archive / "site_config.yaml") as server:
                ours = edit_to_reload(
                    page, server.url + SEED_PAGE, seed_file, seed_original, SEED_TEXT, rounds
                )
            port = free_port()
            peer_process = mkdocs_serve(handbook, port)
            try:
                peer = edit_to_reload(
                    page, f"http://127.0.0.1:{port}/", doc_file, doc_original, doc_anchor, rounds
                )
            finally:
                peer_process.terminate()
                peer_process.wait(timeout=20)
            browser.close()

    meetings = len(list((ROOT / "content" / "meetings").glob("*/*.md")))
    print(f"edit -> reload in chromium, {rounds} rounds each, median (min-max):")
    print(
        f"  build.py serve, seed archive ({meetings} meetings): {statistics.median(ours):.2f} s ({min(ours):.2f}-{max(ours):.2f})"
    )
    print(
        f"  mkdocs serve, the handbook ({len(list((ROOT / 'docs').glob('*.md')))} pages):  {statistics.median(peer):.2f} s ({min(peer):.2f}-{max(peer):.2f})"
    )
    print(f"  ratio serve / mkdocs serve: {statistics.median(ours) / statistics.median(peer):.2f}")
    print(
        f"cold 'build.py' of the seed archive (new process, empty output), median of 3: {statistics.median(cold):.2f} s"
    )
    print(f"  ratio edit->reload / cold build: {statistics.median(ours) / statistics.median(cold):.2f}")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
