"""A progress line on the terminal for long builds: shown only when stderr is a terminal and the
build is not running under CI, so logs and pipes stay quiet."""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO


def wanted(stream: TextIO = sys.stderr) -> bool:
    return stream.isatty() and os.environ.get("CI", "").lower() not in ("1", "true", "yes")


class Progress:
    def __init__(self, enabled: bool, stream: TextIO = sys.stderr):
        self.enabled = enabled
        self.stream = stream
        self.label = ""
        self.total = 0
        self.done = 0
        self._shown = 0.0

    def start(self, label: str, total: int) -> None:
        self.label, self.total, self.done = label, total, 0
        self._show(force=True)

    def advance(self, count: int = 1) -> None:
        self.done += count
        self._show(force=self.done >= self.total)

    def finish(self) -> None:
        if self.enabled and self.label:
            self.stream.write("\r\033[K")
            self.stream.flush()
        self.label = ""

    def _show(self, force: bool) -> None:
        if not self.enabled or not self.total:
            return
        now = time.monotonic()
        if not force and now - self._shown < 0.1:
            return
        self._shown = now
        self.stream.write(f"\r\033[K{self.label}: {self.done:,} of {self.total:,} ({100 * self.done // self.total}%)")
        self.stream.flush()


QUIET = Progress(False)
