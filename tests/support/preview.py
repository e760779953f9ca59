"""A real `build.py serve` process for tests and benchmarks: started on a free port, read back over
HTTP, and waited on the way a browser waits, through mkdocs' live-reload endpoint."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent.parent
_EPOCH = re.compile(rb"livereload\((\d+), \d+\)")
STARTUP_SECONDS = 60
# Bounds on every wait, so a broken server fails the test instead of hanging it.
REBUILD_SECONDS = 30


@dataclass
class Response:
    status: int
    body: str


@dataclass
class ServeProcess:
    config: Path
    extra_args: tuple[str, ...] = ()
    env: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen | None = None
    url: str = ""
    output: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def __enter__(self) -> ServeProcess:
        self.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def start(self) -> None:
        environment = {**os.environ, "PYTHONUNBUFFERED": "1", **self.env}
        self.process = subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "build.py"),
                "serve",
                "--port",
                "0",
                "--config",
                str(self.config),
                *self.extra_args,
            ],
            cwd=self.config.parent,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        threading.Thread(target=self._collect, args=(self.process.stderr, self.errors), daemon=True).start()
        deadline = time.monotonic() + STARTUP_SECONDS
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.output.append(line)
            match = re.search(r"Previewing the site at (http://\S+)", line)
            if match:
                self.url = match.group(1)
                break
            if time.monotonic() > deadline:
                break
        if not self.url:
            self.stop()
            raise AssertionError("serve did not start:\n" + "".join(self.output) + "".join(self.errors))
        threading.Thread(target=self._collect, args=(self.process.stdout, self.output), daemon=True).start()

    @staticmethod
    def _collect(stream, lines: list[str]) -> None:
        for line in stream:
            lines.append(line)

    def stop(self) -> int:
        """Ctrl+C, as a clerk would; returns the exit code."""
        if self.process is None or self.process.poll() is not None:
            return self.process.returncode if self.process else 0
        self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise AssertionError("serve did not stop on Ctrl+C") from None

    @property
    def origin(self) -> str:
        parts = urlsplit(self.url)
        return f"{parts.scheme}://{parts.netloc}"

    def get(self, path: str = "") -> Response:
        """A page, by its address inside the site (as linked, e.g. 'meetings/2023/')."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=REBUILD_SECONDS) as response:
                return Response(response.status, response.read().decode("utf-8"))
        except urllib.error.HTTPError as error:
            return Response(error.code, error.read().decode("utf-8"))

    def epoch(self) -> int:
        """The version of the site the server shows now (what each served page embeds)."""
        page = self.get()
        match = _EPOCH.search(page.body.encode("utf-8"))
        assert match, "the page has no live-reload script"
        return int(match.group(1))

    def wait_for_reload(self, since: int) -> int:
        """Wait, as the browser's live-reload script does, until the server has a newer site than `since`."""
        deadline = time.monotonic() + REBUILD_SECONDS
        while time.monotonic() < deadline:
            with urllib.request.urlopen(
                f"{self.origin}/livereload/{since}/1", timeout=REBUILD_SECONDS + 5
            ) as response:
                now = int(response.read())
            if now > since:
                return now
        raise AssertionError(
            f"the server did not rebuild within {REBUILD_SECONDS} s:\n"
            + "".join(self.output)
            + "".join(self.errors)
        )

    def edit(self, path: Path, text: str) -> int:
        """Save `text` to `path` and wait until the server has rebuilt; returns the new epoch."""
        before = self.epoch()
        path.write_text(text, encoding="utf-8")
        return self.wait_for_reload(before)
